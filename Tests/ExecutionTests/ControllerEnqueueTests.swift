import Foundation
import Testing
@testable import Execution

/// A running controller takes configurations enqueued from another process (`hpo enqueue`):
/// through the store and its request, read at the controller's request check. Driven by the
/// fake backend and clock of `ControllerLoopTests`: no processes, no waiting.
@Suite struct ControllerEnqueueTests {
    @Test func aConfigurationEnqueuedWhileTheRunRunsIsItsNextTrialAndTheGridDoesNotRepeatIt() throws {
        let fake = try ControllerLoopTests.FakeSweep(values: [0, 1, 2])
        defer { fake.remove() }
        #expect(fake.backend.launched.map(\.arguments) == [["train", "0"]])
        fake.backend.starts = [.init(id: "1")]
        fake.run(until: 1)

        // Another process's `hpo enqueue` while trial 0 runs: its own connection to the store.
        let other = try RunStore.open(at: fake.sweep.layout.database)
        _ = try other.enqueue([(["x": .int(2)], "hpo enqueue")], at: fake.clock.wallNow)
        fake.run(until: 2)  // past the request check

        // Trial 0 ends: the enqueued configuration is the next trial, before the grid's own.
        fake.metrics.write(0, #"{"objective": 0}"#)
        fake.backend.exits = [TrialExit(handle: .init(id: "1"), termination: .exited(0))]
        fake.run(until: 3)
        #expect(fake.backend.launched.map(\.arguments) == [["train", "0"], ["train", "2"]])
        fake.backend.starts = [.init(id: "2")]
        fake.metrics.write(1, #"{"objective": 2}"#)
        fake.backend.exits = [TrialExit(handle: .init(id: "2"), termination: .exited(0))]
        fake.run(until: 4)
        // The grid's answer comes from its own thread: the loop waits for it in poll(2).
        for _ in 0..<500 where fake.backend.launched.count < 3 { _ = fake.loop.turn(waiting: true) }

        #expect(fake.backend.launched.map(\.arguments) == [["train", "0"], ["train", "2"], ["train", "1"]])
        #expect(try fake.sweep.store.enqueued(waitingOnly: false).map(\.trial) == [1])
    }
}
