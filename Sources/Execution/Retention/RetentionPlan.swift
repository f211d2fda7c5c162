import Foundation
import Search

/// What `hpo clean` deletes from a finished part of a run, decided from the trials alone:
///
/// - the checkpoints and artifacts of every finished trial outside the `keepBest` best
///   succeeded ones (best by the run's goal; ties to the earlier trial);
/// - with `logs`, also `stdout.log` and `stderr.log` of those trials, except trials that
///   failed, timed out, errored, were invalid or reported no metric: their logs say why;
/// - never anything of an unfinished trial (a queued, preempted or retrying trial needs
///   its checkpoints to go on), the metrics files, run.db, results.csv or the workspace.
public struct RetentionPlan: Hashable, Sendable {
    /// One file or directory to delete, with the bytes it frees.
    public struct Deletion: Hashable, Sendable {
        /// The trial it belongs to.
        public var trial: Int
        /// Absolute path.
        public var path: String
        /// Bytes freed (for a directory, of everything inside).
        public var bytes: Int64
    }

    /// The trials kept whole, best first.
    public var kept: [Int]
    /// What goes, by trial then path.
    public var deletions: [Deletion]
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
        for trial in trials.sorted(by: { $0.number < $1.number }) where trial.state.isFinal && !keep.contains(trial.number) {
            let files = layout.trial(trial.number)
            var paths = RetentionPlan.entries(of: files.checkpoints) + RetentionPlan.entries(of: files.artifacts)
            if logs && !explainsAFailure.contains(trial.state) {
                paths += [files.stdout, files.stderr].filter { FileManager.default.fileExists(atPath: $0) }
            }
            for path in paths {
                deletions.append(Deletion(trial: trial.number, path: path, bytes: RetentionPlan.size(of: path)))
            }
        }
    }

    /// Deletes what the plan lists; returns the paths that could not be deleted, with why.
    public func apply() -> [(path: String, reason: String)] {
        var failures: [(String, String)] = []
        for deletion in deletions {
            do {
                try FileManager.default.removeItem(atPath: deletion.path)
            } catch {
                failures.append((deletion.path, error.localizedDescription))
            }
        }
        return failures
    }

    /// The entries inside `directory` (the directory itself stays: the trial contract
    /// promises it exists).
    static func entries(of directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().map { directory + "/" + $0 }
    }

    /// Bytes of a file, or of every regular file below a directory (links not followed).
    static func size(of path: String) -> Int64 {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return 0 }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            return Artifact.files(below: path, relative: "").reduce(0) { $0 + $1.1 }
        }
        return (attributes[.size] as? NSNumber)?.int64Value ?? 0
    }
}
