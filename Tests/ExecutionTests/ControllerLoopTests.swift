import Foundation
import Testing
@testable import Execution

/// The controller's loop on a backend, a clock and a metric source of the test's own, given
/// through the public API (`Sweep.start(_:root:backend:)`, `ExecutionOptions.clock`,
/// `.metricSource`): no process runs and no time passes but the test's.
@Suite struct ControllerLoopTests {
    /// A batch-like backend whose jobs start and end when the test says.
    final class FakeBackend: Backend {
        struct Job: TrialHandle {
            let id: String
            var launchRecord: LaunchRecord { .job(id: id) }
            var description: String { "job \(id)" }
        }
        var launched: [LaunchRequest] = []
        var signals: [(Job, TrialSignal)] = []
        var starts: [Job] = []
        var exits: [TrialExit<Job>] = []
        /// Runs as each launch begins, before the job exists.
        var onLaunch: (() -> Void)?

        func launch(_ request: LaunchRequest) throws(LaunchError) -> Job {
            onLaunch?()
            launched.append(request)
            return Job(id: "\(launched.count)")
        }
        func signal(_ handle: Job, _ signal: TrialSignal) -> Bool { signals.append((handle, signal)); return true }
        var exitDescriptors: [Int32] { [] }
        var maximumPollInterval: Duration? { nil }
        func collectExits() -> [TrialExit<Job>] { defer { exits = [] }; return exits }
        func isAlive(_ handle: Job) -> Bool { true }
        func collectStarts() -> [Job] { defer { starts = [] }; return starts }
    }

    /// Both clocks, set by the test.
    final class FakeClock: ControllerClock, @unchecked Sendable {
        let origin = ContinuousClock.now
        let wallOrigin = Date(timeIntervalSince1970: 2_000_000)
        var seconds = 0.0
        var now: ContinuousClock.Instant { origin + .milliseconds(Int(seconds * 1000)) }
        var wallNow: Date { wallOrigin + seconds }
    }

    /// Lines the test hands out; a file is "being read" while `unread` holds it.
    final class FakeMetrics: TrialMetricSource, @unchecked Sendable {
        var followed: Set<TrialStream> = []
        var pending: [TailUpdate<TrialStream>] = []
        var unread: Set<TrialStream> = []
        var fileDescriptor: Int32? { nil }
        var pollingInterval: Double? { nil }
        func add(_ path: String, key: TrialStream, startingAt offset: Int64) throws { followed.insert(key) }
        func remove(key: TrialStream) { followed.remove(key) }
        func markChanged(key: TrialStream) {}
        func isCaughtUp(key: TrialStream) -> Bool { !unread.contains(key) }
        func drain() -> [TailUpdate<TrialStream>] { defer { pending = [] }; return pending }
        func write(_ trial: Int, _ line: String) {
            pending.append(TailUpdate(key: .metrics(trial), path: "metrics.jsonl",
                                      lines: [FileLine(number: 1, bytes: Array(line.utf8))], warnings: [], restarted: false))
        }
    }

    /// A fake sweep over `x` in `values`, begun, its first trial launched.
    struct FakeSweep {
        let scratch = Scratch()
        let clock = FakeClock()
        let metrics = FakeMetrics()
        let backend = FakeBackend()
        let sweep: Sweep
        let loop: Controller<FakeBackend>

        init(values: [Int], configure: (inout ExecutionOptions) -> Void = { _ in },
             observer: @escaping (ControllerEvent) -> Void = { _ in }) throws {
            var options = ExecutionOptions(workingDirectory: scratch.path, environment: [:])
            options.clock = clock
            options.metricSource = { [metrics] in metrics }
            configure(&options)
            let spec = SweepSpec(name: "fake", command: try CommandTemplate(parsing: ["train", "{x}"]), metric: SweepMetric(),
                                 strategy: .grid, seed: 1, parallel: 1, space: try SearchSpace([.ints("x", values)]))
            sweep = try Sweep.start(try Sweep.prepare(spec, options: options), root: scratch.file("runs"), backend: backend,
                                observer: observer)
            loop = sweep.controller as! Controller<FakeBackend>
            try loop.begin()
            // The strategy answers on its own thread: the loop waits for it in poll(2).
            for _ in 0..<500 where backend.launched.isEmpty { _ = loop.turn(waiting: true) }
        }

