import Testing
@testable import Search

/// Parallel workers sharing one study.
@Suite("Study from parallel workers")
struct StudyConcurrencyTests {
    /// 6 × 10 = 60 points.
    let space = try! SearchSpace([
        Parameter("a", .integer(low: 0, high: 5, log: false)),
        Parameter("b", .integer(low: 1, high: 10, log: true)),
    ])

    /// Eight workers ask and tell until the space runs out: every point is tried exactly once,
    /// numbers are 0…59 without gaps, and nothing is left running.
    @Test(arguments: ["grid", "random"])
    func workersShareOneStudyWithoutDuplicates(strategy: String) async throws {
        let study = try Study(space: space, strategy: strategy == "grid" ? .grid : .random, seed: 9)
        let size = try #require(space.cardinality)
        let numbers = await withTaskGroup(of: [Int].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var mine: [Int] = []
                    while let t = try? study.ask() {
                        try? t.report(step: 0, value: Double(t.number))
                        try? study.tell(t, value: Double(t.number % 7))
                        mine.append(t.number)
                    }
                    return mine
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(numbers.sorted() == Array(0..<size))
        #expect(Set(study.trials.map(\.parameters)).count == size)
        #expect(study.trials.allSatisfy { $0.state == .completed && $0.curve.count == 1 })
    }
}
