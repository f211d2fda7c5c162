import Foundation
import Testing
@testable import Execution

@Suite("Run store: attempts")
struct StoreAttemptTests {
    func runningTrial(_ store: RunStore, _ number: Int) throws {
        try store.createStartingTrial(number: number, configuration: ["lr": .real(0.1), "optimizer": .string("sgd")],
                                      slots: [], at: at(0))
        try store.recordLaunch(trial: number, process: ProcessRecord(pid: 7, processGroup: 7, startTime: 1), at: at(1))
    }

    @Test("a requeue stores both moves in one commit and starts the next attempt")
    func requeue() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try runningTrial(store, 0)
        let queued = try store.requeue(trial: 0, through: .retrying, exitCode: 1, note: "exited with code 1; retry 1 of 2",
                                       at: at(5))
        #expect(queued.to == .queued && queued.attempt == 2)
        let trial = try #require(try store.trial(0))
        #expect(trial.state == .queued && trial.attempt == 2 && trial.exitCode == 1)
        let moves = try store.transitions(trial: 0)
        #expect(moves.suffix(2).map(\.to) == [.retrying, .queued])
        #expect(moves.suffix(2).map(\.attempt) == [1, 2])
        #expect(moves[moves.count - 2].note == "exited with code 1; retry 1 of 2")
    }

    @Test("retries and preemptions are counted per trial from the transitions")
    func histories() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try runningTrial(store, 0)
        try runningTrial(store, 1)
        try store.requeue(trial: 0, through: .retrying, note: nil, at: at(2))
        try store.recordStarting(trial: 0, slots: [], at: at(3))
        try store.recordLaunch(trial: 0, process: ProcessRecord(pid: 8, processGroup: 8, startTime: 2), at: at(4))
        try store.requeue(trial: 0, through: .preempted, signal: 9, note: nil, at: at(5))
        try store.recordStarting(trial: 0, slots: [], at: at(6))
        try store.requeue(trial: 0, through: .preempted, note: nil, at: at(7))   // a half-started attempt
        let histories = try store.attemptHistories()
        #expect(histories[0] == AttemptHistory(retries: 1, preemptions: 2))
        #expect(histories[1] == nil)
        #expect(try store.trial(0)?.attempt == 4)
    }

    @Test("only running or starting trials can be requeued, and only through preempted or retrying")
    func refused() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try runningTrial(store, 0)
        #expect(throws: RunStoreError.self) { try store.requeue(trial: 0, through: .failed, note: nil, at: at(2)) }
        try store.recordFinish(trial: 0, state: .succeeded, at: at(3))
        #expect(throws: RunStoreError.invalidTransition(trial: 0, from: .succeeded, to: .preempted)) {
            try store.requeue(trial: 0, through: .preempted, note: nil, at: at(4))
        }
        #expect(try store.trial(0)?.state == .succeeded)
    }
}