        /// Turns the loop at each whole second up to `seconds`.
        func run(until seconds: Int) {
            for second in Int(clock.seconds) + 1...seconds {
                clock.seconds = Double(second)
                _ = loop.turn(waiting: false)
            }
        }

        func remove() {
            loop.runLock?.release()
            scratch.remove()
        }
    }

    @Test func aTrialsRecordedDurationIsItsRealOneWhileTheLoopIsBusyReadingItsFiles() throws {
        let fake = try FakeSweep(values: [7])
        defer { fake.remove() }
        let (clock, metrics, backend, sweep, loop) = (fake.clock, fake.metrics, fake.backend, fake.sweep, fake.loop)
        #expect(backend.launched.first?.arguments == ["train", "7"])
        clock.seconds = 100
        backend.starts = [FakeBackend.Job(id: "1")]
        _ = loop.turn(waiting: false)
        metrics.write(0, #"{"step": 1, "objective": 0.5}"#)
        clock.seconds = 112
        backend.exits = [TrialExit(handle: FakeBackend.Job(id: "1"), termination: .exited(0))]
        metrics.unread = [.metrics(0)]
        _ = loop.turn(waiting: false)  // the exit is seen now
        // Its file takes the loop 38 s to read to its end.
        fake.run(until: 150)
        #expect(try sweep.store.trial(0)?.state == .running)
        metrics.unread = []
        var done = false
        for _ in 0..<10 where !done { done = loop.turn(waiting: false) }
        #expect(done)
        #expect(try loop.end() == .completed)
        let trial = try #require(try sweep.store.trial(0))
        #expect(trial.state == .succeeded)
        #expect(trial.objective == 0.5)
        #expect(trial.startedAt == clock.wallOrigin + 100)
        #expect(trial.finishedAt == clock.wallOrigin + 112)
        #expect(trial.duration == 12)
    }

    /// The loop may be busy (a commit, a batch of launches) when a process ends: the end the
    /// backend noted (the local exit watcher, a Slurm job's script) is what is recorded.
    @Test func aTrialsRecordedEndIsWhenTheBackendSawItEndNotWhenTheLoopCollectedIt() throws {
        let fake = try FakeSweep(values: [7])
        defer { fake.remove() }
        fake.clock.seconds = 100
        fake.backend.starts = [FakeBackend.Job(id: "1")]
        _ = fake.loop.turn(waiting: false)
        fake.metrics.write(0, #"{"step": 1, "objective": 0.5}"#)
        fake.clock.seconds = 112
        fake.backend.exits = [TrialExit(handle: FakeBackend.Job(id: "1"), termination: .exited(0),
                                        endedAt: fake.clock.wallOrigin + 103.25)]
        fake.run(until: 115)
        let trial = try #require(try fake.sweep.store.trial(0))
        #expect(trial.state == .succeeded)
        #expect(trial.finishedAt == fake.clock.wallOrigin + 103.25)
        #expect(trial.duration == 3.25)
    }

    @Test func aTrialPastItsTimeLimitIsSignalledThroughTheBackendAndRecordedTimeout() throws {
        let fake = try FakeSweep(values: [7]) {
            $0.trialTimeout = .seconds(30)
            $0.grace = .seconds(5)
        }
        defer { fake.remove() }
        // Its time limit counts from the moment the scheduler starts it.
        fake.clock.seconds = 10
        fake.backend.starts = [FakeBackend.Job(id: "1")]
        _ = fake.loop.turn(waiting: false)
        fake.run(until: 39)
        #expect(fake.backend.signals.isEmpty)
        fake.run(until: 40)
        #expect(fake.backend.signals.map(\.1) == [.terminate])
        fake.run(until: 44)
        #expect(fake.backend.signals.map(\.1) == [.terminate])
        fake.run(until: 45)
        #expect(fake.backend.signals.map(\.1) == [.terminate, .kill])
        fake.backend.exits = [TrialExit(handle: FakeBackend.Job(id: "1"), termination: .signaled(9))]
        fake.run(until: 46)
        let trial = try #require(try fake.sweep.store.trial(0))
        #expect(trial.state == .timeout)
        #expect(trial.explanation == "ran past the time limit of 30s")
        #expect(trial.finishedAt == fake.clock.wallOrigin + 46)
    }
}
