import Execution
import Foundation
import Testing
@testable import Report

/// Charts past `Density.threshold` points: a density with the best trials drawn over it,
/// compared with golden files in Tests/ReportTests/Golden (regenerate with HPO_UPDATE_GOLDEN=1).
@Suite struct AggregatedChartsTests {
    static let epoch = Date(timeIntervalSince1970: 1_750_000_000)
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// `n` trials, deterministic: lr spread by the golden ratio, every 7th pruned, every 20th
    /// failed, 5 loss points a trial (2 for pruned ones), two slots.
    static func report(trials n: Int) -> RunReport {
        let run = RunInfo(name: "big", createdAt: epoch, configurationYAML: "", seed: 0, strategy: "random", goal: .minimize,
                          metric: "loss", parameterNames: ["lr", "opt"])
        var trials: [TrialRecord] = []
        var curves: [Int: [MetricPoint]] = [:]
        var counts: [TrialState: Int] = [:]
        for i in 0..<n {
            let u = (Double(i) * 0.6180339887).truncatingRemainder(dividingBy: 1)
            let lr = pow(10, -4 + 3 * u)
            let state: TrialState = i % 20 == 0 ? .failed : (i % 7 == 0 ? .pruned : .succeeded)
            var t = TrialRecord(number: i, configuration: ["lr": .real(lr), "opt": .string(i % 2 == 0 ? "sgd" : "adam")],
                                state: state, attempt: 1, createdAt: epoch)
            t.startedAt = epoch.addingTimeInterval(Double(i / 2) * 10)
            t.finishedAt = t.startedAt!.addingTimeInterval(9.5)
            t.slots = [i % 2]
            let floor = (log10(lr) + 2.5) * (log10(lr) + 2.5) / 4 + 0.01 * Double(i % 13)
            if state == .succeeded { t.objective = floor + 0.2 }
            if state != .failed {
                curves[i] = (1...(state == .pruned ? 2 : 5)).map { MetricPoint(step: $0, name: "loss", value: floor + 1 / Double($0)) }
            }
            counts[state, default: 0] += 1
            trials.append(t)
        }
        let best = trials.filter { $0.objective != nil }.min { ($0.objective!, $0.number) < ($1.objective!, $1.number) }
        var report = RunReport(snapshot: RunSnapshot(summary: RunSummary(run: run, counts: counts, best: best), trials: trials),
                               space: nil, curves: curves, workspace: nil, madeAt: epoch.addingTimeInterval(Double(n) * 5 + 10))
        report.metricNames = ["loss"]
        report.lastValues = ["loss": curves.mapValues { $0.last!.value }]
        return report
    }

    static func count(_ svg: String, _ tag: String) -> Int { svg.components(separatedBy: "<" + tag + " ").count - 1 }

    func compare(_ text: String, golden name: String) throws {
        let url = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["HPO_UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "regenerate with HPO_UPDATE_GOLDEN=1 if the change is intended")
    }

    @Test func aHistoryOfManyTrialsIsADensityWithTheBestTrialsAsDots() throws {
        let report = Self.report(trials: 3000)
        let svg = HistoryChart.svg(report)
        #expect(Self.count(svg, "circle") == Density.highlighted)
        #expect(svg.contains("fill-opacity=") && svg.contains("trials, shaded by how many fall in each square"))
        #expect(svg.contains("<title>trial \(report.bestScored(1)[0].number) succeeded:"))
        try compare(svg, golden: "history-3000.svg")
    }

    @Test func aHistoryOfFewerPointsThanTheThresholdDrawsEveryTrial() {
        let svg = HistoryChart.svg(Self.report(trials: 2000))
        #expect(!svg.contains("fill-opacity="))
        #expect(Self.count(svg, "circle") == 2000 - 100)   // the failed trials have no value
    }

    @Test func parallelCoordinatesOfManyTrialsAreTheBestLinesOverAFadedSample() throws {
        let report = Self.report(trials: 3000)
        let svg = ParallelCoordinatesChart.svg(report, ComparedTrials(report))
        let compared = ComparedTrials(report).trials.count
        let faded = (0..<(compared - Density.highlighted)).filter { $0 % max(1, compared / ParallelCoordinatesChart.sample) == 0 }.count
        #expect(svg.components(separatedBy: "stroke-opacity=\"0.15\"").count - 1 == faded)
        #expect(svg.components(separatedBy: "stroke-opacity=\"0.8\"").count - 1 == Density.highlighted)
        try compare(svg, golden: "parallel-3000.svg")
    }

    @Test func learningCurvesOfManyPointsDrawOnlyTheBestCurves() throws {
        let report = Self.report(trials: 3000)
        let svg = LearningCurvesChart.svg(report)
        #expect(Self.count(svg, "polyline") == Density.highlighted)
        #expect(svg.contains("points of 2850 trials"))
        try compare(svg, golden: "curves-3000.svg")
    }

    @Test func aBusyTimelineIsOneBarPerBusyStretch() {
        let svg = SlotTimelineChart.svg(Self.report(trials: 3000))
        // Each slot's trials follow each other less than a pixel apart: one bar a slot.
        #expect(Self.count(svg, "rect") == 2)
        #expect(svg.contains("<title>1500 trials, 0 to 2998</title>"))
    }

    @Test func aLoneCellIsTheFaintestShadeAndTheFullestTheDarkest() {
        let density = Density([(1, 1)] + Array(repeating: (20.0, 20.0), count: 100) + Array(repeating: (40.0, 40.0), count: 10))
        #expect(density.level(1) == 1)
        #expect(density.level(100) == 5)
        #expect(density.level(10) == 3)
    }
}
