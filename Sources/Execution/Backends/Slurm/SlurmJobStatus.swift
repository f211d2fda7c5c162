import Foundation
/// Where a Slurm job is, from one line of
/// `squeue --states=all -h -O 'JobID:|,State:|,exit_code:|,Reason:'`, e.g.
/// `4242|FAILED|1024|NonZeroExitCode` (the exit code is the raw wait status: exit 4).
///
/// | Slurm state                                             | status                    |
/// |---------------------------------------------------------|---------------------------|
/// | PENDING, CONFIGURING, REQUEUED, REQUEUE_HOLD, REQUEUE_FED, RESV_DEL_HOLD, SUSPENDED (before start) | `.pending` |
/// | RUNNING, COMPLETING, SUSPENDED, STOPPED, SIGNALING, STAGE_OUT, RESIZING | `.running` |
/// | COMPLETED, FAILED, SPECIAL_EXIT                          | `.ended(.exited / .signaled)` from the status |
/// | TIMEOUT, DEADLINE                                        | `.ended(.scheduler(.timeLimit))` |
/// | CANCELLED, REVOKED                                       | `.ended(.scheduler(.cancelled))` |
/// | OUT_OF_MEMORY                                            | `.ended(.scheduler(.outOfMemory))` |
/// | NODE_FAIL, BOOT_FAIL                                     | `.ended(.scheduler(.nodeFailure))` |
/// | PREEMPTED                                                | `.ended(.scheduler(.preempted))` |
public enum SlurmJobStatus: Sendable, Hashable {
    /// Waiting in the queue, with Slurm's reason (`Priority`, `Resources`).
    case pending(reason: String)
    /// Running (or finishing).
    case running
    /// Over.
    case ended(Termination)

    /// The status a state name and raw exit status give; nil for a state hpo does not know.
    public init?(state: String, rawExitStatus: Int32, reason: String) {
        switch state {
        case "PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD":
            self = .pending(reason: reason)
        case "RUNNING", "COMPLETING", "SUSPENDED", "STOPPED", "SIGNALING", "STAGE_OUT", "RESIZING":
            self = .running
        case "COMPLETED", "FAILED", "SPECIAL_EXIT":
            self = .ended(Termination(waitStatus: rawExitStatus))
        case "TIMEOUT", "DEADLINE": self = .ended(.scheduler(.timeLimit))
        case "CANCELLED", "REVOKED": self = .ended(.scheduler(.cancelled))
        case "OUT_OF_MEMORY": self = .ended(.scheduler(.outOfMemory))
        case "NODE_FAIL", "BOOT_FAIL": self = .ended(.scheduler(.nodeFailure))
        case "PREEMPTED": self = .ended(.scheduler(.preempted))
        default: return nil
        }
    }

    /// The jobs of an `squeue` output, by id; lines that do not parse are skipped (a state
    /// of a newer Slurm: the job is asked about again at the next poll).
    public static func parse(squeueOutput: String) -> [String: SlurmJobStatus] {
        var statuses: [String: SlurmJobStatus] = [:]
        for line in squeueOutput.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 4, !fields[0].isEmpty,
                  let status = SlurmJobStatus(state: fields[1], rawExitStatus: Int32(fields[2]) ?? 0, reason: fields[3])
            else { continue }
            statuses[fields[0]] = status
        }
        return statuses
    }

    /// True once the job is over.
    public var hasEnded: Bool {
        if case .ended = self { return true }
        return false
    }
}
