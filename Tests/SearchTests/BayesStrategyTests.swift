import Foundation
import Testing
@testable import Search

/// What `BayesStrategy` promises through the `Strategy` protocol.
@Suite struct BayesStrategyTests {
    static let plane = try! SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false)),
                                         Parameter("y", .real(low: -2, high: 2, log: false))])
    /// Cheaper than the defaults so the suite stays fast in debug builds; same algorithm.
    static let strategy = BayesStrategy(options: .init(candidateCount: 400, localCandidateCount: 100, refineStarts: 2))

    static func bowl(_ c: Configuration) -> Double {
        let x = c["x"]!.numericValue!, y = c["y"]!.numericValue!
        return (x - 0.3) * (x - 0.3) + 0.1 * (y - 0.5) * (y - 0.5)
    }

    /// A run of `count` sequential suggestions on `f`.
    static func run(_ strategy: BayesStrategy, space: SearchSpace, goal: Goal = .minimize, seed: UInt64 = 1,
                    count: Int, _ f: (Configuration) -> Double) throws -> [Observation] {
        var completed: [Observation] = []
        for _ in 0..<count {
            let context = SuggestionContext(space: space, goal: goal, seed: seed, completed: completed)
            guard let c = try strategy.suggest(count: 1, context: context).first else { break }
            completed.append(Observation(c, .value(f(c))))
        }
        return completed
    }

    @Test func initialDesignSizeIsTwicePerSearchedParameterAndAtLeastFive() throws {
        let options = BayesStrategy.Options()
        #expect(options.initialDesignSize(for: Self.plane) == 5)
        let wide = try SearchSpace((0..<4).map { Parameter("p\($0)", .real(low: 0, high: 1, log: false)) }
            + [Parameter("c", .constant(.int(1)))])
        #expect(options.initialDesignSize(for: wide) == 8)
        #expect(BayesStrategy.Options(initialDesignSize: 3).initialDesignSize(for: wide) == 3)
    }

    @Test func initialDesignIsFixedBySeedAndValid() throws {
        let first = try Self.strategy.suggest(count: 5, context: SuggestionContext(space: Self.plane, seed: 11))
        let again = try Self.strategy.suggest(count: 5, context: SuggestionContext(space: Self.plane, seed: 11))
        let other = try Self.strategy.suggest(count: 5, context: SuggestionContext(space: Self.plane, seed: 12))
        #expect(first.count == 5 && first == again && first != other)
        #expect(first.allSatisfy(Self.plane.contains))
        // Space-filling: each half of each axis holds 2 or 3 of the 5 points.
        for (name, mid) in [("x", 0.5), ("y", 0.0)] {
            let low = first.filter { $0[name]!.numericValue! < mid }.count
            #expect((2...3).contains(low), "\(name): \(low) of 5 below the middle")
        }
    }

    @Test func findsTheMinimumOfABowl() throws {
        let run = try Self.run(Self.strategy, space: Self.plane, count: 20, Self.bowl)
        let best = run.compactMap(\.finiteValue).min()!
        #expect(best < 1e-3, "best \(best)")
    }

    @Test func maximizingEqualsMinimizingTheNegation() throws {
        let up = try Self.run(Self.strategy, space: Self.plane, goal: .maximize, count: 9) { -Self.bowl($0) }
        let down = try Self.run(Self.strategy, space: Self.plane, goal: .minimize, count: 9, Self.bowl)
        #expect(up.map(\.configuration) == down.map(\.configuration))
    }

    @Test func sameContextGivesTheSameSuggestions() throws {
        let completed = try Self.run(Self.strategy, space: Self.plane, count: 8, Self.bowl)
        let context = SuggestionContext(space: Self.plane, seed: 1, completed: completed)
        #expect(try Self.strategy.suggest(count: 2, context: context) == Self.strategy.suggest(count: 2, context: context))
    }

    @Test func aBatchEqualsSequentialCallsThatSeeThePendingPicks() throws {
        let completed = try Self.run(Self.strategy, space: Self.plane, count: 8, Self.bowl)
        let batch = try Self.strategy.suggest(count: 3, context: SuggestionContext(space: Self.plane, seed: 1, completed: completed))
        var pending: [Configuration] = []
        for _ in 0..<3 {
            let context = SuggestionContext(space: Self.plane, seed: 1, completed: completed, pending: pending)
            pending += try Self.strategy.suggest(count: 1, context: context)
        }
        #expect(batch == pending)
    }

    @Test func pastTheModelCapABatchStillEqualsSequentialCallsAndDiffersFromTheFullModel() throws {
        // 24 trials and a cap of 12: the model sees the best 6 and 6 drawn by the seed, so its
        // picks differ from the full model's, yet stay reproducible and batch-consistent.
        let completed = try Self.run(Self.strategy, space: Self.plane, count: 24, Self.bowl)
        var options = Self.strategy.options
        options.maxModelPoints = 12
        let capped = BayesStrategy(options: options)
        let context = SuggestionContext(space: Self.plane, seed: 1, completed: completed)
        let batch = try capped.suggest(count: 2, context: context)
        #expect(batch == (try capped.suggest(count: 2, context: context)))
        #expect(batch != (try Self.strategy.suggest(count: 2, context: context)))
        let second = try capped.suggest(count: 1, context: SuggestionContext(space: Self.plane, seed: 1, completed: completed,
                                                                              pending: [batch[0]]))
        #expect(second == [batch[1]])
    }

    static func batch(_ liar: BayesStrategy.Liar) throws -> (completed: [Observation], batch: [Configuration]) {
        var options = Self.strategy.options
        options.liar = liar
        let strategy = BayesStrategy(options: options)
        let completed = try Self.run(strategy, space: Self.plane, count: 12, Self.bowl)
        let context = SuggestionContext(space: Self.plane, seed: 1, completed: completed)
        return (completed, try strategy.suggest(count: 6, context: context))
    }

    @Test(arguments: [BayesStrategy.Liar.constant(.mean), .constant(.worst)])
    func aBatchSpreadsOut(_ liar: BayesStrategy.Liar) throws {
        // The default liar and the pessimistic one: after 12 trials on a bowl, the 6 picks of a
        // batch lie at least 0.05 apart in the unit square (the bowl's optimum gets one of them).
        let points = try Self.batch(liar).batch.map(Self.plane.encode)
        #expect(points.count == 6)
        for i in points.indices {
            for j in points.indices where j > i {
                let d = zip(points[i], points[j]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
                #expect(d > 0.05, "\(liar): picks \(i) and \(j) are \(d) apart")
            }
        }
    }

    @Test(arguments: [BayesStrategy.Liar.constant(.mean), .constant(.worst), .constant(.best), .krigingBeliever])
    func aBatchNeverRepeatsAConfiguration(_ liar: BayesStrategy.Liar) throws {
        // The optimistic liars may refine around the incumbent, but never propose a point twice.
        let (completed, batch) = try Self.batch(liar)
        #expect(Set(batch).count == 6)
        #expect(Set(batch).isDisjoint(with: completed.map(\.configuration)))
    }

    @Test func aDiscreteSpaceIsExhaustedWithoutRepeats() throws {
        let space = try SearchSpace([Parameter("opt", .categorical([.string("sgd"), .string("adam"), .string("lion")])),
                                     Parameter("depth", .integer(low: 1, high: 4, log: false))])
        let run = try Self.run(Self.strategy, space: space, count: 20) { c in
            Double(c["depth"]!.numericValue!) + (c["opt"] == .string("adam") ? 0 : 2)
        }
        #expect(run.count == 12)
        #expect(Set(run.map(\.configuration)).count == 12)
        let done = SuggestionContext(space: space, seed: 1, completed: run)
        #expect(try Self.strategy.suggest(count: 3, context: done).isEmpty)
    }

    @Test func aBatchInANearlyExhaustedSpaceReturnsWhatIsLeft() throws {
        let space = try SearchSpace([Parameter("depth", .integer(low: 1, high: 8, log: false))])
        let run = try Self.run(Self.strategy, space: space, count: 5) { Double($0["depth"]!.numericValue!) }
        let pending = try Self.strategy.suggest(count: 1, context: SuggestionContext(space: space, seed: 1, completed: run))
        let rest = try Self.strategy.suggest(count: 5, context: SuggestionContext(space: space, seed: 1, completed: run,
                                                                                   pending: pending))
        #expect(rest.count == 2)
        #expect(Set(run.map(\.configuration) + pending + rest).count == 8)
    }

    @Test func failuresNaNsAndPrunedTrialsStillGiveValidSuggestions() throws {
        var completed = try Self.run(Self.strategy, space: Self.plane, count: 7, Self.bowl)
        completed[1].outcome = .failed
        completed[2].outcome = .value(.nan)
        completed[3].outcome = .value(.infinity)
        completed[4].outcome = .pruned(value: nil)
        completed[5].outcome = .pruned(value: 0.2)
        let batch = try Self.strategy.suggest(count: 3, context: SuggestionContext(space: Self.plane, seed: 1, completed: completed))
        #expect(batch.count == 3 && batch.allSatisfy(Self.plane.contains))
    }

    @Test func onlyFailuresKeepTheDesignGoing() throws {
        let design = try Self.strategy.suggest(count: 8, context: SuggestionContext(space: Self.plane, seed: 3))
        let failed = design.prefix(6).map { Observation($0, .failed) }
        let next = try Self.strategy.suggest(count: 2, context: SuggestionContext(space: Self.plane, seed: 3, completed: failed))
        #expect(next == Array(design.suffix(2)))
    }

    @Test func aConstantObjectiveStillExplores() throws {
        let run = try Self.run(Self.strategy, space: Self.plane, count: 10) { _ in 4.2 }
        #expect(Set(run.map(\.configuration)).count == 10)
    }
}
