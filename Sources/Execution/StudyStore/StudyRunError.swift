/// Why a `Study` could not be kept in, or resumed from, an hpo run. Messages say what to call.
public enum StudyRunError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Another process has the run open (a study, `hpo search` or `hpo resume`).
    case inUse(run: String, holder: String)
    /// The run holds another study: another space, goal, seed, constraints or strategy.
    case differentStudy(run: String, differences: [String])
    /// The run's directory exists but holds no run.db.
    case notARun(path: String)
    /// The storage was closed (`RunStudyStorage.close()`).
    case closed(run: String)

    public var description: String {
        switch self {
        case .inUse(let run, let holder):
            return "run '\(run)' is open in another process (\(holder)): a run is driven by one process at a time; "
                + "let it end, or open the study under another run name"
        case .differentStudy(let run, let differences):
            return "run '\(run)' holds another study than the one given (- stored, + given):\n"
                + differences.joined(separator: "\n")
                + "\nopen it with the space, goal, seed, constraints and strategy it was created with, "
                + "or give the new study another run name"
        case .notARun(let path):
            return "\(path) exists but holds no run (no run.db); remove it, or open the study under another run name"
        case .closed(let run):
            return "run '\(run)' was closed (RunStudyStorage.close()); open the study again to go on"
        }
    }
}
