import Foundation
import Testing
import Search

/// Bayesian optimization under outcome constraints, on Gramacy et al.'s (2016) toy problem:
/// minimize x₁ + x₂ on [0, 1]² subject to
///
///     c₁(x) = 1.5 − x₁ − 2x₂ − ½ sin(2π(x₁² − 2x₂)) ≤ 0,
///     c₂(x) = x₁² + x₂² − 1.5 ≤ 0,
///
/// whose constrained minimum is 0.599788 (at x ≈ (0.19512, 0.40467)), on a feasible region
/// that is two disconnected parts. Every run goes through the `Strategy` protocol one
/// suggestion at a time, the constraint values told as `Observation.constraintValues`.
@Suite struct BayesConstraintTests {
    static let space = try! SearchSpace([Parameter("x1", .real(low: 0, high: 1, log: false)),
                                         Parameter("x2", .real(low: 0, high: 1, log: false))])
    static let constraints = [OutcomeConstraint(metric: "c1", bound: 0, isUpperBound: true),
                              OutcomeConstraint(metric: "c2", bound: 0, isUpperBound: true)]
    static let minimum = 0.599788

    static func evaluate(_ c: Configuration) -> (objective: Double, constraints: [Double]) {
        let x1 = c["x1"]!.numericValue!, x2 = c["x2"]!.numericValue!
        let c1 = 1.5 - x1 - 2 * x2 - 0.5 * sin(2 * Double.pi * (x1 * x1 - 2 * x2))
        let c2 = x1 * x1 + x2 * x2 - 1.5
        return (x1 + x2, [c1, c2])
    }

    /// The best feasible value after `budget` trials and the share of feasible trials
    /// among those after the first `after`.
    static func run(_ strategy: any Strategy, seed: UInt64, budget: Int, after: Int,
                    evaluate: (Configuration) -> (objective: Double, constraints: [Double]) = evaluate,
                    constraints: [OutcomeConstraint] = constraints) throws -> (best: Double, share: Double) {
        var completed: [Observation] = []
        for _ in 0..<budget {
            var context = SuggestionContext(space: space, seed: seed, completed: completed)
            context.constraints = constraints
            let c = try strategy.suggest(count: 1, context: context)[0]
            let (value, values) = evaluate(c)
            var o = Observation(c, .value(value))
            o.constraintValues = values
            completed.append(o)
        }
        let feasible = completed.map { $0.isFeasible(under: constraints) }
        let best = zip(completed, feasible).filter(\.1).compactMap(\.0.finiteValue).min() ?? 2
        let late = feasible.dropFirst(after)
        return (best, Double(late.filter { $0 }.count) / Double(late.count))
    }

    static let seeds: [UInt64] = [1, 2, 3, 4, 5]
    static let budget = 30

    @Test func bayesFindsABetterFeasibleValueThanRandomAtEqualBudget() throws {
        var bayesRegret: [Double] = [], randomRegret: [Double] = []
        for seed in Self.seeds {
            bayesRegret.append(try Self.run(BayesStrategy(), seed: seed, budget: Self.budget, after: 10).best - Self.minimum)
            randomRegret.append(try Self.run(RandomStrategy(), seed: seed, budget: Self.budget, after: 10).best - Self.minimum)
        }
        let bayes = bayesRegret.reduce(0, +) / Double(bayesRegret.count)
        let random = randomRegret.reduce(0, +) / Double(randomRegret.count)
        // Mean regret at most half of random's (measured: bayes below 1e-3 on every seed,
        // random 0.06 to 0.28).
        #expect(bayes <= 0.5 * random, "bayes regret \(bayesRegret), random \(randomRegret)")
    }

    /// Minimize x₁ + x₂ inside a disk of radius 0.3 around (0.7, 0.7) (28% of the square):
    /// the unconstrained minimum lies far outside, the constrained one on the disk's edge.
    static func disk(_ c: Configuration) -> (objective: Double, constraints: [Double]) {
        let x1 = c["x1"]!.numericValue!, x2 = c["x2"]!.numericValue!
        return (x1 + x2, [(x1 - 0.7) * (x1 - 0.7) + (x2 - 0.7) * (x2 - 0.7) - 0.09])
    }

    @Test func bayesLearnsToStayInsideTheFeasibleRegion() throws {
        var bayesShare = 0.0, randomShare = 0.0
        let one = [OutcomeConstraint(metric: "c", bound: 0, isUpperBound: true)]
        for seed in Self.seeds {
            bayesShare += try Self.run(BayesStrategy(), seed: seed, budget: Self.budget, after: 10, evaluate: Self.disk,
                                       constraints: one).share
            randomShare += try Self.run(RandomStrategy(), seed: seed, budget: Self.budget, after: 10, evaluate: Self.disk,
                                        constraints: one).share
        }
        bayesShare /= Double(Self.seeds.count)
        randomShare /= Double(Self.seeds.count)
        // Random's share is about the disk's area (0.21 over these seeds); bayes's model picks
        // hug the disk's edge near the constrained minimum, where constrained EI trades even
        // odds of feasibility for improvement, so its share is higher but far from 1 (0.29
        // measured; on Gramacy's problem, whose optimum also lies on an edge, 0.41 against 0.40).
        #expect(bayesShare >= randomShare + 0.05, "feasible share bayes \(bayesShare), random \(randomShare)")
    }

    @Test func withNoFeasibleTrialTheModelSeeksFeasibility() throws {
        // Twelve trials, none feasible (x1 ≥ 0.3 > 0.2), the objective better at large x1: with no
        // incumbent the picks follow the probability of feasibility alone, toward small x1.
        let constraint = [OutcomeConstraint(metric: "x1_small", bound: 0.2, isUpperBound: true)]
        var completed: [Observation] = []
        for i in 0..<12 {
            let x1 = 0.3 + 0.7 * Double(i) / 11, x2 = Double(i % 4) / 3
            var o = Observation(Configuration(["x1": .real(x1), "x2": .real(x2)]), .value(1 - x1 + x2))
            o.constraintValues = [x1]
            completed.append(o)
        }
        var context = SuggestionContext(space: Self.space, seed: 9, completed: completed)
        context.constraints = constraint
        let picks = try BayesStrategy().suggest(count: 3, context: context)
        for c in picks { #expect(c["x1"]!.numericValue! < 0.3, "\(c)") }
    }
}
