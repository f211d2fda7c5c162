import Execution
import Foundation
import Testing
@testable import Report

/// The report's Pareto front chart: shown for runs with several objectives only, the front in
/// blue, the dominated trials greyed; parallel coordinates past two objectives.
@Suite struct ParetoFrontChartTests {
    static let epoch = Date(timeIntervalSince1970: 1_750_000_000)

    /// Four succeeded trials with `values` (one vector each; the front as given) and a failed one.
    static func report(_ objectives: [Objective], values: [[Double]], front: [Int]) throws -> RunReport {
        let run = RunInfo(name: "mo", createdAt: epoch, configurationYAML: "", seed: 0, strategy: "random",
                          goal: objectives[0].goal, metric: objectives[0].metric, parameterNames: ["x"])
        var trials: [TrialRecord] = []
        for (i, v) in values.enumerated() {
            var t = TrialRecord(number: i, configuration: ["x": .int(i)], state: .succeeded, attempt: 1, createdAt: epoch)
            t.objective = v[0]
            trials.append(t)
        }
        trials.append(TrialRecord(number: values.count, configuration: ["x": .int(9)], state: .failed, attempt: 1,
                                  createdAt: epoch))
        var snapshot = RunSnapshot(summary: RunSummary(run: run, counts: [.succeeded: values.count, .failed: 1],
                                                       best: trials[front[0]]), trials: trials)
        snapshot.objectives = objectives
        if objectives.count > 1 {
            snapshot.objectiveValues = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($0.offset, $0.element) })
            snapshot.front = front
        }
        return RunReport(snapshot: snapshot, space: nil, curves: [:], workspace: nil, madeAt: epoch)
    }

    let two = [Objective(metric: "loss", goal: .minimize), Objective(metric: "latency_ms", goal: .minimize)]

    @Test func twoObjectivesMakeAScatterWithTheDominatedGreyed() throws {
        // 0 (0.5, 10), 1 (0.3, 20), 3 (0.1, 40) on the front; 2 (0.4, 25) dominated by 1.
        let report = try Self.report(two, values: [[0.5, 10], [0.3, 20], [0.4, 25], [0.1, 40]], front: [3, 1, 0])
        let svg = ParetoFrontChart.svg(report)
        #expect(svg.contains("data-chart=\"pareto\""))
        #expect(svg.components(separatedBy: "fill=\"\(ParetoFrontChart.frontColor)\"").count - 1 == 3)
        #expect(svg.components(separatedBy: "fill=\"\(ParetoFrontChart.dominatedColor)\"").count - 1 == 1)
        #expect(svg.contains("<title>trial 2 (dominated): loss 0.4, latency_ms 25</title>"))
        #expect(svg.contains("<title>Pareto front</title>"))   // the step line through the front
        #expect(svg.contains(">loss (minimize)</text>") && svg.contains(">latency_ms (minimize)</text>"))
    }

    @Test func threeObjectivesMakeParallelCoordinates() throws {
        let three = two + [Objective(metric: "accuracy", goal: .maximize)]
        let report = try Self.report(three, values: [[0.5, 10, 0.9], [0.3, 20, 0.8], [0.6, 30, 0.7]], front: [1, 0])
        let svg = ParetoFrontChart.svg(report)
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 3)
        #expect(svg.components(separatedBy: "stroke=\"\(ParetoFrontChart.dominatedColor)\"").count - 1 == 1)
        #expect(svg.contains(">accuracy (max)</text>"))
        // Dominated first: the front's lines are drawn on top.
        let grey = try #require(svg.range(of: "stroke=\"\(ParetoFrontChart.dominatedColor)\""))
        let blue = try #require(svg.range(of: "stroke=\"\(ParetoFrontChart.frontColor)\""))
        #expect(grey.lowerBound < blue.lowerBound)
    }

    @Test func thePageShowsTheFrontForSeveralObjectivesOnly() throws {
        let several = ReportPage.html(try Self.report(two, values: [[0.5, 10], [0.3, 20]], front: [1, 0]))
        #expect(several.contains("<h2>Pareto front</h2>") && several.contains("data-chart=\"pareto\""))
        let one = ReportPage.html(try Self.report([two[0]], values: [[0.5], [0.3]], front: [1]))
        #expect(!one.contains("Pareto front"))
    }
}
