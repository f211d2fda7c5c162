/// Why a batch scheduler ended a job when the job did not simply exit: the part of a Slurm
/// job state that an exit code cannot say.
///
/// What becomes of the trial (see `AttemptVerdict`):
///
/// | Slurm state                  | end            | trial                                    |
/// |------------------------------|----------------|------------------------------------------|
/// | TIMEOUT, DEADLINE            | `.timeLimit`   | `timeout`                                |
/// | CANCELLED (not by hpo)       | `.cancelled`   | `cancelled`: someone meant it            |
/// | OUT_OF_MEMORY                | `.outOfMemory` | `failed` (retried within `--retries`)    |
/// | NODE_FAIL, BOOT_FAIL         | `.nodeFailure` | `preempted`: requeued as the next attempt |
/// | PREEMPTED                    | `.preempted`   | `preempted`                              |
/// | forgotten with no exit file  | `.lost`        | `preempted`                              |
///
/// COMPLETED and FAILED are plain exits (`Termination.exited`), classified like local ones.
/// When hpo itself stopped the job (early stopping, `hpo cancel`, a trial timeout), hpo's
/// reason decides, whatever the scheduler says.
public enum SchedulerEnd: String, Sendable, Hashable, Codable, CustomStringConvertible {
    case timeLimit = "time_limit"
    case cancelled
    case outOfMemory = "out_of_memory"
    case nodeFailure = "node_failure"
    case preempted
    case lost

    /// The trial's final state, or nil when the trial runs again as its next attempt.
    public var finalState: TrialState? {
        switch self {
        case .timeLimit: .timeout
        case .cancelled: .cancelled
        case .outOfMemory: .failed
        case .nodeFailure, .preempted, .lost: nil
        }
    }

    /// What happened, for the trial's explanation.
    public var explanation: String {
        switch self {
        case .timeLimit: "the scheduler's time limit ended the job (Slurm TIMEOUT)"
        case .cancelled: "the job was cancelled outside hpo (scancel or an administrator)"
        case .outOfMemory: "the job ran out of memory (Slurm OUT_OF_MEMORY)"
        case .nodeFailure: "the job's node failed (Slurm NODE_FAIL)"
        case .preempted: "the scheduler preempted the job (Slurm PREEMPTED)"
        case .lost: "the scheduler no longer knows the job and it left no exit status"
        }
    }

    public var description: String { explanation }
}
