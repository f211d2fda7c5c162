import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Execution

/// User + system CPU time of this process, in seconds: unlike wall time, not inflated when
/// other work shares the cores.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// The SQL statements the store's writer runs while `body` runs (GRDB's trace), for tests
/// that count work instead of timing it.
func statements(of store: RunStore, during body: () throws -> Void) throws -> [String] {
    final class Log: @unchecked Sendable { var lines: [String] = [] }
    let log = Log()
    try store.pool.writeWithoutTransaction { db in db.trace { log.lines.append("\($0)") } }
    defer { try? store.pool.writeWithoutTransaction { db in db.trace(nil) } }
    try body()
    return log.lines
}

/// Costs are counted (commits, queries), not timed: the machines are shared. The figures
/// printed are for people.
@Suite("Run store: write cost", .serialized)
struct StorePerformanceTests {
    /// The controller's writes for `/bin/true` trials: created+queued (one commit), starting
    /// (slots), running (process), finish — four commits, five transitions a trial.
    /// Prints the cost of one commit and of one trial.
    @Test("2,000 trials' transition writes (the cost is printed)")
    func transitionCost() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let trials = 2000
        let clock = ContinuousClock()
        let cpuBefore = cpuSeconds()
        let elapsed = try clock.measure {
            for n in 0..<trials {
                let t = Double(n)
                try store.createTrial(number: n, configuration: ["lr": .real(0.001 * t), "optimizer": .string("adam")],
                                      at: at(t), queued: true)
                try store.recordStarting(trial: n, slots: [n % 2], at: at(t))
                try store.recordLaunch(trial: n, process: ProcessRecord(pid: Int32(n), processGroup: Int32(n), startTime: 1), at: at(t))
                try store.recordFinish(trial: n, state: .noMetric, exitCode: 0, steps: 0, at: at(t + 0.002))
            }
        }
        let cpu = cpuSeconds() - cpuBefore
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let perCommit = seconds / Double(trials * 4)
        print("run store: \(trials * 4) commits (\(trials * 5) transitions) in \(String(format: "%.3f", seconds)) s = "
              + "\(String(format: "%.1f", perCommit * 1e6)) µs per transition write, "
              + "\(String(format: "%.0f", seconds / Double(trials) * 1e6)) µs per trial (wall); CPU "
              + "\(String(format: "%.1f", cpu / Double(trials * 4) * 1e6)) µs per write, \(String(format: "%.0f", cpu / Double(trials) * 1e6)) µs per trial")
        #expect(try store.countsByState() == [.noMetric: trials])
    }

    @Test("a trial's life is four commits")
    func commitsPerTrial() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let log = try statements(of: store) {
            try store.createTrial(number: 0, configuration: ["lr": .real(0.1), "optimizer": .string("adam")],
                                  at: at(0), queued: true)
            try store.recordStarting(trial: 0, slots: [0], at: at(0))
            try store.recordLaunch(trial: 0, process: ProcessRecord(pid: 1, processGroup: 1, startTime: 1), at: at(0))
            try store.recordFinish(trial: 0, state: .noMetric, exitCode: 0, steps: 0, at: at(1))
        }
        #expect(log.filter { $0.hasPrefix("COMMIT") }.count == 4, "\(log)")
    }
}

extension StorePerformanceTests {
    @Test("the cost of the cancel check and of metric points in batches (printed)")
    func pollingAndMetricsCost() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.createTrial(number: 0, configuration: ["lr": .real(0.1), "optimizer": .string("adam")], at: at(0))
        _ = try store.pendingRequests()
        let checks = 20_000
        var cpu = cpuSeconds()
        for _ in 0..<checks { #expect(try store.pendingRequests().isEmpty) }
        let perCheck = (cpuSeconds() - cpu) / Double(checks)
        let batches = 1000
        let batch = (0..<10).map { MetricPoint(step: $0, name: "loss", value: 1 / Double($0 + 1)) }
        cpu = cpuSeconds()
        for _ in 0..<batches { try store.appendMetrics(trial: 0, attempt: 1, points: batch, at: at(1)) }
        let perPoint = (cpuSeconds() - cpu) / Double(batches * batch.count)
        print("run store: pendingRequests \(String(format: "%.2f", perCheck * 1e6)) µs CPU per check; "
              + "appendMetrics \(String(format: "%.2f", perPoint * 1e6)) µs CPU per point in batches of 10")
        #expect(try store.metricPoints(trial: 0).count == batches * batch.count)
    }

    @Test("the cancel check runs no query while nothing changed; a batch of points is one commit")
    func pollingAndMetricsWork() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.createTrial(number: 0, configuration: ["lr": .real(0.1), "optimizer": .string("adam")], at: at(0))
        _ = try store.pendingRequests()
        let checks = try statements(of: store) {
            for _ in 0..<100 { _ = try store.pendingRequests() }
        }
        #expect(checks.count == 100 && checks.allSatisfy { $0.contains("data_version") }, "\(checks.prefix(3))")
        let batch = (0..<10).map { MetricPoint(step: $0, name: "loss", value: 1 / Double($0 + 1)) }
        let append = try statements(of: store) { try store.appendMetrics(trial: 0, attempt: 1, points: batch, at: at(1)) }
        #expect(append.filter { $0.hasPrefix("COMMIT") }.count == 1, "\(append)")
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

extension StorePerformanceTests {
    /// A sweep over `values` whose trial 0 starts, reports 0.5 and exits within one turn of
    /// the loop; the statements of that turn.
    static func turnOfFirstTrial(values: [Int]) throws -> (ControllerLoopTests.FakeSweep, [String]) {
        typealias Job = ControllerLoopTests.FakeBackend.Job
        let fake = try ControllerLoopTests.FakeSweep(values: values)
        fake.clock.seconds = 1
        fake.backend.starts = [Job(id: "1")]
        fake.metrics.write(0, #"{"step": 1, "objective": 0.5}"#)
        fake.backend.exits = [TrialExit(handle: Job(id: "1"), termination: .exited(0))]
        return (fake, try statements(of: fake.sweep.store) { _ = fake.loop.turn(waiting: false) })
    }

    @Test("a loop turn that records a trial's start, its metrics and its end is one commit")
    func oneCommitPerTurn() throws {
        let (fake, log) = try Self.turnOfFirstTrial(values: [7])
        defer { fake.remove() }
        #expect(log.filter { $0.hasPrefix("COMMIT") }.count == 1, "\(log)")
        let trial = try #require(try fake.sweep.store.trial(0))
        #expect(trial.state == .succeeded && trial.startedAt == fake.clock.wallNow && trial.objective == 0.5)
        #expect(try fake.sweep.store.metricPoints(trial: 0).count == 1)
    }

    @Test("a strategy that answers at once refills a freed slot in the turn of the exit, sharing its commit")
    func refillInTheTurnOfTheExit() throws {
        let (fake, log) = try Self.turnOfFirstTrial(values: [7, 8])
        defer { fake.remove() }
        // The grid answers on the loop's thread: trial 1 is launched before the turn ends, its
        // `starting` record committed with trial 0's end (the commit before a spawn).
        #expect(fake.backend.launched.map(\.arguments) == [["train", "7"], ["train", "8"]])
        #expect(log.filter { $0.hasPrefix("COMMIT") }.count == 2, "\(log)")
        #expect(try fake.sweep.store.trial(0)?.state == .succeeded)
        #expect(try fake.sweep.store.trial(1)?.state == .starting)
    }
}
