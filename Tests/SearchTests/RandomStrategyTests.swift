import Foundation
import Testing
@testable import Search

@Suite("RandomStrategy")
struct RandomStrategyTests {
    private let continuous = try! SearchSpace([
        Parameter("lr", .real(low: 1e-5, high: 1e-1, log: true)),
        Parameter("dropout", .real(low: 0, high: 0.5, log: false)),
        Parameter("layers", .integer(low: 1, high: 1000, log: false)),
    ])

    /// 4 × 3 × 2 = 24 points.
    private let small = try! SearchSpace([
        Parameter("n", .integer(low: 1, high: 4, log: false)),
        Parameter("opt", .categorical([.string("sgd"), .string("adam"), .string("rmsprop")])),
        Parameter("batch", .ordinal([.int(32), .int(64)])),
        Parameter("k", .constant(.int(1))),
    ])

    private func suggest(_ space: SearchSpace, count: Int, seed: UInt64 = 7, completed: [Observation] = [],
                         pending: [Configuration] = []) throws -> [Configuration] {
        try RandomStrategy().suggest(count: count, context: SuggestionContext(
            space: space, seed: seed, completed: completed, pending: pending))
    }

    @Test func theSameSeedGivesTheSameSuggestions() throws {
        let a = try suggest(continuous, count: 20, seed: 42)
        #expect(a == (try suggest(continuous, count: 20, seed: 42)))
        #expect(a.allSatisfy(continuous.contains))
        #expect(Set(a).count == 20)
    }

