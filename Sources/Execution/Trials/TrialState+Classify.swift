extension TrialState {
    /// The exit code with which a trial declares its configuration infeasible.
    public static let infeasibleExitCode: Int32 = 3

    /// The final state of a trial whose process has ended.
    ///
    /// - Parameters:
    ///   - exitCode: the code the process exited with, or nil when it did not exit by itself
    ///     (killed by a signal, or its status is unavailable). A backend's
    ///     `Termination.exitCode` fits here.
    ///   - reportedObjective: whether the trial reported the objective metric at least once
    ///     (a non-finite value counts as reported).
    ///   - cause: why hpo stopped it, if it did.
    ///
    /// Rules, in order: hpo's stop cause decides when there is one (timeout and stall →
    /// `timeout`, cancel → `cancelled`, prune → `pruned`, converge → `succeeded`, or
    /// `no_metric` without the objective); exit 3 → `invalid`; exit 0 → `succeeded` with the
    /// objective, `no_metric` without; anything else → `failed`.
    /// An `interrupt` gives `cancelled` here, the only final state that fits; the controller
    /// does not ask: `AttemptVerdict` records such a trial `preempted`.
    public static func final(exitCode: Int32?, reportedObjective: Bool, cause: StopCause) -> TrialState {
        switch cause {
        case .timeout, .stall: return .timeout
        case .cancel, .interrupt: return .cancelled
        case .prune: return .pruned
        // Stopped for having stopped improving: finished, however the process took SIGTERM.
        case .converge: return reportedObjective ? .succeeded : .noMetric
        case .none: break
        }
        switch exitCode {
        case 0?: return reportedObjective ? .succeeded : .noMetric
        case infeasibleExitCode?: return .invalid
        default: return .failed
        }
    }
}
