import Foundation

/// Early stopping, live: each new point of a trial's objective is judged by the rule
/// against the other trials' curves as they stand (read from the history's index of the
/// point's step or rung), the moment it is read (inotify wakes the
/// loop within a fraction of a millisecond of the write).
extension Controller {
    /// Adds the objective's points to the trial's curve and, with a rule, asks it about each
    /// new point in order (a rule like ASHA judges a point against the trials that reached
    /// its rung so far, so points read together are replayed one by one). A stop decision
    /// starts the teardown with the rule's explanation.
    func judge(_ number: Int, points: [MetricPoint], now: ContinuousClock.Instant) {
        let objective = points.filter { $0.name == spec.metric.name }
        guard !objective.isEmpty else { return }
        let before = curves[number]?.points.count ?? 0
        for p in objective { curves.append(trial: number, step: p.step, value: p.value) }
        guard let rule = options.earlyStopping, running[number]?.stopCause == StopCause.none,
              let curve = curves[number] else { return }
        // A repeated step replaces its point: then the count does not grow, and the last
        // point is judged again. The history holds the trial's own points; the rule leaves
        // them out.
        for count in min(before + 1, curve.points.count)...curve.points.count {
            let decision = rule.decide(curve.prefix(count), history: curves)
            if decision.shouldStop {
                stop(number, cause: decision.kind == .converge ? .converge : .prune,
                     explanation: decision.message(metric: spec.metric.name), now: now)
                return
            }
        }
    }
}

/// Slot time spent by finished trials, for the run's summary: how much the sweep used, and
/// an estimate of what early stopping saved.
public struct SlotTime: Sendable, Hashable {
    /// A trial early stopping ended: pruned, or found converged (patience).
    public struct EarlyStop: Sendable, Hashable {
        /// How long it ran.
        public var seconds: Double
        /// The slots it held.
        public var slots: Int
        /// True when it stopped improving (`succeeded`), false when pruned.
        public var converged: Bool
    }

    /// Slot-seconds of every finished trial (a trial on 2 GPUs for 10 s counts 20).
    public private(set) var used = 0.0
    /// Seconds of trials that ran to their end with an objective, one entry each, per slot.
    public private(set) var completeRuns: [Double] = []
    /// The trials early stopping ended.
    public private(set) var stoppedEarly: [EarlyStop] = []

    /// Counts one finished trial; `converged` when early stopping ended it as converged.
    public mutating func record(state: TrialState, seconds: Double, slots: Int, converged: Bool = false) {
        used += seconds * Double(slots)
        if converged {
            stoppedEarly.append(EarlyStop(seconds: seconds, slots: slots, converged: true))
        } else if state == .succeeded {
            completeRuns.append(seconds)
        } else if state == .pruned {
            stoppedEarly.append(EarlyStop(seconds: seconds, slots: slots, converged: false))
        }
    }

    /// How many trials were pruned.
    public var pruned: Int { stoppedEarly.filter { !$0.converged }.count }
    /// How many trials were stopped as converged.
    public var converged: Int { stoppedEarly.filter(\.converged).count }

    /// What stopping early saved, in slot-seconds: for each trial early stopping ended, the
    /// median length of the trials that ran to their end minus how long it ran (never
    /// negative), times its slots. Nil when no trial ran to its end to compare with.
    public var estimatedSaved: Double? {
        guard !completeRuns.isEmpty else { return nil }
        let sorted = completeRuns.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2]
                                           : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        return stoppedEarly.reduce(0) { $0 + max(0, median - $1.seconds) * Double($1.slots) }
    }
}
