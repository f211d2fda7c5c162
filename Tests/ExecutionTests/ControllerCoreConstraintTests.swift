import Foundation
import Testing
@testable import Execution

/// The live best of a run with outcome constraints (`peak_memory_gb <= 16`), driven with
/// made-up time: an infeasible trial is never announced as best.
@Suite struct ControllerCoreConstraintTests {
    let memory = OutcomeConstraint(metric: "peak_memory_gb", bound: 16, isUpperBound: true)

    func run(_ trials: [[(Double, [String: Double])]]) throws -> CoreLoop {
        try CoreLoop.inTurn(trials, constraints: [memory])
    }

    @Test func anInfeasibleTrialWithTheBestObjectiveIsNotTheBest() throws {
        let loop = try run([[(0.5, ["peak_memory_gb": 12])], [(0.1, ["peak_memory_gb": 20])]])
        #expect(loop.records.map(\.state) == [.succeeded, .succeeded])
        let progress = loop.core.progress(now: loop.now)
        #expect(progress.bestTrial == 0)
        #expect(progress.best == 0.5)
    }

    @Test func aTrialThatNeverReportedTheConstrainedMetricIsNotTheBest() throws {
        let loop = try run([[(0.5, ["peak_memory_gb": 12])], [(0.1, [:])]])
        #expect(loop.core.progress(now: loop.now).bestTrial == 0)
    }

    @Test func theLastReportedValueDecidesAndTheBoundIsFeasible() throws {
        // Trial 1 went over the bound, then ended on it: feasible. Trial 2 ended over it.
        let loop = try run([[(0.5, ["peak_memory_gb": 12])],
                            [(0.3, ["peak_memory_gb": 30]), (0.2, ["peak_memory_gb": 16])],
                            [(0.1, ["peak_memory_gb": 8]), (0.05, ["peak_memory_gb": 17])]])
        #expect(loop.core.progress(now: loop.now).bestTrial == 1)
    }

    @Test func noTrialIsTheBestWhileNoneIsFeasible() throws {
        let loop = try run([[(0.1, ["peak_memory_gb": 20])]])
        #expect(loop.core.progress(now: loop.now).bestTrial == nil)
    }

    @Test func aResumedRunsBestIsItsBestFeasibleTrial() throws {
        var loop = try CoreLoop(values: [0, 1, 2], parallel: 1, constraints: [memory])
        let at = Date(timeIntervalSince1970: 1_000_000)
        let trials = [(0, 0.5), (1, 0.1)].map { number, objective in
            TrialRecord(number: number, configuration: ["x": .int(number)], state: .succeeded, createdAt: at,
                        startedAt: at, finishedAt: at + 1, exitCode: 0, objective: objective, steps: 1)
        }
        loop.core.restore(from: trials, points: [:], histories: [:], constraintValues: [0: [12], 1: [20]])
        #expect(loop.core.progress(now: loop.now).bestTrial == 0)
    }

    @Test func theStrategyHearsTheConstrainedMetricsLastValues() throws {
        let loop = try run([[(0.5, ["peak_memory_gb": 12]), (0.4, ["peak_memory_gb": 14])], [(0.1, [:])]])
        let context = try #require(loop.questions.last?.context)
        #expect(context.constraints == [memory])
        #expect(context.completed.first?.constraintValues == [14])
        #expect(context.completed.last?.constraintValues.first?.isNaN == true)
    }
}
