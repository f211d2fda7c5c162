import Foundation
import Testing
@testable import Search

@Suite("TPEStrategy")
struct TPEStrategyTests {
    private let square = try! SearchSpace([
        Parameter("x", .real(low: -5, high: 5, log: false)),
        Parameter("y", .real(low: -5, high: 5, log: false)),
        Parameter("z", .real(low: -5, high: 5, log: false)),
    ])

    private let line = try! SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false))])

    private let choice = try! SearchSpace([
        Parameter("optimizer", .categorical([.string("sgd"), .string("adam"), .string("rmsprop")])),
        Parameter("lr", .real(low: 1e-4, high: 1, log: true)),
    ])

    private static func sphere(_ c: Configuration) -> Double {
        ["x", "y", "z"].reduce(0) { sum, name in
            let v = c[name]!.numericValue! - 1
            return sum + v * v
        }
    }

    /// Runs `trials` suggestions one at a time, telling each its value.
    private func optimize(_ strategy: any Strategy, _ space: SearchSpace, trials: Int, seed: UInt64,
                          objective: (Configuration) -> Double) throws -> [Observation] {
        var history: [Observation] = []
        for _ in 0..<trials {
            let next = try strategy.suggest(count: 1, context: SuggestionContext(space: space, seed: seed, completed: history))
            history.append(Observation(next[0], .value(objective(next[0]))))
        }
        return history
    }

    // MARK: The split and the weights (Optuna's defaults)

    @Test func theGoodGroupIsTheBestTenthAndAtMost25() {
        let split = TPESplit(context: SuggestionContext(space: line), layout: .init(line), options: .init())
        #expect(split.belowCount(9) == 1)
        #expect(split.belowCount(100) == 10)
        #expect(split.belowCount(101) == 11)
        #expect(split.belowCount(1000) == 25)
    }

    /// x = 0, 0.05, …, 0.95, objective x (minimized), c = 1 − x with c ≤ 0.05: only x = 0.95
    /// is feasible. ℓ (2 of 20) is it, then the infeasible trial nearest the bound (x = 0.9,
    /// over by 0.05), not the two best objectives, as Optuna's TPE with `constraints_func`.
    @Test func infeasibleTrialsRankBelowEveryFeasibleOneByTheirViolation() {
        let bound = OutcomeConstraint(metric: "c", bound: 0.05, isUpperBound: true)
        let completed = (0..<20).map { i -> Observation in
            let x = Double(i) / 20
            var o = Observation(["x": .real(x)], .value(x))
            o.constraintValues = [1 - x]
            return o
        }
        var context = SuggestionContext(space: line, completed: completed)
        context.constraints = [bound]
        let split = TPESplit(context: context, layout: .init(line), options: .init())
        let below = split.belowPoints.map { $0.numbers[0] }
        #expect(below.count == 2)
        #expect(abs(below[0] - 0.95) < 1e-12)
        #expect(abs(below[1] - 0.9) < 1e-12)
    }

    /// `optuna.samplers._tpe.sampler.default_weights(30)`: linspace(1/30, 1, 5) then 25 ones.
    @Test func weightsRampUpForOlderTrialsPast25() {
        let w = TPESplit.weights(30)
        let expected = [1.0 / 30, 0.275, 0.5166666666666667, 0.7583333333333333, 1.0] + Array(repeating: 1.0, count: 25)
        #expect(w.count == 30)
        for (a, b) in zip(w, expected) { #expect(abs(a - b) < 1e-12) }
        #expect(TPESplit.weights(24) == Array(repeating: 1, count: 24))
        #expect(TPESplit.weights(26).first.map { abs($0 - 1.0 / 26) < 1e-15 } == true)
    }

    /// Optuna 5's bandwidths: sorted [0 | 0.2, 0.5, 0.6 | 1]; the ends take their inner gap
    /// (0.3 and 0.1), the middle the larger gap (0.3); then the clip to [1/min(100, n + 2), 1] = [0.2, 1].
    @Test func aKernelsBandwidthIsTheLargerGapToItsNeighbours() {
        let sigmas = ParzenEstimator.bandwidths([0.6, 0.2, 0.5])
        for (a, b) in zip(sigmas, [0.2, 0.3, 0.3]) { #expect(abs(a - b) < 1e-12) }
        #expect(ParzenEstimator.bandwidths([0.4]) == [0.6])
    }

    /// Optuna 5.0's `_ParzenEstimator` (prior weight 1, magic clip, no endpoints, default
    /// weights) over the same five points of [0, 1]², its `log_pdf` at three points.
    @Test func theEstimatorMatchesOptunas() throws {
        let space = try SearchSpace([Parameter("a", .real(low: 0, high: 1, log: false)),
                                     Parameter("b", .real(low: 0, high: 1, log: false))])
        let observed = zip([0.1, 0.4, 0.45, 0.9, 0.3], [0.5, 0.2, 0.8, 0.85, 0.1])
            .map { ParzenEstimator.Point(numbers: [$0, $1], categories: []) }
        let estimator = ParzenEstimator(layout: .init(space), observations: observed,
                                        weights: TPESplit.weights(5), priorWeight: 1)
        let optuna = [((0.2, 0.3), 0.39038647), ((0.5, 0.5), -0.06702404), ((0.95, 0.05), -1.81361329)]
        for ((a, b), expected) in optuna {
            #expect(abs(estimator.logDensity(.init(numbers: [a, b], categories: [])) - expected) < 1e-7)
        }
    }

    // MARK: The Parzen estimator is a density

    @Test func aNumericalEstimatorIntegratesToOne() {
        let layout = ParzenEstimator.Layout(line)
        let points = [0.02, 0.3, 0.31, 0.9].map { ParzenEstimator.Point(numbers: [$0], categories: []) }
        let estimator = ParzenEstimator(layout: layout, observations: points, weights: [1, 1, 2, 1], priorWeight: 1)
        let steps = 20_000
        let integral = (0..<steps).reduce(0.0) { sum, i in
            let u = (Double(i) + 0.5) / Double(steps)
            return sum + exp(estimator.logDensity(.init(numbers: [u], categories: []))) / Double(steps)
        }
        #expect(abs(integral - 1) < 1e-4)
    }

    @Test func aCategoricalEstimatorSumsToOneAndFavoursWhatWasSeen() {
        let space = try! SearchSpace([Parameter("c", .categorical([.string("a"), .string("b"), .string("c")]))])
        let layout = ParzenEstimator.Layout(space)
        let seen = [1, 1, 2].map { ParzenEstimator.Point(numbers: [], categories: [$0]) }
        let estimator = ParzenEstimator(layout: layout, observations: seen, weights: [1, 1, 1], priorWeight: 1)
        let p = (0..<3).map { exp(estimator.logDensity(.init(numbers: [], categories: [$0]))) }
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
        // Kernels ∝ 1/4 + [c = seen] (w₀/(n + 1) = 1/4): 1.25/1.75 for the seen choice, 0.25/1.75
        // for another; the prior 1/3; weights 1/4 each.
        #expect(abs(p[1] - (2 * (1.25 / 1.75) + 0.25 / 1.75 + 1.0 / 3) / 4) < 1e-12)
        #expect(p[1] > p[2] && p[2] > p[0])
    }

    @Test func drawsFollowTheEstimator() {
        let layout = ParzenEstimator.Layout(line)
        let estimator = ParzenEstimator(layout: layout, observations: [.init(numbers: [0.8], categories: [])],
                                        weights: [3], priorWeight: 1)
        var rng = SplitMix64(seed: 3)
        let draws = (0..<20_000).map { _ in estimator.sample(using: &rng).numbers[0] }
        #expect(draws.allSatisfy { (0...1).contains($0) })
        let share = Double(draws.filter { $0 > 0.5 }.count) / Double(draws.count)
        // The mass above ½: the integral of the density, by the midpoint rule.
        let expected = (0..<10_000).reduce(0.0) { sum, i in
            let u = 0.5 + (Double(i) + 0.5) / 20_000
            return sum + exp(estimator.logDensity(.init(numbers: [u], categories: []))) / 20_000
        }
        #expect(abs(share - expected) < 0.015)
    }

    // MARK: Suggestions

    @Test func theFirstTenSuggestionsAreRandomSearchs() throws {
        let space = square
        let tpe = try TPEStrategy().suggest(count: 10, context: SuggestionContext(space: space, seed: 5))
        let random = try RandomStrategy().suggest(count: 10, context: SuggestionContext(space: space, seed: 5))
        #expect(tpe == random)
    }

    @Test func itFindsTheMinimumOfASphereBetterThanRandomSearch() throws {
        var tpeBest: [Double] = [], randomBest: [Double] = []
        for seed: UInt64 in 1...5 {
            tpeBest.append(try optimize(TPEStrategy(), square, trials: 80, seed: seed, objective: Self.sphere)
                .compactMap(\.finiteValue).min()!)
            randomBest.append(try optimize(RandomStrategy(), square, trials: 80, seed: seed, objective: Self.sphere)
                .compactMap(\.finiteValue).min()!)
        }
        // The median over five seeds: TPE well inside the basin, several times closer than random search.
        let tpeMedian = tpeBest.sorted()[2], randomMedian = randomBest.sorted()[2]
        #expect(tpeMedian < 0.5)
        #expect(tpeMedian * 3 < randomMedian)
    }

    @Test func itLearnsWhichCategoryIsBetter() throws {
        let history = try optimize(TPEStrategy(), choice, trials: 60, seed: 2) { c in
            (c["optimizer"] == .string("adam") ? 0 : 1) + abs(log10(c["lr"]!.numericValue!) + 2)
        }
        let modelled = history.dropFirst(10).map(\.configuration)
        let adam = modelled.filter { $0["optimizer"] == .string("adam") }.count
        #expect(Double(adam) / Double(modelled.count) > 0.6)
    }

    @Test func maximizingIsMinimizingTheNegative() throws {
        let history = try optimize(RandomStrategy(), square, trials: 30, seed: 9, objective: Self.sphere)
        let negated = history.map { Observation($0.configuration, .value(-$0.finiteValue!)) }
        let minimizing = try TPEStrategy().suggest(count: 3, context: SuggestionContext(
            space: square, goal: .minimize, seed: 4, completed: history))
        let maximizing = try TPEStrategy().suggest(count: 3, context: SuggestionContext(
            space: square, goal: .maximize, seed: 4, completed: negated))
        #expect(minimizing == maximizing)
    }

    /// The constant liar: pending trials join g, so a batch spreads out instead of piling
    /// onto ℓ's densest point.
    @Test func theConstantLiarSpreadsABatch() throws {
        let history = try optimize(RandomStrategy(), square, trials: 40, seed: 11, objective: Self.sphere)
        func spread(_ options: TPEStrategy.Options) throws -> Double {
            let batch = try TPEStrategy(options: options).suggest(count: 8, context: SuggestionContext(
                space: square, seed: 3, completed: history))
            let points = batch.map(square.encode)
            var total = 0.0
            for i in points.indices { for j in points.indices where j > i {
                total += zip(points[i], points[j]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            } }
            return total / Double(points.count * (points.count - 1) / 2)
        }
        var noLiar = TPEStrategy.Options()
        noLiar.constantLiar = false
        #expect(try spread(.init()) > spread(noLiar))
    }
}
