import Foundation
import Testing
@testable import Execution

/// The loop commits once a turn, and the trial contract holds as with a commit per write:
/// what a process, a file or a person is told of is committed first. Checked from a second
/// connection, as `hpo status` or `hpo resume` after a `kill -9` would see the store.
@Suite struct ControllerCommitTests {
    typealias FakeSweep = ControllerLoopTests.FakeSweep
    typealias Job = ControllerLoopTests.FakeBackend.Job

    /// The trial states another process reads in the store now.
    static func committedStates(_ sweep: Sweep) throws -> [TrialState] {
        let reader = try RunStore.open(layout: sweep.layout, readOnly: true)
        defer { try? reader.close() }
        return try reader.trials().map(\.state)
    }

    @Test func aTrialsStartingRecordAndTheRecordsBeforeItAreCommittedBeforeItsProcessExists() throws {
        let fake = try FakeSweep(values: [7, 8])
        defer { fake.remove() }
        var seenAtLaunch: [TrialState]?
        fake.backend.onLaunch = { seenAtLaunch = try? Self.committedStates(fake.sweep) }
        fake.clock.seconds = 1
        fake.backend.starts = [Job(id: "1")]
        fake.metrics.write(0, #"{"step": 1, "objective": 0.5}"#)
        fake.backend.exits = [TrialExit(handle: Job(id: "1"), termination: .exited(0))]
        // The strategy answers on its own thread: the loop waits for it in poll(2).
        for _ in 0..<500 where fake.backend.launched.count < 2 { _ = fake.loop.turn(waiting: true) }
        #expect(fake.backend.launched.count == 2)
        #expect(seenAtLaunch == [.succeeded, .starting])
    }

    @Test func theObserverAndResultsCsvHearOfAFinishedTrialOnlyOnceItIsCommitted() throws {
        final class Seen: @unchecked Sendable {
            var sweep: Sweep?
            var atFinish: (states: [TrialState], rows: Int)?
        }
        let seen = Seen()
        let fake = try FakeSweep(values: [7]) { _ in } observer: { event in
            guard case .finished = event, let sweep = seen.sweep else { return }
            let rows = (try? String(contentsOfFile: sweep.layout.resultsFile, encoding: .utf8))?
                .split(separator: "\r\n").count ?? 0
            seen.atFinish = ((try? Self.committedStates(sweep)) ?? [], rows)
        }
        defer { fake.remove() }
        seen.sweep = fake.sweep
        fake.clock.seconds = 1
        fake.backend.starts = [Job(id: "1")]
        fake.metrics.write(0, #"{"step": 1, "objective": 0.5}"#)
        fake.backend.exits = [TrialExit(handle: Job(id: "1"), termination: .exited(0))]
        _ = fake.loop.turn(waiting: false)
        let atFinish = try #require(seen.atFinish)
        #expect(atFinish.states == [.succeeded])
        #expect(atFinish.rows == 2, "the header and the trial's row")
    }
}
