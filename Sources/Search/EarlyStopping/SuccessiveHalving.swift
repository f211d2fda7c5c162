/// Asynchronous successive halving, ASHA (Li et al., "A System for Massively Parallel
/// Hyperparameter Tuning", MLSys 2020), with the semantics of Optuna's
/// `SuccessiveHalvingPruner` and Ray Tune's `ASHAScheduler`.
///
/// Steps are the resource. Rung k sits at step r·η^k (r = `minResource`, η =
/// `reductionFactor`), for every k with r·η^k below `maxResource` when one is set — a trial
/// at `maxResource` has had its full budget, so no rung sits there. A trial reaches a rung
/// with its first point at a step ≥ the rung's step, and the value of that point is its
/// value recorded at the rung.
///
/// When a trial reaches rung k, its value v joins the values recorded at rung k by every
/// trial that reached it so far — running, finished and stopped ones alike, n values in all,
/// counting v. The trial continues only if v is among the best ⌊n/η⌋ of them (at least the
/// best one), that is, no worse than the ⌊n/η⌋-th best value, the cutoff; ties continue.
/// A NaN value never continues (NaN ranks worst; a diverged trial earns no promotion).
/// Between rungs nothing changes: the trial continues until its next rung, where the next
/// decision is made. A point that passes several rungs at once is judged at each in turn.
///
/// The verdicts are Optuna's (checked report by report against Optuna 5.0.0 on simulated
/// asynchronous studies), with two choices of hpo's that a pure function of the curves
/// makes: NaN values recorded at a rung count there, ranked worst (Optuna leaves them out,
/// so they do not enlarge n); and a trial counts at every rung its reports passed, even when
/// one report passed two rungs and the trial was stopped at the lower one (Optuna records
/// it at the lower rung only).
///
/// `maxResource` does not stop trials — the training command decides how long it runs; it
/// only bounds the rungs (set it to the trial's full length). Without it, rungs go on.
public struct SuccessiveHalving: EarlyStopping {
    public var name: String { EarlyStoppingRule.asha.rawValue }

    /// The rungs: r·η^k below `maxResource`.
    public var resources: ResourceLadder? {
        ResourceLadder(minResource: minResource, reductionFactor: reductionFactor, maxResource: maxResource)
    }

    /// The step of the first rung: every trial runs at least this far.
    public let minResource: Int
    /// η: rungs are η times further apart each, and the top 1/η at a rung continue.
    public let reductionFactor: Int
    /// The steps a full trial runs; rungs lie strictly below it. Nil: rungs go on.
    public let maxResource: Int?

    /// The first rung when none is given: a tenth of `maxResource` (at least 1), so that with
    /// η = 3 three rungs lie below the full length; 1 without `maxResource`. Judging trials
    /// after their first report is cheap but noisy: on the README's digits sweep it lost the
    /// best trial in 18–84% of launch orders, a tenth in 4–8% (README, "asha").
    public static func defaultMinResource(maxResource: Int?) -> Int {
        max(1, (maxResource ?? 0) / 10)
    }

    /// Creates the rule; `minResource` nil takes `defaultMinResource(maxResource:)`.
    /// - Throws: `EarlyStoppingError.invalidOption` for `minResource` < 1, `reductionFactor`
    ///   < 2, or `maxResource` not above `minResource`.
    public init(minResource: Int? = nil, reductionFactor: Int = 3, maxResource: Int? = nil) throws {
        let minResource = minResource ?? Self.defaultMinResource(maxResource: maxResource)
        let rule = EarlyStoppingRule.asha
        try rule.check("min_resource", Double(minResource))
        try rule.check("reduction_factor", Double(reductionFactor))
        if let maxResource {
            try rule.check("max_resource", Double(maxResource))
            guard maxResource > minResource else {
                throw EarlyStoppingError.invalidOption(
                    rule: rule.rawValue, option: "max_resource", value: Double(maxResource),
                    requirement: "an integer greater than min_resource (\(minResource))")
            }
        }
        self.init(unchecked: minResource, reductionFactor, maxResource)
    }

