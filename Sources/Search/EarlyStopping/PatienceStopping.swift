/// Stop a trial that has gone `patience` steps without improving by at least `minDelta`
/// (Keras' and PyTorch Lightning's `EarlyStopping`, counted in steps rather than reports).
///
/// Points at steps below `warmupSteps` are ignored altogether. The first point after the
/// warm-up is the reference; a later value replaces it when it is better by at least
/// `minDelta` (and by more than nothing, so an equal value is never an improvement). A
/// value better by less than `minDelta` does not move the reference, as in Keras. The trial
/// stops at its latest step t when t − (the reference's step) ≥ `patience`.
///
/// Patience counts steps, not reports: a trial reporting every 100 steps with patience 500
/// stops after 5 reports without improvement. NaN ranks worst: it is never an improvement,
/// and any number improves on a NaN reference.
///
/// Its stops are `converge` decisions: a trial that stopped improving has finished, as
/// with Keras' `EarlyStopping`. The executor records it `succeeded` with the best value it
/// reported, so a run of patience-stopped trials still has a best trial.
public struct PatienceStopping: EarlyStopping {
    public var name: String { EarlyStoppingRule.patience.rawValue }

    /// How many steps a trial may go without improving.
    public let patience: Int
    /// The smallest change that counts as an improvement.
    public let minDelta: Double
    /// Points at steps below this are ignored.
    public let warmupSteps: Int

    /// Creates the rule.
    /// - Throws: `EarlyStoppingError.invalidOption` for `patience` < 1, a negative or
    ///   infinite `minDelta`, or a negative warm-up.
    public init(patience: Int, minDelta: Double = 0, warmupSteps: Int = 0) throws {
        let rule = EarlyStoppingRule.patience
        try rule.check("patience", Double(patience))
        try rule.check("min_delta", minDelta)
        try rule.check("warmup_steps", Double(warmupSteps))
        self.patience = patience
        self.minDelta = minDelta
        self.warmupSteps = warmupSteps
    }

    /// Reads only the trial's own curve.
    public func decide(_ trial: LearningCurve, history: CurveHistory) -> EarlyStoppingDecision {
        let goal = history.goal
        guard let latest = trial.latest else {
            return EarlyStoppingDecision(shouldStop: false, rule: name, trial: trial.trial, step: nil, reason: .noPoints)
        }
        if latest.step < warmupSteps {
            return EarlyStoppingDecision(shouldStop: false, rule: name, trial: trial.trial, step: latest.step,
                                         value: latest.value, reason: .warmingUp(untilStep: warmupSteps))
        }
        var reference = latest
        var found = false
        for p in trial.points where p.step >= warmupSteps {
            guard found else { reference = p; found = true; continue }
            // gain = how much better p is than the reference; NaN (∞ − ∞) is no gain.
            let gain = goal.badness(reference.value) - goal.badness(p.value)
            if gain > 0 && gain >= minDelta { reference = p }
        }
        // t − reference step, saturating: steps far apart must not overflow.
        let (waited, overflow) = latest.step.subtractingReportingOverflow(reference.step)
        return EarlyStoppingDecision(
            shouldStop: overflow || waited >= patience, rule: name, trial: trial.trial, step: latest.step,
            value: latest.value, cutoff: reference.value,
            reason: .patience(sinceStep: reference.step, patience: patience, minDelta: minDelta), kind: .converge)
    }

    /// The next step past the warm-up (a lower bound: the trial stops no earlier than its
    /// reference step + `patience`).
    public func nextDecisionStep(after step: Int?, trial: Int) -> Int? {
        guard let step else { return warmupSteps }
        return step == .max ? nil : max(step + 1, warmupSteps)
    }
}
