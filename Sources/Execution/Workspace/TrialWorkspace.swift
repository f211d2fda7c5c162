import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Every trial of a run in a directory of its own: `trials/<n>/work`, made as a copy
/// (`WorkspaceClone`: a reflink where the file system has them) of the run's workspace
/// snapshot before the trial's first attempt, and kept for its later attempts — a script
/// that resumes from `./checkpoint.pt` finds its own, never another trial's, and two trials
/// side by side never write the same file.
///
/// The copy is made under `work.partial` and renamed to `work` once complete, so a `work`
/// that exists is whole, whatever stopped hpo while copying; a `work.partial` left behind is
/// removed and made again.
public struct TrialWorkspace: Codable, Hashable, Sendable {
    /// The run's snapshot (`<run>/workspace`), what every trial's copy starts as.
    public var snapshot: String
    /// Where trials start relative to the snapshot's root ("" for the root itself): the
    /// place the sweep was started from inside the workspace.
    public var start: String

    /// Trials copying `snapshot` and starting at `start` inside their copy.
    public init(snapshot: String, start: String) {
        self.snapshot = snapshot
        self.start = start
    }

    /// The directory trial `trial` starts in: `start` inside its copy.
    public func workingDirectory(of trial: TrialLayout) -> String {
        start.isEmpty ? trial.work : RunLayout.join(trial.work, start)
    }

    /// Makes the trial's copy unless it exists; returns what was copied, or nil when the copy
    /// was there already (an earlier attempt's, with what that attempt wrote).
    @discardableResult
    public func prepare(_ trial: TrialLayout) throws(WorkspaceError) -> WorkspaceClone? {
        var info = stat()
        if stat(trial.work, &info) == 0 { return nil }
        let partial = trial.work + ".partial"
        if lstat(partial, &info) == 0 {
            do {
                try FileManager.default.removeItem(atPath: partial)
            } catch {
                throw .copyFailed(path: partial, reason: "a copy left unfinished cannot be removed: \(error.localizedDescription)")
            }
        }
        let clone = try WorkspaceClone.make(from: snapshot, at: partial)
        guard rename(partial, trial.work) == 0 else {
            throw .copyFailed(path: trial.work, reason: String(cString: strerror(errno)))
        }
        return clone
    }
}