    /// Creates the rule without checks: Hyperband's last bracket may have its first rung at
    /// `maxResource` itself, and so no rung at all.
    init(unchecked minResource: Int, _ reductionFactor: Int, _ maxResource: Int?) {
        self.minResource = minResource
        self.reductionFactor = reductionFactor
        self.maxResource = maxResource
    }

    /// The step of rung `index` (r·η^index), nil when it lies at or beyond `maxResource` or
    /// beyond the largest `Int`.
    public func rungStep(_ index: Int) -> Int? {
        guard index >= 0 else { return nil }
        var step = minResource
        for _ in 0..<index {
            let (next, overflow) = step.multipliedReportingOverflow(by: reductionFactor)
            if overflow { return nil }
            step = next
        }
        if let maxResource, step >= maxResource { return nil }
        return step
    }

    /// The rungs at steps ≤ `step`, in order.
    public func rungs(through step: Int) -> [EarlyStoppingDecision.Rung] {
        var out: [EarlyStoppingDecision.Rung] = []
        while let s = rungStep(out.count), s <= step { out.append(.init(index: out.count, step: s)) }
        return out
    }

    /// Every rung, in order, when `maxResource` bounds them; nil when rungs go on.
    public var allRungs: [EarlyStoppingDecision.Rung]? {
        maxResource.map { rungs(through: $0) }
    }

    /// The value with which each trial reached each rung.
    public var comparison: EarlyStoppingComparison { .valueReachingRungs }

    /// Reads the values recorded at each rung the latest point passed from `history`'s index
    /// of that rung: a binary search and a cutoff by position.
    public func decide(_ trial: LearningCurve, history: CurveHistory) -> EarlyStoppingDecision {
        decide(trial, history: history, cohort: 0)
    }

    /// Decides against the trials of `cohort` (Hyperband's bracket).
    func decide(_ trial: LearningCurve, history: CurveHistory, cohort: Int) -> EarlyStoppingDecision {
        let goal = history.goal
        func decision(_ stop: Bool, _ reason: EarlyStoppingDecision.Reason, step: Int? = nil, value: Double? = nil,
                      cutoff: Double? = nil, compared: Int? = nil,
                      rung: EarlyStoppingDecision.Rung? = nil) -> EarlyStoppingDecision {
            EarlyStoppingDecision(shouldStop: stop, rule: name, trial: trial.trial, step: step, value: value,
                                  cutoff: cutoff, comparedTrials: compared, rung: rung, reason: reason)
        }
        guard let latest = trial.latest else { return decision(false, .noPoints) }
        let previous = trial.points.count >= 2 ? trial.points[trial.points.count - 2].step : nil
        let passed = rungs(through: latest.step).filter { $0.step > previous ?? .min }
        guard !passed.isEmpty else {
            return decision(false, .betweenRungs(nextRungStep: nextDecisionStep(after: latest.step, trial: trial.trial)),
                            step: latest.step, value: latest.value)
        }
        let v = latest.value
        var last: EarlyStoppingDecision?
        for rung in passed {
            if v.isNaN { return decision(true, .notANumber, step: latest.step, value: v, rung: rung) }
            // The values recorded at this rung, the trial's own included, best first (as
            // losses, NaN last).
            let recorded = history.valuesReaching(rung.step, cohort: cohort, excluding: trial.trial, adding: goal.loss(v))
            let kept = max(1, recorded.count / reductionFactor)
            let cutoff = goal.value(ofBadness: recorded[kept - 1])
            last = decision(goal.badness(v) > goal.badness(cutoff),
                            .comparedAtRung(reductionFactor: reductionFactor, kept: kept),
                            step: latest.step, value: v, cutoff: cutoff, compared: recorded.count, rung: rung)
            if last!.shouldStop { break }
        }
        return last!  // `passed` is not empty
    }

    /// The next rung strictly after `step` (the first rung when `step` is nil); nil when no
    /// rung is left.
    public func nextDecisionStep(after step: Int?, trial: Int) -> Int? {
        var index = 0
        while let s = rungStep(index) {
            if s > step ?? .min { return s }
            index += 1
        }
        return nil
    }
}
