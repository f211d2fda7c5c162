import Foundation
import Testing
@testable import Execution

/// A run with several objectives (`objective:min`, `latency_ms:min`), driven with made-up
/// time: the strategy hears each finished trial's further objectives, and a resumed run's
/// core rebuilds the same question.
@Suite struct ControllerCoreObjectivesTests {
    let latency = SweepMetric(name: "latency_ms", goal: .minimize)

    func run(_ trials: [[(Double, [String: Double])]]) throws -> CoreLoop {
        try CoreLoop.inTurn(trials, furtherMetrics: [latency])
    }

    @Test func theStrategyHearsTheLaterObjectivesLastValues() throws {
        let loop = try run([[(0.5, ["latency_ms": 30]), (0.4, ["latency_ms": 12])], [(0.1, [:])]])
        let context = try #require(loop.questions.last?.context)
        #expect(context.goals == [.minimize, .minimize])
        #expect(context.isMultiObjective)
        #expect(context.completed.first?.furtherValues == [12])
        #expect(context.completed.first?.objectiveValues == [0.4, 12])
        #expect(context.completed.last?.furtherValues.first?.isNaN == true)
    }

    @Test func aTrialMissingALaterObjectiveStillSucceeds() throws {
        let loop = try run([[(0.1, [:])]])
        #expect(loop.records.map(\.state) == [.succeeded])
    }

    @Test func aRunWithOneObjectiveHearsNoFurtherValues() throws {
        var loop = try CoreLoop(values: [0, 1], parallel: 1)
        loop.advance(to: 0)
        loop.answer([0])
        loop.report(0, step: 0, 0.5, other: ["latency_ms": 3])
        loop.exit(0)
        loop.advance(to: 1)
        let context = try #require(loop.questions.last?.context)
        #expect(!context.isMultiObjective && context.completed.first?.furtherValues == [])
    }

    @Test func aResumedRunAsksTheSameQuestion() throws {
        let live = try run([[(0.5, ["latency_ms": 30])], [(0.1, ["latency_ms": 80])]])
        let asked = try #require(live.questions.last?.context)

        var resumed = try CoreLoop(values: [0, 1, 2], parallel: 1, furtherMetrics: [latency])
        let at = Date(timeIntervalSince1970: 1_000_000)
        let trials = [(0, 0.5), (1, 0.1)].map { number, objective in
            TrialRecord(number: number, configuration: ["x": .int(number)], state: .succeeded, createdAt: at,
                        startedAt: at, finishedAt: at + 1, exitCode: 0, objective: objective, steps: 1)
        }
        let points = [0: [MetricPoint(step: 0, name: "objective", value: 0.5)],
                      1: [MetricPoint(step: 0, name: "objective", value: 0.1)]]
        resumed.core.restore(from: trials, points: points, histories: [:], furtherValues: [0: [30], 1: [80]])
        resumed.advance(to: 0)
        let again = try #require(resumed.questions.last?.context)
        #expect(again.completed == asked.completed)
        #expect(again.furtherGoals == asked.furtherGoals)
    }
}
