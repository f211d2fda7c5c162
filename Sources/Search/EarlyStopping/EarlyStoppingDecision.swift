/// What an early-stopping rule decided for a trial, with everything needed to explain it in
/// the logs: the rule, the step (and rung), the value judged, the cutoff it was held
/// against and how many trials were compared. `message(metric:)` renders it as one line.
public struct EarlyStoppingDecision: Equatable, Sendable {
    /// A rung of successive halving: its number (0 for the first) and the step it sits at.
    public struct Rung: Hashable, Sendable {
        /// 0 for the first rung, 1 for the next, …
        public var index: Int
        /// The step (resource) of the rung.
        public var step: Int

        /// Creates a rung.
        public init(index: Int, step: Int) {
            self.index = index
            self.step = step
        }
    }

    /// Why the rule decided as it did.
    public enum Reason: Equatable, Sendable {
        /// The trial has reported nothing yet: continue.
        case noPoints
        /// The trial is in its warm-up (steps below `untilStep`): continue.
        case warmingUp(untilStep: Int)
        /// Fewer trials to compare with than `needed`: continue.
        case tooFewTrials(needed: Int)
        /// The value judged is NaN (for median: every value so far is): stop.
        case notANumber
        /// Successive halving decides only when a trial reaches a rung; the latest point
        /// reached none. `nextRungStep` is the next rung, nil when none is left: continue.
        case betweenRungs(nextRungStep: Int?)
        /// The trial's best value was held against the median of the other trials' best
        /// values at the same step; stopped when strictly worse.
        case comparedWithMedian
        /// At a rung, the trial's value was held against the `kept`-th best value recorded at
        /// that rung (the top 1/`reductionFactor`, at least one); stopped when strictly worse.
        case comparedAtRung(reductionFactor: Int, kept: Int)
        /// The latest value was held against a fixed bound; stopped when strictly worse.
        case comparedWithBound
        /// The last improvement of at least `minDelta` was at `sinceStep`; stopped once
        /// `patience` steps passed without another.
        case patience(sinceStep: Int, patience: Int, minDelta: Double)
    }

    /// What a stop makes of a trial: the user's view of why it ended.
    public enum Kind: Hashable, Sendable {
        /// Judged hopeless — worse than the other trials (median, asha, hyperband) or than an
        /// acceptable bound (threshold). The executor records it `pruned`; it is never the
        /// best trial, and a strategy hears its last value as a pruned one.
        case prune
        /// Done: it stopped improving (patience), the way Keras' and Lightning's
        /// `EarlyStopping` end training. The executor records it `succeeded` with the best
        /// value it reported (Keras' `restore_best_weights`), eligible to be the best trial.
        case converge
    }

    /// True when the trial should be stopped now.
    public var shouldStop: Bool
    /// What the stop makes of the trial (meaningful when `shouldStop`): `prune`, except for
    /// `patience`, whose stops are `converge`.
    public var kind: Kind
    /// The rule's name: `median`, `asha`, `hyperband`, `threshold`, `patience`.
    public var rule: String
    /// The trial decided on.
    public var trial: Int
    /// The trial's latest step, nil when it has reported nothing.
    public var step: Int?
    /// The value judged: the latest value, the best so far (median), or the value recorded
    /// at the rung (successive halving).
    public var value: Double?
    /// What the value was held against: the median, the rung's cutoff, the bound, or the
    /// best value to improve on (patience).
    public var cutoff: Double?
    /// How many trials took part in the comparison (for successive halving, including this
    /// one; for median, the others), nil when none was made.
    public var comparedTrials: Int?
    /// The rung the decision was made at (successive halving and Hyperband).
    public var rung: Rung?
    /// The Hyperband bracket of the trial.
    public var bracket: Int?
    /// Why.
    public var reason: Reason

    /// Creates a decision.
    public init(shouldStop: Bool, rule: String, trial: Int, step: Int?, value: Double? = nil,
                cutoff: Double? = nil, comparedTrials: Int? = nil, rung: Rung? = nil,
                bracket: Int? = nil, reason: Reason, kind: Kind = .prune) {
        self.shouldStop = shouldStop
        self.kind = kind
        self.rule = rule
        self.trial = trial
        self.step = step
        self.value = value
        self.cutoff = cutoff
        self.comparedTrials = comparedTrials
        self.rung = rung
        self.bracket = bracket
        self.reason = reason
    }
}
