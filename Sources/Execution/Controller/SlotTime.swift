import Foundation

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
