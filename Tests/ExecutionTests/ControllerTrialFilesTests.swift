import Foundation
import Testing
@testable import Execution

/// A trial costs on disk what it wrote: the logs, artifacts and checkpoint directories it was
/// given and left empty are gone after it, and each attempt is given them again.
@Suite struct ControllerTrialFilesTests {
    static func entries(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    @Test func aTrialThatWritesOneMetricLineLeavesItsDirectoryAndItsMetricsFile() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let (sweep, state) = try h.run(["/bin/sh", "-c", #"echo "{{\"objective\": $1}}" >> "$HPO_METRICS_FILE""#, "sh", "{x}"],
                                       space: [.ints("x", [1, 2])])
        #expect(state == .completed)
        #expect(Self.entries(sweep.layout.trialsDirectory) == ["0", "1"])
        for trial in 0..<2 {
            #expect(Self.entries(sweep.layout.trial(trial).directory) == ["metrics.jsonl"], "trial \(trial)")
        }
    }

    @Test func whatATrialWroteStaysAndOnlyTheEmptyIsRemoved() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("train.py", """
            print("epoch 1")
            open(os.path.join(os.environ["HPO_ARTIFACTS_DIR"], "model.pt"), "w").write("weights")
            open(os.environ["HPO_METRICS_FILE"], "a").write('{"objective": 1}\\n')
            """)
        let (sweep, state) = try h.run(["python3", script, "{x}"], space: [.ints("x", [1])])
        #expect(state == .completed)
        let trial = sweep.layout.trial(0)
        #expect(Self.entries(trial.directory) == ["artifacts", "metrics.jsonl", "stdout.log"])
        #expect(Self.entries(trial.artifacts) == ["model.pt"])
    }

    /// The next attempt of a preempted trial that left nothing finds every directory the
    /// trial contract promises, and one that left a checkpoint resumes from it.
    @Test func aLaterAttemptIsGivenItsDirectoriesAgain() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("attempts.py", """
            attempt = int(os.environ["HPO_ATTEMPT"])
            found = [os.path.isdir(os.environ[v]) for v in ["HPO_ARTIFACTS_DIR", "HPO_CHECKPOINT_DIR"]]
            with open("attempts.log", "a") as f:
                f.write(f"{attempt} {found} {os.environ['HPO_RESUME']}\\n")
            if attempt == 1:
                sys.exit(int(os.environ["HPO_PREEMPTED_EXIT_CODE"]))
            if attempt == 2:
                open(os.path.join(os.environ["HPO_CHECKPOINT_DIR"], "last.ckpt"), "w").write("2")
                sys.exit(int(os.environ["HPO_PREEMPTED_EXIT_CODE"]))
            open(os.environ["HPO_METRICS_FILE"], "a").write('{"objective": 1}\\n')
            """)
        let (sweep, state) = try h.run(["python3", script, "{x}"], space: [.ints("x", [1])])
        #expect(state == .completed)
        #expect(h.scratch.read("attempts.log") == "1 [True, True] 0\n2 [True, True] 0\n3 [True, True] 1\n")
        #expect(Self.entries(sweep.layout.trial(0).directory) == ["checkpoints", "metrics.jsonl"])
    }
}
