/// Stop a trial whose latest value is strictly worse than a fixed bound — above it when
/// minimizing, below it when maximizing — once past its warm-up (Optuna's
/// `ThresholdPruner` with one bound on the side the goal makes bad).
///
/// A NaN value stops the trial at any step, warm-up included: a loss that became NaN does not
/// come back, and GPU time spent on it is lost. An infinite value is judged like any other
/// (+∞ is worse than every bound when minimizing). A value equal to the bound continues.
///
/// Its stops are `prune` decisions, as Optuna's: a trial worse than the acceptable bound is
/// unacceptable, not finished, so it is never the best trial.
public struct ThresholdStopping: EarlyStopping {
    public var name: String { EarlyStoppingRule.threshold.rawValue }

    /// The worst acceptable value.
    public let bound: Double
    /// Points at steps below this are judged only for NaN.
    public let warmupSteps: Int

    /// Creates the rule.
    /// - Throws: `EarlyStoppingError.invalidOption` for a bound that is not finite or a
    ///   negative warm-up.
    public init(bound: Double, warmupSteps: Int = 0) throws {
        try EarlyStoppingRule.threshold.check("bound", bound)
        try EarlyStoppingRule.threshold.check("warmup_steps", Double(warmupSteps))
        self.bound = bound
        self.warmupSteps = warmupSteps
    }

    /// Reads only the trial's own latest point.
    public func decide(_ trial: LearningCurve, history: CurveHistory) -> EarlyStoppingDecision {
        let goal = history.goal
        func decision(_ stop: Bool, _ reason: EarlyStoppingDecision.Reason, step: Int? = nil,
                      value: Double? = nil, cutoff: Double? = nil) -> EarlyStoppingDecision {
            EarlyStoppingDecision(shouldStop: stop, rule: name, trial: trial.trial, step: step, value: value,
                                  cutoff: cutoff, reason: reason)
        }
        guard let latest = trial.latest else { return decision(false, .noPoints) }
        let (t, v) = (latest.step, latest.value)
        if v.isNaN { return decision(true, .notANumber, step: t, value: v) }
        if t < warmupSteps { return decision(false, .warmingUp(untilStep: warmupSteps), step: t, value: v) }
        return decision(goal.badness(v) > goal.badness(bound), .comparedWithBound, step: t, value: v, cutoff: bound)
    }

    /// Any step: a NaN is stopped even during the warm-up.
    public func nextDecisionStep(after step: Int?, trial: Int) -> Int? {
        guard let step else { return .min }
        return step == .max ? nil : step + 1
    }
}
