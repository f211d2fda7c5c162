import Foundation
import Testing

/// `hpo artifacts`, `hpo best --artifacts` and `hpo clean` on a run made by the real `hpo run`:
/// five trials that each leave a model, a plot and a checkpoint; trial 4 (n = 5) fails.
@Suite struct HPOArtifactsTests {
    static let script = """
        import json, os, sys
        n = int(sys.argv[2])
        art, ckpt = os.environ["HPO_ARTIFACTS_DIR"], os.environ["HPO_CHECKPOINT_DIR"]
        open(os.path.join(art, f"model{n}.pt"), "w").write("w" * (100 * n))
        os.makedirs(os.path.join(art, "plots"), exist_ok=True)
        open(os.path.join(art, "plots", "loss.svg"), "w").write("<svg/>")
        open(os.path.join(ckpt, "last.ckpt"), "w").write("c" * 1000)
        print("trained", n)
        if n == 5: sys.exit(1)
        open(os.environ["HPO_METRICS_FILE"], "a").write(json.dumps({"objective": abs(n - 2)}) + "\\n")
        """

    /// The fixture with run `a` made.
    static func madeRun() throws -> RunFixture {
        let fixture = RunFixture()
        try RunFixture.write(script, to: fixture.directory + "/train.py")
        let r = try HPOProcess.run(["run", "--name", "a", "train.py", "--n", "[1, 2, 3, 4, 5]"], in: fixture.directory)
        #expect(r.status == 0, "the run completes though one trial fails: \(r.stderr)")
        return fixture
    }

    @Test func listsEveryTrialsFilesAndFiltersThem() throws {
        let fixture = try Self.madeRun()
        let all = try HPOProcess.run(["artifacts", "a"], in: fixture.directory)
        #expect(all.status == 0)
        #expect(all.stdout.split(separator: "\n").count == 11)  // heading + 2 files x 5 trials
        #expect(all.stdout.contains("    1  200 B  model2.pt\n"))
        let models = try HPOProcess.run(["artifacts", "a", "--match", "\\.pt$"], in: fixture.directory)
        #expect(models.stdout == """
            trial   size  path
                0  100 B  model1.pt
                1  200 B  model2.pt
                2  300 B  model3.pt
                3  400 B  model4.pt
                4  500 B  model5.pt

            """)
        let bad = try HPOProcess.run(["artifacts", "a", "--match", "(unclosed"], in: fixture.directory)
        #expect(bad.status == 2 && bad.stderr.contains("--match \"(unclosed\": not a regular expression"))
    }

    @Test func downloadsOneTrialIntoTheDirectoryAndRefusesToOverwrite() throws {
        let fixture = try Self.madeRun()
        let r = try HPOProcess.run(["artifacts", "a", "1", "--download", "out"], in: fixture.directory)
        #expect(r.stdout == "copied 2 files (206 B) to out\n")
        #expect((try? String(contentsOfFile: fixture.directory + "/out/model2.pt", encoding: .utf8))?.count == 200)
        #expect(FileManager.default.fileExists(atPath: fixture.directory + "/out/plots/loss.svg"))
        let again = try HPOProcess.run(["artifacts", "a", "1", "--download", "out"], in: fixture.directory)
        #expect(again.status != 0 && again.stderr.contains("already exists; nothing was copied"))
    }

    @Test func bestPointsAtTheBestTrialsArtifacts() throws {
        let fixture = try Self.madeRun()
        let r = try HPOProcess.run(["best", "a", "--artifacts"], in: fixture.directory)
        #expect(r.stdout.hasSuffix("""
            artifacts: ./runs/a/trials/1/artifacts
              model2.pt (200 B)
              plots/loss.svg (6 B)

            """))
    }

    @Test func cleanKeepsTheBestAndTheLogsOfFailuresAndListsFirstOnADryRun() throws {
        let fixture = try Self.madeRun()
        let trial = { (n: Int, file: String) in FileManager.default.fileExists(atPath: fixture.root + "/a/trials/\(n)/\(file)") }
        let dry = try HPOProcess.run(["clean", "a", "--keep-best", "2", "--logs", "--dry-run"], in: fixture.directory)
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("would delete ./runs/a/trials/3/checkpoints/last.ckpt (1000 B)\n"))
        #expect(dry.stdout.hasSuffix("keeping trials 1, 0\n"))  // objectives 0 and 1
        #expect(trial(3, "checkpoints/last.ckpt"))                 // nothing deleted yet

        let r = try HPOProcess.run(["clean", "a", "--keep-best", "2", "--logs"], in: fixture.directory)
        #expect(r.status == 0)
        for kept in [0, 1] {
            #expect(trial(kept, "checkpoints/last.ckpt") && trial(kept, "artifacts/plots/loss.svg") && trial(kept, "stdout.log"))
        }
        for cleaned in [2, 3] {
            #expect(!trial(cleaned, "checkpoints/last.ckpt") && !trial(cleaned, "artifacts/model\(cleaned + 1).pt"))
            #expect(!trial(cleaned, "stdout.log") && trial(cleaned, "metrics.jsonl"))
            #expect(trial(cleaned, "artifacts") && trial(cleaned, "checkpoints"))  // the contract's directories stay
        }
        #expect(!trial(4, "artifacts/model5.pt") && trial(4, "stdout.log"))  // the failed trial's log says why
        let again = try HPOProcess.run(["clean", "a", "--keep-best", "2", "--logs"], in: fixture.directory)
        #expect(again.stdout == "nothing to delete in run a (keeping trials 1, 0)\n")
    }
}
