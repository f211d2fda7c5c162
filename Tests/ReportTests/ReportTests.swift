import Execution
import Foundation
import Testing
@testable import Report

/// The report of a run: every view present, nothing fetched, values escaped.
@Suite struct ReportPageTests {
    static let epoch = Date(timeIntervalSince1970: 1_750_000_000)

    /// A run with 10 trials: 8 succeeded (one with a hostile categorical value), 1 pruned, 1 failed.
    static func report() throws -> RunReport {
        let space = try SearchSpace([Parameter("lr", .real(low: 1e-4, high: 1, log: true)),
                                     Parameter("opt", .categorical([.string("sgd"), .string("<script>alert(1)</script>")]))])
        let run = RunInfo(name: "r&d-1", createdAt: epoch, configurationYAML: "", seed: 0, strategy: "bayes", goal: .minimize,
                          metric: "loss", parameterNames: ["lr", "opt"])
        var trials: [TrialRecord] = []
        var curves: [Int: [MetricPoint]] = [:]
        let states: [TrialState] = [.succeeded, .succeeded, .pruned, .succeeded, .failed] + Array(repeating: .succeeded, count: 5)
        for (i, state) in states.enumerated() {
            let lr = pow(10, -Double(i % 4) - 0.5)
            var t = TrialRecord(number: i, configuration: ["lr": .real(lr), "opt": .string(i == 3 ? "<script>alert(1)</script>" : "sgd")],
                                state: state, attempt: 1, createdAt: epoch)
            t.startedAt = epoch.addingTimeInterval(Double(i))
            t.finishedAt = epoch.addingTimeInterval(Double(i) + 1.5)
            t.slots = [i % 2]
            if state == .succeeded { t.objective = 1 / (1 + lr) }
            if state != .failed {
                curves[i] = (1...(state == .pruned ? 2 : 5)).map { MetricPoint(step: $0, name: "loss", value: 2 / Double($0) + lr) }
            }
            trials.append(t)
        }
        var counts: [TrialState: Int] = [:]
        for s in states { counts[s, default: 0] += 1 }
        let summary = RunSummary(run: run, counts: counts, best: trials[3])
        return RunReport(snapshot: RunSnapshot(summary: summary, trials: trials), space: space, curves: curves,
                         workspace: nil, madeAt: epoch.addingTimeInterval(10))
    }

    @Test func everyViewIsThereAsAnInlineSVG() throws {
        let html = ReportPage.html(try Self.report())
        for (title, chart) in ReportPage.views {
            #expect(html.contains("<h2>\(title)</h2>"), "\(title)")
            #expect(html.contains("data-chart=\"\(chart)\""), "\(chart)")
        }
        #expect(html.components(separatedBy: "<circle").count - 1 >= 5)       // history points
        #expect(html.components(separatedBy: "<rect").count - 1 >= 10 + 2)    // timeline bars, importance bars
        #expect(html.contains("<tr><td>4</td>"))                               // the failed trial is in the table
    }

    @Test func nothingIsFetchedAndNothingRuns() throws {
        let html = ReportPage.html(try Self.report()).lowercased()
        for forbidden in ["<script", "src=", "href=", "url(", "@import", "<link", "<iframe", "https:"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
    }

    @Test func parameterValuesAndNamesAreEscaped() throws {
        let html = ReportPage.html(try Self.report())
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Run r&amp;d-1"))
    }

    @Test func slotLanesFollowGPUsOrPackCPUTrialsFirstFit() {
        #expect(SlotTimelineChart.assignLanes([([0, 1], 0, 5), ([2], 0, 5)]) == ["gpu 0,1", "gpu 2"])
        #expect(SlotTimelineChart.assignLanes([([], 0, 5), ([], 1, 3), ([], 3, 4), ([], 5, 6)])
                == ["slot 0", "slot 1", "slot 1", "slot 0"])
    }
}

/// Parameter importance on data where the answer is known.
@Suite struct ParameterImportanceTests {
    /// Pure noise split into k groups of n scores η² ≈ (k − 1)/(n − 1) by chance alone: with
    /// 200 trials and 8 bins about 0.035, far below the bound. Seeded, so it cannot flake.
    @Test func theParameterTheObjectiveDependsOnGetsNearlyAll() {
        var rng = SplitMix64(seed: 7)
        let configurations: [Configuration] = (0..<200).map { _ in
            ["x": .real(Double.random(in: 0...1, using: &rng)), "noise": .real(Double.random(in: 0...1, using: &rng)),
             "kind": .string(["a", "b", "c"].randomElement(using: &rng)!)]
        }
        let objectives = configurations.map { 3 * $0["x"]!.numericValue! * $0["x"]!.numericValue! }
        let importance = Dictionary(uniqueKeysWithValues: ParameterImportance.compute(
            names: ["x", "noise", "kind"], configurations: configurations, objectives: objectives))
        #expect(importance["x"]! > 0.8)
        #expect(importance["noise"]! < 0.15 && importance["kind"]! < 0.15)
        #expect(abs(importance.values.reduce(0, +) - 1) < 1e-9)
    }

    @Test func aCategoricalThatDecidesTheObjectiveIsFound() {
        let configurations: [Configuration] = (0..<30).map { i in
            ["opt": .string(i % 2 == 0 ? "adam" : "sgd"), "seed": .int(i)]
        }
        let objectives = configurations.indices.map { $0 % 2 == 0 ? 0.1 + Double($0) * 1e-3 : 0.9 + Double($0) * 1e-3 }
        let importance = Dictionary(uniqueKeysWithValues: ParameterImportance.compute(
            names: ["opt", "seed"], configurations: configurations, objectives: objectives))
        #expect(importance["opt"]! > importance["seed"]!)
    }

    @Test func tiesShareTheirMeanRank() {
        #expect(ParameterImportance.rank([3, 1, 3, 2]) == [2.5, 0, 2.5, 1])
    }

    @Test func tooFewTrialsSayNothing() {
        #expect(ParameterImportance.compute(names: ["x"], configurations: [["x": .real(1)]], objectives: [1]).map(\.1) == [0])
    }
}