    /// Suggestion i + 1 must not reuse suggestion i's draws: each suggestion's stream starts at
    /// a hashed position, so one coordinate of a suggestion says nothing about the next's.
    @Test func consecutiveSuggestionsAreIndependent() throws {
        let unit = try SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false)),
                                    Parameter("y", .real(low: 0, high: 1, log: false))])
        let points = try suggest(unit, count: 2000, seed: 3).map { [$0["x"]!.numericValue!, $0["y"]!.numericValue!] }
        // The correlation of y of suggestion i with x of suggestion i + 1: 1 if the streams were
        // shifted copies; about N(0, 1/2000) for independent draws.
        let a = points.dropLast().map { $0[1] }, b = points.dropFirst().map { $0[0] }
        let (ma, mb) = (a.reduce(0, +) / Double(a.count), b.reduce(0, +) / Double(b.count))
        let cov = zip(a, b).reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) }
        let va = a.reduce(0) { $0 + ($1 - ma) * ($1 - ma) }, vb = b.reduce(0) { $0 + ($1 - mb) * ($1 - mb) }
        #expect(abs(cov / (va * vb).squareRoot()) < 0.1)
    }

    @Test func anotherSeedGivesOtherSuggestions() throws {
        let a = try suggest(continuous, count: 5, seed: 1), b = try suggest(continuous, count: 5, seed: 2)
        #expect(Set(a).isDisjoint(with: b))
    }

    @Test func suggestionIDependsOnlyOnSeedAndIWhilePending() throws {
        let ten = try suggest(continuous, count: 10)
        let first = try suggest(continuous, count: 5)
        let second = try suggest(continuous, count: 5, pending: first)
        #expect(first + second == ten)
    }

    @Test func suggestionIDependsOnlyOnSeedAndIOnceTold() throws {
        let ten = try suggest(continuous, count: 10)
        let first = try suggest(continuous, count: 5)
        let told = first.enumerated().map { Observation($1, $0 % 2 == 0 ? .value(Double($0)) : .failed) }
        #expect(try suggest(continuous, count: 5, completed: told) == Array(ten[5...]))
    }

    @Test func oneAtATimeNeverRepeatsAndExactlyExhaustsADiscreteSpace() throws {
        var asked: [Configuration] = []
        for _ in 0..<24 {
            let next = try suggest(small, count: 1, pending: asked)
            #expect(next.count == 1)
            asked += next
        }
        #expect(Set(asked).count == 24)
        #expect(asked.allSatisfy(small.contains))
        #expect(try suggest(small, count: 1, pending: asked).isEmpty)
    }

    @Test func aBatchLargerThanTheSpaceReturnsEveryPointOnce() throws {
        let all = try suggest(small, count: 100)
        #expect(all.count == 24)
        #expect(Set(all) == Set(try GridStrategy.points(of: small)))
    }

    /// With 197 of 200 points tried, most draws hit tried points and the strategy falls back
    /// to listing the untried ones; it must return exactly those.
    @Test(arguments: 0..<20)
    func aNearlyExhaustedSpaceYieldsTheUntriedPoints(seed: UInt64) throws {
        let space = try SearchSpace([
            Parameter("a", .integer(low: 0, high: 19, log: false)),
            Parameter("b", .integer(low: 0, high: 9, log: false)),
        ])
        let all = try GridStrategy.points(of: space)
        let untried = [all[3], all[101], all[199]]
        let tried = all.filter { !untried.contains($0) }
        let next = try suggest(space, count: 5, seed: seed, pending: tried)
        #expect(Set(next) == Set(untried))
        #expect(next.count == 3)
    }

    /// `draw` is shared with other strategies; a caller that did not check for exhaustion
    /// gets a valid configuration, not a division by zero.
    @Test func drawingFromAFullyTriedSpaceStillReturnsAPoint() throws {
        let all = Set(try GridStrategy.points(of: small))
        var rng = SplitMix64(seed: 1)
        let c = RandomStrategy.draw(small, avoiding: all, cardinality: small.cardinality, using: &rng)
        #expect(small.contains(c))
    }

    @Test func configurationsOutsideTheSpaceDoNotEndTheSearch() throws {
        let space = try SearchSpace([Parameter("a", .categorical([.string("x"), .string("y")]))])
        let stale: [Configuration] = [["a": .string("old")], ["a": .string("x")]]
        #expect(try suggest(space, count: 5, pending: stale) == [["a": .string("y")]])
    }

    /// Kolmogorov–Smirnov distance between the sample and the uniform law on [0, 1].
    private func ksDistanceFromUniform(_ u: [Double]) -> Double {
        let sorted = u.sorted(), n = Double(u.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            d = max(d, Double(i + 1) / n - x, x - Double(i) / n)
        }
        return d
    }

    /// log10(x) of a log-uniform draw over [1e-4, 1] is uniform over [−4, 0]. The KS critical
    /// value at α = 0.001 is 1.949/√n; a sampler uniform in x lands nowhere near it.
    @Test func logRealIsUniformInLogSpace() throws {
        let space = try SearchSpace([Parameter("lr", .real(low: 1e-4, high: 1, log: true))])
        let n = 20_000
        let draws = try suggest(space, count: n, seed: 3).map { $0["lr"]!.numericValue! }
        let u = draws.map { (log10($0) + 4) / 4 }
        #expect(u.allSatisfy { $0 >= 0 && $0 <= 1 })
        let critical = 1.949 / Double(n).squareRoot()
        #expect(ksDistanceFromUniform(u) < critical)
        // Each decade holds a quarter of the draws.
        for decade in 0..<4 {
            let share = Double(u.filter { $0 >= Double(decade) / 4 && $0 < Double(decade + 1) / 4 }.count) / Double(n)
            #expect(abs(share - 0.25) < 0.015, "decade \(decade) holds \(share)")
        }
        // The test has teeth: draws uniform in x put 90 % in the top decade.
        var rng = SplitMix64(seed: 3)
        let linear = (0..<n).map { _ in (log10(max(1e-4, rng.nextUnit())) + 4) / 4 }
        #expect(ksDistanceFromUniform(linear) > 10 * critical)
    }

    /// Log integers are uniform in log over [low − ½, high + ½], then rounded; the reference
    /// probabilities come from Fixtures/unit_cube.py. Pearson's χ² over 20 bins (19 degrees of
    /// freedom) stays under 43.82, its α = 0.001 critical value.
    @Test func logIntegerFrequenciesMatchTheReference() throws {
        let reference = try #require(SearchSpaceUnitCubeTests.fixture["int_log_probabilities_1_20"])
        let space = try SearchSpace([Parameter("w", .integer(low: 1, high: 20, log: true))])
        let n = 40_000
        var rng = SplitMix64(seed: 11)
        var counts = [Int](repeating: 0, count: 20)
        for _ in 0..<n {
            guard case .int(let k) = RandomStrategy.sample(space.parameters[0].domain, using: &rng) else {
                Issue.record("not an integer"); return
            }
            counts[k - 1] += 1
        }
        let chi2 = zip(counts, reference.encoded).reduce(0.0) { sum, pair in
            let expected = Double(n) * pair.1
            return sum + (Double(pair.0) - expected) * (Double(pair.0) - expected) / expected
        }
        #expect(chi2 < 43.82, "χ² = \(chi2)")
        // Teeth: uniform integers against the same reference are far off.
        let uniformChi2 = reference.encoded.reduce(0.0) { sum, p in
            let expected = Double(n) * p, observed = Double(n) / 20
            return sum + (observed - expected) * (observed - expected) / expected
        }
        #expect(uniformChi2 > 100 * 43.82)
    }

    @Test func linearIntegersAndCategoriesAreUniform() throws {
        let space = try SearchSpace([
            Parameter("n", .integer(low: -2, high: 2, log: false)),
            Parameter("c", .categorical([.string("a"), .string("b"), .string("c"), .string("d")])),
        ])
        var rng = SplitMix64(seed: 5)
        var ns = [Int: Int](), cs = [ParameterValue: Int]()
        let n = 20_000
        for _ in 0..<n {
            let c = RandomStrategy.sample(space, using: &rng)
            ns[c["n"]!.numericValue.map(Int.init)!, default: 0] += 1
            cs[c["c"]!, default: 0] += 1
        }
        // Binomial standard deviation of a share p over n draws is √(p(1 − p)/n) ≈ 0.003; allow 5σ.
        #expect(ns.keys.sorted() == [-2, -1, 0, 1, 2])
        for (_, k) in ns { #expect(abs(Double(k) / Double(n) - 0.2) < 0.015) }
        #expect(cs.count == 4)
        for (_, k) in cs { #expect(abs(Double(k) / Double(n) - 0.25) < 0.016) }
    }
}
