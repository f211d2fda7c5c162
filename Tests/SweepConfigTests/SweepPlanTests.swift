import Testing
@testable import SweepConfig

/// Budgets and the trials a sweep starts with.
@Suite struct SweepPlanTests {
    static func spec(_ yaml: String) throws -> SweepSpec { try SweepSpec(yaml: yaml) }

    @Test func gridRunsTheWholeGridUnlessTrialsCapIt() throws {
        let yaml = "command: [echo]\nparameters: {a: '[1, 2, 3]', b: \"['x']\"}"
        #expect(try Self.spec(yaml).budget() == 3)
        #expect(try Self.spec(yaml + "\ntrials: 2").budget() == 2)
        #expect(try Self.spec(yaml + "\ntrials: 20").budget() == 3)
    }

    @Test func randomAndBayesNeedTrials() throws {
        #expect(throws: SweepPlanError.needsTrials(.random)) { try Self.spec("strategy: random").budget() }
        #expect(SweepPlanError.needsTrials(.bayes).description
            == "--strategy bayes needs a budget: add --trials N (or trials: N in the sweep file)")
    }

    @Test func gridRefusesAContinuousParameterWithoutGridPoints() throws {
        #expect(throws: StrategyError.continuousParameterInGrid(parameter: "lr")) {
            try Self.spec("parameters: {lr: 'uniform(0, 1)'}").budget()
        }
    }

    @Test func plannedTrialsRenderTheCommand() throws {
        let spec = try Self.spec("command: [echo, '{a}']\nparameters: {a: '[1, 2]', b: 'x'}")
        let trials = try spec.plannedTrials(using: GridStrategy())
        #expect(trials.map(\.argv) == [["echo", "1", "--b", "x"], ["echo", "2", "--b", "x"]])
    }

    @Test func randomPlanIsFixedBySeed() throws {
        let yaml = "command: [echo]\nstrategy: random\ntrials: 5\nparameters: {lr: 'loguniform(1e-5, 1)'}"
        let a = try Self.spec(yaml + "\nseed: 1").plannedTrials(using: RandomStrategy()).map(\.argv)
        let b = try Self.spec(yaml + "\nseed: 1").plannedTrials(using: RandomStrategy()).map(\.argv)
        let c = try Self.spec(yaml + "\nseed: 2").plannedTrials(using: RandomStrategy()).map(\.argv)
        #expect(a.count == 5 && a == b && a != c)
    }

    /// Remembers the context of its one question.
    final class Spy: Strategy, @unchecked Sendable {
        let name = "spy"
        var context: SuggestionContext?
        func suggest(count: Int, context: SuggestionContext) throws -> [Configuration] {
            self.context = context
            return try GridStrategy().suggest(count: count, context: context)
        }
    }

    @Test func aPlanIsAskedWithTheRungsTheRunWillBeAskedWith() throws {
        let yaml = "command: [echo]\nparameters: {a: '[1, 2]'}\nearly_stopping: {rule: asha, min_resource: 2, max_resource: 18}"
        let spy = Spy()
        _ = try Self.spec(yaml).plannedTrials(using: spy)
        #expect(spy.context?.resources == ResourceLadder(minResource: 2, reductionFactor: 3, maxResource: 18))
        _ = try Self.spec("command: [echo]\nparameters: {a: '[1, 2]'}").plannedTrials(using: spy)
        #expect(spy.context.map { $0.resources == nil } == true)
    }

    @Test func aPlanNeedsACommand() throws {
        #expect(throws: SweepPlanError.noCommand) { try Self.spec("parameters: {a: '[1]'}").plannedTrials(using: GridStrategy()) }
    }
}
