import Foundation
import Testing
@testable import Execution

/// A running controller takes configurations enqueued from another process (`hpo enqueue`).
@Suite struct ControllerEnqueueTests {
    @Test func aConfigurationEnqueuedWhileTheRunRunsIsItsNextTrialAndTheGridDoesNotRepeatIt() throws {
        let harness = SweepHarness()
        defer { harness.remove() }
        let database = harness.root + "/test/run.db"
        // Trial 0 runs until the controller has taken the enqueue request (30 s at most).
        let trial = harness.script("trial.py", """
            import sqlite3
            deadline = time.time() + 30
            while sys.argv[1] == "0" and time.time() < deadline:
                db = sqlite3.connect("\(database)")
                taken = db.execute("SELECT count(*) FROM request WHERE kind = 'enqueue' AND handled_at IS NOT NULL").fetchone()[0]
                db.close()
                if taken: break
                time.sleep(0.05)
            with open(os.environ["HPO_METRICS_FILE"], "a") as f:
                f.write(json.dumps({"objective": float(sys.argv[1])}) + "\\n")
            """)
        let (sweep, state) = try harness.run(["python3", trial, "{x}"], space: [.ints("x", [0, 1, 2])],
                                             observer: { event in
            // Another process's `hpo enqueue`, while trial 0 runs: its own connection, after the commit.
            guard case .launched(trial: 0, _, _) = event, let other = try? RunStore.open(at: database) else { return }
            _ = try? other.enqueue([(["x": .int(2)], "hpo enqueue")], at: Date())
        })
        #expect(state == .completed)
        let trials = try sweep.store.trials().sorted { $0.number < $1.number }
        #expect(trials.map { $0.configuration["x"] } == [ParameterValue.int(0), .int(2), .int(1)])
        #expect(try sweep.store.enqueued(waitingOnly: false).map(\.trial) == [1])
    }
}
