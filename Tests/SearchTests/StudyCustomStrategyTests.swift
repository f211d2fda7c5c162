import Foundation
import Testing
@testable import Search

/// A study hands its strategy the whole history and checks what comes back.
@Suite("Study with a custom strategy")
struct StudyCustomStrategyTests {
    /// Returns fixed configurations and remembers every context it was given.
    final class Scripted: Strategy, @unchecked Sendable {
        let name = "scripted"
        let lock = NSLock()
        var script: [Configuration]
        var contexts: [SuggestionContext] = []

        init(_ script: [Configuration]) { self.script = script }

        func suggest(count: Int, context: SuggestionContext) throws -> [Configuration] {
            lock.lock(); defer { lock.unlock() }
            contexts.append(context)
            let out = Array(script.prefix(count))
            script.removeFirst(out.count)
            return out
        }
    }

    let space = try! SearchSpace([Parameter("x", .integer(low: 0, high: 9, log: false))])

    @Test func theStrategyHearsFinishedTrialsInOrderAndRunningOnesAsPending() throws {
        let strategy = Scripted((0..<6).map { ["x": .int($0)] })
        let study = try Study(space: space, strategy: .custom(strategy), goal: .maximize, seed: 42)
        let t = try study.ask(count: 5)
        try t[3].report(step: 1, value: 0.7)
        try study.tell(t[3], .pruned(value: nil))
        try study.tell(t[0], value: .nan)
        try study.tell(t[1], .failed)
        try study.tell(t[4], value: 2)
        _ = try study.ask()
        let context = try #require(strategy.contexts.last)
        #expect(context.goal == .maximize)
        #expect(context.seed == 42)
        #expect(context.suggestionIndex == 5)
        // Trial order, not finishing order; the NaN is passed on as told.
        #expect(context.completed.map(\.configuration) == [["x": .int(0)], ["x": .int(1)], ["x": .int(3)], ["x": .int(4)]])
        guard case .value(let nan) = context.completed[0].outcome else { Issue.record("expected a value"); return }
        #expect(nan.isNaN)
        #expect(context.completed[1...].map(\.outcome) == [.failed, .pruned(value: 0.7), .value(2)])
        #expect(context.pending == [["x": .int(2)]])
    }

    @Test func underASuccessiveHalvingRuleTheStrategySeesEveryCurveAndTheRungs() throws {
        let rule = try EarlyStoppingRule.make(name: "asha", options: ["reduction_factor": 3, "min_resource": 1])
        let strategy = Scripted((0..<4).map { ["x": .int($0)] })
        let study = try Study(space: space, strategy: .custom(strategy), seed: 3, earlyStopping: rule)
        let t = try study.ask(count: 3)
        for (step, value) in [(1, 0.9), (2, 0.8), (3, 0.7)] { try t[0].report(step: step, value: value) }
        try t[1].report(step: 1, value: 0.5)
        try study.tell(t[0], value: 0.7)
        _ = try study.ask()
        let context = try #require(strategy.contexts.last)
        #expect(context.completed.map(\.curve) == [[CurvePoint(step: 1, value: 0.9), CurvePoint(step: 2, value: 0.8),
                                                     CurvePoint(step: 3, value: 0.7)]])
        // Trial 2 reported nothing: pending without a curve.
        #expect(context.pending == [["x": .int(1)], ["x": .int(2)]])
        #expect(context.pendingCurves == [["x": .int(1)]: [CurvePoint(step: 1, value: 0.5)]])
        #expect(context.resources == ResourceLadder(minResource: 1, reductionFactor: 3))
    }

    @Test func withoutARuleTheCurvesArriveAndNoRungs() throws {
        let strategy = Scripted((0..<2).map { ["x": .int($0)] })
        let study = try Study(space: space, strategy: .custom(strategy), seed: 3)
        let t = try study.ask()
        try t.report(step: 5, value: 0.25)
        try study.tell(t, .pruned(value: nil))
        _ = try study.ask()
        let context = try #require(strategy.contexts.last)
        #expect(context.completed == [Observation(["x": .int(0)], .pruned(value: 0.25), curve: [CurvePoint(step: 5, value: 0.25)])])
        #expect(context.resources == nil)
    }

    @Test func aSuggestionOutsideTheSpaceIsRefused() throws {
        let study = try Study(space: space, strategy: .custom(Scripted([["x": .int(12)]])))
        #expect(throws: StudyError.invalidSuggestion(strategy: "scripted", configuration: "x=12")) { try study.ask() }
        #expect(study.trials.isEmpty)
        #expect(StudyError.invalidSuggestion(strategy: "scripted", configuration: "x=12").description
            == "the scripted strategy suggested a configuration outside the search space: x=12")
    }
}
