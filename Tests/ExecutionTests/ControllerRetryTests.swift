import Foundation
import Testing
@testable import Execution

/// Attempts with real processes: retries of failed trials, preemptions answered by another
/// attempt that continues from its checkpoint, and the final outcome heard once.
@Suite struct ControllerRetryTests {
    /// Appends `attempt HPO_ATTEMPT HPO_RESUME` to attempts-<trial>.log, then behaves as
    /// told for that attempt by argv[2] (`fail,fail,ok`: one word an attempt).
    static let byAttempt = """
        trial, attempt = os.environ["HPO_TRIAL"], int(os.environ["HPO_ATTEMPT"])
        with open(f"attempts-{trial}.log", "a") as f:
            f.write(f"{attempt} {os.environ['HPO_RESUME']}\\n")
        plan = sys.argv[2].split(",")
        what = plan[min(attempt, len(plan)) - 1]
        if what == "ok":
            open(os.environ["HPO_METRICS_FILE"], "a").write(json.dumps({"objective": attempt}) + "\\n")
        elif what == "fail":
            sys.exit(1)
        elif what == "invalid":
            sys.exit(3)
        elif what == "preempt":
            sys.exit(int(os.environ["HPO_PREEMPTED_EXIT_CODE"]))
        """

    @Test func aFailedTrialIsRetriedAndItsOutcomeIsHeardOnce() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("attempts.py", Self.byAttempt)
        var finished: [Int] = []
        var requeued: [(Int, Int, TrialState)] = []
        let (sweep, state) = try h.run(["python3", script, "{x}", "{plan}"],
                                       space: [.ints("x", [0]),
                                               Parameter("plan", .categorical([.string("fail,fail,ok"), .string("fail,fail,fail,ok")]))],
                                       configure: { $0.retryPolicy = RetryPolicy(retries: 2) },
                                       observer: { event in
            if case .finished(let record) = event { finished.append(record.number) }
            if case .requeued(let trial, let attempt, let after, _) = event { requeued.append((trial, attempt, after)) }
        })
        #expect(state == .completed)
        let first = try #require(try sweep.store.trial(0))
        #expect(first.state == .succeeded && first.attempt == 3 && first.objective == 3)
        let second = try #require(try sweep.store.trial(1))
        #expect(second.state == .failed && second.attempt == 3 && second.exitCode == 1)
        #expect(h.scratch.read("attempts-0.log") == "1 0\n2 0\n3 0\n")
        #expect(finished == [0, 1])   // each trial's outcome once
        #expect(requeued.map { [$0.0, $0.1] } == [[0, 2], [0, 3], [1, 2], [1, 3]])
        #expect(requeued.allSatisfy { $0.2 == .retrying })
        let moves = try sweep.store.transitions(trial: 0).map(\.to)
        #expect(moves == [.created, .queued, .starting, .running, .retrying, .queued, .starting, .running,
                          .retrying, .queued, .starting, .running, .succeeded])
        #expect(try sweep.store.transitions(trial: 0)[4].note == "attempt 1 exited with code 1; retry 1 of 2")
        let rows = h.csvRows(sweep)
        // Counted from the end: the plan's value holds commas, which this plain split cuts.
        let header = try #require(rows.first)
        let fromEnd = header.count - (try #require(header.firstIndex(of: "attempts")))
        #expect(rows.count == 3 && rows[1][rows[1].count - fromEnd] == "3" && rows[2][rows[2].count - fromEnd] == "3")
    }

    @Test func infeasibleAndUnstartableTrialsAreNeverRetried() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("attempts.py", Self.byAttempt)
        let (sweep, _) = try h.run(["python3", script, "{x}", "invalid"], space: [.ints("x", [0])],
                                   configure: { $0.retryPolicy = RetryPolicy(retries: 3) })
        #expect(try sweep.store.trial(0)?.state == .invalid)
        #expect(try sweep.store.trial(0)?.attempt == 1)
        let (missing, _) = try h.run(["no-such-command-hpo", "{x}"], space: [.ints("x", [0])], name: "missing",
                                     configure: { $0.retryPolicy = RetryPolicy(retries: 3) })
        #expect(try missing.store.trial(0)?.state == .failed)
        #expect(try missing.store.trial(0)?.attempt == 1)
    }

    @Test func aPreemptedTrialContinuesFromItsCheckpointWithoutSpendingRetries() throws {
        let h = SweepHarness()
        defer { h.remove() }
        // Four epochs; a checkpoint after each. Attempt 1 is killed by SIGKILL (as by the OOM
        // killer) after epoch 2; attempt 2 must see HPO_RESUME=1 and go on from epoch 3.
        let script = h.script("epochs.py", """
            import signal
            ckpt = os.path.join(os.environ["HPO_CHECKPOINT_DIR"], "epoch")
            attempt, resume = os.environ["HPO_ATTEMPT"], os.environ["HPO_RESUME"]
            start = int(open(ckpt).read()) + 1 if resume == "1" else 1
            with open("seen.log", "a") as f:
                f.write(f"attempt {attempt} resume {resume} from {start}\\n")
            for epoch in range(start, 5):
                with open(os.environ["HPO_METRICS_FILE"], "a") as f:
                    f.write(json.dumps({"step": epoch, "loss": 1.0 / epoch}) + "\\n")
                open(ckpt, "w").write(str(epoch))
                if epoch == 2 and attempt == "1":
                    time.sleep(0.2)   # let hpo read the line, as it would in a long epoch
                    os.kill(os.getpid(), signal.SIGKILL)
            """)
        let (sweep, state) = try h.run(["python3", script, "{x}"], space: [.ints("x", [0])],
                                       metric: SweepMetric(name: "loss"))
        #expect(state == .completed)
        #expect(h.scratch.read("seen.log") == "attempt 1 resume 0 from 1\nattempt 2 resume 1 from 3\n")
        let trial = try #require(try sweep.store.trial(0))
        #expect(trial.state == .succeeded && trial.attempt == 2)
        #expect(trial.objective == 0.25 && trial.steps == 4)   // the curve of both attempts
        let points = try sweep.store.metricPoints(trial: 0, name: "loss")
        #expect(points.map(\.attempt) == [1, 1, 2, 2])
        #expect(points.map(\.point.step) == [1, 2, 3, 4])
        let moves = try sweep.store.transitions(trial: 0)
        let preempted = try #require(moves.first { $0.to == .preempted })
        #expect(preempted.note == "attempt 1 killed by SIGKILL: preempted 1 of at most 10 times")
    }

    @Test func preemptionsAreBoundedByTheirMaximum() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("attempts.py", Self.byAttempt)
        let (sweep, _) = try h.run(["python3", script, "{x}", "preempt"], space: [.ints("x", [0])],
                                   configure: { $0.retryPolicy = RetryPolicy(retries: 5, maximumPreemptions: 1) })
        let trial = try #require(try sweep.store.trial(0))
        #expect(trial.state == .failed && trial.attempt == 2)
        #expect(trial.explanation == "exited with code 75 (preempted); preempted 2 times, more than --max-preemptions 1")
        #expect(h.scratch.read("attempts-0.log") == "1 0\n2 0\n")
    }
}

