import Execution
import Foundation
import Search
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Inputs that used to crash hpo or reach the terminal raw, with the real binary: integer
/// ranges as wide as Int, sweep files nested without end (also read back from a run's store),
/// control characters in values.
@Suite struct HPOInputSafetyTests {
    /// Appends `{"objective": <first argument's length>}` to the metrics file.
    static let reporting = ["/bin/sh", "-c", "echo \"{\\\"objective\\\": ${#2}}\" >> \"$HPO_METRICS_FILE\"", "sh"]

    @Test(arguments: ["random", "bayes"], ["randint(0, 9223372036854775807)", "randint(-9223372036854775808, 0)",
                                           "randint(-9223372036854775808, 9223372036854775807)",
                                           "lograndint(1, 9223372036854775807)"])
    func aRangeAsWideAsIntIsSearched(strategy: String, range: String) throws {
        let r = try HPOProcess.run(["search", "--strategy", strategy, "--trials", "3", "--dry-run", "--", "/bin/echo",
                                    "--x", range])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 4)
    }

    @Test func gridRefusesToListARangeAsWideAsInt() throws {
        let r = try HPOProcess.run(["search", "--dry-run", "--", "/bin/echo", "--x", "randint(0, 9223372036854775807)"])
        #expect(r.status == 2)
        #expect(r.stderr == "error: the grid has too many points to enumerate; use --strategy random or bayes\n")
    }

    @Test func aRunOverAWideRangeRunsAndResumes() throws {
        let fixture = RunFixture()
        let run = try HPOProcess.run(["search", "--strategy", "random", "--trials", "2", "--name", "w", "--no-snapshot",
                                      "--"] + Self.reporting + ["--s", "randint(0, 9223372036854775807)"],
                                     in: fixture.directory)
        #expect(run.status == 0, "\(run.stderr)")
        let resumed = try HPOProcess.run(["resume", "w", "--trials", "3"], in: fixture.directory)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("run w completed: 3 succeeded"), "\(resumed.stdout)")
    }

    @Test func aSweepFileNestedTenThousandDeepIsAnError() throws {
        let fixture = RunFixture()
        try RunFixture.write("x: " + String(repeating: "[", count: 10_000) + "\n", to: fixture.directory + "/deep.yaml")
        let r = try HPOProcess.run(["search", "--config", "deep.yaml", "--dry-run"], in: fixture.directory)
        #expect(r.status == 2)
        #expect(r.stderr == "error: deep.yaml:1:67: lists and mappings are nested more than 64 levels deep here; "
                + "a sweep file needs a handful (is this the right file?)\n")
    }

    @Test func aDamagedStoredSweepIsAnErrorForEveryCommand() throws {
        let fixture = RunFixture()
        let (layout, store) = try fixture.makeRun("d", spec: try RunFixture.spec())
        try store.finished(0, Configuration(["lr": .real(0.1), "optimizer": .string("sgd")]), .succeeded, objective: 1,
                           start: RunFixture.at(0), seconds: 1)
        let deep = "x: " + String(repeating: "[", count: 100_000) + "\n"
        try store.updateConfiguration(yaml: deep, seed: 0, strategy: "grid", goal: .minimize, metric: "val_loss",
                                      parameterNames: ["lr", "optimizer"], at: RunFixture.at(2))
        try store.close()
        // Commands that only show the run go on without the stored sweep; none crashes.
        for command in [["best", "d"], ["report", "d"], ["status", "d"]] {
            let r = try HPOProcess.run(command, in: fixture.directory)
            #expect([0, 1, 2].contains(r.status), "\(command): exit \(r.status) (11 is SIGSEGV)")
        }
        let resume = try HPOProcess.run(["resume", "d"], in: fixture.directory)
        #expect(resume.status == 2)
        #expect(resume.stderr == "error: \(layout.database) (stored sweep):1:67: lists and mappings are nested more than "
                + "64 levels deep here; a sweep file needs a handful (is this the right file?)\n")
    }

    @Test func controlCharactersAreShownEscapedAndPassedAsTheyAre() throws {
        let fixture = RunFixture()
        let value = "a\u{1B}[31mred\rX"
        let command = ["--", "/bin/sh", "-c", "printf '%s' \"$2\" > \"$HPO_ARTIFACTS_DIR/arg\"; "
                       + "echo '{\"objective\": 1}' >> \"$HPO_METRICS_FILE\"", "sh", "--x", "['\(value)', 'b']"]
        let dry = try HPOProcess.run(["search", "--dry-run"] + command, in: fixture.directory)
        #expect(dry.status == 0)
        #expect(dry.stdout.hasPrefix("/bin/sh -c "))
        #expect(dry.stdout.contains(" --x $'a\\x1b[31mred\\rX'\n"), "\(dry.stdout)")
        #expect(!dry.stdout.contains("\u{1B}") && !dry.stdout.contains("\r"))

        let run = try HPOProcess.run(["search", "--name", "e", "--no-snapshot"] + command, in: fixture.directory)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("x=a\\x1b[31mred\\rX"), "\(run.stdout)")
        #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\r"), "the summary's best command too")
        let received = try Data(contentsOf: URL(fileURLWithPath: fixture.root + "/e/trials/0/artifacts/arg"))
        #expect(received == Data(value.utf8), "the trial gets the value byte for byte")

        let status = try HPOProcess.run(["status", "e"], in: fixture.directory)
        #expect(status.stdout.contains("a\\x1b[31mred\\rX"), "\(status.stdout)")
        #expect(!status.stdout.contains("\u{1B}"))
        let best = try HPOProcess.run(["best", "e"], in: fixture.directory)
        #expect(best.stdout.contains("a\\x1b[31mred\\rX") && !best.stdout.contains("\u{1B}"), "\(best.stdout)")
    }
}
