import Execution
import Foundation
import Testing

/// `hpo cancel RUN [TRIAL]`: a request the controller reads with `pendingRequests()`.
@Suite struct HPOCancelTests {
    static let lr: Configuration = ["lr": .real(0.1), "optimizer": .string("sgd")]

    /// A running run with trial 1 running, trial 2 queued and trial 3 succeeded.
    static func liveRun(_ fixture: RunFixture) throws -> RunStore {
        let (_, store) = try fixture.makeRun("brisk-heron-1", spec: try RunFixture.spec())
        try store.launch(1, lr, start: RunFixture.at(1))
        try store.createTrial(number: 2, configuration: lr, at: RunFixture.at(2), queued: true)
        try store.finished(3, lr, .succeeded, objective: 0.5, start: RunFixture.at(3), seconds: 1)
        return store
    }

    @Test func cancellingATrialStoresARequestForThatTrial() throws {
        let fixture = RunFixture()
        let store = try Self.liveRun(fixture)
        _ = try store.pendingRequests()
        let r = try HPOProcess.run(["cancel", "brisk-heron-1", "1"], in: fixture.directory, environment: ["USER": "alice"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout == """
            asked run 'brisk-heron-1' to cancel trial 1, which is running (request 1)
            hpo status brisk-heron-1 shows when it is done

            """)
        let requests = try store.pendingRequests()
        #expect(requests.count == 1)
        #expect(requests.first?.kind == .cancel && requests.first?.trial == 1)
        #expect(requests.first?.note == "hpo cancel by alice")
        // Only asked: the trial itself is the controller's to stop.
        #expect(try store.trial(1)?.state == .running)
    }

    @Test func cancellingTheRunStoresARequestWithoutATrialAndAReason() throws {
        let fixture = RunFixture()
        let store = try Self.liveRun(fixture)
        let r = try HPOProcess.run(["cancel", "--root", "runs", "brisk-heron-1", "--reason", "wrong data set"],
                                   in: fixture.directory)
        #expect(r.status == 0)
        #expect(r.stdout == """
            asked run 'brisk-heron-1' to cancel (request 1)
            its controller stops the 2 trials not yet ended and starts no new one
            hpo status --root runs brisk-heron-1 shows when it is done

            """)
        let requests = try store.pendingRequests()
        #expect(requests.map(\.trial) == [nil])
        #expect(requests.first?.note == "wrong data set")
    }

    @Test func aQueuedTrialCanBeCancelled() throws {
        let fixture = RunFixture()
        let store = try Self.liveRun(fixture)
        let r = try HPOProcess.run(["cancel", "brisk-heron-1", "2"], in: fixture.directory)
        #expect(r.status == 0 && r.stdout.hasPrefix("asked run 'brisk-heron-1' to cancel trial 2, which is queued"))
        #expect(try store.pendingRequests().map(\.trial) == [2])
    }

    @Test func aFinishedTrialIsRefusedAndNothingIsStored() throws {
        let fixture = RunFixture()
        let store = try Self.liveRun(fixture)
        let r = try HPOProcess.run(["cancel", "brisk-heron-1", "3"], in: fixture.directory)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == "error: trial 3 of run 'brisk-heron-1' has already ended (succeeded); there is nothing to cancel\n")
        #expect(try store.pendingRequests().isEmpty)
    }

    @Test(arguments: [RunState.completed, .cancelled, .failed])
    func aFinishedRunIsRefusedAndNothingIsStored(state: RunState) throws {
        let fixture = RunFixture()
        let store = try Self.liveRun(fixture)
        try store.setRunState(state, at: RunFixture.at(10))
        for arguments in [["cancel", "brisk-heron-1"], ["cancel", "brisk-heron-1", "1"]] {
            let r = try HPOProcess.run(arguments, in: fixture.directory)
            #expect(r.status == 2)
            #expect(r.stderr == "error: run 'brisk-heron-1' has already ended (\(state)); there is nothing to cancel\n")
        }
        #expect(try store.pendingRequests().isEmpty)
    }
}
