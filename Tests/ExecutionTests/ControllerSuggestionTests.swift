import Foundation
import Testing
@testable import Execution

/// The strategy thinks on its own thread: while it does, the controller's loop still reaps
/// exits (recording their real end), answers cancels and prunes. A strategy that blocks in
/// `suggest` until the test releases it stands for a slow Bayesian fit; a fake wall clock
/// stands for time, so no assertion compares real clocks.
@Suite struct ControllerSuggestionTests {
    /// Suggests the smallest `x` values neither finished nor pending; answers its first
    /// question at once and blocks inside every later one until `release` is signalled.
    final class GatedStrategy: Strategy, @unchecked Sendable {
        let name = "gated"
        /// Signalled each time a question blocks.
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var questions = 0

        func suggest(count: Int, context: SuggestionContext) throws -> [Configuration] {
            lock.lock()
            questions += 1
            let blocks = questions > 1
            lock.unlock()
            if blocks {
                entered.signal()
                release.wait()
            }
            let taken = Set(context.completed.map(\.configuration) + context.pending)
            return (0..<100).lazy.map { ["x": .int($0)] as Configuration }.filter { !taken.contains($0) }.prefix(count).map { $0 }
        }
    }

    /// A settable wall clock (monotonic time is the system's: real processes run here).
    final class FakeClock: ControllerClock, @unchecked Sendable {
        private let lock = NSLock()
        private var wall = Date(timeIntervalSince1970: 1_000_000)
        var start: Date { Date(timeIntervalSince1970: 1_000_000) }
        var now: ContinuousClock.Instant { .now }
        var wallNow: Date { lock.lock(); defer { lock.unlock() }; return wall }
        func set(after seconds: Double) { lock.lock(); wall = start + seconds; lock.unlock() }
    }

    /// A sweep running on a thread of its own, with its events counted for the test to wait on.
    final class Background: @unchecked Sendable {
        let harness = SweepHarness()
        let strategy = GatedStrategy()
        let clock = FakeClock()
        private let lock = NSLock()
        private var events: [ControllerEvent] = []
        private let changed = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        var sweep: Sweep?
        var state: RunState?
        var error: Error?

        /// Trial x waits for the file `go-x` in the scratch directory, reports `value` (50 for
        /// x = 1 when `x1Diverges`, else 1), then exits — or, having diverged, waits to be stopped.
        func start(trials: Int, x1Diverges: Bool = false, earlyStopping: (any EarlyStopping)? = nil) {
            let script = harness.script("gated.py", """
                import signal
                x = int(sys.argv[1])
                while not os.path.exists(os.path.join(sys.argv[2], "go-%d" % x)):
                    time.sleep(0.005)
                value = 50 if x == 1 and \(x1Diverges ? "True" : "False") else 1
                open(os.environ["HPO_METRICS_FILE"], "a").write(json.dumps({"step": 1, "objective": value}) + "\\n")
                if value == 50:
                    signal.pause()  # until hpo's SIGTERM ends it
                """)
            let sweepReady = DispatchSemaphore(value: 0)
            Thread.detachNewThread { [self] in
                do {
                    let (s, st) = try harness.run(
                        ["python3", script, "{x}", harness.scratch.path],
                        space: [Parameter("x", .integer(low: 0, high: 99, log: false))], strategy: strategy, kind: .random,
                        trials: trials, parallel: 2,
                        configure: { [clock] in
                            $0.clock = clock
                            $0.earlyStopping = earlyStopping
                        },
                        observer: { [self] event in
                            lock.lock(); events.append(event); lock.unlock()
                            changed.signal()
                        },
                        during: { [self] s in sweep = s; sweepReady.signal() })
                    state = st
                    _ = s
                } catch {
                    self.error = error
                    sweepReady.signal()
                }
                done.signal()
            }
            sweepReady.wait()
        }

        /// Lets trial `x` go on.
        func go(_ x: Int) { harness.scratch.write("go-\(x)", "") }

