import Execution
import Foundation
import Testing

/// `hpo compare A B …` and `hpo report A B …`: runs side by side.
@Suite struct HPOCompareTests {
    @Test func twoRunsSideBySideMatchGolden() throws {
        let fixture = RunFixture()
        try SampleRuns.mixed(in: fixture)
        try SampleRuns.asha(in: fixture)
        _ = try HPOProcess.run(["tag", "quick-asha-2", "--add", "asha"], in: fixture.directory)
        let r = try HPOProcess.run(["compare", "brisk-heron-1", "quick-asha-2"], in: fixture.directory, columns: 100)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        try HPOStatusTests.expectGolden(r.stdout, "compare.txt")
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    @Test func runsOfDifferentObjectivesAreShownButTheirBestsNotCompared() throws {
        let fixture = RunFixture()
        try SampleRuns.asha(in: fixture)
        let (_, store) = try fixture.makeRun("acc-run", spec: try RunFixture.spec(metric: "accuracy", goal: .maximize))
        try store.finished(0, ["lr": .real(0.1), "optimizer": .string("sgd")], .succeeded, objective: 0.9,
                           start: RunFixture.at(0), seconds: 2)
        let r = try HPOProcess.run(["compare", "quick-asha-2", "acc-run"], in: fixture.directory, columns: 200)
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("\nthe runs optimize different objectives (minimize val_loss: quick-asha-2; maximize "
                                   + "accuracy: acc-run); their bests are not compared\n"))
        let json = try HPOProcess.run(["compare", "quick-asha-2", "acc-run", "--json"], in: fixture.directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["same_objective"] as? Bool == false)
        #expect(object["best"] is NSNull)
    }

    @Test func theJSONNamesTheBestRunAndEachRunsSlotTime() throws {
        let fixture = RunFixture()
        try SampleRuns.mixed(in: fixture)
        try SampleRuns.asha(in: fixture)
        let r = try HPOProcess.run(["compare", "brisk-heron-1", "quick-asha-2", "--json"], in: fixture.directory)
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let best = try #require(object["best"] as? [String: Any])
        #expect(best["run"] as? String == "brisk-heron-1" && best["trial"] as? Int == 2)
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.map { ($0["run"] as? [String: Any])?["name"] as? String } == ["brisk-heron-1", "quick-asha-2"])
        // quick-asha-2: four trials of 8 s each, on no GPU (one slot each).
        #expect(abs((runs[1]["slot_time_s"] as? Double ?? 0) - 32) < 1e-6)
    }

    @Test func aRunWhoseControllerIsGoneIsShownInterrupted() throws {
        let fixture = RunFixture()
        try SampleRuns.asha(in: fixture)
        let (_, store) = try fixture.makeRun("dead", spec: try RunFixture.spec())   // stored running, no controller
        try store.finished(0, ["lr": .real(0.1), "optimizer": .string("sgd")], .succeeded, objective: 0.5,
                           start: RunFixture.at(0), seconds: 2)
        let r = try HPOProcess.run(["compare", "quick-asha-2", "dead"], in: fixture.directory, columns: 100)
        #expect(r.stdout.contains("\nstate               completed          interrupted\n"), "\(r.stdout)")
    }

    @Test func oneRunOrTheSameRunTwiceIsBadInput() throws {
        let fixture = RunFixture()
        try SampleRuns.asha(in: fixture)
        let one = try HPOProcess.run(["compare", "quick-asha-2"], in: fixture.directory)
        #expect(one.status == 2)
        #expect(one.stderr == "error: hpo compare needs two or more runs: hpo compare RUN_A RUN_B (one run: hpo status quick-asha-2)\n")
        let twice = try HPOProcess.run(["compare", "quick-asha-2", "quick-asha-2"], in: fixture.directory)
        #expect(twice.status == 2 && twice.stderr == "error: run 'quick-asha-2' is given twice\n")
    }

    @Test func aReportOfTwoRunsDrawsTheirHistoriesOnOneChart() throws {
        let fixture = RunFixture()
        try SampleRuns.mixed(in: fixture)
        try SampleRuns.asha(in: fixture)
        let r = try HPOProcess.run(["report", "brisk-heron-1", "quick-asha-2", "-o", "both.html"], in: fixture.directory)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "report: both.html\n")
        let html = try String(contentsOfFile: fixture.directory + "/both.html", encoding: .utf8)
        #expect(html.components(separatedBy: "data-chart=\"best-so-far\"").count == 2)   // one chart for both
        #expect(html.contains("<title>brisk-heron-1: best so far</title>") && html.contains("<title>quick-asha-2: best so far</title>"))
        #expect(!html.lowercased().contains("<script"))
        let defaulted = try HPOProcess.run(["report", "brisk-heron-1", "quick-asha-2"], in: fixture.directory)
        #expect(defaulted.stdout == "report: ./runs/compare.html\n")
    }
}
