import Foundation
import Testing
@testable import Execution

/// A stored run with several objectives: the front comes from the stored metric points,
/// results.csv names each objective's column and marks the front, the snapshot carries them.
@Suite("Run store: several objectives")
struct StoreObjectivesTests {
    static let yaml = """
        metrics: [{name: val_loss, goal: minimize}, {name: latency_ms, goal: minimize}]
        parameters:
          lr: [0.1]

        """

    /// (val_loss, latency_ms) of trials 0…5: 0 (0.5, 10) front; 1 (0.3, 20) front;
    /// 2 (0.4, 25) dominated by 1; 3 (0.1, never reports latency) off the front; 4 (0.2, 40)
    /// front; 5 failed. Every trial reports `mem` 8 but trial 0, 32.
    func store(_ dir: TemporaryDirectory, yaml: String = Self.yaml) throws -> RunStore {
        var info = sampleRun()
        info.configurationYAML = yaml
        let store = try RunStore.create(at: dir.file("run.db"), run: info)
        let loss: [Double] = [0.5, 0.3, 0.4, 0.1, 0.2, 0.9]
        let latency: [Int: Double] = [0: 10, 1: 20, 2: 25, 4: 40, 5: 1]
        for n in 0..<6 {
            try store.createTrial(number: n, configuration: ["lr": .real(0.1 * Double(n + 1)), "optimizer": .string("sgd")],
                                  at: at(0))
            var points = [MetricPoint(step: 1, name: "val_loss", value: loss[n])]
            if let l = latency[n] { points.append(MetricPoint(step: 1, name: "latency_ms", value: l)) }
            points.append(MetricPoint(step: 1, name: "mem", value: n == 0 ? 32 : 8))
            try store.appendMetrics(trial: n, attempt: 1, points: points, at: at(1))
            try finish(store, n, n == 5 ? .failed : .succeeded, objective: n == 5 ? nil : loss[n], start: Double(n))
        }
        return store
    }

    @Test("the store reads every objective from its stored sweep; an older run has one")
    func readsObjectives() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir)
        #expect(store.objectives.map(\.description) == ["val_loss:min", "latency_ms:min"])
        #expect(store.isMultiObjective)
        let old = TemporaryDirectory()
        let single = try makeStore(old)
        #expect(single.objectives.map(\.description) == ["val_loss:min"] && !single.isMultiObjective)
    }

    @Test("the front is the non-dominated succeeded trials, sorted by the first objective")
    func front() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir)
        #expect(try store.paretoFront().map(\.number) == [4, 1, 0])
        let snapshot = try store.snapshot()
        #expect(snapshot.front == [4, 1, 0])
        #expect(snapshot.objectiveValues[1] == [0.3, 20])
        #expect(snapshot.objectiveValues[3]?.last?.isNaN == true)
        #expect(try store.isOnParetoFront(0) && !store.isOnParetoFront(2) && !store.isOnParetoFront(3))
    }

    @Test("under constraints only feasible trials make the front")
    func feasibleFront() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir, yaml: Self.yaml + "constraints: [\"mem <= 16\"]\n")
        #expect(store.constraints.count == 1)
        // Trial 0 (mem 32) is infeasible; 2 (0.4, 25) is still dominated by 1 (0.3, 20).
        #expect(try store.paretoFront().map(\.number) == [4, 1])
    }

    @Test("results.csv names each objective's column and marks the front")
    func resultsColumns() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir)
        try ResultsFile.rebuild(at: dir.file("results.csv"), from: store)
        let text = try String(contentsOfFile: dir.file("results.csv"), encoding: .utf8)
        #expect(text == """
            trial,state,optimizer,lr,val_loss,latency_ms,pareto,steps,duration_s,exit_code,attempts,best_val_loss,best_latency_ms,mem\r
            0,succeeded,sgd,0.1,0.5,10.0,true,3,10.000,0,1,0.5,10.0,32.0\r
            1,succeeded,sgd,0.2,0.3,20.0,true,3,10.000,0,1,0.3,20.0,8.0\r
            2,succeeded,sgd,0.30000000000000004,0.4,25.0,false,3,10.000,0,1,0.4,25.0,8.0\r
            3,succeeded,sgd,0.4,0.1,,false,3,10.000,0,1,0.1,,8.0\r
            4,succeeded,sgd,0.5,0.2,40.0,true,3,10.000,0,1,0.2,40.0,8.0\r
            5,failed,sgd,0.6000000000000001,,1.0,,3,10.000,0,1,0.9,1.0,8.0\r

            """)
        #expect(try !ResultsFile.repair(at: dir.file("results.csv"), from: store))
    }

    @Test("an appended row says whether the trials before it dominate it; the repair writes the final front")
    func appendedRows() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir)
        let path = dir.file("appended.csv")
        let file = try ResultsFile(path: path, table: ResultsTable(for: store), store: store)
        for trial in try store.trials() { try file.append(trial) }
        let rebuilt = dir.file("rebuilt.csv")
        try ResultsFile.rebuild(at: rebuilt, from: store)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == String(contentsOfFile: rebuilt, encoding: .utf8))
    }

    @Test("a run with one objective keeps results.csv's columns")
    func singleObjectiveColumns() throws {
        let dir = TemporaryDirectory()
        let columns = ResultsTable(for: try makeStore(dir)).columns
        #expect(columns.contains("objective") && !columns.contains("pareto"))
    }

    @Test("resume refuses a change of objectives like any change of the search, with the diff")
    func resumeRefusesChangedObjectives() throws {
        let stored = try SweepSpec(yaml: "command: [a]\n" + Self.yaml)
        var given = stored
        given.furtherMetrics = [SweepMetric(name: "latency_ms", goal: .maximize)]
        let change = SweepChange(stored: stored, given: given)
        #expect(change.changesTheSearch)
        #expect(change.diff.contains("- - {name: latency_ms, goal: minimize}"), "\(change.diff)")
        #expect(change.diff.contains("+ - {name: latency_ms, goal: maximize}"), "\(change.diff)")
        given.furtherMetrics = []
        #expect(SweepChange(stored: stored, given: given).changesTheSearch)
        #expect(!SweepChange(stored: stored, given: stored).changesTheSearch)
    }
}
