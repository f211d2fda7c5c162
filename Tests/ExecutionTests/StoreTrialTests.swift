import Foundation
import Testing
@testable import Execution

@Suite("Run store: run and trials")
struct StoreTrialTests {
    @Test("a created run reads back exactly, its schema version visible")
    func runRoundTrip() throws {
        let dir = TemporaryDirectory()
        var info = sampleRun()
        info.seed = UInt64.max - 3   // above Int64.max: stored by bit pattern
        let store = try RunStore.create(at: dir.file("run.db"), run: info)
        #expect(try store.run() == info)
        #expect(try store.storedSchemaVersion() == RunStore.schemaVersion)
        try store.setRunState(.completed, at: at(50))
        let reopened = try RunStore.open(at: dir.file("run.db"))
        let run = try reopened.run()
        #expect(run.state == .completed && run.updatedAt == at(50))
        #expect(reopened.parameterNames == ["optimizer", "lr"])
    }

    @Test("a trial's parameters are stored as JSON in declared order and read back with their types")
    func parameters() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let config: Configuration = ["lr": .real(1.0), "optimizer": .string("a\"dam, \"w\""), "extra": .bool(true)]
        try store.createTrial(number: 0, configuration: config, at: at(0))
        let text = try store.read { db in try String.fetchOne(db, sql: "SELECT parameters FROM trial") }
        #expect(text == #"{"optimizer": "a\"dam, \"w\"", "lr": 1.0, "extra": true}"#)
        #expect(try store.trial(0)?.configuration == config)
    }

    @Test("a trial's life is stored with every transition, timestamps and note")
    func lifecycle() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.createTrial(number: 1, configuration: ["lr": .real(0.1), "optimizer": .string("sgd")], at: at(0))
        try store.transition(trial: 1, to: .queued, at: at(1))
        try store.recordStarting(trial: 1, slots: [0, 1], at: at(2))
        try store.recordLaunch(trial: 1, process: ProcessRecord(pid: 4242, processGroup: 4242, startTime: 987_654), at: at(3))
        try store.recordFinish(trial: 1, state: .pruned, exitCode: nil, signal: 15, objective: 0.7, steps: 12,
                               explanation: "pruned by median rule at step 12", at: at(33))
        let trial = try #require(try store.trial(1))
        #expect(trial.state == .pruned)
        #expect(trial.slots == [0, 1])
        #expect(trial.process == ProcessRecord(pid: 4242, processGroup: 4242, startTime: 987_654))
        #expect(trial.startedAt == at(3) && trial.finishedAt == at(33) && trial.duration == 30)
        #expect(trial.signal == 15 && trial.exitCode == nil)
        #expect(trial.objective == 0.7 && trial.steps == 12)
        #expect(trial.explanation == "pruned by median rule at step 12")
        let moves = try store.transitions(trial: 1)
        #expect(moves.map(\.to) == [.created, .queued, .starting, .running, .pruned])
        #expect(moves.map(\.from) == [nil, .created, .queued, .starting, .running])
        #expect(moves.map(\.at) == [at(0), at(1), at(2), at(3), at(33)])
        #expect(moves.last?.note == "pruned by median rule at step 12")
    }

    @Test("created and queued in one commit store both transitions")
    func createQueued() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let last = try store.createTrial(number: 3, configuration: ["lr": .real(0.1), "optimizer": .string("sgd")], at: at(4), queued: true)
        #expect(last.to == .queued)
        #expect(try store.trial(3)?.state == .queued)
        #expect(try store.transitions(trial: 3).map(\.to) == [.created, .queued])
    }

    @Test("recordFinish returns the finished trial as stored")
    func finishReturnsRecord() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.createTrial(number: 0, configuration: ["lr": .real(0.1), "optimizer": .string("sgd")], at: at(0), queued: true)
        try store.recordStarting(trial: 0, slots: [1], at: at(1))
        try store.recordLaunch(trial: 0, process: ProcessRecord(pid: 1, processGroup: 1, startTime: 1), at: at(2))
        let record = try store.recordFinish(trial: 0, state: .invalid, exitCode: 3, explanation: "infeasible", at: at(4))
        #expect(record == (try store.trial(0)))
        #expect(record.state == .invalid && record.exitCode == 3 && record.duration == 2)
    }

    @Test("a forbidden move is refused and changes nothing")
    func invalidTransition() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.createTrial(number: 1, configuration: ["lr": .real(0.1), "optimizer": .string("sgd")], at: at(0))
        #expect(throws: RunStoreError.invalidTransition(trial: 1, from: .created, to: .running)) {
            try store.transition(trial: 1, to: .running, at: at(1))
        }
        #expect(try store.trial(1)?.state == .created)
        #expect(try store.transitions(trial: 1).count == 1)
        #expect(throws: RunStoreError.notFinal(trial: 1, state: .running)) {
            try store.recordFinish(trial: 1, state: .running, at: at(2))
        }
        #expect(throws: RunStoreError.trialNotFound(9)) { try store.transition(trial: 9, to: .queued, at: at(1)) }
        #expect(throws: RunStoreError.trialExists(1)) {
            try store.createTrial(number: 1, configuration: ["lr": .real(0.2)], at: at(3))
        }
    }

    @Test("preempted → queued starts the next attempt; the new launch replaces the old process")
    func preemption() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.createTrial(number: 2, configuration: ["lr": .real(0.1), "optimizer": .string("sgd")], at: at(0))
        try store.transition(trial: 2, to: .queued, at: at(1))
        try store.recordStarting(trial: 2, slots: [3], at: at(2))
        try store.recordLaunch(trial: 2, process: ProcessRecord(pid: 10, processGroup: 10, startTime: 1), at: at(3))
        try store.transition(trial: 2, to: .preempted, at: at(4), note: "node lost")
        let requeue = try store.transition(trial: 2, to: .queued, at: at(5))
        #expect(requeue.attempt == 2)
        try store.recordStarting(trial: 2, slots: [1], at: at(6))
        let starting = try #require(try store.trial(2))
        #expect(starting.attempt == 2 && starting.process == nil && starting.slots == [1])
        try store.recordLaunch(trial: 2, process: ProcessRecord(pid: 11, processGroup: 11, startTime: 2), at: at(7))
        try store.recordFinish(trial: 2, state: .succeeded, exitCode: 0, objective: 0.1, steps: 1, at: at(9))
        #expect(try store.transitions(trial: 2).map(\.attempt) == [1, 1, 1, 1, 1, 2, 2, 2, 2])
        #expect(try store.trial(2)?.duration == 2)
    }

    @Test("a non-finite objective is stored as none")
    func nonFiniteObjective() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.createTrial(number: 0, configuration: ["lr": .real(0.1), "optimizer": .string("sgd")], at: at(0))
        try finish(store, 0, .succeeded, objective: .nan)
        #expect(try store.trial(0)?.objective == nil)
    }

    @Test("queries: trials by state, counts, best under the goal, summary")
    func queries() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir, goal: .maximize)
        for n in 0..<6 {
            try store.createTrial(number: n, configuration: ["lr": .real(Double(n)), "optimizer": .string("sgd")], at: at(0))
        }
        try finish(store, 0, .succeeded, objective: 0.5)
        try finish(store, 1, .succeeded, objective: 0.9)
        try finish(store, 2, .failed, objective: 5.0, exitCode: 1)   // better value, but failed
        try finish(store, 3, .succeeded, objective: 0.9)              // tie: the lower number wins
        try store.transition(trial: 4, to: .queued, at: at(1))
        #expect(try store.trials(in: [.succeeded]).map(\.number) == [0, 1, 3])
        #expect(try store.trials().map(\.number) == [0, 1, 2, 3, 4, 5])
        #expect(try store.countsByState() == [.succeeded: 3, .failed: 1, .queued: 1, .created: 1])
        #expect(try store.bestTrial()?.number == 1)
        #expect(try store.bestTrial(goal: .minimize)?.number == 0)
        let summary = try store.summary()
        #expect(summary.total == 6 && summary.finished == 4 && summary.best?.number == 1)
        #expect(try store.maximumTrialNumber() == 5)
    }

    @Test("metric points are stored in batches and read back, NaN and infinities included")
    func metrics() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.createTrial(number: 0, configuration: ["lr": .real(0.1), "optimizer": .string("sgd")], at: at(0))
        let points = [MetricPoint(step: 0, name: "loss", value: 1.5), MetricPoint(step: 0, name: "acc", value: 0.25),
                      MetricPoint(step: 1, name: "loss", value: .nan), MetricPoint(step: 2, name: "loss", value: .infinity),
                      MetricPoint(step: 3, name: "loss", value: -.infinity)]
        try store.appendMetrics(trial: 0, attempt: 1, points: points, at: at(5))
        try store.appendMetrics(trial: 0, attempt: 2, points: [MetricPoint(step: 0, name: "loss", value: 0.5)], at: at(6))
        let all = try store.metricPoints(trial: 0)
        #expect(all.map(\.point) == points + [MetricPoint(step: 0, name: "loss", value: 0.5)])
        #expect(all.first?.at == at(5))
        #expect(try store.metricPoints(trial: 0, attempt: 1, name: "loss").count == 4)
        #expect(try store.metricPoints(trial: 0, attempt: 2).map(\.attempt) == [2])
        #expect(try store.metricPoints(trial: 1).isEmpty)
    }
}
