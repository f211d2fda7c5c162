/// Median stopping (Google Vizier's rule, Optuna's `MedianPruner`, Ray Tune's
/// `MedianStoppingRule`): stop a trial whose best value so far is strictly worse than the
/// median of the other trials' best values at the same step.
///
/// At the trial's latest step t:
/// - the trial's score is its best value over its points at steps ≤ t, NaN ignored (NaN
///   only when every value is NaN — then the trial is stopped: it is behind everyone);
/// - another trial takes part when it has reached step t (its latest step is ≥ t) and has a
///   point at or before t; its score is its best value at steps ≤ t. Running, finished and
///   stopped trials all count, so a trial is judged against everyone who got that far;
/// - the cutoff is the median of those scores (NaN ranks worst; an even count takes the
///   midpoint of the two middle scores), and the trial stops when its score is strictly
///   worse. A tie continues.
///
/// Nothing is stopped at steps below `warmupSteps`, nor while fewer than `minTrials` other
/// trials have reached the step. Comparing best with best (rather than the latest value)
/// keeps one noisy report from stopping a trial, and tolerates trials that report at
/// different steps.
public struct MedianStopping: EarlyStopping {
    public var name: String { EarlyStoppingRule.median.rawValue }

    /// Points at steps below this are never stopped.
    public let warmupSteps: Int
    /// How many other trials must have reached the step before any trial is stopped.
    public let minTrials: Int

    /// Creates the rule.
    /// - Throws: `EarlyStoppingError.invalidOption` for a negative warm-up or `minTrials` < 1.
    public init(warmupSteps: Int = 0, minTrials: Int = 5) throws {
        try EarlyStoppingRule.median.check("warmup_steps", Double(warmupSteps))
        try EarlyStoppingRule.median.check("min_trials", Double(minTrials))
        self.warmupSteps = warmupSteps
        self.minTrials = minTrials
    }

    /// Each trial's best value through every reported step past the warm-up.
    public var comparison: EarlyStoppingComparison { .bestThroughStep(fromStep: warmupSteps) }

    /// Reads the other trials' best values at the latest step from `history`'s index of that
    /// step: a binary search and a median by position.
    public func decide(_ trial: LearningCurve, history: CurveHistory) -> EarlyStoppingDecision {
        let goal = history.goal
        func decision(_ stop: Bool, _ reason: EarlyStoppingDecision.Reason, step: Int? = nil, value: Double? = nil,
                      cutoff: Double? = nil, compared: Int? = nil) -> EarlyStoppingDecision {
            EarlyStoppingDecision(shouldStop: stop, rule: name, trial: trial.trial, step: step, value: value,
                                  cutoff: cutoff, comparedTrials: compared, reason: reason)
        }
        guard let latest = trial.latest else { return decision(false, .noPoints) }
        let t = latest.step
        if t < warmupSteps {
            return decision(false, .warmingUp(untilStep: warmupSteps), step: t, value: latest.value)
        }
        let best = trial.best(through: t, goal: goal)!  // the latest point is at t
        if best.isNaN { return decision(true, .notANumber, step: t, value: best) }

        let scores = history.bestValues(through: t, cohort: cohort(ofTrial: trial.trial), excluding: trial.trial)
        if scores.count < minTrials {
            return decision(false, .tooFewTrials(needed: minTrials), step: t, value: best, compared: scores.count)
        }
        let cutoff = Self.median(ofSorted: scores)
        return decision(goal.badness(best) > cutoff, .comparedWithMedian, step: t, value: best,
                        cutoff: goal.value(ofBadness: cutoff), compared: scores.count)
    }

    public func nextDecisionStep(after step: Int?, trial: Int) -> Int? {
        guard let step else { return warmupSteps }
        return step == .max ? nil : max(step + 1, warmupSteps)
    }

    /// The median of `sorted` (ascending, non-empty): the middle element, or the midpoint of the
    /// two middle elements. The midpoint of −∞ and +∞ is not a number; it is taken as +∞ so that
    /// a comparison "strictly worse than the median" never holds on it.
    static func median(ofSorted sorted: RankedValues.Ranking) -> Double {
        let n = sorted.count
        if n % 2 == 1 { return sorted[n / 2] }
        let a = sorted[n / 2 - 1], b = sorted[n / 2]
        if a == b { return a }
        // a/2 + b/2 rather than (a + b)/2: the sum of two large finite values may overflow.
        let m = a / 2 + b / 2
        return m.isNaN ? .infinity : m
    }
}
