import Testing
@testable import Search

/// Prior observations of other runs (`SuggestionContext.priors`): the model strategies learn
/// from them as from finished trials; the run's own count does not include them.
@Suite struct WarmStartPriorsTests {
    static let space = try! SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false))])

    /// Twelve earlier trials of a bowl with its minimum at x = 0.8: past the random start of
    /// both model strategies.
    static let priors = (0..<12).map { i -> Observation in
        let x = (Double(i) + 0.5) / 12
        return Observation(["x": .real(x)], .value((x - 0.8) * (x - 0.8)))
    }

    @Test func foldingPutsThePriorsFirstAmongTheFinishedTrials() {
        var context = SuggestionContext(space: Self.space, seed: 3, completed: [Observation(["x": .real(0.5)], .value(1))])
        context.priors = Self.priors
        #expect(context.suggestionIndex == 1)
        let folded = context.foldingPriors()
        #expect(folded.completed == Self.priors + context.completed)
        #expect(folded.priors.isEmpty)
    }

    @Test(arguments: ["bayes", "tpe"])
    func aModelStrategySuggestsDifferentlyWithPriors(_ name: String) throws {
        let strategy: any Strategy = name == "bayes" ? BayesStrategy() : TPEStrategy()
        let cold = SuggestionContext(space: Self.space, seed: 3)
        var warm = cold
        warm.priors = Self.priors
        let coldPick = try strategy.suggest(count: 1, context: cold)
        let warmPick = try strategy.suggest(count: 1, context: warm)
        #expect(coldPick != warmPick)
        // The priors' model points near their best region (12 points 1/12 apart).
        let x = try #require(warmPick.first?["x"]?.numericValue)
        #expect(abs(x - 0.8) < 0.2, "\(name) picked x = \(x)")
    }

    @Test(arguments: ["random", "grid"])
    func randomAndGridIgnoreThePriors(_ name: String) throws {
        let space = try SearchSpace([Parameter("x", .ordinal([.int(1), .int(2), .int(3)]))])
        let strategy: any Strategy = name == "random" ? RandomStrategy() : GridStrategy()
        let cold = SuggestionContext(space: space, seed: 3)
        var warm = cold
        warm.priors = [Observation(["x": .int(1)], .value(0))]
        #expect(try strategy.suggest(count: 2, context: warm) == (try strategy.suggest(count: 2, context: cold)))
    }
}
