import Foundation
import Testing
@testable import Execution

@Suite("Run store: one-transaction snapshot for views")
struct StoreSnapshotTests {
    @Test("a snapshot holds the run, every trial, counts that agree with them, and the best")
    func snapshot() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        for n in 1...4 {
            try store.createTrial(number: n, configuration: ["lr": .real(0.1 * Double(n)), "optimizer": .string("sgd")], at: at(0))
        }
        try finish(store, 1, objective: 0.5)
        try finish(store, 2, objective: 0.25)
        try finish(store, 3, .failed, exitCode: 1)
        let snapshot = try store.snapshot()
        #expect(snapshot.summary.run.name == "brisk-heron-1")
        #expect(snapshot.trials.map(\.number) == [1, 2, 3, 4])
        #expect(snapshot.trials.map(\.state) == [.succeeded, .succeeded, .failed, .created])
        #expect(snapshot.summary.counts == [.succeeded: 2, .failed: 1, .created: 1])
        #expect(snapshot.summary.best?.number == 2)
        #expect(snapshot.summary == (try store.summary()))
    }

    @Test("a read-only store reads a snapshot while the writer keeps writing")
    func readOnly() throws {
        let dir = TemporaryDirectory()
        let writer = try makeStore(dir)
        let reader = try RunStore.open(at: dir.file("run.db"), readOnly: true)
        for n in 1...50 {
            try writer.createTrial(number: n, configuration: ["lr": .real(0.1), "optimizer": .string("sgd")], at: at(0), queued: true)
            let snapshot = try reader.snapshot()
            #expect(snapshot.trials.count == n)
            #expect(snapshot.summary.total == snapshot.trials.count)
        }
    }
}
