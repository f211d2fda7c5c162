/// Hyperband (Li et al., JMLR 2018) over asynchronous successive halving, as in Optuna's
/// `HyperbandPruner`: several ASHA brackets that trade how many trials they try against how
/// long each runs before its first judgement.
///
/// With r = `minResource`, R = `maxResource`, η = `reductionFactor`, there are
/// B = ⌊log_η(R/r)⌋ + 1 brackets. Bracket b is an ASHA whose first rung is at r·η^b (rungs
/// r·η^b, r·η^(b+1), … below R): bracket 0 judges earliest and most often; the last bracket
/// judges late or, when its first rung would be R itself, never — the paper's bracket that
/// runs every trial in full. A trial is compared only with the trials of its own bracket.
///
/// Brackets get trials in proportion to the paper's n_s = ⌈B·η^s/(s+1)⌉, s = B−1−b (the
/// same weights as Optuna). A trial's bracket is fixed by its number alone: trial n goes to
/// the bracket whose share of [0, 1) — bracket 0's first, each as wide as its weight over
/// the total — contains frac(n·φ), φ = (√5−1)/2. The golden-ratio sequence spreads any run
/// of consecutive trial numbers over the brackets close to their proportions, where
/// Optuna's hash of the study name and number only does so on average.
public struct Hyperband: EarlyStopping {
    /// One bracket: an ASHA with its own first rung, and its share of the trials.
    public struct Bracket: Sendable {
        /// 0 for the most aggressive bracket.
        public var index: Int
        /// The bracket's successive halving (its `minResource` is the first rung).
        public var successiveHalving: SuccessiveHalving
        /// The bracket's weight n_s = ⌈B·η^s/(s+1)⌉; its share of trials is weight / total.
        public var weight: Int
    }

    public var name: String { EarlyStoppingRule.hyperband.rawValue }

    /// Every bracket's rungs: bracket b starts at r·η^b, so all lie on one ladder from r.
    public var resources: ResourceLadder? {
        ResourceLadder(minResource: minResource, reductionFactor: reductionFactor, maxResource: maxResource)
    }

    /// The step of bracket 0's first rung.
    public let minResource: Int
    /// The steps a full trial runs.
    public let maxResource: Int
    /// η, as in successive halving.
    public let reductionFactor: Int
    /// The brackets, most aggressive first.
    public let brackets: [Bracket]

    /// (√5 − 1)/2, the fractional part of the golden ratio.
    static let goldenFraction = 0.6180339887498949

    /// Creates the rule.
    /// - Throws: `EarlyStoppingError.invalidOption` for `minResource` < 1, `reductionFactor`
    ///   < 2, or `maxResource` not above `minResource`.
    public init(minResource: Int = 1, maxResource: Int, reductionFactor: Int = 3) throws {
        let rule = EarlyStoppingRule.hyperband
        try rule.check("min_resource", Double(minResource))
        try rule.check("max_resource", Double(maxResource))
        try rule.check("reduction_factor", Double(reductionFactor))
        guard maxResource > minResource else {
            throw EarlyStoppingError.invalidOption(
                rule: rule.rawValue, option: "max_resource", value: Double(maxResource),
                requirement: "an integer greater than min_resource (\(minResource))")
        }
        self.minResource = minResource
        self.maxResource = maxResource
        self.reductionFactor = reductionFactor

        // First rungs r·η^b ≤ R, counted in integers: ⌊log_η(R/r)⌋ in floating point can land
        // just below a whole number (log(81)/log(3) = 3.9999999999999996).
        var firstRungs = [minResource]
        while true {
            let (next, overflow) = firstRungs.last!.multipliedReportingOverflow(by: reductionFactor)
            guard !overflow, next <= maxResource else { break }
            firstRungs.append(next)
        }
        let count = firstRungs.count
        var brackets: [Bracket] = []
        var power = 1.0  // η^s, s = count − 1 − b, built from s = 0 upwards
        var weights = [Int](repeating: 0, count: count)
        for s in 0..<count {
            weights[count - 1 - s] = Int((Double(count) * power / Double(s + 1)).rounded(.up))
            power *= Double(reductionFactor)
        }
        for (b, first) in firstRungs.enumerated() {
            brackets.append(Bracket(index: b, successiveHalving: SuccessiveHalving(unchecked: first, reductionFactor, maxResource),
                                    weight: weights[b]))
        }
        self.brackets = brackets
    }

    /// The bracket of trial number `trial`; see the type's documentation.
    public func bracket(ofTrial trial: Int) -> Int {
        let x = Double(trial) * Self.goldenFraction
        let u = x - x.rounded(.down)
        let total = Double(brackets.reduce(0) { $0 + $1.weight })
        var upper = 0.0
        for bracket in brackets {
            upper += Double(bracket.weight)
            if u * total < upper { return bracket.index }
        }
        return brackets.count - 1  // u·total rounded up to total: the last share
    }

    /// The value with which each trial reached each rung of its bracket.
    public var comparison: EarlyStoppingComparison { .valueReachingRungs }

    /// Trials are compared within their bracket.
    public func cohort(ofTrial trial: Int) -> Int { bracket(ofTrial: trial) }

    /// Successive halving of the trial's bracket, against the trials of that bracket.
    public func decide(_ trial: LearningCurve, history: CurveHistory) -> EarlyStoppingDecision {
        let b = bracket(ofTrial: trial.trial)
        var decision = brackets[b].successiveHalving.decide(trial, history: history, cohort: b)
        decision.rule = name
        decision.bracket = b
        return decision
    }

    /// The next rung of the trial's bracket after `step`; nil when none is left.
    public func nextDecisionStep(after step: Int?, trial: Int) -> Int? {
        brackets[bracket(ofTrial: trial)].successiveHalving.nextDecisionStep(after: step, trial: trial)
    }
}
