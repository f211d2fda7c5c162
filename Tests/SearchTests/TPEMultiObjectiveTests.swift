import Foundation
import Testing
@testable import Search

/// TPE with several objectives: Optuna 5's MOTPE split. The hand-made set, both objectives
/// minimized:
///
///     front 0: A (1, 5), B (2, 3), C (4, 1)
///     front 1: D (2, 6), E (3, 4), F (5, 2)   (each dominated by the one above it)
///     front 2: G (6, 6)
///
/// Front 1's reference point is 1.1 × its worst (5, 6) = (5.5, 6.6). Alone, D adds
/// 3.5 × 0.6 = 2.1, E 2.5 × 2.6 = 6.5, F 0.5 × 4.6 = 2.3: E first; then D is bounded by E's
/// first objective (1 × 0.6 = 0.6) and F by its second (0.5 × 2 = 1.0): F next. Optuna's
/// `_fast_non_domination_rank` and `_solve_hssp` give the same ranks and picks.
@Suite("TPE, several objectives")
struct TPEMultiObjectiveTests {
    private static let losses: [[Double]] = [[1, 5], [2, 3], [4, 1], [2, 6], [3, 4], [5, 2], [6, 6]]

    private let line = try! SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false))])

    /// A completed trial at x with objective values `values`.
    private static func trial(_ x: Double, _ values: [Double]) -> Observation {
        var o = Observation(["x": .real(x)], .value(values[0]))
        o.furtherValues = Array(values.dropFirst())
        return o
    }

    /// The split of `completed` on `line` with a second objective of `goal`.
    private func split(_ completed: [Observation], second goal: Goal, gamma: Double = 0.1) -> TPESplit {
        var context = SuggestionContext(space: line, completed: completed)
        context.furtherGoals = [goal]
        var options = TPEStrategy.Options()
        options.gamma = gamma
        return TPESplit(context: context, layout: .init(line), options: options)
    }

    @Test func wholeFrontsFillTheGoodGroupWhileTheyFit() {
        #expect(TPESplit.fronts(Self.losses, covering: 7) == [[0, 1, 2], [3, 4, 5], [6]])
        #expect(TPESplit.belowIndices(Self.losses, count: 3) == [0, 1, 2])
        #expect(TPESplit.belowIndices(Self.losses, count: 6) == [0, 1, 2, 3, 4, 5])
    }

    @Test func theFrontThatDoesNotFitGivesTheMembersAddingTheMostHypervolume() {
        #expect(TPESplit.referencePoint([[2, 6], [3, 4], [5, 2]]) == [5.5, 6.6000000000000005])
        #expect(TPESplit.belowIndices(Self.losses, count: 4) == [0, 1, 2, 4])
        #expect(TPESplit.belowIndices(Self.losses, count: 5) == [0, 1, 2, 4, 5])
    }

    /// A third objective equal for all scales every volume by the same factor: the general
    /// greedy path picks what the two-objective one does.
    @Test func threeObjectivesPickAsTwoDoWhenTheThirdIsEqual() {
        let flat = Self.losses.map { $0 + [0] }
        #expect(TPESplit.belowIndices(flat, count: 4) == [0, 1, 2, 4])
        #expect(TPESplit.belowIndices(flat, count: 5) == [0, 1, 2, 4, 5])
    }

    /// 40 points on the plane x + y + z = 1 (one front): the lazy greedy picks, in order, what
    /// the plain greedy does (each step the member that adds the most hypervolume).
    @Test func theLazyGreedyPicksWhatThePlainGreedyPicks() {
        var rng = SplitMix64(seed: 11, index: 0, salt: 0)
        let front: [[Double]] = (0..<40).map { _ in
            let a = rng.nextUnit(), b = rng.nextUnit() * (1 - a)
            return [a, b, 1 - a - b]
        }
        let count = 12
        let reference = TPESplit.referencePoint(front)
        var plain: [Int] = []
        for _ in 0..<count {
            let gains = front.indices.map { i in
                plain.contains(i) ? -Double.infinity : Hypervolume.of((plain + [i]).map { front[$0] }, reference: reference)
            }
            plain.append(gains.indices.max { gains[$0] < gains[$1] }!)
        }
        #expect(TPESplit.hypervolumeSubset(front, count: count) == plain)
    }

    /// Two distinct vectors and three places: both, then the first repeat (Optuna's `_solve_hssp`).
    @Test func repeatsFillPlacesThatDistinctVectorsCannot() {
        #expect(TPESplit.hypervolumeSubset([[1, 3], [1, 3], [3, 1], [1, 3]], count: 3) == [0, 1, 2])
    }

    /// The hand-made set as trials x = 0, 0.1, …, 0.6, the second objective maximized (its
    /// values negated): with γ = 0.5, ℓ is ⌈3.5⌉ = 4 trials, front 0 and E, not the four with
    /// the best first objective (A, B, D, E).
    @Test func theGoodGroupFollowsParetoRanksNotTheFirstObjective() {
        let completed = Self.losses.enumerated().map { i, loss in Self.trial(Double(i) / 10, [loss[0], -loss[1]]) }
        let below = split(completed, second: .maximize, gamma: 0.5).belowPoints.map { $0.numbers[0] }
        #expect(below.count == 4)
        for (x, expected) in zip(below, [0, 0.1, 0.2, 0.4]) { #expect(abs(x - expected) < 1e-12) }
    }

    /// 300 trials: ℓ holds ⌈0.1 · 300⌉ = 30 (one objective caps it at 25), all weighing the same
    /// (one objective would ramp the weights of the older ones past 25).
    @Test func theGoodGroupIsUncappedAndEvenlyWeighted() {
        let completed = (0..<300).map { i in Self.trial(Double(i) / 300, [Double(i) / 300, Double((i * 7) % 300)]) }
        let parts = split(completed, second: .minimize)
        #expect(parts.belowPoints.count == 30)
        let below = parts.estimators(priorWeight: 1).below
        // 30 trials and the prior, each 1/31.
        for w in below.logWeights { #expect(abs(w - log(1.0 / 31)) < 1e-12) }
    }

    /// A trial that never reported the second objective is not on any front: it ranks after
    /// every trial with both, whatever its first objective.
    @Test func aTrialMissingALaterObjectiveRanksAfterThoseWithBoth() {
        let completed = [Self.trial(0, [-100, .nan])] + (1...9).map { i in Self.trial(Double(i) / 10, [Double(i), Double(10 - i)]) }
        let parts = split(completed, second: .minimize, gamma: 0.9)
        #expect(parts.belowPoints.count == 9)
        #expect(!parts.belowPoints.contains { $0.numbers[0] == 0 })
    }

    /// Over two conflicting objectives on [0, 1]² ((x − y)² + x and (x − y)² + (1 − x): the
    /// front is the diagonal), 60 trials of tpe reach a larger hypervolume than 60 random ones,
    /// on each of five seeds.
    @Test func itSpreadsAlongTheFrontBetterThanRandomSearch() throws {
        let square = try SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false)),
                                      Parameter("y", .real(low: 0, high: 1, log: false))])
        func objectives(_ c: Configuration) -> [Double] {
            let x = c["x"]!.numericValue!, y = c["y"]!.numericValue!
            return [(x - y) * (x - y) + x, (x - y) * (x - y) + 1 - x]
        }
        func hypervolume(_ strategy: any Strategy, seed: UInt64) throws -> Double {
            var completed: [Observation] = []
            for _ in 0..<60 {
                var context = SuggestionContext(space: square, seed: seed, completed: completed)
                context.furtherGoals = [.minimize]
                let c = try strategy.suggest(count: 1, context: context)[0]
                let values = objectives(c)
                var o = Observation(c, .value(values[0]))
                o.furtherValues = [values[1]]
                completed.append(o)
            }
            return Hypervolume.of(completed.map { objectives($0.configuration) }, reference: [2, 2])
        }
        for seed in UInt64(1)...5 {
            #expect(try hypervolume(TPEStrategy(), seed: seed) > hypervolume(RandomStrategy(), seed: seed))
        }
    }
}
