/// Where a trial is in its life. Every change is stored in the run store with a timestamp.
///
///     created → queued → starting → running → succeeded | failed | pruned | timeout |
///                                              cancelled | no_metric | invalid | error
///     starting | running → preempted → queued   (the next attempt of the same trial)
///     running → retrying → queued                (a failed attempt retried, `--retries`)
///
/// The raw values are the words `hpo status`, the store and results.csv use.
public enum TrialState: String, Hashable, Sendable, CaseIterable, Codable {
    /// Suggested by the strategy and recorded; not yet waiting for slots.
    case created
    /// Waiting for free slots.
    case queued
    /// Slots acquired and recorded; the process is being spawned.
    case starting
    /// The process runs.
    case running
    /// Exited 0 after reporting the objective metric.
    case succeeded
    /// Exited with a code other than 0 or 3, or was killed by a signal hpo did not send.
    case failed
    /// Stopped early by hpo because its learning curve was hopeless.
    case pruned
    /// Stopped by hpo because it ran past its time limit or stopped reporting (stall).
    case timeout
    /// Stopped (or never started) because a person or the run asked to cancel it.
    case cancelled
    /// Exited 0 without ever reporting the objective metric.
    case noMetric = "no_metric"
    /// Exited with code 3: the trial declares its configuration infeasible.
    case invalid
    /// hpo could not run it: its own fault (spawn machinery, files, store), not the trial's.
    case error
    /// Taken away by the system (node lost, batch preemption, hpo restarted): it is queued
    /// again as the next attempt of the same trial.
    case preempted
    /// Its attempt failed and `--retries` allows another: it is queued again as the next
    /// attempt of the same trial (the failure is not final, the strategy does not hear it).
    case retrying

    /// True for the states a trial ends in: no transition leaves them, and the strategy
    /// hears the outcome of exactly these.
    public var isFinal: Bool {
        switch self {
        case .succeeded, .failed, .pruned, .timeout, .cancelled, .noMetric, .invalid, .error: true
        case .created, .queued, .starting, .running, .preempted, .retrying: false
        }
    }

    /// True while the trial holds slots (a process exists or is about to).
    public var holdsSlots: Bool { self == .starting || self == .running }

    /// The states this one may move to.
    public var successors: Set<TrialState> {
        switch self {
        case .created: [.queued, .cancelled, .error]
        case .queued: [.starting, .cancelled, .error]
        // A spawn that fails on the trial's side (command not found) is `failed`, on hpo's
        // side `error`; a controller restart finds a half-started trial `preempted`.
        case .starting: [.running, .failed, .error, .cancelled, .preempted]
        case .running: [.succeeded, .failed, .pruned, .timeout, .cancelled, .noMetric, .invalid, .error, .preempted,
                        .retrying]
        case .preempted, .retrying: [.queued, .cancelled, .error]
        case .succeeded, .failed, .pruned, .timeout, .cancelled, .noMetric, .invalid, .error: []
        }
    }

    /// True when a trial in `from` may move to `to`. Staying in the same state is not a
    /// transition.
    public static func canTransition(from: TrialState, to: TrialState) -> Bool {
        from.successors.contains(to)
    }

    /// True when a trial in this state may move to `next`.
    public func canTransition(to next: TrialState) -> Bool {
        TrialState.canTransition(from: self, to: next)
    }
}

extension TrialState: CustomStringConvertible {
    /// The stored word: `no_metric`, `succeeded`, …
    public var description: String { rawValue }
}
