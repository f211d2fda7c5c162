import Foundation
import Testing
@testable import Execution

@Suite("A Study kept as an hpo run")
struct RunStudyStorageTests {
    let space = try! SearchSpace([
        Parameter("lr", .real(low: 1e-4, high: 1, log: true)),
        Parameter("batch_size", .ordinal([16, 32, 64])),
    ])

    /// A clock that moves 1.5 s each time it is read, from 2025-01-01.
    final class SteppingClock: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 1_735_689_600.0
        func now() -> Date { lock.withLock { defer { next += 1.5 }; return Date(timeIntervalSince1970: next) } }
    }

    func open(_ dir: TemporaryDirectory, clock: SteppingClock = SteppingClock(), space: SearchSpace? = nil,
              seed: UInt64 = 5) throws -> (Study, RunStudyStorage) {
        let storage = try RunStudyStorage(run: "study", root: dir.path, now: { clock.now() })
        let study = try Study(space: space ?? self.space, strategy: .random, goal: .minimize, seed: seed, storage: storage)
        return (study, storage)
    }

    @Test func asksReportsAndTellsAreTheRunsTrialsPointsAndResultRows() throws {
        let dir = TemporaryDirectory()
        let (study, storage) = try open(dir)
        let a = try study.ask(), b = try study.ask(), c = try study.ask()
        try a.report(step: 1, value: 0.9)
        try a.report(step: 2, value: 0.7)
        try study.tell(a, value: 0.65)
        try b.report(step: 1, value: 2)
        try study.tell(b, .pruned(value: nil))
        try study.tell(c, .failed)
        let store = try #require(storage.store)
        #expect(try store.trials().map(\.state) == [.succeeded, .pruned, .failed])
        #expect(try store.trials().map(\.objective) == [0.65, 2, nil])
        #expect(try store.metricPoints(name: "objective")[0]?.map(\.value) == [0.9, 0.7])
        #expect(try store.run().strategy == "random")
        let results = try String(contentsOfFile: dir.file("study/results.csv"), encoding: .utf8)
        #expect(results.components(separatedBy: "\r\n").dropFirst().map { $0.prefix(12) }.filter { !$0.isEmpty }
            .map { $0.split(separator: ",").prefix(2).joined(separator: ",") } == ["0,succeeded", "1,pruned", "2,failed"])
        #expect(FileManager.default.fileExists(atPath: dir.file("study/trials/0/artifacts")))
    }

    @Test func aStudyOpenedAgainResumesNumbersValuesAndCurves() throws {
        let dir = TemporaryDirectory()
        var (study, storage) = try open(dir)
        for n in 0..<3 {
            let t = try study.ask()
            try t.report(step: 1, value: Double(n))
            try study.tell(t, value: Double(n) + 0.5)
        }
        let nextUninterrupted = try Study(space: space, strategy: .random, seed: 5)
        for _ in 0..<3 { try nextUninterrupted.tell(nextUninterrupted.ask(), value: 0) }
        storage.close()
        (study, storage) = try open(dir)
        #expect(study.trials.map(\.value) == [0.5, 1.5, 2.5])
        #expect(study.trials.map(\.curve) == [0, 1, 2].map { [CurvePoint(step: 1, value: Double($0))] })
        let t = try study.ask()
        #expect(t.number == 3)
        #expect(t.parameters == (try nextUninterrupted.ask()).parameters)
    }

    @Test func aTrialCutOffByACrashRunsAgainAsItsNextAttempt() throws {
        let dir = TemporaryDirectory()
        var (study, storage) = try open(dir)
        let done = try study.ask(), cut = try study.ask()
        try study.tell(done, value: 1)
        try cut.report(step: 1, value: 0.8)
        storage.close()  // the driver is gone: nothing told the trial
        (study, storage) = try open(dir)
        let store = try #require(storage.store)
        #expect(try store.trial(1)?.state == .preempted)
        let again = try study.ask()
        #expect(again.number == 1)
        #expect(again.parameters == cut.parameters)
        try again.report(step: 1, value: 0.4)
        try study.tell(again, value: 0.4)
        #expect(try store.trial(1)?.attempt == 2)
        #expect(try store.metricPoints(trial: 1).map { "\($0.attempt):\($0.point.value)" } == ["1:0.8", "2:0.4"])
        #expect(try store.trial(1)?.state == .succeeded)
    }

    @Test func aRunOfAnotherStudyIsRefusedWithTheDifference() throws {
        let dir = TemporaryDirectory()
        _ = try open(dir).1.close()
        #expect {
            try open(dir, seed: 6)
        } throws: { error in
            guard case StudyRunError.differentStudy(let run, let differences) = error else { return false }
            return run == "study" && differences == ["  - seed: 5", "  + seed: 6"]
        }
    }

    @Test func aRunOpenElsewhereIsRefused() throws {
        let dir = TemporaryDirectory()
        let (_, first) = try open(dir)
        #expect {
            try open(dir)
        } throws: { error in
            guard case StudyRunError.inUse(let run, _) = error else { return false }
            return run == "study" && "\(error)".contains("one process at a time")
        }
        first.close()
        #expect(throws: Never.self) { try open(dir) }
    }

    @Test func anInfiniteValueAndANaNRoundTrip() throws {
        let dir = TemporaryDirectory()
        var (study, storage) = try open(dir)
        try study.tell(study.ask(), value: .infinity)
        try study.tell(study.ask(), value: .nan)
        storage.close()
        (study, storage) = try open(dir)
        #expect(study.trials[0].state == .completed && study.trials[0].value == .infinity)
        #expect(study.trials[1].state == .failed)
        #expect(study.bestTrial == nil)
    }

    @Test func theExportIsResultsCSVsColumnsAndRows() throws {
        let dir = TemporaryDirectory()
        let (study, _) = try open(dir)
        try study.enqueue(["lr": 0.01, "batch_size": 32])
        try study.enqueue(["lr": 0.5, "batch_size": 64])
        let a = try study.ask(), b = try study.ask()
        try a.report(step: 1, value: 0.3)
        try study.tell(a, value: 0.25)
        try b.report(step: 1, value: 0.9)
        try study.tell(b, .pruned(value: nil))
        try study.exportCSV(to: dir.file("export.csv"))
        // The clock moves 1.5 s a read, one read per write: the run is created at 0 s, the
        // trials asked (and started) at 1.5 s and 3 s, a told at 6 s, b at 9 s.
        #expect(try String(contentsOfFile: dir.file("export.csv"), encoding: .utf8) == """
            trial,state,lr,batch_size,objective,steps,duration_s,exit_code,attempts,best_objective\r
            0,succeeded,0.01,32,0.25,1,4.500,,1,0.3\r
            1,pruned,0.5,64,0.9,1,6.000,,1,0.9\r

            """)
        let inMemory = try Study(space: space, strategy: .random)
        try inMemory.enqueue(["lr": 0.01, "batch_size": 32])
        try inMemory.tell(inMemory.ask(), value: 0.25)
        try inMemory.exportCSV(to: dir.file("memory.csv"))
        #expect(try String(contentsOfFile: dir.file("memory.csv"), encoding: .utf8) == """
            trial,state,lr,batch_size,objective,steps,duration_s,exit_code,attempts\r
            0,succeeded,0.01,32,0.25,0,,,1\r

            """)
    }

    @Test func optimizingTheWholeBudgetCompletesTheRun() throws {
        let dir = TemporaryDirectory()
        let (study, storage) = try open(dir)
        try study.optimize(trials: 4, workers: 2) { trial in try trial.real("lr") }
        let store = try #require(storage.store)
        #expect(try store.run().state == .completed)
        #expect(try store.countsByState() == [.succeeded: 4])
    }

    @Test func toldMetricsDecideFeasibilityInTheRunAndAfterReopening() throws {
        let dir = TemporaryDirectory()
        let memory = OutcomeConstraint(metric: "peak_memory_gb", bound: 10, isUpperBound: true)
        func open() throws -> (Study, RunStudyStorage) {
            let storage = try RunStudyStorage(run: "study", root: dir.path)
            return (try Study(space: space, strategy: .random, seed: 5, constraints: [memory], storage: storage), storage)
        }
        var (study, storage) = try open()
        try study.tell(study.ask(), value: 0.1, metrics: ["peak_memory_gb": 14])
        try study.tell(study.ask(), value: 0.3, metrics: ["peak_memory_gb": 8])
        #expect(try storage.store?.infeasibleTrials() == [0])
        storage.close()
        (study, storage) = try open()
        #expect(study.bestTrial?.number == 1)
        #expect(!study.isFeasible(study.trials[0]))
    }

    /// `Study.open(run:…objectives:)`: the run holds every objective, so its store's front is
    /// the study's; the study opened again has the same front; other objectives are another study.
    @Test func aStudyWithSeveralObjectivesKeepsThemInItsRun() throws {
        let dir = TemporaryDirectory()
        let objectives = [Objective(metric: "val_loss", goal: .minimize), Objective(metric: "latency_ms", goal: .minimize)]
        var study = try Study.open(run: "study", root: dir.path, space: space, strategy: .random, objectives: objectives, seed: 5)
        for values in [[0.3, 20.0], [0.2, 40.0], [0.4, 30.0]] { try study.tell(study.ask(), values: values) }
        #expect(study.bestTrials.map(\.number) == [1, 0])
        var store = try RunStore.open(layout: RunLayout(root: dir.path, name: "study"), readOnly: true)
        #expect(store.objectives == objectives)
        #expect(try store.run().metric == "val_loss")
        #expect(try store.snapshot().front == [1, 0])
        (study.storage as? RunStudyStorage)?.close()
        study = try Study.open(run: "study", root: dir.path, space: space, strategy: .random, objectives: objectives, seed: 5)
        #expect(study.bestTrials.map(\.number) == [1, 0])
        #expect(study.values(of: study.trials[2]) == [0.4, 30])
        (study.storage as? RunStudyStorage)?.close()
        #expect {
            try Study.open(run: "study", root: dir.path, space: space, strategy: .random,
                           objectives: [objectives[0], Objective(metric: "latency_ms", goal: .maximize)], seed: 5)
        } throws: { error in
            guard case StudyRunError.differentStudy(_, let differences) = error else { return false }
            return differences.contains { $0.hasPrefix("  + ") && $0.contains("max") }
        }
        store = try RunStore.open(layout: RunLayout(root: dir.path, name: "study"), readOnly: true)
        #expect(try store.trials().count == 3)
    }

    @Test func aStudyLeftWithoutItsDriverIsContinuedByTheDriverNotHpoResume() throws {
        let dir = TemporaryDirectory()
        let (study, storage) = try open(dir)
        _ = try study.ask()
        let store = try #require(storage.store)
        storage.close()  // as a killed driver leaves it: stored running, nobody holds the lock
        let liveness = try #require(try RunLiveness.check(storage.layout, store: store, run: store.run()))
        #expect(liveness.isInterrupted)
        let why = try #require(liveness.explanation(run: "study"))
        #expect(why.hasSuffix("continue it by starting its Swift driver again (Study.open(run: \"study\"))"))
        #expect(!why.contains("hpo resume"))
    }
}
