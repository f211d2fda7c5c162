import Execution
import Foundation
import Testing
@testable import hpo

/// The live view of `hpo search` on a terminal and `hpo status RUN --watch`.
@Suite struct HPOLiveViewTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    static func view() -> LiveView {
        var run = RunInfo(name: "lr-sweep", createdAt: start, configurationYAML: "", seed: 0, strategy: "bayes",
                          goal: .minimize, metric: "val_loss", parameterNames: ["lr", "layers"])
        run.state = .running
        let best = TrialRecord(number: 1, configuration: ["lr": .real(0.01), "layers": .int(3)], state: .succeeded,
                               createdAt: start, startedAt: start, finishedAt: start + 30, objective: 0.412)
        let trials = [
            TrialRecord(number: 0, configuration: ["lr": .real(0.1), "layers": .int(2)], state: .failed, createdAt: start),
            best,
            TrialRecord(number: 2, configuration: ["lr": .real(0.001), "layers": .int(4)], state: .running, slots: [0, 1],
                        createdAt: start, startedAt: start + 35),
            TrialRecord(number: 3, configuration: ["lr": .real(0.003), "layers": .int(5)], state: .starting,
                        createdAt: start, job: "4242"),
        ]
        let summary = RunSummary(run: run, counts: [.failed: 1, .succeeded: 1, .running: 1, .starting: 1], best: best)
        return LiveView(summary: summary, running: trials.filter { $0.state == .running || $0.state == .starting },
                        latest: [2: MetricPoint(step: 14, name: "val_loss", value: 0.48)], budget: 10, now: start + 100)
    }

    @Test func theViewShowsProgressBestAndEachRunningTrial() {
        #expect(Self.view().lines(width: 100) == [
            "lr-sweep  [####----------------]  2/10 finished · 2 running · 6 to go",
            "best: trial 1, val_loss 0.412  (lr=0.01 layers=3)",
            "  trial  slots     step  val_loss  running",
            "      2  0,1         14      0.48    1m05s",
            "      3  job 4242                   queued",
        ])
    }

    @Test func noLineIsWiderThanTheTerminal() {
        #expect(Self.view().lines(width: 30).allSatisfy { $0.count <= 30 })
    }

    @Test func watchingAFinishedRunPrintsItOnceAndReturns() throws {
        let s = HPOResumeTests.Scratch()
        defer { s.remove() }
        try "import json, os\nopen(os.environ['HPO_METRICS_FILE'], 'a').write(json.dumps({'objective': 1}) + '\\n')\n"
            .write(toFile: s.file("t.py"), atomically: true, encoding: .utf8)
        #expect(try HPOResumeTests.run(["run", "--root", s.file("runs"), "--name", "w", "t.py", "--x", "[1, 2]"],
                                       in: s.path, log: s.file("log")) == 0)
        let r = try HPOProcess.run(["status", "w", "--watch", "--root", s.file("runs")])
        #expect(r.status == 0)
        #expect(r.stdout == "w  [####################]  2/2 finished · 0 running · run completed\n", "\(r.stdout)")
    }
}
