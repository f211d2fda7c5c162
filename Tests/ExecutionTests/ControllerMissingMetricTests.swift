import Foundation
import Testing
@testable import Execution

/// A trial that exits 0 without the objective (`no_metric`): what it is told, and when the
/// sweep stops launching.
@Suite struct ControllerMissingMetricTests {
    /// Reports what scikit-learn's digits example reports: val_loss and val_accuracy, never
    /// `objective` (the metric a sweep without --metric waits for).
    static let keras = """
        x = int(sys.argv[1])
        for step in range(1, 3):
            open(os.environ["HPO_METRICS_FILE"], "a").write(
                json.dumps({"step": step, "val_loss": 1.0 / step, "val_accuracy": 0.5 + step / 10}) + "\\n")
        """

    @Test func theFirstTrialWithoutTheObjectiveStopsTheSweepAndNamesTheFlag() throws {
        let h = SweepHarness()
        defer { h.remove() }
        var drained: [String] = []
        let (sweep, state) = try h.run(["python3", h.script("keras.py", Self.keras), "{x}"], space: [.ints("x", [1, 2, 3, 4])],
                                       observer: { if case .draining(let why) = $0 { drained.append(why) } })
        #expect(state == .failed)
        let trials = try sweep.store.trials()
        #expect(trials.map(\.state) == [.noMetric])
        #expect(trials.first?.explanation
            == "exited 0 without reporting the metric 'objective'; it reported val_loss, val_accuracy: use --metric val_loss")
        #expect(drained == ["stopping the sweep: no trial has reported the metric 'objective' (trial 0 reported val_loss, "
                            + "val_accuracy): start it again with --metric val_loss, or pass --allow-missing-metric to go on anyway"])
    }

    @Test func theTrialsAlreadyRunningFinish() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let (sweep, state) = try h.run(["python3", h.script("keras.py", Self.keras), "{x}"], space: [.ints("x", [1, 2, 3, 4, 5])],
                                       parallel: 2)
        #expect(state == .failed)
        // Both were launched together; the one still running when the other ended was not stopped.
        #expect(try sweep.store.trials().map(\.state) == [.noMetric, .noMetric])
    }

    @Test func allowingAMissingMetricRunsEveryTrial() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let (sweep, state) = try h.run(["python3", h.script("keras.py", Self.keras), "{x}"], space: [.ints("x", [1, 2, 3])],
                                       configure: { $0.allowsMissingMetric = true })
        #expect(state == .completed)
        #expect(try sweep.store.trials().map(\.state) == [.noMetric, .noMetric, .noMetric])
        // Kept in settings.json, so that `hpo resume` goes on the same way.
        let settings = try #require(try RunSettings.load(sweep.layout))
        #expect(try settings.executionOptions(environment: [:]).allowsMissingMetric)
    }

    @Test func byDefaultAResumedRunChecksAgain() throws {
        var settings = RunSettings(options: ExecutionOptions(workingDirectory: "/"), slots: try SlotLedger(parallel: 1))
        #expect(settings.allowsMissingMetric == nil)
        #expect(try !settings.executionOptions(environment: [:]).allowsMissingMetric)
        settings.allowsMissingMetric = true
        #expect(try settings.executionOptions(environment: [:]).allowsMissingMetric)
    }

    @Test func onceTheObjectiveWasReportedATrialWithoutItDoesNotStopTheSweep() throws {
        let h = SweepHarness()
        defer { h.remove() }
        // Trial 1 exits before its first report (a crash that still exits 0); the others report.
        let script = h.script("some.py", """
            x = int(sys.argv[1])
            if x != 2:
                open(os.environ["HPO_METRICS_FILE"], "a").write(json.dumps({"objective": x}) + "\\n")
            """)
        let (sweep, state) = try h.run(["python3", script, "{x}"], space: [.ints("x", [1, 2, 3])])
        #expect(state == .completed)
        #expect(try sweep.store.trials().map(\.state) == [.succeeded, .noMetric, .succeeded])
        #expect(try sweep.store.trial(1)?.explanation
            == "exited 0 without reporting the metric 'objective'; it reported no metric at all: append {\"objective\": …} "
            + "lines to $HPO_METRICS_FILE, or read them from stdout with --metric-pattern default")
    }
}
