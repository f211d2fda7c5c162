import Foundation
import Search

/// What `hpo clean` deletes from a finished part of a run, decided from the trials alone:
///
/// - the checkpoints, artifacts and working directory (`work/`, the trial's own copy of the
///   workspace) of every finished trial outside the `keepBest` best succeeded ones (best by
///   the run's goal; ties to the earlier trial);
/// - with `logs`, also `stdout.log` and `stderr.log` of those trials, except trials that
///   failed, timed out, errored, were invalid or reported no metric: their logs say why;
/// - never anything of an unfinished trial (a queued, preempted or retrying trial needs
///   its checkpoints to go on), the metrics files, run.db, results.csv or the workspace.
public struct RetentionPlan: Hashable, Sendable {
    /// One file, link or directory to delete, with the bytes it frees.
    public struct Deletion: Hashable, Sendable {
        /// The trial it belongs to.
        public var trial: Int
        /// Absolute path.
        public var path: String
        /// Bytes freed (for a directory, of everything inside on the same file system; 0 for
        /// a symbolic link, whose target is never touched).
        public var bytes: Int64
        /// True for a symbolic link: the link goes, what it points to stays.
        public var isLink: Bool
        /// The run's directory, which deleting never leaves.
        var runDirectory: String
        /// The path below `runDirectory` (`trials/3/checkpoints/epoch3.pt`).
        var relative: String
    }

    /// Something of a trial that the plan leaves alone, and why.
    public struct Skip: Hashable, Sendable {
        /// Absolute path.
        public var path: String
        /// Why it stays.
        public var reason: String
    }

    /// The trials kept whole, best first.
    public var kept: [Int]
    /// What goes, by trial then path.
    public var deletions: [Deletion]
    /// What would have gone but is on another file system (a mount point below the trial).
    public var skipped: [Skip]
    /// Bytes freed in all.
    public var bytes: Int64 { deletions.reduce(0) { $0 + $1.bytes } }

    /// The plan for `trials` of the run in `layout`.
    public init(trials: [TrialRecord], goal: Goal, layout: RunLayout, keepBest: Int, logs: Bool) {
        let ranked = trials.filter { $0.state == .succeeded && $0.objective != nil }
            .sorted { a, b in
                let (x, y) = (a.objective!, b.objective!)
                if x != y { return goal == .minimize ? x < y : x > y }
                return a.number < b.number
            }
        kept = ranked.prefix(max(0, keepBest)).map(\.number)
        let keep = Set(kept)
        let explainsAFailure: Set<TrialState> = [.failed, .timeout, .error, .invalid, .noMetric]
        deletions = []
        skipped = []
        // Paths below the run's directory: a trial that swapped its own directory for a link
        // is not followed either.
        let tree = ConfinedTree(base: layout.directory)
        for trial in trials.sorted(by: { $0.number < $1.number }) where trial.state.isFinal && !keep.contains(trial.number) {
            let directory = "trials/\(trial.number)"
            var entries: [String] = []
            for kept in ["checkpoints", "artifacts"].map({ directory + "/" + $0 }) {
                switch tree.kind(of: kept) {
                case .directory: entries += RetentionPlan.entries(of: kept, in: layout.directory)
                case .link, .file: entries.append(kept)  // a link to scratch storage: the link goes
                case .mountPoint: skipped.append(Skip(path: layout.directory + "/" + kept, reason: RetentionPlan.mountReason))
                case .missing: break
                }
            }
            // The trial's own copy of the workspace (and one cut off while being made): the
            // code it ran and what it wrote where it ran; nothing resumes a finished trial there.
            entries += ["work", "work.partial"].map { directory + "/" + $0 }.filter { tree.kind(of: $0) != .missing }
            if logs && !explainsAFailure.contains(trial.state) {
                entries += ["stdout.log", "stderr.log"].map { directory + "/" + $0 }.filter { tree.kind(of: $0) != .missing }
            }
            for entry in entries {
                let kind = tree.kind(of: entry)
                let path = layout.directory + "/" + entry
                if kind == .mountPoint {
                    skipped.append(Skip(path: path, reason: RetentionPlan.mountReason))
                    continue
                }
                deletions.append(Deletion(trial: trial.number, path: path, bytes: tree.bytes(of: entry),
                                          isLink: kind == .link, runDirectory: layout.directory, relative: entry))
            }
        }
    }

    static let mountReason = "a mount point: hpo clean does not cross into another file system"

    /// Deletes what the plan lists, never following a symbolic link or crossing a mount
    /// (`ConfinedTree`): a link is removed, not what it points to. A trial's `artifacts/` or
    /// `checkpoints/` that was a link comes back as an empty directory, as a trial finds it.
    /// Returns the paths that could not be deleted, with why.
    public func apply() -> [(path: String, reason: String)] {
        var failures: [(String, String)] = []
        for deletion in deletions {
            let tree = ConfinedTree(base: deletion.runDirectory)
            do throws(ConfinedTree.Refusal) {
                try tree.remove(deletion.relative)
                let name = deletion.relative.split(separator: "/")
                if deletion.isLink && name.count == 3 && ["checkpoints", "artifacts"].contains(name[2]) {
                    tree.makeDirectory(deletion.relative)
                }
            } catch {
                failures.append((deletion.path, error.reason))
            }
        }
        return failures
    }

    /// The entries inside `directory` of a trial (the directory itself stays: the trial
    /// contract promises it exists), as paths below the run's directory.
    static func entries(of directory: String, in runDirectory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runDirectory + "/" + directory)) ?? []
        return names.sorted().map { directory + "/" + $0 }
    }
}
