import Execution
import Foundation
import Testing
@testable import Report

/// The report's *Metrics* view: every metric, picked by CSS alone; tags in the header.
@Suite struct MetricsViewTests {
    static func report() throws -> RunReport {
        var report = try ReportPageTests.report()
        report.metricNames = ["acc", "loss", "lr"]
        report.lastValues = ["acc": [0: 0.5, 1: 0.7, 3: .nan], "loss": [0: 0.4, 1: 0.3], "lr": [0: 0.1]]
        return report
    }

    @Test func everyMetricHasARadioAndAPaneTheObjectiveFirstAndChecked() throws {
        let html = ReportPage.html(try Self.report())
        let tabs = try #require(html.range(of: "<div class=\"tabs\" data-chart=\"metrics\">"))
        let picker = html[tabs.upperBound...].components(separatedBy: "</section>")[0]
        #expect(picker.components(separatedBy: "<input type=\"radio\" name=\"metric\"").count - 1 == 3)
        let labels = ["loss", "acc", "lr"].map { picker.range(of: "\">\($0)</label>")!.lowerBound }
        #expect(labels == labels.sorted())   // objective (loss) first, then in the order first reported
        #expect(picker.contains("id=\"metric-0\" checked><label for=\"metric-0\">loss</label>"))
        #expect(picker.components(separatedBy: "<svg").count - 1 == 3)
    }

    @Test func aMetricsPaneDrawsEachTrialsLastFiniteValueAsOneDotPath() throws {
        let svg = MetricHistoryChart.svg(try Self.report(), name: "acc", values: [0: 0.5, 1: 0.7, 3: .nan])
        // Two finite values, both of succeeded trials: one path of two zero-length segments.
        #expect(svg.components(separatedBy: "h0").count - 1 == 2)
        #expect(svg.components(separatedBy: "<path").count - 1 == 1)
    }

    @Test func theReportStillRunsNoScriptAndFetchesNothing() throws {
        let html = ReportPage.html(try Self.report()).lowercased()
        for forbidden in ["<script", "src=", "href=", "url(", "@import", "<link", "<iframe", "https:"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
    }

    @Test func tagsAndTheNoteAreInTheHeaderEscaped() throws {
        var report = try Self.report()
        report.tags = RunTags(tags: ["baseline"], note: "<b>why</b>")
        let html = ReportPage.html(report)
        #expect(html.contains("tags: <span class=\"tag\">baseline</span>; note: &lt;b&gt;why&lt;/b&gt;"))
        #expect(!ReportPage.html(try Self.report()).contains("tags: "))
    }

    @Test func aLearningCurveOfOneReportIsADotInTheReport() throws {
        var report = try Self.report()
        report.curves = [0: [MetricPoint(step: 1, name: "loss", value: 0.5)]]
        let svg = LearningCurvesChart.svg(report)
        #expect(svg.contains("h0\" stroke=\"#3b6fb6\""))
    }

    @Test func aSinglePointCurveIsADot() {
        let svg = MetricCurveChart.svg(name: "acc", points: [MetricPoint(step: 5, name: "acc", value: 0.9)])
        #expect(svg.contains("h0\" stroke=\"#3b6fb6\""))
        #expect(!svg.contains("<polyline"))
    }
}
