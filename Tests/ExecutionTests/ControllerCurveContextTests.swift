import Foundation
import Testing
@testable import Execution

/// What the strategy is told of learning curves: every finished trial's curve, the running
/// and waiting trials' curves so far, the rule's rungs — and the same after a restart.
/// Pure core, made-up time.
@Suite struct ControllerCurveContextTests {
    static let asha = try! SuccessiveHalving(minResource: 1, reductionFactor: 3, maxResource: 27)

    /// A trial script reporting `10 - x + 1/step` at steps 1, 2, 3: each trial is better than
    /// the ones with a lower `x` at every step, so ASHA stops none of a grid run in order.
    static let improving = """
        x = int(sys.argv[1])
        for step in (1, 2, 3):
            open(os.environ["HPO_METRICS_FILE"], "a").write(json.dumps({"step": step, "objective": 10 - x + 1 / step}) + "\\n")
        """
    /// ASHA over those 3 steps, as a sweep file says it (one rung, at step 1).
    static let ashaSpec = EarlyStoppingSpec(rule: .asha, options: ["min_resource": .int(1), "max_resource": .int(3)])

    static func point(_ step: Int, _ value: Double) -> LearningCurve.Point { .init(step: step, value: value) }

    /// Two slots, ASHA; trial 0 reports steps 1 and 3 and exits; trial 1 reports step 1 and
    /// runs on. Returns the loop and the question asked for the freed slot.
    static func uninterrupted() throws -> (loop: CoreLoop, question: SuggestionContext) {
        var loop = try CoreLoop(values: [0, 1, 2, 3], parallel: 2) { $0.earlyStopping = asha }
        loop.advance(to: 0)
        loop.answer([0, 1])
        loop.report(0, step: 1, 0.9)
        loop.report(1, step: 1, 0.8)
        loop.report(0, step: 3, 0.6)
        loop.advance(to: 2)
        loop.exit(0)
        loop.advance(to: 3)
        return (loop, try #require(loop.questions.last).context)
    }

    @Test func theStrategySeesFinishedCurvesRunningCurvesAndTheRungs() throws {
        let (_, context) = try Self.uninterrupted()
        #expect(context.completed == [Observation(["x": .int(0)], .value(0.6), curve: [Self.point(1, 0.9), Self.point(3, 0.6)])])
        #expect(context.pending == [["x": .int(1)]])
        #expect(context.pendingCurves == [["x": .int(1)]: [Self.point(1, 0.8)]])
        #expect(context.resources == ResourceLadder(minResource: 1, reductionFactor: 3, maxResource: 27))
    }

    @Test func aRunningTrialThatReportedNothingIsPendingWithoutACurve() throws {
        var loop = try CoreLoop(values: [0, 1, 2], parallel: 2) { $0.earlyStopping = Self.asha }
        loop.advance(to: 0)
        loop.answer([0, 1])
        loop.report(0, step: 1, 0.5)
        loop.exit(0)
        loop.advance(to: 1)
        let context = try #require(loop.questions.last).context
        #expect(context.pending == [["x": .int(1)]])
        #expect(context.pendingCurves.isEmpty)
    }

    @Test func pendingTrialsAreToldInTrialOrder() throws {
        var loop = try CoreLoop(values: Array(0..<8), parallel: 5)
        loop.advance(to: 0)
        loop.answer([0, 1, 2, 3, 4])
        loop.report(2, step: 1, 0.5)
        loop.exit(2)
        loop.advance(to: 1)
        let context = try #require(loop.questions.last).context
        #expect(context.pending == [0, 1, 3, 4].map { ["x": .int($0)] })
    }

    @Test func withoutARuleTheCurvesArriveAndNoRungs() throws {
        var loop = try CoreLoop(values: [0, 1], parallel: 1)
        loop.advance(to: 0)
        loop.answer([0])
        loop.report(0, step: 2, 0.4)
        loop.exit(0)
        loop.advance(to: 1)
        let context = try #require(loop.questions.last).context
        #expect(context.completed.map(\.curve) == [[Self.point(2, 0.4)]])
        #expect(context.resources == nil)
    }

    /// The same moment after `kill -9` and `hpo resume`: trial 0 stored as finished, trial 1
    /// (killed while running) queued again, both with their stored objective points. The
    /// resumed core relaunches trial 1, then asks for the free slot with the context the
    /// uninterrupted core asked with.
    @Test func aRestoredCoreAsksWithTheContextAnUninterruptedOneAsks() throws {
        let (live, question) = try Self.uninterrupted()
        var resumed = try CoreLoop(values: [0, 1, 2, 3], parallel: 2) { $0.earlyStopping = Self.asha }
        let finished = try #require(live.records.first)
        let killed = TrialRecord(number: 1, configuration: ["x": .int(1)], state: .queued, attempt: 2,
                                 createdAt: live.wallOrigin)
        let stored: [Int: [MetricPoint]] = [
            0: [MetricPoint(step: 1, name: "objective", value: 0.9), MetricPoint(step: 3, name: "objective", value: 0.6)],
            1: [MetricPoint(step: 1, name: "objective", value: 0.8)],
        ]
        resumed.core.restore(from: [finished, killed], points: stored, histories: [:])
        resumed.advance(to: 0)
        #expect(resumed.starts.map(\.number) == [1])
        let again = try #require(resumed.questions.last).context
        #expect(again.completed == question.completed)
        #expect(again.pending == question.pending)
        #expect(again.pendingCurves == question.pendingCurves)
        #expect(again.resources == question.resources)
        #expect(again.suggestionIndex == question.suggestionIndex)
    }

    /// Suggests the grid's values in order, remembering every context it was given.
    final class Spy: Strategy, @unchecked Sendable {
        let name = "spy"
        private let lock = NSLock()
        private var seen: [SuggestionContext] = []
        var contexts: [SuggestionContext] { lock.lock(); defer { lock.unlock() }; return seen }

        func suggest(count: Int, context: SuggestionContext) throws -> [Configuration] {
            lock.lock()
            seen.append(context)
            lock.unlock()
            let seen = context.seen
            return (1...3).lazy.map { ["x": .int($0)] as Configuration }.filter { !seen.contains($0) }.prefix(count).map { $0 }
        }
    }

    /// Through the real loop and its suggestion thread: the strategy itself receives the curves
    /// and the rungs of a run started from a sweep with `asha`.
    @Test func theStrategyOfARealRunReceivesTheCurvesAndTheRungs() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("curve.py", Self.improving)
        var spec = SweepSpec(name: "spy", command: try CommandTemplate(parsing: ["python3", script, "{x}"]), strategy: .grid,
                             seed: 1, parallel: 1, space: try SearchSpace([.ints("x", [1, 2, 3])]))
        spec.earlyStopping = Self.ashaSpec
        var options = ExecutionOptions(workingDirectory: h.scratch.path,
                                       environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        options.grace = .milliseconds(500)
        let spy = Spy()
        let sweep = try Sweep.create(spec, strategy: spy, root: h.root, options: try options.following(spec))
        #expect(try sweep.controller.run() == .completed)
        let last = try #require(spy.contexts.last)
        #expect(last.completed.map(\.configuration) == [["x": .int(1)], ["x": .int(2)]])
        let reported: [[LearningCurve.Point]] = [1.0, 2.0].map { x in
            [1, 2, 3].map { (step: Int) in Self.point(step, 10 - x + 1 / Double(step)) }
        }
        #expect(last.completed.map(\.curve) == reported)
        #expect(spy.contexts.allSatisfy { $0.resources == ResourceLadder(minResource: 1, reductionFactor: 3, maxResource: 3) })
    }
}
