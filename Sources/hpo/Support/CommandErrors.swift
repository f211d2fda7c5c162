import Execution

// The errors hpo's commands throw of their own. Each says its exit status; `HPO.main` is the
// one place that prints an error and exits.

/// The machine stood in the way of a command that was right: a report that cannot be
/// written, a port that cannot be served, a controller job Slurm refused.
struct RunFailure: FaultError, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A new run could not be made for a reason of the machine (a full disk); `Sweep.start` has
/// taken away what it made, so nothing of the run is left to resume.
struct RunNotCreated: FaultError, CustomStringConvertible {
    /// What failed.
    let cause: any Error

    var description: String {
        // The store's own words for a full disk point to hpo resume, which has no run here.
        if case RunStoreError.diskFull(let path) = cause {
            return "cannot create the run: the disk holding \(path) is full; nothing of the run was kept: "
                + "free some space and start it again"
        }
        return "cannot create the run: \(cause); nothing of the run was kept"
    }
}

/// A run that ended without completing. Its summary has said how, so nothing more is
/// printed: the exit code alone says it (1 failed, 130 cancelled).
struct RunEnded: ExitStatusError {
    let state: RunState

    var exitStatus: ExitStatus {
        switch state {
        case .completed: .completed
        case .cancelled: .cancelled
        case .failed, .running, .interrupted: .runFailed
        }
    }
}
