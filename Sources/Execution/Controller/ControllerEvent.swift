import Foundation

/// What the controller tells its observer as a sweep goes: enough for a progress line, a
/// log, or a live view.
public enum ControllerEvent: Sendable {
    /// A trial's process started.
    case launched(trial: Int, configuration: Configuration, slots: SlotGrant)
    /// A trial reached a final state (its record as stored).
    case finished(TrialRecord)
    /// A trial's attempt ended without ending the trial (`retrying` or `preempted`): it is
    /// queued again and runs as `attempt`; `note` says what happened.
    case requeued(trial: Int, attempt: Int, after: TrialState, note: String)
    /// hpo is stopping a trial, and why (`timeout`, `stall`, `cancel`, `prune`).
    case stopping(trial: Int, cause: StopCause, explanation: String)
    /// A trial wrote metric lines hpo skipped.
    case metricWarning(trial: Int, warning: MetricWarning)
    /// Nothing more will be launched; running trials finish.
    case draining(reason: String)
    /// Something the person at the terminal should read.
    case notice(String)
    /// The counts changed: for a progress line.
    case progress(ControllerProgress)
}

/// Where a sweep stands.
public struct ControllerProgress: Sendable, Hashable {
    /// Trials in a final state.
    public var finished: Int
    /// Trials running now.
    public var running: Int
    /// Trials the budget still allows beyond the running and finished ones.
    public var remaining: Int
    /// The best objective so far, if any trial succeeded.
    public var best: Double?
    /// The trial that reached it.
    public var bestTrial: Int?
    /// Mean seconds per finished trial.
    public var meanDuration: Double?
    /// How many trials run at once at most.
    public var capacity: Int

    /// Seconds until the budget is spent, assuming trials keep their mean duration.
    public var estimatedSecondsLeft: Double? {
        guard let meanDuration, capacity > 0 else { return nil }
        let waves = (Double(remaining + running) / Double(capacity)).rounded(.up)
        return waves * meanDuration
    }
}
