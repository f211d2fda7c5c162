import Execution
import Foundation
import Testing
@testable import Report

/// Per rung of a successive-halving run: the trials that reached it and the best value there.
@Suite struct RungTallyTests {
    static let ladder = ResourceLadder(minResource: 1, reductionFactor: 3, maxResource: 27)

    static func curve(_ points: (Int, Double)...) -> [MetricPoint] {
        points.map { MetricPoint(step: $0.0, name: "loss", value: $0.1) }
    }

    /// Trial 0 ran to the end; 1 was stopped at rung 1; 2 at rung 3; 3 reported step 2 first,
    /// so it reached rung 1 with that value.
    static let curves: [Int: [MetricPoint]] = [
        0: curve((1, 0.9), (3, 0.6), (9, 0.4), (27, 0.3)),
        1: curve((1, 1.2)),
        2: curve((1, 0.8), (3, 0.7)),
        3: curve((2, 0.85)),
    ]

    @Test func eachRungCountsTheTrialsThatReachedItAndItsBestValue() {
        let tally = RungTally(rule: "asha", ladder: Self.ladder, goal: .minimize, curves: Self.curves)
        // 27 is the full length, not a rung.
        #expect(tally.rungs == [
            .init(step: 1, trials: 4, best: .init(trial: 2, value: 0.8)),
            .init(step: 3, trials: 2, best: .init(trial: 0, value: 0.6)),
            .init(step: 9, trials: 1, best: .init(trial: 0, value: 0.4)),
        ])
    }

    @Test func maximizingPicksTheLargestValue() {
        let tally = RungTally(rule: "asha", ladder: Self.ladder, goal: .maximize, curves: Self.curves)
        #expect(tally.rungs.first?.best == .init(trial: 1, value: 1.2))
    }

    @Test func aRungOnlyNaNReachedHasNoBestAndNaNNeverWins() {
        let tally = RungTally(rule: "asha", ladder: Self.ladder, goal: .minimize,
                              curves: [0: Self.curve((1, .nan), (3, .nan)), 1: Self.curve((1, 0.5))])
        #expect(tally.rungs == [.init(step: 1, trials: 2, best: .init(trial: 1, value: 0.5)),
                                .init(step: 3, trials: 1, best: nil)])
    }

    @Test func onATieTheLowerTrialNumberIsBest() {
        let tally = RungTally(rule: "asha", ladder: Self.ladder, goal: .minimize,
                              curves: [5: Self.curve((1, 0.5)), 2: Self.curve((1, 0.5))])
        #expect(tally.rungs.first?.best?.trial == 2)
    }

    @Test func aRunWithoutAnyPointHasNoRungs() {
        #expect(RungTally(rule: "asha", ladder: Self.ladder, goal: .minimize, curves: [:]).rungs.isEmpty)
    }

    @Test func theRuleComesFromTheStoredConfigurationAndOnlySuccessiveHalvingHasRungs() throws {
        func run(_ yaml: String) -> RunInfo {
            RunInfo(name: "r", createdAt: Date(timeIntervalSince1970: 0), configurationYAML: yaml, seed: 0, strategy: "random",
                    goal: .minimize, metric: "loss", parameterNames: ["x"])
        }
        let base = "command: [train, '{x}']\nparameters:\n  x: [1, 2]\n"
        let asha = try #require(RungTally.rule(of: run(base + "early_stopping: {rule: asha, min_resource: 2, max_resource: 54}\n")))
        #expect(asha.name == "asha" && asha.ladder == ResourceLadder(minResource: 2, reductionFactor: 3, maxResource: 54))
        #expect(RungTally.rule(of: run(base + "early_stopping: {rule: hyperband, max_resource: 81}\n"))?.name == "hyperband")
        #expect(RungTally.rule(of: run(base + "early_stopping: {rule: median}\n")) == nil)
        #expect(RungTally.rule(of: run(base)) == nil)
    }

    @Test func theReportShowsTheRungsOfASuccessiveHalvingRunOnly() throws {
        var report = try ReportPageTests.report()
        #expect(!ReportPage.html(report).contains("data-chart=\"rungs\""))
        report.rungs = RungTally(rule: "asha", ladder: Self.ladder, goal: .minimize, curves: Self.curves)
        let html = ReportPage.html(report)
        #expect(html.contains("<h2>Rungs</h2>"))
        #expect(html.contains("<tr><td>1</td><td>4</td><td>0.8</td><td>2</td></tr>"))
        #expect(html.contains("<tr><td>9</td><td>1</td><td>0.4</td><td>0</td></tr>"))
    }
}
