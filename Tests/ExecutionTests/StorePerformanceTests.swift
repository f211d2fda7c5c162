import Foundation
import Testing
@testable import Execution

@Suite("Run store: write cost")
struct StorePerformanceTests {
    /// The controller's writes for `/bin/true` trials: create, queued, starting (slots),
    /// running (process), finish — five transactions a trial. Prints the cost of one.
    @Test("2,000 trials × 5 transition writes stay far below the pipeline's budget")
    func transitionCost() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let trials = 2000
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for n in 0..<trials {
                let t = Double(n)
                try store.createTrial(number: n, configuration: ["lr": .real(0.001 * t), "optimizer": .string("adam")], at: at(t))
                try store.transition(trial: n, to: .queued, at: at(t))
                try store.recordStarting(trial: n, slots: [n % 2], at: at(t))
                try store.recordLaunch(trial: n, process: ProcessRecord(pid: Int32(n), pgid: Int32(n), startTime: 1), at: at(t))
                try store.recordFinish(trial: n, state: .noMetric, exitCode: 0, steps: 0, at: at(t + 0.002))
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let perWrite = seconds / Double(trials * 5)
        print("run store: \(trials * 5) transition writes in \(String(format: "%.3f", seconds)) s = "
              + "\(String(format: "%.1f", perWrite * 1e6)) µs per transition")
        #expect(try store.countsByState() == [.noMetric: trials])
        // 500 trials/s leaves 2 ms a trial for everything; the store may take a fraction.
        // Debug builds are several times slower than release.
        #expect(perWrite < 400e-6)
    }
}

@Suite("Run store: durability settings")
struct StoreSettingsTests {
    @Test("the writer runs in WAL mode with synchronous=NORMAL")
    func settings() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let (mode, sync) = try store.pool.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode")!, try Int.fetchOne(db, sql: "PRAGMA synchronous")!)
        }
        #expect(mode == "wal")
        #expect(sync == 1)   // NORMAL
    }
}
