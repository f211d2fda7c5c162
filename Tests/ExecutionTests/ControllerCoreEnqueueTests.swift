import Foundation
import Testing
@testable import Execution

/// Enqueued configurations (`hpo enqueue`) and warm-start priors in the controller's core,
/// driven with made-up time.
@Suite struct ControllerCoreEnqueueTests {
    static func enqueued(_ id: Int64, x: Int) -> EnqueuedConfiguration {
        EnqueuedConfiguration(id: id, configuration: ["x": .int(x)], source: "hpo enqueue")
    }

    @Test func enqueuedConfigurationsStartBeforeTheStrategyIsAsked() throws {
        var loop = try CoreLoop(values: [0, 1, 2, 3], parallel: 2)
        loop.feed(.enqueued([Self.enqueued(7, x: 3)], at: loop.now))
        loop.advance(to: 0)
        #expect(loop.starts.map(\.configuration) == [["x": .int(3)]])
        #expect(loop.starts.map(\.enqueued) == [7])
        // The other slot goes to the strategy, which hears of the enqueued trial as pending.
        let question = try #require(loop.questions.first)
        #expect(question.count == 1)
        #expect(question.context.pending == [["x": .int(3)]])
    }

    @Test func anEnqueuedConfigurationTakesTheNextFreeSlot() throws {
        var loop = try CoreLoop(values: [0, 1, 2, 3], parallel: 1)
        loop.advance(to: 0)
        loop.answer([0])
        loop.feed(.enqueued([Self.enqueued(1, x: 2)], at: loop.now))
        loop.report(0, step: 1, 0.5)
        loop.exit(0)
        loop.advance(to: 1)
        #expect(loop.starts.map(\.configuration) == [["x": .int(0)], ["x": .int(2)]])
        #expect(loop.starts.map(\.enqueued) == [nil, 1])
    }

    @Test func enqueuedConfigurationsCountAgainstTheBudgetAndTheRestWait() throws {
        var loop = try CoreLoop(values: [0, 1], parallel: 1)  // a grid of 2: the budget is 2
        loop.feed(.enqueued([Self.enqueued(1, x: 5), Self.enqueued(2, x: 6), Self.enqueued(3, x: 7)], at: loop.now))
        loop.advance(to: 0)
        loop.report(0, step: 1, 0.5)
        loop.exit(0)
        loop.advance(to: 1)
        loop.report(1, step: 1, 0.5)
        loop.exit(1)
        loop.advance(to: 2)
        #expect(loop.starts.map(\.enqueued) == [1, 2])
        #expect(loop.questions.isEmpty)
        #expect(loop.core.isDone)
        #expect(loop.core.enqueued.map(\.id) == [3])
    }

    @Test func anEnqueuedConfigurationSeenTwiceRunsOnce() throws {
        var loop = try CoreLoop(values: [0, 1, 2, 3], parallel: 1)
        loop.feed(.enqueued([Self.enqueued(4, x: 3)], at: loop.now))
        loop.advance(to: 0)
        loop.feed(.enqueued([Self.enqueued(4, x: 3)], at: loop.now))
        loop.report(0, step: 1, 0.5)
        loop.exit(0)
        loop.advance(to: 1)
        #expect(loop.starts.map(\.enqueued) == [4])
        #expect(loop.questions.count == 1)
    }

    @Test func priorsReachTheStrategyOutsideTheRunsCount() throws {
        let priors = [Observation(["x": .int(1)], .value(0.25)), Observation(["x": .int(2)], .value(0.5))]
        var loop = try CoreLoop(values: [0, 1, 2, 3], parallel: 1, priors: priors)
        loop.advance(to: 0)
        let question = try #require(loop.questions.first)
        #expect(question.context.priors == priors)
        #expect(question.context.completed.isEmpty)
        #expect(question.context.suggestionIndex == 0)
        #expect(loop.core.progress(now: loop.now).remaining == 4)
    }
}
