import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

/// How a trial's leading process ended, as the operating system reports it.
///
/// The controller classifies this into a trial state (exit 0 → succeeded or no_metric,
/// exit 3 → invalid, other exits → failed, a signal sent by a teardown → cancelled or
/// timeout); the backend only reports what happened.
public enum Termination: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The process called `exit(code)` or returned `code` from main (0...255).
    case exited(Int32)
    /// The process was ended by signal number `signal` (SIGKILL is 9, SIGSEGV 11, SIGTERM 15).
    case signaled(Int32)
    /// The process is gone but its status could not be read: another waiter in this
    /// process reaped it, or hpo was not its parent (a trial reattached after a restart).
    case unavailable
    /// A batch scheduler ended the job for a reason of its own (Slurm's TIMEOUT, CANCELLED,
    /// OUT_OF_MEMORY, NODE_FAIL, PREEMPTED, …); the exit code, if any, means little then.
    case scheduler(SchedulerEnd)

    /// Decodes a raw `waitpid` status word.
    public init(waitStatus status: Int32) {
        if hpo_wifsignaled(status) != 0 {
            self = .signaled(hpo_wtermsig(status))
        } else {
            self = .exited(hpo_wexitstatus(status))
        }
    }

    /// The exit code, or nil when the process did not exit by itself.
    public var exitCode: Int32? {
        if case .exited(let code) = self { return code }
        return nil
    }

    /// `exit 7`, `killed by SIGSEGV (11)`, `ended, status unavailable`.
    public var description: String {
        switch self {
        case .exited(let code): "exit \(code)"
        case .signaled(let signal): "killed by \(Termination.signalName(signal)) (\(signal))"
        case .unavailable: "ended, status unavailable"
        case .scheduler(let end): end.description
        }
    }

    /// The conventional name of a signal number (`SIGTERM`), or `signal N` when unknown.
    public static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL",
            SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE",
            SIGKILL: "SIGKILL", SIGUSR1: "SIGUSR1", SIGSEGV: "SIGSEGV", SIGUSR2: "SIGUSR2",
            SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM", SIGXCPU: "SIGXCPU",
            SIGXFSZ: "SIGXFSZ", SIGSYS: "SIGSYS",
        ]
        return names[signal] ?? "signal \(signal)"
    }
}
