import Foundation
import Testing
@testable import Search

@Suite struct BayesMultiObjectiveTests {
    /// ZDT1 in three dimensions: f₁ = x₁, f₂ = g·(1 − √(f₁/g)), g = 1 + 4.5·(x₂ + x₃); the
    /// front is x₂ = x₃ = 0, f₂ = 1 − √f₁.
    static let space = try! SearchSpace([
        Parameter("x1", .real(low: 0, high: 1, log: false)),
        Parameter("x2", .real(low: 0, high: 1, log: false)),
        Parameter("x3", .real(low: 0, high: 1, log: false)),
    ])

    static func zdt1(_ c: Configuration) -> [Double] {
        let x = space.encode(c)
        let g = 1 + 4.5 * (x[1] + x[2])
        return [x[0], g * (1 - (x[0] / g).squareRoot())]
    }

    static func observation(_ c: Configuration) -> Observation {
        let f = zdt1(c)
        var o = Observation(c, .value(f[0]))
        o.furtherValues = [f[1]]
        return o
    }

    static func context(seed: UInt64, completed: [Observation], pending: [Configuration] = []) -> SuggestionContext {
        var context = SuggestionContext(space: space, seed: seed, completed: completed, pending: pending)
        context.furtherGoals = [.minimize]
        return context
    }

    static let fast = BayesStrategy(options: .init(candidateCount: 500, localCandidateCount: 200))

    /// A sequential run of `budget` trials; the hypervolume of its losses under (1.1, 1.1).
    static func hypervolume(_ strategy: any Strategy, seed: UInt64, budget: Int) throws -> Double {
        var completed: [Observation] = []
        for _ in 0..<budget {
            let next = try strategy.suggest(count: 1, context: context(seed: seed, completed: completed))
            completed += next.map(observation)
        }
        return Hypervolume.of(completed.map { zdt1($0.configuration) }, reference: [1.1, 1.1])
    }

    /// Against random search with the same seeds and 24 trials, bayes covers more of the front
    /// on every seed, and by a wide margin on average (the front's hypervolume is 0.877).
    @Test func bayesBeatsRandomOnTheHypervolume() throws {
        var gains: [Double] = []
        for seed: UInt64 in [1, 2, 3] {
            let bayes = try Self.hypervolume(Self.fast, seed: seed, budget: 24)
            let random = try Self.hypervolume(RandomStrategy(), seed: seed, budget: 24)
            #expect(bayes > random, "seed \(seed): bayes \(bayes), random \(random)")
            gains.append(bayes - random)
        }
        #expect(gains.reduce(0, +) / 3 > 0.1, "\(gains)")
    }

    /// A batch of k equals k single calls each told about the earlier picks, and no pick
    /// repeats a finished or pending configuration.
    @Test func aBatchEqualsSingleCallsAndAvoidsPendingTrials() throws {
        let history = try RandomStrategy().suggest(count: 10, context: Self.context(seed: 5, completed: []))
            .map(Self.observation)
        let pending = try RandomStrategy().suggest(count: 3, context: Self.context(seed: 6, completed: []))
        let batch = try Self.fast.suggest(count: 4, context: Self.context(seed: 9, completed: history, pending: pending))
        var singles: [Configuration] = []
        for _ in 0..<4 {
            singles += try Self.fast.suggest(count: 1, context: Self.context(seed: 9, completed: history,
                                                                            pending: pending + singles))
        }
        #expect(batch == singles)
        #expect(Set(batch).count == 4)
        #expect(Set(batch).isDisjoint(with: pending + history.map(\.configuration)))
    }

    /// The pending trials pull the next pick away: told of a pending point, the strategy does
    /// not propose (nearly) the same point it proposes without it.
    @Test func aPendingTrialMovesTheNextPick() throws {
        let history = try RandomStrategy().suggest(count: 12, context: Self.context(seed: 5, completed: []))
            .map(Self.observation)
        let alone = try Self.fast.suggest(count: 1, context: Self.context(seed: 9, completed: history))
        let next = try Self.fast.suggest(count: 1, context: Self.context(seed: 9, completed: history, pending: alone))
        let distance = zip(Self.space.encode(alone[0]), Self.space.encode(next[0])).map { ($0 - $1) * ($0 - $1) }
            .reduce(0, +).squareRoot()
        #expect(distance > 0.01, "\(alone) then \(next)")
    }

    /// Trials that never reported the second objective (NaN) are left out of its model and off
    /// the front; with too few left, the design stands in.
    @Test func missingSecondValuesAreLeftOut() throws {
        var history = try RandomStrategy().suggest(count: 12, context: Self.context(seed: 5, completed: []))
            .map(Self.observation)
        for i in stride(from: 0, to: 12, by: 2) { history[i].furtherValues = [.nan] }
        let data = Self.fast.objectiveData(Self.context(seed: 1, completed: history), objective: 1)
        #expect(data.count == 6)
        let reported = Set(history.filter { $0.furtherValues[0].isFinite }.map { Self.space.encode($0.configuration) })
        let front = Self.fast.observedFront(Self.context(seed: 1, completed: history))
        #expect(!front.isEmpty && front.allSatisfy(reported.contains))
        let next = try Self.fast.suggest(count: 2, context: Self.context(seed: 1, completed: history))
        #expect(next.count == 2 && next.allSatisfy(Self.space.contains))
        for i in history.indices { history[i].furtherValues = [.nan] }
        let design = try Self.fast.suggest(count: 2, context: Self.context(seed: 1, completed: history))
        #expect(design.count == 2 && design.allSatisfy(Self.space.contains))
    }

    /// Several objectives have a front, not one best configuration.
    @Test func thereIsNoSingleBestGuess() throws {
        let history = try RandomStrategy().suggest(count: 8, context: Self.context(seed: 5, completed: []))
            .map(Self.observation)
        #expect(Self.fast.bestGuess(context: Self.context(seed: 1, completed: history)) == nil)
    }

    /// Under a constraint on the second objective (f₂ ≤ 0.2: on the front only x₁ ≥ 0.64, about
    /// a third of it), most of the model's late suggestions are feasible, where EHVI alone would
    /// spread them along the whole front.
    @Test func outcomeConstraintsSteerTheSearch() throws {
        var completed: [Observation] = []
        for _ in 0..<20 {
            var context = Self.context(seed: 3, completed: completed)
            context.constraints = [OutcomeConstraint(metric: "f2", bound: 0.2, isUpperBound: true)]
            let next = try Self.fast.suggest(count: 1, context: context)
            completed += next.map { c in
                var o = Self.observation(c)
                o.constraintValues = [Self.zdt1(c)[1]]
                return o
            }
        }
        let feasibleLate = completed.suffix(10).filter { Self.zdt1($0.configuration)[1] <= 0.2 }.count
        #expect(feasibleLate >= 6, "\(feasibleLate) of the last 10 feasible")
    }
}