        /// Waits (up to a minute) until an event matching `match` was observed.
        func waitFor<T>(_ match: (ControllerEvent) -> T?) -> T? {
            let limit = Date() + 60
            while Date() < limit {
                lock.lock()
                let found = events.lazy.compactMap(match).first
                lock.unlock()
                if let found { return found }
                _ = changed.wait(timeout: .now() + 1)
            }
            return nil
        }

        func finished(_ trial: Int) -> TrialRecord? {
            waitFor { event -> TrialRecord? in
                if case .finished(let r) = event, r.number == trial { return r }
                return nil
            }
        }

        /// Waits (up to a minute) for trial `trial`'s launch.
        func launched(_ trial: Int) -> Bool {
            waitFor { event -> Bool? in
                if case .launched(let n, _, _) = event, n == trial { return true }
                return nil
            } ?? false
        }

        var launchedCount: Int {
            lock.lock(); defer { lock.unlock() }
            return events.filter { if case .launched = $0 { return true } else { return false } }.count
        }

        /// Waits for the strategy to block in its second question (up to a minute).
        func strategyBlocked() -> Bool { strategy.entered.wait(timeout: .now() + 60) == .success }
    }

    @Test func anExitIsRecordedWithItsRealEndWhileTheStrategyThinks() throws {
        let b = Background()
        defer { b.harness.remove() }
        b.start(trials: 3)
        #expect(b.launched(1))
        b.clock.set(after: 5)
        b.go(0)
        #expect(b.strategyBlocked())
        b.clock.set(after: 42)
        b.go(1)
        let record = b.finished(1)
        // Only now does the strategy answer: the loop was free all along.
        b.clock.set(after: 1000)
        b.go(2)
        b.strategy.release.signal()
        b.done.wait()
        #expect(b.error == nil)
        #expect(record?.state == .succeeded, "trial 1's exit was not taken in while the strategy was computing")
        #expect(record?.startedAt == b.clock.start)
        #expect(record?.finishedAt == b.clock.start + 42)
        #expect(record?.duration == 42)
        #expect(b.state == .completed)
        #expect(try b.sweep?.store.trial(2)?.state == .succeeded)
    }

    @Test func aCancelStopsTheRunWhileTheStrategyThinksAndItsAnswerIsNeverLaunched() throws {
        let b = Background()
        defer { b.harness.remove() }
        b.start(trials: 4)
        #expect(b.launched(1))
        b.go(0)
        #expect(b.strategyBlocked())
        // `hpo cancel` from another terminal: its own connection to the run's store.
        let other = try RunStore.open(layout: try #require(b.sweep).layout)
        _ = try other.requestCancel(trial: nil, at: b.clock.wallNow, note: "hpo cancel")
        let stopped = b.done.wait(timeout: .now() + 60) == .success
        #expect(stopped, "the run did not stop while the strategy was computing")
        b.strategy.release.signal()
        if !stopped { (1...3).forEach(b.go); b.done.wait() }
        #expect(b.state == .cancelled)
        #expect(try b.sweep?.store.trial(1)?.state == .cancelled)
        // The answer came after the run ended: nothing more was launched or recorded.
        #expect(b.launchedCount == 2)
        #expect(try b.sweep?.store.trials().count == 2)
    }

    @Test func aPruningDecisionStopsATrialWhileTheStrategyThinks() throws {
        let b = Background()
        defer { b.harness.remove() }
        b.start(trials: 3, x1Diverges: true, earlyStopping: try ThresholdStopping(bound: 10))
        #expect(b.launched(1))
        b.go(0)
        #expect(b.strategyBlocked())
        b.go(1)
        let pruned = b.finished(1)
        b.go(2)
        b.strategy.release.signal()
        b.done.wait()
        #expect(pruned?.state == .pruned, "trial 1 was not pruned while the strategy was computing")
        #expect(pruned?.signal == SIGTERM)
        #expect(b.state == .completed)
    }
}
