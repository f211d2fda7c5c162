/// Early stopping for in-process drivers: after each `report(step:value:)`, ask whether the
/// trial should stop, as Optuna's `trial.should_prune()`.
extension Study {
    /// The early-stopping rule's verdict on `trial`'s latest reported point, judged against
    /// every other trial's curve (running and finished), read from the study's
    /// `CurveHistory` (kept as points are reported). `nil` when the study has no rule.
    ///
    /// Call it once after each report: rules like ASHA judge a point against the trials that
    /// reached the same rung so far. To act on a stop, tell the trial `.pruned(value: nil)`
    /// when the decision's `kind` is `.prune`; when it is `.converge` (patience: the trial
    /// stopped improving), it has finished: tell it its best value.
    public func stoppingDecision(for trial: Trial) -> EarlyStoppingDecision? {
        guard let rule = earlyStopping else { return nil }
        // Decided under the lock: a copy of the history would be copied again by the next
        // report, and rules are quick.
        return locked {
            rule.decide(stoppingHistory[trial.number] ?? LearningCurve(trial: trial.number), history: stoppingHistory)
        }
    }

    /// True when the study's early-stopping rule says `trial` should stop now.
    public func shouldStop(_ trial: Trial) -> Bool {
        stoppingDecision(for: trial)?.shouldStop ?? false
    }
}
