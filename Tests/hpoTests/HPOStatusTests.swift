import Execution
import Foundation
import Testing

/// `hpo status` and `hpo status RUN`, on runs made through the store API.
@Suite struct HPOStatusTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Compares `text` with a golden file; `HPO_UPDATE_GOLDEN=1` rewrites the file.
    static func expectGolden(_ text: String, _ file: String) throws {
        let url = golden.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["HPO_UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "regenerate with HPO_UPDATE_GOLDEN=1 if the change is intended")
    }

    @Test func runTableMatchesGoldenAndFitsA100ColumnTerminal() throws {
        let fixture = RunFixture()
        try SampleRuns.mixed(in: fixture)
        let r = try HPOProcess.run(["status", "brisk-heron-1"], in: fixture.directory, columns: 100)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        try Self.expectGolden(r.stdout, "status-run.txt")
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    @Test func anAshaRunShowsPerRungTheTrialsThatReachedItAndTheBestValueThere() throws {
        let fixture = RunFixture()
        try SampleRuns.asha(in: fixture)
        let r = try HPOProcess.run(["status", "quick-asha-2"], in: fixture.directory, columns: 100)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        try Self.expectGolden(r.stdout, "status-asha.txt")
        let json = try HPOProcess.run(["status", "quick-asha-2", "--json"], in: fixture.directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rungs = try #require(object["rungs"] as? [[String: Any]])
        #expect(rungs.map { $0["step"] as? Int } == [1, 3, 9])
        #expect(rungs.map { $0["trials"] as? Int } == [4, 2, 1])
        let best = rungs.map { $0["best"] as? [String: Any] }
        #expect(best.map { $0?["trial"] as? Int } == [2, 0, 0])
        #expect(best.map { $0?["objective"] as? Double } == [0.8, 0.6, 0.4])
    }

    @Test func aRunWithoutRungsShowsNone() throws {
        let fixture = RunFixture()
        try SampleRuns.mixed(in: fixture)
        let json = try HPOProcess.run(["status", "brisk-heron-1", "--json"], in: fixture.directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["rungs"] is NSNull)
    }

    @Test func aRunWithoutConstraintsHasNoFeasibilityInItsTrials() throws {
        let fixture = RunFixture()
        try SampleRuns.mixed(in: fixture)
        let json = try HPOProcess.run(["status", "brisk-heron-1", "--json"], in: fixture.directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let trials = try #require(object["trials"] as? [[String: Any]])
        #expect(trials.contains { $0["state"] as? String == "succeeded" })
        #expect(trials.allSatisfy { $0["feasible"] is NSNull })
    }

    @Test func narrowTerminalCutsParametersAndNotesButNeverNumbers() throws {
        let fixture = RunFixture()
        try SampleRuns.mixed(in: fixture)
        let r = try HPOProcess.run(["status", "brisk-heron-1"], in: fixture.directory, columns: 90)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let table = lines.drop { !$0.hasPrefix("trial") }.prefix { !$0.isEmpty }
        #expect(table.count == 11)
        #expect(table.allSatisfy { $0.count <= 90 })
        #expect(table.contains { $0.contains("…") })
        // Objectives and durations stay whole.
        #expect(r.stdout.contains("0.412346") && r.stdout.contains("3m05s") && r.stdout.contains("1h02m"))
        // Every cut note is printed in full below the table (wrapped to the width).
        #expect(r.stdout.replacingOccurrences(of: "\n  ", with: " ").contains("trial 4: pruned by the median rule at step 12: val_loss 0.91 is worse than the median 0.45 of 3 trials at that step"))
    }

    @Test func runJSONParsesBackWithFullPrecisionAndTypedParameters() throws {
        let fixture = RunFixture()
        try SampleRuns.mixed(in: fixture)
        let r = try HPOProcess.run(["status", "brisk-heron-1", "--json"], in: fixture.directory)
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let run = try #require(object["run"] as? [String: Any])
        #expect(run["name"] as? String == "brisk-heron-1")
        #expect(run["state"] as? String == "cancelled")
        #expect(run["metric"] as? String == "val_loss" && run["goal"] as? String == "minimize")
        #expect(run["parameters"] as? [String] == ["lr", "optimizer", "layers", "data"])
        #expect(run["trials"] as? Int == 10 && run["finished"] as? Int == 10)
        #expect(run["duration_s"] as? Double == 3725)
        #expect(run["directory"] as? String == fixture.root + "/brisk-heron-1")
        let counts = try #require(run["counts"] as? [String: Int])
        #expect(counts.count == TrialState.allCases.count)
        #expect(counts["succeeded"] == 3 && counts["failed"] == 2 && counts["running"] == 0 && counts["no_metric"] == 1)
        let best = try #require(run["best"] as? [String: Any])
        #expect(best["trial"] as? Int == 2 && best["objective"] as? Double == 0.2345678)

        let trials = try #require(object["trials"] as? [[String: Any]])
        #expect(trials.map { $0["trial"] as? Int } == Array(1...10))
        let first = trials[0]
        let parameters = try #require(first["parameters"] as? [String: Any])
        #expect(parameters["lr"] as? Double == 0.012345678901)
        #expect(parameters["optimizer"] as? String == "adam")
        #expect(parameters["layers"] as? Int == 3)
        #expect(first["objective"] as? Double == 0.41234567890123)
        #expect((first["duration_s"] as? Double).map { abs($0 - 4.2) < 1e-6 } == true)
        #expect(first["started_at"] as? String == "2025-06-15T15:06:50.000Z")
        #expect(trials[1]["parameters"].flatMap { ($0 as? [String: Any])?["data"] as? String }
            == "/datasets/imagenet-21k/train-shards/part-00001-of-01024")
        // Absent values are null, never missing keys.
        #expect(trials[2]["objective"] is NSNull && trials[2]["exit_code"] as? Int == 1)
        #expect(trials[9]["started_at"] is NSNull && trials[9]["duration_s"] is NSNull)
        #expect(trials[8]["attempt"] as? Int == 2 && trials[8]["slots"] as? [Int] == [1])
        #expect(trials[3]["explanation"] as? String == "pruned by the median rule at step 12: val_loss 0.91 is worse than the median 0.45 of 3 trials at that step")
        #expect(Set(trials.map { Set($0.keys) }).count == 1)
    }

    @Test func everyRunIsListedOldestFirstWithStateCountsBestAndDuration() throws {
        let fixture = RunFixture()
        try SampleRuns.mixed(in: fixture)
        // A run still running, created 65 seconds ago by the real clock.
        let (layout, live) = try fixture.makeRun("calm-otter-2", spec: try RunFixture.spec(),
                                                 createdAt: Date().addingTimeInterval(-65))
        try RunFixture.markControlled(layout)
        try live.finished(1, ["lr": .real(0.1), "optimizer": .string("sgd")], .succeeded, objective: 1.5,
                          start: Date().addingTimeInterval(-60), seconds: 10)
        try live.launch(2, ["lr": .real(0.01), "optimizer": .string("sgd")], start: Date().addingTimeInterval(-40))
        try live.createTrial(number: 3, configuration: ["lr": .real(0.1), "optimizer": .string("adam")], at: Date(), queued: true)

        let r = try HPOProcess.run(["status"], in: fixture.directory)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true)
            == ["run", "state", "duration", "trials", "best", "by", "state"])
        #expect(lines[1].hasPrefix("brisk-heron-1  cancelled"))
        #expect(lines[1].contains("  1h02m  ") && lines[1].contains("0.234568 (trial 2)"))
        // Seven states do not fit in 100 columns: the breakdown is cut, never the numbers.
        #expect(lines[1].contains("  10  0.234568 (trial 2)  3 succeeded, 2 failed, 1 pruned,") && lines[1].hasSuffix("…"))
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(lines[2].hasPrefix("calm-otter-2   running"))
        #expect(lines[2].contains(" 1m0"))   // 1m05s, or a second more on a slow machine
        #expect(lines[2].contains("1.5 (trial 1)") && lines[2].hasSuffix("1 queued, 1 running, 1 succeeded"))
    }

    @Test func allRunsJSONListsEachRunAndEachUnreadableOne() throws {
        let fixture = RunFixture()
        try SampleRuns.mixed(in: fixture)
        try FileManager.default.createDirectory(atPath: fixture.root + "/broken-1", withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: fixture.root + "/broken-1/run.db"))
        let r = try HPOProcess.run(["status", "--json"], in: fixture.directory)
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["root"] as? String == fixture.root)
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.map { $0["name"] as? String } == ["brisk-heron-1"])
        #expect((runs[0]["best"] as? [String: Any])?["trial"] as? Int == 2)
        let unreadable = try #require(object["unreadable"] as? [[String: Any]])
        #expect(unreadable.count == 1 && unreadable[0]["name"] as? String == "broken-1")
        #expect((unreadable[0]["error"] as? String)?.contains("damaged or not an SQLite database") == true)

        let text = try HPOProcess.run(["status"], in: fixture.directory)
        #expect(text.stdout.contains("broken-1") && text.stdout.contains("cannot be read"))
    }

    @Test func anEmptyOrMissingRootSaysSoAndExitsZero() throws {
        let fixture = RunFixture()
        let missing = try HPOProcess.run(["status"], in: fixture.directory)
        #expect(missing.status == 0 && missing.stdout == "no runs in ./runs (the directory does not exist)\n")
        let json = try HPOProcess.run(["status", "--json"], in: fixture.directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["runs"] as? [Any])?.isEmpty == true)
    }

    @Test func aRunWithoutTrialsShowsItsHeadingOnly() throws {
        let fixture = RunFixture()
        try RunFixture.markControlled(try fixture.makeRun("quiet-owl-1", spec: try RunFixture.spec()).layout)
        let r = try HPOProcess.run(["status", "quiet-owl-1"], in: fixture.directory)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("run quiet-owl-1: running for ") && lines[0].hasSuffix("; grid search, minimize val_loss"))
        #expect(lines[1] == "no trials yet")
    }

    @Test func rootComesFromTheOptionThenHPOROOTThenRunsInTheCurrentDirectory() throws {
        let fixture = RunFixture()
        let other = fixture.directory + "/elsewhere"
        try fixture.makeRun("in-default-1", spec: try RunFixture.spec())
        try fixture.makeRun("in-other-1", spec: try RunFixture.spec(), root: other)
        let byDefault = try HPOProcess.run(["status"], in: fixture.directory)
        #expect(byDefault.stdout.contains("in-default-1") && !byDefault.stdout.contains("in-other-1"))
        let byEnvironment = try HPOProcess.run(["status"], in: fixture.directory, environment: ["HPO_ROOT": "elsewhere"])
        #expect(byEnvironment.stdout.contains("in-other-1") && !byEnvironment.stdout.contains("in-default-1"))
        let byOption = try HPOProcess.run(["status", "--root", "runs"], in: fixture.directory,
                                          environment: ["HPO_ROOT": "elsewhere"])
        #expect(byOption.stdout.contains("in-default-1") && !byOption.stdout.contains("in-other-1"))
    }
}
