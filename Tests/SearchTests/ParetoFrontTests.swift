import Testing
import Search

@Suite struct ParetoFrontTests {
    @Test func aVectorBetterInOneAndEqualInTheOtherDominates() {
        #expect(ParetoFront.dominates([1, 2], [1, 3], goals: [.minimize, .minimize]))
        #expect(!ParetoFront.dominates([1, 3], [1, 2], goals: [.minimize, .minimize]))
        #expect(!ParetoFront.dominates([1, 2], [1, 2], goals: [.minimize, .minimize]))
    }

    @Test func maximizedObjectivesDominateUpwards() {
        #expect(ParetoFront.dominates([1, 5], [1, 3], goals: [.minimize, .maximize]))
        #expect(!ParetoFront.dominates([1, 3], [1, 5], goals: [.minimize, .maximize]))
    }

    @Test func theFrontKeepsTradeOffsAndDropsDominatedAndNonFiniteVectors() {
        let vectors: [[Double]] = [[1, 4], [2, 2], [3, 3], [4, 1], [.nan, 0], [2, 2]]
        #expect(ParetoFront.nonDominated(vectors, goals: [.minimize, .minimize]) == [0, 1, 3, 5])
    }

    @Test func ranksPeelFrontsInTurn() {
        let vectors: [[Double]] = [[1, 4], [2, 2], [3, 3], [4, 4], [0, .infinity]]
        #expect(ParetoFront.ranks(vectors, goals: [.minimize, .minimize]) == [0, 0, 1, 2, nil])
    }
}
