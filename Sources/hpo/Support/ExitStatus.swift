import Execution
import Foundation

/// hpo's exit codes (README, "Exit codes"): 0 done; 1 when hpo itself could not do its work —
/// the disk full, a file it writes refused, a damaged store — or a run did not complete;
/// 2 when what the person gave is wrong (options, sweep file, names); 130 cancelled.
enum ExitStatus {
    /// The code for an error that stopped a command.
    static func code(for error: any Error) -> Int32 {
        isEnvironmentFailure(error) ? 1 : 2
    }

    /// True for a failure of the machine or of hpo's own files, which no change of the
    /// command line fixes.
    static func isEnvironmentFailure(_ error: any Error) -> Bool {
        switch error {
        case is RunLayoutError, is ResultsFileError, is CocoaError, is POSIXError, is RunNotCreated:
            return true
        case let error as SweepError:
            switch error {
            case .unwritable, .unreadable: return true
            case .runExists, .runNotFound, .notARun: return false
            }
        case let error as WorkspaceError:
            if case .notADirectory = error { return false }  // a wrong --workspace
            return true                                       // a copy that failed: the disk, a permission
        case let error as ResumeError:
            if case .workspaceMissing = error { return true }
            return false
        case let error as RunStoreError:
            switch error {
            case .runNotFound, .runExists, .notARun, .trialNotFound, .trialExists: return false
            default: return true
            }
        default:
            return false
        }
    }
}

/// A new run could not be made for a reason of the machine (a full disk); `Sweep.start` has
/// taken away what it made, so nothing of the run is left to resume.
struct RunNotCreated: Error, CustomStringConvertible {
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
