import Testing
@testable import Search

@Test func gridOrderFollowsGrid() throws {
    let space = try SearchSpace([
        Parameter("number", .ordinal([.int(1), .int(2)])),
        Parameter("food_item", .categorical([.string("pizza"), .string("hotdog")])),
    ])
    let points = try GridStrategy().suggest(count: 10, context: SuggestionContext(space: space))
    #expect(points.map { "\($0["number"]!.commandLineText) \($0["food_item"]!.commandLineText)" }
        == ["1 pizza", "2 pizza", "1 hotdog", "2 hotdog"])
}
