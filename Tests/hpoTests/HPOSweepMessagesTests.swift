import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What a sweep says as it runs and at its end, from the real `hpo` binary: the traps at the
/// door (a forgotten `--metric`) and the lines people read.
@Suite struct HPOSweepMessagesTests {
    typealias Scratch = HPOResumeTests.Scratch

    /// Reports what Examples/train_digits.py reports, quickly: val_loss and val_accuracy.
    static let digitsLike = """
        import json, os, sys
        for epoch in (1, 2):
            with open(os.environ["HPO_METRICS_FILE"], "a") as f:
                f.write(json.dumps({"step": epoch, "val_loss": 1 / epoch, "val_accuracy": 0.5 + epoch / 10}) + "\\n")
        """

    static func sweep(_ s: Scratch, _ arguments: [String]) throws -> HPOProcess.Result {
        try HPOProcess.run(["run", "--root", s.file("runs"), "--no-snapshot"] + arguments, in: s.path)
    }

    static func write(_ s: Scratch, _ name: String, _ text: String) throws {
        try text.write(toFile: s.file(name), atomically: true, encoding: .utf8)
    }

    /// Writes t.py: for steps 1…`last`, `pause` seconds apart, it reports `objective`, a
    /// Python expression of `x` (its `--x`) and `step`.
    static func writeCurve(_ s: Scratch, objective: String, last: Int, pause: Double) throws {
        try write(s, "t.py", """
            import json, os, sys, time
            x = float(sys.argv[2])
            for step in range(1, \(last + 1)):
                open(os.environ["HPO_METRICS_FILE"], "a").write(json.dumps({"step": step, "objective": \(objective)}) + "\\n")
                time.sleep(\(pause))
            """)
    }