/// A grid strategy that records what it is told, to check that a trial's outcome reaches
/// the strategy once and that a waiting re-run is pending, never proposed again.
final class RecordingGrid: Strategy, @unchecked Sendable {
    private let lock = NSLock()
    private var contexts: [SuggestionContext] = []
    var name: String { "grid" }

    func suggest(count: Int, context: SuggestionContext) throws -> [Configuration] {
        lock.withLock { contexts.append(context) }
        return try GridStrategy().suggest(count: count, context: context)
    }

    var seen: [SuggestionContext] { lock.withLock { contexts } }
}

extension ControllerRetryTests {
    @Test func theStrategyHearsEachOutcomeOnceAndSeesRerunsAsPending() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("attempts.py", Self.byAttempt)
        let strategy = RecordingGrid()
        let (sweep, _) = try h.run(["python3", script, "{x}", "{plan}"],
                                   space: [.ints("x", [0]), Parameter("plan", .categorical([
                                       .string("fail,ok"), .string("ok"), .string("ok,ok"), .string("preempt,ok")]))],
                                   strategy: strategy, parallel: 2, configure: { $0.retryPolicy = RetryPolicy(retries: 1) })
        #expect(try sweep.store.trials().map(\.state) == Array(repeating: .succeeded, count: 4))
        for context in strategy.seen {
            let told = context.completed.map(\.configuration)
            #expect(Set(told).count == told.count, "an outcome was told twice")
            #expect(Set(told).isDisjoint(with: context.pending), "a finished trial is still pending")
            #expect(Set(context.pending).count == context.pending.count)
        }
        // Trial 0 failed once; while its retry ran, the strategy was asked again and saw it pending.
        let retried = Configuration(["x": .int(0), "plan": .string("fail,ok")])
        #expect(strategy.seen.contains { $0.pending.contains(retried) && !$0.completed.contains { $0.configuration == retried } })
        // Asked for the fourth trial, it knew of the three before it, each once.
        #expect(strategy.seen.last.map { $0.completed.count + $0.pending.count } == 3)
    }
}
