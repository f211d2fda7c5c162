import Testing
@testable import Search

@Suite("GridStrategy")
struct GridStrategyTests {
    private func texts(_ configurations: [Configuration], _ names: [String]) -> [String] {
        configurations.map { c in names.map { c[$0]!.commandLineText }.joined(separator: " ") }
    }

    private func suggest(_ space: SearchSpace, count: Int = 1000, completed: [Observation] = [],
                         pending: [Configuration] = []) throws -> [Configuration] {
        try GridStrategy().suggest(count: count, context: SuggestionContext(
            space: space, completed: completed, pending: pending))
    }

    private let foodSpace = try! SearchSpace([
        Parameter("number", .ordinal([.int(1), .int(2)])),
        Parameter("food_item", .categorical([.string("pizza"), .string("hotdog")])),
    ])

    @Test func followsGridAiOrderFirstParameterFastest() throws {
        #expect(texts(try suggest(foodSpace), ["number", "food_item"])
            == ["1 pizza", "2 pizza", "1 hotdog", "2 hotdog"])
    }

    @Test func threeParametersCountLikeAMixedRadixNumber() throws {
        let space = try SearchSpace([
            Parameter("a", .integer(low: 0, high: 1, log: false)),
            Parameter("b", .categorical([.string("x"), .string("y"), .string("z")])),
            Parameter("c", .constant(.bool(true))),
            Parameter("d", .ordinal([.real(0.5), .real(0.25)])),
        ])
        #expect(texts(try suggest(space), ["a", "b", "c", "d"]) == [
            "0 x True 0.5", "1 x True 0.5", "0 y True 0.5", "1 y True 0.5", "0 z True 0.5", "1 z True 0.5",
            "0 x True 0.25", "1 x True 0.25", "0 y True 0.25", "1 y True 0.25", "0 z True 0.25", "1 z True 0.25",
        ])
    }

    @Test func refusesAContinuousParameterWithoutGridPoints() throws {
        let space = try SearchSpace([
            Parameter("layers", .integer(low: 1, high: 3, log: false)),
            Parameter("lr", .real(low: 1e-4, high: 1e-1, log: true)),
        ])
        #expect(throws: StrategyError.continuousParameterInGrid(parameter: "lr")) { try suggest(space) }
        #expect(StrategyError.continuousParameterInGrid(parameter: "lr").description
            == "grid search cannot enumerate the continuous parameter 'lr': give it a list of values, "
            + "set grid_points to discretize it, or use --strategy random or bayes")
    }

    @Test func gridPointsSpaceARealRangeEvenly() throws {
        let space = try SearchSpace([Parameter("m", .real(low: 0.1, high: 0.5, log: false), gridPoints: 5)])
        #expect(texts(try suggest(space), ["m"]) == ["0.1", "0.2", "0.3", "0.4", "0.5"])
    }

    @Test func gridPointsSpaceALogRangeEvenlyInLogSpace() throws {
        let space = try SearchSpace([Parameter("lr", .real(low: 1e-5, high: 1e-1, log: true), gridPoints: 5)])
        let got = texts(try suggest(space), ["lr"])
        #expect(got == ["1e-05", "0.0001", "0.001", "0.01", "0.1"])
    }

    @Test func oneGridPointIsTheMidpoint() throws {
        let linear = try SearchSpace([Parameter("m", .real(low: 0, high: 1, log: false), gridPoints: 1)])
        #expect(texts(try suggest(linear), ["m"]) == ["0.5"])
        // On a log scale the midpoint is the geometric mean: √(1e-5 · 1e-1) = 1e-3.
        let log = try SearchSpace([Parameter("lr", .real(low: 1e-5, high: 1e-1, log: true), gridPoints: 1)])
        #expect(texts(try suggest(log), ["lr"]) == ["0.001"])
    }

    @Test func gridPointsOnAnIntegerRangeRoundAndDropRepeats() throws {
        // 1 + i/4 · 99 for i = 0…4: 1, 25.75, 50.5, 75.25, 100, rounded half away from zero.
        let linear = try SearchSpace([Parameter("n", .integer(low: 1, high: 100, log: false), gridPoints: 5)])
        #expect(texts(try suggest(linear), ["n"]) == ["1", "26", "51", "75", "100"])
        let decades = try SearchSpace([Parameter("w", .integer(low: 1, high: 1000, log: true), gridPoints: 4)])
        #expect(texts(try suggest(decades), ["w"]) == ["1", "10", "100", "1000"])
        // 10^(i/7) for i = 0…7: 1, 1.39, 1.93, 2.68, 3.73, 5.18, 7.20, 10 — the second 1 is dropped.
        let crowded = try SearchSpace([Parameter("w", .integer(low: 1, high: 10, log: true), gridPoints: 8)])
        #expect(texts(try suggest(crowded), ["w"]) == ["1", "2", "3", "4", "5", "7", "10"])
    }

    @Test func gridPointsAtLeastTheIntegerCountListEveryInteger() throws {
        let space = try SearchSpace([Parameter("n", .integer(low: 3, high: 6, log: false), gridPoints: 10)])
        #expect(texts(try suggest(space), ["n"]) == ["3", "4", "5", "6"])
    }

    @Test func exhaustionReturnsFewerThenNone() throws {
        let first = try suggest(foodSpace, count: 3)
        #expect(first.count == 3)
        let second = try suggest(foodSpace, count: 3, pending: first)
        #expect(texts(second, ["number", "food_item"]) == ["2 hotdog"])
        #expect(try suggest(foodSpace, count: 3, pending: first + second).isEmpty)
    }

    @Test func skipsPendingAndCompletedPoints() throws {
        let all = try GridStrategy.points(of: foodSpace)
        let next = try suggest(foodSpace, completed: [Observation(all[2], .value(1)), Observation(all[0], .failed)],
                               pending: [all[3]])
        #expect(next == [all[1]])
    }

    @Test func askingInBatchesWalksTheSameOrderAsAllAtOnce() throws {
        let space = try SearchSpace([
            Parameter("a", .integer(low: 0, high: 4, log: false)),
            Parameter("b", .categorical([.string("x"), .string("y"), .string("z")])),
        ])
        var asked: [Configuration] = []
        while true {
            let batch = try suggest(space, count: 4, pending: asked)
            if batch.isEmpty { break }
            asked += batch
        }
        #expect(asked == (try GridStrategy.points(of: space)))
        #expect(asked.count == 15)
    }

    @Test func configurationsOutsideTheGridDoNotDisturbIt() throws {
        let stale: Configuration = ["number": .int(3), "food_item": .string("pizza")]
        #expect(try suggest(foodSpace, pending: [stale]).count == 4)
    }

    @Test func refusesAGridPastTheLimit() throws {
        let space = try SearchSpace((0..<4).map { Parameter("p\($0)", .integer(low: 1, high: 100, log: false)) })
        #expect(throws: StrategyError.gridTooLarge) { try suggest(space) }
        #expect(StrategyError.gridTooLarge.description
            == "the grid has too many points to enumerate; use --strategy random or bayes")
    }

    @Test func sizesAHugeIntegerRangeWithoutListingIt() throws {
        let space = try SearchSpace([Parameter("seed", .integer(low: 0, high: 1 << 40, log: false))])
        #expect(throws: StrategyError.gridTooLarge) { try GridStrategy.size(of: space) }
    }

    @Test func zeroCountSuggestsNothingButStillChecksTheSpace() throws {
        #expect(try suggest(foodSpace, count: 0).isEmpty)
        let space = try SearchSpace([Parameter("lr", .real(low: 0, high: 1, log: false))])
        #expect(throws: StrategyError.continuousParameterInGrid(parameter: "lr")) { try suggest(space, count: 0) }
    }
}
