import Foundation
import Testing
@testable import Search

/// How finished trials become the model's data (the documented choices of `BayesStrategy`).
@Suite struct BayesTrainingDataTests {
    static let space = try! SearchSpace([Parameter("x", .real(low: 0, high: 10, log: false))])

    static func observation(_ x: Double, _ outcome: Outcome) -> Observation {
        Observation(["x": .real(x)], outcome)
    }

    static let mixed = [
        observation(1, .value(3)), observation(2, .failed), observation(3, .value(.nan)), observation(4, .value(5)),
        observation(5, .pruned(value: 1)), observation(6, .pruned(value: 9)), observation(7, .pruned(value: nil)),
        observation(8, .value(-.infinity)), observation(9, .value(4)),
    ]

    @Test func failuresAndNonFiniteValuesAreImputedAsTheWorstFiniteLoss() {
        let data = BayesStrategy.TrainingData(Self.mixed, space: Self.space, goal: .minimize, policy: .imputeWorst)
        // Finite first (values, pruned values), then failures at the worst finite loss, 9.
        #expect(data.points.map { $0[0] * 10 } == [1, 4, 5, 6, 9, 2, 3, 7, 8].map(Double.init))
        #expect(data.losses == [3, 5, 4, 9, 4, 9, 9, 9, 9])
        #expect(data.finiteCount == 5)
        #expect(data.bestLoss == 3)
    }

    @Test func excludedFailuresLeaveTheModel() {
        let data = BayesStrategy.TrainingData(Self.mixed, space: Self.space, goal: .minimize, policy: .exclude)
        #expect(data.losses == [3, 5, 4, 9, 4])
    }

    @Test func aPrunedTrialNeverLooksBetterThanTheMedianCompletedTrial() {
        // Completed losses 3, 5, 4: median 4. The pruned 1 counts as 4, the pruned 9 as 9.
        let data = BayesStrategy.TrainingData(Self.mixed, space: Self.space, goal: .minimize, policy: .exclude)
        #expect(data.losses[2] == 4 && data.measured[2] == false)
        #expect(data.losses[3] == 9 && data.measured[3] == false)
    }

    @Test func maximizationTurnsValuesIntoLosses() {
        let data = BayesStrategy.TrainingData([Self.observation(1, .value(3)), Self.observation(2, .value(5)),
                                               Self.observation(3, .failed)],
                                              space: Self.space, goal: .maximize, policy: .imputeWorst)
        #expect(data.losses == [-3, -5, -3])
        #expect(data.bestLoss == -5)
    }

    @Test func theLogarithmicWarpIsLogOfTheLossAboveTheBestPlusThreeSpreads() {
        // Losses 3, 5, 4, 9, 4: min 3, median 4, δ = 3 × (4 − 3) = 3, so log(y − 3 + 3) = log(y).
        let data = BayesStrategy.TrainingData(Self.mixed, space: Self.space, goal: .minimize, policy: .exclude,
                                              warp: .logarithmic(fraction: 3))
        let expected = [3.0, 5, 4, 9, 4].map { Foundation.log($0) }
        #expect(zip(data.losses, expected).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(data.bestIndices(5) == [0, 2, 4, 1, 3])
    }

    @Test func theWarpLeavesLossesWithoutSpreadAlone() {
        let same = [Self.observation(1, .value(2)), Self.observation(2, .value(2)), Self.observation(3, .value(7))]
        let data = BayesStrategy.TrainingData(same, space: Self.space, goal: .minimize, policy: .exclude,
                                              warp: .logarithmic(fraction: 3))
        #expect(data.losses == [2, 2, 7])
    }

    @Test func aSubsetKeepsTheBestHalfAndSamplesTheRest() {
        // 40 trials with loss |x − 6|: a subset of 10 holds the 5 best (x = 6, 5, 7, 4, 8 in
        // the ×0.25 grid: the 5 smallest losses) and 5 of the other 35, in their original order.
        let observations = (0..<40).map { Self.observation(Double($0) * 0.25, .value(abs(Double($0) * 0.25 - 6))) }
        let data = BayesStrategy.TrainingData(observations, space: Self.space, goal: .minimize, policy: .exclude)
        var rng = SplitMix64(seed: 9)
        let subset = data.subset(10, using: &rng)
        #expect(subset.count == 10 && subset.finiteCount == 10 && subset.measured.allSatisfy { $0 })
        let best = Set(data.bestIndices(5).map { data.points[$0] })
        #expect(best.isSubset(of: Set(subset.points)))
        #expect(subset.points == subset.points.sorted { $0[0] < $1[0] })
        #expect(subset.bestLoss == data.bestLoss)
        for (x, loss) in zip(subset.points, subset.losses) { #expect(abs(loss - abs(x[0] * 10 - 6)) < 1e-12) }
        var again = SplitMix64(seed: 9)
        #expect(data.subset(10, using: &again).points == subset.points)
        #expect(data.subset(40, using: &again).points == data.points)
    }
}
