import Foundation
import Testing
@testable import Execution
@testable import Report

/// The strategy's question rebuilt from a stored run, for a model's best guess in a view: the
/// same as the question `hpo resume` rebuilds for the controller.
@Suite struct StoredContextTests {
    static let yaml = "command: [train, '{x}']\nmetric: {name: loss}\nseed: 9\nparameters:\n  x: '[0, 1, 2, 3, 4]'\n"
        + "early_stopping: {rule: asha, min_resource: 1, max_resource: 9}\n"

    static func x(_ v: Int) -> Configuration { ["x": .int(v)] }
    static func p(_ step: Int, _ value: Double) -> MetricPoint { MetricPoint(step: step, name: "loss", value: value) }
    static func point(_ step: Int, _ value: Double) -> LearningCurve.Point { .init(step: step, value: value) }

    /// Trial 0 succeeded (its retry re-reported step 2), 1 was pruned, 2 runs, 3 waits, 4 failed.
    static func stored() -> (snapshot: RunSnapshot, curves: [Int: [MetricPoint]]) {
        let run = RunInfo(name: "r", createdAt: Date(timeIntervalSince1970: 0), configurationYAML: yaml, seed: 9,
                          strategy: "bayes", goal: .minimize, metric: "loss", parameterNames: ["x"])
        let states: [TrialState] = [.succeeded, .pruned, .running, .queued, .failed]
        let objectives: [Double?] = [0.7, 1.2, nil, nil, nil]
        let trials = states.indices.map { n in
            TrialRecord(number: n, configuration: x(n), state: states[n], createdAt: Date(timeIntervalSince1970: 0),
                        objective: objectives[n])
        }
        let curves = [0: [p(1, 0.9), p(2, 0.8), p(2, 0.7)], 1: [p(1, 1.2)], 2: [p(1, 0.5)]]
        return (RunSnapshot(summary: RunSummary(run: run, counts: [:], best: trials[0]), trials: trials), curves)
    }

    @Test func finishedTrialsCarryTheirOutcomesAndCurvesAndTheOthersArePending() throws {
        let (snapshot, curves) = Self.stored()
        let space = try SweepSpec(yaml: Self.yaml).space
        let context = SuggestionContext(stored: snapshot, space: space, curves: curves)
        #expect(context.seed == 9 && context.goal == .minimize)
        #expect(context.completed == [
            Observation(Self.x(0), .value(0.7), curve: [Self.point(1, 0.9), Self.point(2, 0.7)]),
            Observation(Self.x(1), .pruned(value: 1.2), curve: [Self.point(1, 1.2)]),
            Observation(Self.x(4), .failed),
        ])
        #expect(context.pending == [Self.x(2), Self.x(3)])
        #expect(context.pendingCurves == [Self.x(2): [Self.point(1, 0.5)]])
        #expect(context.resources == ResourceLadder(minResource: 1, reductionFactor: 3, maxResource: 9))
    }

    @Test func theReportsContextIsTheResumedControllersQuestion() throws {
        let (snapshot, curves) = Self.stored()
        let spec = try SweepSpec(yaml: Self.yaml)
        var options = ExecutionOptions(workingDirectory: "/", environment: [:])
        options.earlyStopping = try spec.earlyStoppingRule()
        let settings = ControllerCore.Settings(run: "r", spec: spec, options: options, budget: 5, strategyName: "bayes",
                                               prefixesRankOutput: false)
        var core = ControllerCore(settings: settings, slots: try SlotLedger(parallel: 2), now: .now)
        // What `hpo resume` finds: the running trial was stopped and queued again.
        var reconciled = snapshot.trials
        reconciled[2].state = .queued
        core.restore(from: reconciled, points: curves, histories: [:])
        let report = RunReport(snapshot: snapshot, space: spec.space, curves: curves, workspace: nil, madeAt: Date())
        let context = try #require(report.strategyContext)
        #expect(context.completed == core.completed)
        #expect(context.pending == core.pendingConfigurations)
        #expect(context.pendingCurves == core.pendingCurves)
        #expect(context.resources == core.settings.earlyStopping?.resources)
    }
}
