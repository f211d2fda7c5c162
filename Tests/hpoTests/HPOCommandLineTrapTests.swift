import Foundation
import Testing
@testable import hpo

/// Command lines that used to do something else than the person meant, with the real binary.
@Suite struct HPOCommandLineTrapTests {
    static func withScript() throws -> RunFixture {
        let fixture = RunFixture()
        try RunFixture.write("print(1)\n", to: fixture.directory + "/train.py")
        return fixture
    }

    @Test func versionIsPrintedFromItsOnePlace() throws {
        let r = try HPOProcess.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout == Version.current + "\n")
        #expect(Version.current.split(separator: ".").count == 3)
    }

    @Test func anHpoOptionAfterTheScriptWarnsAndStillGoesToTheScript() throws {
        let fixture = try Self.withScript()
        let r = try HPOProcess.run(["run", "--dry-run", "train.py", "--x", "[1, 2]", "--parallel", "2", "--seed=3"],
                                   in: fixture.directory)
        #expect(r.status == 0)
        #expect(r.stderr == "warning: --parallel, --seed after the command go to train.py, not to hpo; for hpo, put them "
                + "before the command (hpo run --parallel … train.py …); to pass them to train.py on purpose, put -- before "
                + "the command (hpo run [options] -- train.py …), which also silences this warning\n")
        #expect(r.stdout.hasPrefix("python3 train.py --x 1 --parallel 2 --seed=3\n"))
    }

    @Test func dashDashBeforeTheScriptSaysTheOptionIsTheScripts() throws {
        let fixture = try Self.withScript()
        let r = try HPOProcess.run(["run", "--dry-run", "--", "train.py", "--x", "[1, 2]", "--parallel", "2"],
                                   in: fixture.directory)
        #expect(r.status == 0 && r.stderr == "")
        #expect(r.stdout.hasPrefix("python3 train.py --x 1 --parallel 2\n"))
        let search = try HPOProcess.run(["search", "--dry-run", "--", "/bin/echo", "--x", "[1, 2]", "--trials", "5"])
        #expect(search.status == 0 && search.stderr == "")
    }

    @Test func searchWarnsForACommandWithoutDashDash() throws {
        let r = try HPOProcess.run(["search", "--dry-run", "/bin/echo", "--x", "[1, 2]", "--trials", "5", "--config", "a"])
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("warning: --trials, --config after the command go to /bin/echo, not to hpo;"))
    }

    @Test func theScriptsOwnFlagsDoNotWarn() throws {
        let fixture = try Self.withScript()
        let r = try HPOProcess.run(["run", "--dry-run", "train.py", "--lr", "[1, 2]", "--epochs", "3", "--help"],
                                   in: fixture.directory)
        #expect(r.status == 0 && r.stderr == "")
    }

    @Test func aBareGPUNumberIsRefusedWithBothSpellings() throws {
        let r = try HPOProcess.run(["search", "--gpus", "2", "--dry-run", "--", "/bin/echo", "--x", "[1]"])
        #expect(r.status == 2)
        #expect(r.stderr == "error: --gpus 2 is ambiguous: Grid.ai's --gpus 2 is a count, hpo's --gpus names device ids. "
                + "For device 2 alone write --gpus 2, (a trailing comma makes a list); for 2 GPUs per trial write "
                + "--gpus all --gpus-per-trial 2 (or list the ids)\n")
    }

    @Test(arguments: ["2,", "0,1", " 3 , "])
    func aListOfGPUIdsIsAccepted(gpus: String) throws {
        let r = try HPOProcess.run(["search", "--gpus", gpus, "--dry-run", "--", "/bin/echo", "--x", "[1]"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func gridAIsSpellingsAreUnderstood() throws {
        let random = try HPOProcess.run(["search", "--strategy", "random_search", "--num_trials", "2", "--dry-run", "--",
                                         "/bin/echo", "--x", "[1, 2, 3, 4]"])
        #expect(random.status == 0, "\(random.stderr)")
        #expect(random.stdout.hasSuffix("2 trials (dry run: nothing was started)\n"))
        let grid = try HPOProcess.run(["search", "--strategy", "grid_search", "--dry-run", "--", "/bin/echo", "--x", "[1, 2, 3]"])
        #expect(grid.stdout.hasSuffix("3 trials (dry run: nothing was started)\n"))
        let both = try HPOProcess.run(["search", "--trials", "2", "--num_trials", "3", "--dry-run", "--", "/bin/echo",
                                       "--x", "[1, 2]"])
        #expect(both.status == 2 && both.stderr == "error: --trials and --num_trials (Grid.ai's name for it): give one\n")
    }

    /// Options a real run refuses; the dry run must refuse each with the same message.
    static let refused: [[String]] = [
        ["--timeout", "2x"], ["--stall-timeout", "0"], ["--grace", "soon"], ["--objective", "mean"],
        ["--metric-pattern", "("], ["--retries", "-1"], ["--max-preemptions", "-1"], ["--max-failures", "0"],
        ["--gpus", "0,1", "--gpus-per-trial", "0"], ["--gpus", "0,", "--trials-per-gpu", "0"],
        ["--workspace", "/nonexistent/hpo"], ["--snapshot-limit", "lots"], ["--datastore", "data=/nonexistent/hpo"],
        ["--name", ".hidden"],
    ]

    @Test(arguments: refused)
    func aDryRunRefusesWhatTheRealRunRefuses(options: [String]) throws {
        let fixture = RunFixture()
        let command = ["--", "/bin/echo", "--x", "[1, 2]"]
        let dry = try HPOProcess.run(["search", "--dry-run"] + options + command, in: fixture.directory)
        let real = try HPOProcess.run(["search"] + options + command, in: fixture.directory)
        #expect(dry.status == 2 && dry.stdout == "", "\(options): \(dry.stdout)")
        #expect(real.status == 2)
        #expect(dry.stderr == real.stderr && dry.stderr.hasPrefix("error: "), "\(options)")
        #expect(!FileManager.default.fileExists(atPath: fixture.root), "the refused run made \(fixture.root)")
    }
}
