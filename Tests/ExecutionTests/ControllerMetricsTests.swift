import Foundation
import Testing
@testable import Execution

/// What the controller makes of a trial's metrics file, end to end with real processes:
/// a file it must not block on, a history dumped at exit, warnings, values that are no
/// objective.
@Suite struct ControllerMetricsTests {
    /// The events of a run, as the controller's thread reports them.
    final class Events {
        var all: [ControllerEvent] = []
        func warnings(trial: Int) -> [MetricWarning] {
            all.compactMap { event in
                if case .metricWarning(trial, let warning) = event { return warning }
                return nil
            }
        }
    }

    @Test("a FIFO as a trial's metrics file holds neither the controller nor the other trials",
          .timeLimit(.minutes(1)))
    func fifoMetricsFile() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let events = Events()
        let (sweep, state) = try h.run(
            ["/bin/sh", "-c", #"if [ "$1" = 0 ]; then mkfifo "$HPO_METRICS_FILE"; else exec sleep 30; fi"#, "sh", "{m}"],
            space: [.ints("m", [0, 1])], parallel: 2,
            configure: { $0.trialTimeout = .seconds(1); $0.allowsMissingMetric = true }, observer: { events.all.append($0) })
        #expect(state == .completed)
        let states = try sweep.store.trials().sorted { $0.number < $1.number }.map(\.state)
        #expect(states == [.noMetric, .timeout])
        #expect(events.warnings(trial: 0).map(\.message)
                == ["\(sweep.layout.trial(0).metrics) is a FIFO, not a regular file: not read"])
    }

    @Test("a history of 200,000 lines written at exit is read whole before the trial is judged")
    func historyDumpedAtExit() throws {
        let h = SweepHarness()
        defer { h.remove() }
        // About 8 MB in one write, just before exiting: the objective falls to 1 on the last line.
        let script = h.script("dump.py", """
            n = 200000
            lines = "".join('{"step": %d, "objective": %d}\\n' % (i, n - i) for i in range(n))
            with open(os.environ["HPO_METRICS_FILE"], "a") as f:
                f.write(lines)
            """)
        let (sweep, state) = try h.run(["python3", script, "{x}"], space: [.ints("x", [1])])
        #expect(state == .completed)
        let trial = try #require(try sweep.store.trial(0))
        #expect(trial.state == .succeeded)
        #expect(trial.objective == 1)
        #expect(trial.steps == 200_000)
        #expect(try sweep.store.metricPoints(trial: 0, name: "objective").count == 200_000)
    }

    @Test("a trial that reports its objective only as NaN or infinity fails, with the reason")
    func onlyNonFinite() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let (sweep, _) = try h.run(
            ["/bin/sh", "-c", #"printf '{{"objective": NaN}}\n{{"objective": Infinity}}\n' >> "$HPO_METRICS_FILE""#, "sh", "{x}"],
            space: [.ints("x", [1])])
        let trial = try #require(try sweep.store.trial(0))
        #expect(trial.state == .failed)
        #expect(trial.objective == nil)
        #expect(trial.steps == 2)
        #expect(trial.explanation == AttemptVerdict.nonFiniteReason)
        #expect(try sweep.store.bestTrial() == nil)
    }

    @Test("a trial with a finite objective before a NaN keeps its last finite value and succeeds")
    func nanAfterFinite() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let (sweep, _) = try h.run(
            ["/bin/sh", "-c", #"printf '{{"objective": 0.5}}\n{{"objective": NaN}}\n' >> "$HPO_METRICS_FILE""#, "sh", "{x}"],
            space: [.ints("x", [1])])
        let trial = try #require(try sweep.store.trial(0))
        #expect(trial.state == .succeeded)
        #expect(trial.objective == 0.5)
    }

    @Test("oversize lines count under the 20-warning limit of a file, with junk lines")
    func oversizeLinesUnderTheLimit() throws {
        let h = SweepHarness()
        defer { h.remove() }
        // 15 junk lines, then 10 lines over 1 MiB: 25 warnings without a limit.
        let script = h.script("junk.py", """
            with open(os.environ["HPO_METRICS_FILE"], "a") as f:
                for i in range(15):
                    f.write("junk %d\\n" % i)
                for i in range(10):
                    f.write("x" * (1100 * 1024) + "\\n")
                f.write('{"objective": 1}\\n')
            """)
        let events = Events()
        let (sweep, _) = try h.run(["python3", script, "{x}"], space: [.ints("x", [1])],
                                   observer: { events.all.append($0) })
        let warnings = events.warnings(trial: 0)
        #expect(warnings.count == 21)
        #expect(warnings.last?.message == "more than 20 warnings: further warnings for this file are not shown")
        #expect(try sweep.store.trial(0)?.objective == 1)
    }

    @Test("with local ranks, a metric pattern reads rank 0's lines of stdout.log only, without their prefix")
    func rankZeroStdout() throws {
        let h = SweepHarness()
        defer { h.remove() }
        // Rank k prints objective=k+10: only rank 0's 10 counts, once.
        let (sweep, _) = try h.run(["/bin/sh", "-c", #"echo "objective=$((RANK + 10))""#, "sh", "{x}"],
                                   space: [.ints("x", [1])], configure: {
            $0.stdoutPattern = .standard
            $0.ranks = RankLayout(ranksPerNode: 2)
        })
        let trial = try #require(try sweep.store.trial(0))
        #expect(trial.state == .succeeded)
        #expect(trial.objective == 10)
        #expect(trial.steps == 1)
    }
}