    @Test func forgettingMetricStopsAfterTheFirstTrialAndNamesTheFlag() throws {
        let s = Scratch()
        defer { s.remove() }
        try Self.write(s, "train.py", Self.digitsLike)
        let r = try Self.sweep(s, ["--name", "m", "train.py", "--lr", "[0.1, 0.01, 0.001]"])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("trial 0  no_metric  ") && r.stdout.contains(
            "(exited 0 without reporting the metric 'objective'; it reported val_loss, val_accuracy: use --metric val_loss)"),
            "\(r.stdout)")
        #expect(r.stderr.contains("""
            stopping the sweep: no trial has reported the metric 'objective' (trial 0 reported val_loss, val_accuracy): \
            start it again with --metric val_loss, or pass --allow-missing-metric to go on anyway
            """), "\(r.stderr)")
        #expect(r.stdout.contains("run m failed: 1 no_metric"))
        // Only the first trial ran.
        #expect(s.read("runs/m/results.csv").split(separator: "\r\n").count == 2)
    }

    @Test func theSuggestedFlagWorks() throws {
        let s = Scratch()
        defer { s.remove() }
        try Self.write(s, "train.py", Self.digitsLike)
        let r = try Self.sweep(s, ["--metric", "val_loss", "train.py", "--lr", "[0.1, 0.01]"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("completed: 2 succeeded"), "\(r.stdout)")
    }

    @Test func allowMissingMetricGoesOn() throws {
        let s = Scratch()
        defer { s.remove() }
        try Self.write(s, "train.py", Self.digitsLike)
        let r = try Self.sweep(s, ["--allow-missing-metric", "--name", "a", "train.py", "--lr", "[0.1, 0.01, 0.001]"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("run a completed: 3 no_metric"), "\(r.stdout)")
        #expect(!r.stderr.contains("stopping the sweep"))
    }

    /// The real example: scikit-learn's digits, one epoch, without --metric.
    @Test(.enabled(if: TrainDigitsCheckpointTests.hasSklearn, "scikit-learn is not installed (scripts/setup.sh)"))
    func trainDigitsWithoutMetricSaysWhichMetricToUse() throws {
        let s = Scratch()
        defer { s.remove() }
        let script = HPOProcess.root.appendingPathComponent("Examples/train_digits.py").path
        let r = try Self.sweep(s, ["--parallel", "2", script, "--epochs", "1", "--lr", "[0.1, 0.01, 0.001, 0.0001]"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("it reported val_loss, val_accuracy: use --metric val_loss"), "\(r.stdout)")
        // The two launched together finish; the other two never start.
        #expect(r.stdout.contains("failed: 2 no_metric"), "\(r.stdout)")
        #expect(r.stderr.contains("start it again with --metric val_loss"))
    }

    @Test func theBudgetLineSaysTheLastTrialsAreStillRunning() throws {
        let s = Scratch()
        defer { s.remove() }
        try Self.write(s, "t.py", "import json, os\nopen(os.environ['HPO_METRICS_FILE'], 'a').write('{\"objective\": 1}\\n')\n")
        let two = try Self.sweep(s, ["t.py", "--x", "[1, 2]"])
        #expect(two.status == 0)
        #expect(two.stderr.contains("all 2 trials started; waiting for the last one to finish\n"), "\(two.stderr)")
        #expect(!two.stderr.contains("spent"))
        let one = try Self.sweep(s, ["t.py", "--x", "[1]"])
        #expect(one.stderr.contains("run \(Self.runName(one.stderr)): 1 trial, grid search"), "\(one.stderr)")
        #expect(one.stderr.contains("the run's 1 trial started; waiting for it to finish\n"), "\(one.stderr)")
    }

    @Test func oneFailureIsOneTrial() throws {
        let s = Scratch()
        defer { s.remove() }
        try Self.write(s, "t.py", "raise SystemExit(1)\n")
        let r = try Self.sweep(s, ["--max-failures", "1", "t.py", "--x", "[1, 2]"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("stopping the sweep: 1 trial failed (--max-failures 1)"), "\(r.stderr)")
    }

    @Test func earlyStoppingSavingsCarryTheirUnit() throws {
        let s = Scratch()
        defer { s.remove() }
        // x = 1 improves; x = 2 is worse at every step and is pruned at the first rung.
        try Self.writeCurve(s, objective: "x / step", last: 5, pause: 0.1)
        let r = try Self.sweep(s, ["--early-stopping", "asha", "t.py", "--x", "[1, 2]"])
        #expect(r.status == 0)
        let line = r.stdout.split(separator: "\n").first { $0.hasPrefix("slot time: ") }.map(String.init) ?? ""
        #expect(line.wholeMatch(of: #/slot time: \d+\.\d+ slot-hours; early stopping saved about \d+\.\d+ slot-hours \(1 pruned; against the median trial that ran to its end\)/#) != nil,
                "\(r.stdout)")
    }

    @Test func patienceStopsAreSucceededTrialsAndTheBestIsFound() throws {
        let s = Scratch()
        defer { s.remove() }
        // Best at step 3 (x), worse after, for as long as it is let run.
        try Self.writeCurve(s, objective: "x + abs(step - 3)", last: 199, pause: 0.02)
        let r = try Self.sweep(s, ["--name", "p", "--early-stopping", "patience", "--patience", "2", "t.py", "--x", "[2, 1]"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("run p completed: 2 succeeded"), "\(r.stdout)")
        #expect(r.stdout.contains("trial 1  succeeded  objective 1  "), "\(r.stdout)")
        #expect(r.stdout.contains("(stopped by patience at step 5: objective has not improved on 1 (step 3)"), "\(r.stdout)")
        #expect(r.stdout.contains("(2 stopped by patience;"), "\(r.stdout)")
        let best = try HPOProcess.run(["best", "--root", s.file("runs"), "p"], in: s.path)
        #expect(best.status == 0)
        #expect(best.stdout.contains("trial 1"), "\(best.stdout)")
    }

    @Test func cancellingARunSaysWhoAndWhatHappensNow() throws {
        let s = Scratch()
        defer { s.remove() }
        try Self.write(s, "slow.py", """
            import json, os, time
            open(os.environ["HPO_METRICS_FILE"], "a").write(json.dumps({"objective": 1}) + "\\n")
            time.sleep(60)
            """)
        let sweep = try HPOProcess.start(["run", "--root", s.file("runs"), "--no-snapshot", "--name", "c", "--parallel", "2",
                                          "slow.py", "--x", "[1, 2, 3]"], in: s.path)
        // Both trials have reported: they are running.
        #expect(Waiting.until(seconds: 60) { (0...1).allSatisfy { s.read("runs/c/trials/\($0)/metrics.jsonl").hasSuffix("\n") } })
        let cancel = try HPOProcess.run(["cancel", "--root", s.file("runs"), "c"], in: s.path, environment: ["USER": "alice"])
        #expect(cancel.status == 0)
        #expect(sweep.wait(upTo: 60) == 130)
        let lines = sweep.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("hpo cancel by alice: cancelling the run: launching nothing more, stopping the 2 running trials"),
                "\(sweep.stderr)")
        #expect(!lines.contains("hpo cancel by alice"), "a line that says nothing: \(sweep.stderr)")
    }

    /// The run's name from its first line, `run NAME: …`.
    static func runName(_ stderr: String) -> String {
        String(stderr.split(separator: "\n").first { $0.hasPrefix("run ") }?.dropFirst(4).prefix { $0 != ":" } ?? "")
    }
}
