import Foundation
import Testing
@testable import Search

/// Integer ranges as wide as `Int` allows (`randint(0, 9223372036854775807)` for a seed) are
/// searched, never trapped on: `high − low + 1` does not fit an `Int` there, and
/// `Double(Int.max) + 0.5` does not convert back.
@Suite("Wide integer ranges")
struct WideIntegerRangeTests {
    private static let seedRange = Domain.integer(low: 0, high: .max, log: false)
    private static let negativeRange = Domain.integer(low: .min, high: 0, log: false)
    private static let fullRange = Domain.integer(low: .min, high: .max, log: false)
    private static let logRange = Domain.integer(low: 1, high: .max, log: true)

    private static func space(_ domain: Domain, gridPoints: Int? = nil) throws -> SearchSpace {
        try SearchSpace([Parameter("x", domain, gridPoints: gridPoints)])
    }

    private static func values(_ configurations: [Configuration]) -> [Int] {
        configurations.map { c in
            guard case .int(let v) = c["x"]! else { Issue.record("not an integer: \(c)"); return 0 }
            return v
        }
    }

    @Test func aRangeOfMoreThanIntMaxValuesHasNoCardinality() throws {
        #expect(Self.seedRange.cardinality == nil)
        #expect(Self.negativeRange.cardinality == nil)
        #expect(Self.fullRange.cardinality == nil)
        #expect(Domain.integer(low: 0, high: .max - 1, log: false).cardinality == .max)
        #expect(Domain.integer(low: -5, high: 5, log: false).cardinality == 11)
        #expect(try Self.space(Self.seedRange).cardinality == nil)
    }

    @Test(arguments: [seedRange, negativeRange, fullRange, logRange])
    func randomSearchDrawsInsideTheRange(domain: Domain) throws {
        let space = try Self.space(domain)
        let drawn = try RandomStrategy().suggest(count: 50, context: SuggestionContext(space: space, seed: 3))
        #expect(drawn.count == 50)
        #expect(drawn.allSatisfy(space.contains))
        #expect(Set(Self.values(drawn)).count == 50)
    }

    @Test func aFullWidthRangeReachesBothSigns() throws {
        let drawn = Self.values(try RandomStrategy().suggest(
            count: 40, context: SuggestionContext(space: try Self.space(Self.fullRange), seed: 1)))
        #expect(drawn.contains { $0 < 0 } && drawn.contains { $0 > 0 })
    }

    @Test func aSmallRangeDrawsWhatItAlwaysDrew() throws {
        // The unsigned arithmetic must not change the values a seed gave before: the stream's
        // draw modulo the range's size, added to low.
        var rng = SplitMix64(seed: 9, index: 0, salt: 1)
        var expected = rng
        for _ in 0..<20 {
            let v = RandomStrategy.uniformInteger(-3, 6, using: &rng)
            #expect(v == -3 + Int(expected.next() % 10))
        }
    }

    @Test func gridRefusesToEnumerateTheRange() throws {
        #expect(throws: StrategyError.gridTooLarge) { try GridStrategy.size(of: try Self.space(Self.seedRange)) }
        #expect(throws: StrategyError.gridTooLarge) { try GridStrategy.size(of: try Self.space(Self.fullRange)) }
    }

    @Test func gridPointsSpreadOverTheWholeRange() throws {
        let points = try GridStrategy.points(of: try Self.space(Self.seedRange, gridPoints: 3))
        #expect(Self.values(points) == [0, 4_611_686_018_427_387_904, .max])
        let full = try GridStrategy.points(of: try Self.space(Self.fullRange, gridPoints: 2))
        #expect(Self.values(full) == [.min, .max])
    }

    @Test func gridPointsBeyondTheLimitAreRefusedBeforeListing() throws {
        let real = try SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false), gridPoints: .max)])
        #expect(throws: StrategyError.gridTooLarge) { try GridStrategy.size(of: real) }
        let wide = try Self.space(Self.seedRange, gridPoints: 1 << 40)
        #expect(throws: StrategyError.gridTooLarge) { try GridStrategy.size(of: wide) }
        // More points than a small range holds: every integer, once.
        let small = try SearchSpace([Parameter("x", .integer(low: 1, high: 5, log: false), gridPoints: .max)])
        #expect(try GridStrategy.size(of: small) == 5)
    }

    @Test func theUnitCubeEndsDecodeToTheRangeEnds() throws {
        for domain in [Self.seedRange, Self.negativeRange, Self.fullRange, Self.logRange] {
            guard case .integer(let low, let high, _) = domain else { continue }
            let space = try Self.space(domain)
            #expect(space.decode([0])["x"] == .int(low))
            #expect(space.decode([1])["x"] == .int(high))
            #expect(space.decode([.nan])["x"] == .int(low))
            let top = space.encode(Configuration(["x": .int(high)]))
            #expect(space.decode(top)["x"] == .int(high))
        }
    }

    @Test func bayesSearchFitsAndSuggestsOverTheRange() throws {
        let space = try SearchSpace([
            Parameter("seed", Self.seedRange),
            Parameter("offset", Self.negativeRange),
            Parameter("bits", Self.logRange),
        ])
        let strategy = BayesStrategy(options: .init(candidateCount: 200, localCandidateCount: 50, refineStarts: 1))
        var completed: [Observation] = []
        for _ in 0..<9 {
            let context = SuggestionContext(space: space, seed: 5, completed: completed)
            let next = try strategy.suggest(count: 1, context: context)
            #expect(next.count == 1 && next.allSatisfy(space.contains))
            guard let c = next.first else { break }
            completed.append(Observation(c, .value(Double(c["seed"]!.numericValue!) / 1e18)))
        }
        #expect(completed.count == 9)
    }

    @Test func presampledDrawsFromTheRangeWork() throws {
        let domain = try SweepSyntax.domain(of: "randint(0, 9223372036854775807, 3)", flag: "--x", parameter: "x", seed: 1)
        guard case .ordinal(let values) = domain else { Issue.record("\(domain)"); return }
        #expect(values.count == 3 && Set(values).count == 3)
        let negative = try SweepSyntax.domain(of: "randint(-9223372036854775808, 0, 3)", flag: "--x", parameter: "x",
                                              seed: 1)
        guard case .ordinal(let low) = negative else { Issue.record("\(negative)"); return }
        #expect(low.count == 3 && low.allSatisfy { ($0.numericValue ?? 1) <= 0 })
    }
}
