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
    /// How long each running trial has run so far, in seconds (a batch job waiting in the
    /// scheduler's queue counts 0).
    public var elapsed: [Double] = []

    /// Seconds until the last trial ends, assuming every trial takes the mean duration: each
    /// running trial has the mean minus what it has run left (at least 0), and the trials still
    /// to start take the slots as they free up. Nil before any trial finished, and when the
    /// only trials left have run past the mean (there is no honest figure then: a stale "ETA
    /// 0.0s" would be worse than none).
    public var estimatedSecondsLeft: Double? {
        guard let meanDuration, capacity > 0, remaining + running > 0 else { return nil }
        var slots = elapsed.prefix(capacity).map { max(0, meanDuration - $0) }
        // Running trials whose times are unknown count as just started.
        slots += Array(repeating: meanDuration, count: max(0, min(running, capacity) - slots.count))
        slots += Array(repeating: 0, count: max(0, capacity - slots.count))
        for _ in 0..<remaining {
            let next = slots.indices.min { slots[$0] < slots[$1] }!
            slots[next] += meanDuration
        }
        let left = slots.max() ?? 0
        return left >= 0.05 ? left : nil
    }
}
