import Foundation
import Testing
@testable import Execution

/// Outcome constraints in a stored run: feasibility comes from the stored metric points,
/// an infeasible trial is never the best, and results.csv and the snapshot mark it.
@Suite("Run store: outcome constraints")
struct StoreConstraintTests {
    static let yaml = "metric: {name: val_loss}\nconstraints: [\"mem <= 16\"]\nparameters:\n  lr: [0.1]\n"

    /// Trial 0: best objective, mem 20 (violates). 1: mem exactly 16. 2: never reports mem.
    /// 3: mem 30 then 12 (its last value counts: feasible). 4: failed.
    func constrainedStore(_ dir: TemporaryDirectory) throws -> RunStore {
        var info = sampleRun()
        info.configurationYAML = Self.yaml
        let store = try RunStore.create(at: dir.file("run.db"), run: info)
        let mem: [Int: [Double]] = [0: [20], 1: [16], 3: [30, 12]]
        let objectives: [Double] = [0.1, 0.5, 0.05, 0.3, 0.01]
        for n in 0..<5 {
            try store.createTrial(number: n, configuration: ["lr": .real(0.1 * Double(n + 1)), "optimizer": .string("sgd")],
                                  at: at(0))
            let points = (mem[n] ?? []).enumerated().map { MetricPoint(step: $0.offset, name: "mem", value: $0.element) }
            try store.appendMetrics(trial: n, attempt: 1, points: points + [MetricPoint(step: 9, name: "val_loss",
                                                                                         value: objectives[n])], at: at(1))
            try finish(store, n, n == 4 ? .failed : .succeeded, objective: objectives[n], start: Double(n))
        }
        return store
    }

    @Test("the store reads the run's constraints from its stored sweep")
    func readsConstraints() throws {
        let dir = TemporaryDirectory()
        let store = try constrainedStore(dir)
        #expect(store.constraints == [OutcomeConstraint(metric: "mem", bound: 16, isUpperBound: true)])
        #expect(try RunStore.open(at: dir.file("run.db"), readOnly: true).constraints == store.constraints)
    }

    @Test("an infeasible trial is never the best, however good its objective")
    func infeasibleNeverBest() throws {
        let dir = TemporaryDirectory()
        let store = try constrainedStore(dir)
        #expect(try store.bestTrial()?.number == 3)
        #expect(try store.summary().best?.number == 3)
        #expect(try store.snapshot().summary.best?.number == 3)
    }

    @Test("violating, and never reporting the metric, are infeasible; the last value counts")
    func infeasibleTrials() throws {
        let dir = TemporaryDirectory()
        let store = try constrainedStore(dir)
        #expect(try store.infeasibleTrials() == [0, 2])
        #expect(try store.snapshot().infeasible == [0, 2])
        let values = try store.constraintValues(trials: [0, 2, 3])
        #expect(values[0] == [20] && values[3] == [12] && values[2]?.first?.isNaN == true)
    }

    @Test("results.csv has a feasible column for a constrained run")
    func resultsColumn() throws {
        let dir = TemporaryDirectory()
        let store = try constrainedStore(dir)
        try ResultsFile.rebuild(at: dir.file("results.csv"), from: store)
        let text = try String(contentsOfFile: dir.file("results.csv"), encoding: .utf8)
        let rows = text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows[0] == ["trial", "state", "optimizer", "lr", "objective", "feasible", "steps", "duration_s",
                            "exit_code", "attempts", "best_val_loss", "mem"])
        #expect(rows[1...].map { String($0[5]) } == ["false", "true", "false", "true", ""])
        #expect(try !ResultsFile.repair(at: dir.file("results.csv"), from: store))
    }

    @Test("a trial appended to results.csv gets its feasibility from the store")
    func appendedRow() throws {
        let dir = TemporaryDirectory()
        let store = try constrainedStore(dir)
        let file = try ResultsFile(path: dir.file("appended.csv"), table: ResultsTable(for: store), store: store)
        for trial in try store.trials() { try file.append(trial) }
        let rebuilt = dir.file("rebuilt.csv")
        try ResultsFile.rebuild(at: rebuilt, from: store)
        #expect(try String(contentsOfFile: dir.file("appended.csv"), encoding: .utf8)
            == String(contentsOfFile: rebuilt, encoding: .utf8))
    }

    @Test("a run without constraints keeps results.csv's columns")
    func unconstrainedColumns() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        #expect(store.constraints.isEmpty)
        #expect(!ResultsTable(for: store).columns.contains("feasible"))
    }

    @Test("resume refuses a changed constraint set like any change of the search")
    func resumeRefusesChangedConstraints() throws {
        let stored = try SweepSpec(yaml: "command: [a]\n" + Self.yaml)
        var given = stored
        given.constraints = [OutcomeConstraint(metric: "mem", bound: 32, isUpperBound: true)]
        let change = SweepChange(stored: stored, given: given)
        #expect(change.changesTheSearch)
        #expect(change.diff.contains("mem <= 16") && change.diff.contains("mem <= 32"), "\(change.diff)")
        given.constraints = []
        #expect(SweepChange(stored: stored, given: given).changesTheSearch)
        #expect(!SweepChange(stored: stored, given: stored).changesTheSearch)
    }
}
