import Testing
@testable import Search

/// One early-stopping rule with its options, as the conformance suite builds it.
struct StoppingRuleFactory: Sendable, CustomTestStringConvertible {
    /// The rule and options in test reports.
    let name: String
    let make: @Sendable () throws -> any EarlyStopping

    init(_ name: String, _ make: @escaping @Sendable () throws -> any EarlyStopping) {
        self.name = name
        self.make = make
    }

    var testDescription: String { name }

    /// Every rule the suite checks, with its options: add a line here to put a new one under it.
    static let all: [StoppingRuleFactory] = [
        StoppingRuleFactory("median") { try MedianStopping() },
        StoppingRuleFactory("median warmup_steps 4 min_trials 2") { try MedianStopping(warmupSteps: 4, minTrials: 2) },
        StoppingRuleFactory("asha") { try SuccessiveHalving() },
        StoppingRuleFactory("asha min_resource 2 reduction_factor 2 max_resource 24") {
            try SuccessiveHalving(minResource: 2, reductionFactor: 2, maxResource: 24)
        },
        StoppingRuleFactory("hyperband max_resource 27") { try Hyperband(maxResource: 27) },
        StoppingRuleFactory("hyperband min_resource 2 max_resource 16 reduction_factor 2") {
            try Hyperband(minResource: 2, maxResource: 16, reductionFactor: 2)
        },
        StoppingRuleFactory("threshold bound 0.6") { try ThresholdStopping(bound: 0.6) },
        StoppingRuleFactory("threshold bound 0.6 warmup_steps 5") { try ThresholdStopping(bound: 0.6, warmupSteps: 5) },
        StoppingRuleFactory("patience 3") { try PatienceStopping(patience: 3) },
        StoppingRuleFactory("patience 4 min_delta 0.05 warmup_steps 3") {
            try PatienceStopping(patience: 4, minDelta: 0.05, warmupSteps: 3)
        },
    ]
}

/// A seeded sweep of reports: 24 trials (numbers 0…23) reporting in turns at steps 1…30,
/// some skipping steps, values that drift and plateau, with NaN and infinities mixed in.
struct StoppingWorld {
    struct Report {
        var trial: Int
        var step: Int
        var value: Double
    }

    /// The reports in the order they arrive.
    let reports: [Report]

    init(seed: UInt64, goal: Goal, awkward: Bool = true) {
        var rng = SplitMix64(seed: seed)
        var steps = [Int](repeating: 0, count: 24)
        let quality = (0..<24).map { _ in Double.random(in: 0...1, using: &rng) }
        var out: [Report] = []
        while out.count < 24 * 30 {
            let trial = Int.random(in: 0..<24, using: &rng)
            guard steps[trial] < 30 else { continue }
            steps[trial] = min(30, steps[trial] + (Int.random(in: 0..<5, using: &rng) == 0 ? 3 : 1))
            var loss = quality[trial] + 1 / Double(steps[trial]) + Double.random(in: -0.1...0.1, using: &rng)
            if awkward {
                switch Int.random(in: 0..<60, using: &rng) {
                case 0: loss = .nan
                case 1: loss = .infinity
                case 2: loss = -.infinity
                default: break
                }
            }
            out.append(Report(trial: trial, step: steps[trial], value: goal == .minimize ? loss : -loss))
            if steps[trial] == 30 && steps.allSatisfy({ $0 == 30 }) { break }
        }
        reports = out
    }

    /// Replays the reports into a history kept for `rule`, calling `body` after each with the
    /// reporting trial's curve and the history as they stand.
    func replay(_ rule: any EarlyStopping, goal: Goal,
                _ body: (_ curve: LearningCurve, _ history: CurveHistory) -> Void) {
        var history = CurveHistory(rule: rule, goal: goal)
        for r in reports {
            history.append(trial: r.trial, step: r.step, value: r.value)
            body(history[r.trial]!, history)
        }
    }
}
