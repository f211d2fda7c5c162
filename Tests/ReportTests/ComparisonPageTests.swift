import Execution
import Foundation
import Testing
@testable import Report

/// Several runs in one report: facts side by side, best so far on one chart, best curves together.
@Suite struct ComparisonPageTests {
    /// `ReportPageTests.report()` under another name, goal and metric.
    static func run(_ name: String, metric: String = "loss", goal: Goal = .minimize, scale: Double = 1) throws -> RunReport {
        var report = try ReportPageTests.report()
        report.snapshot.summary.run.name = name
        report.snapshot.summary.run.metric = metric
        report.snapshot.summary.run.goal = goal
        for i in report.snapshot.trials.indices { report.snapshot.trials[i].objective? *= scale }
        report.snapshot.summary.best = report.snapshot.trials[3]
        return report
    }

    @Test func runsOfOneObjectiveShareOneChartWithALegendAndTheBestRunIsNamed() throws {
        let comparison = RunComparison(reports: [try Self.run("a"), try Self.run("b", scale: 0.5)],
                                       madeAt: ReportPageTests.epoch)
        let html = ComparisonPage.html(comparison)
        for (title, chart) in ComparisonPage.views {
            #expect(html.contains("<h2>\(ReportPage.e(title))</h2>"), "\(title)")
            #expect(html.contains("data-chart=\"\(chart)\""), "\(chart)")
        }
        #expect(html.components(separatedBy: "data-chart=\"best-so-far\"").count == 2)
        #expect(html.contains("<title>a: best so far</title>") && html.contains("<title>b: best so far</title>"))
        #expect(html.contains("fill=\"#1f77b4\"") && html.contains("fill=\"#ff7f0e\""))   // legend swatches
        #expect(comparison.bestRun == 1)
        #expect(html.contains("best: b, trial 3"))
    }

    @Test func runsOfDifferentObjectivesGetAChartEachAndNoWinner() throws {
        let comparison = RunComparison(reports: [try Self.run("a"), try Self.run("b", metric: "acc", goal: .maximize)],
                                       madeAt: ReportPageTests.epoch)
        let html = ComparisonPage.html(comparison)
        #expect(comparison.bestRun == nil)
        #expect(html.components(separatedBy: "data-chart=\"best-so-far\"").count == 3)
        #expect(html.contains("<h2>Best so far: maximize acc</h2>"))
        #expect(html.contains("their bests are not compared"))
    }

    @Test func bestSoFarOnlyImprovesAndSkipsInfeasibleTrials() throws {
        var report = try Self.run("a")
        let line = RunComparison.bestSoFar(report)
        #expect(line.map(\.best) == line.map(\.best).sorted(by: >))
        let best = try #require(line.last)
        report.snapshot.infeasible = Set(report.scored.filter { $0.objective == best.best }.map(\.number))
        #expect(RunComparison.bestSoFar(report).last?.best ?? 0 > best.best)
    }

    @Test func theFactsTableHasTheBestConfigurationsParametersAsRows() throws {
        let comparison = RunComparison(reports: [try Self.run("a"), try Self.run("b")], madeAt: ReportPageTests.epoch)
        let rows = comparison.rows(number: { String($0) }, duration: { String($0) })
        #expect(rows.map(\.label).suffix(3) == ["best configuration", "  lr", "  opt"])
        #expect(rows.first { $0.label == "  failed" }?.cells == ["1", "1"])
        #expect(rows.first { $0.label == "slot time" }?.cells == ["15.0", "15.0"])   // 10 trials of 1.5 s, one slot each
    }

    @Test func theComparisonReportRunsNoScriptAndEscapesNames() throws {
        let html = ComparisonPage.html(RunComparison(reports: [try Self.run("<x>"), try Self.run("y")],
                                                     madeAt: ReportPageTests.epoch))
        #expect(!html.lowercased().contains("<script") && !html.contains("href="))
        #expect(html.contains("&lt;x&gt;") && !html.contains("<x>"))
    }
}
