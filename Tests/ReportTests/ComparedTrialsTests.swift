import Execution
import Foundation
import Testing
@testable import Report

/// Which trials the parameter views compare: the succeeded ones when there are enough, else
/// every trial at the highest rung enough of them reached, else none (and the page says so).
@Suite struct ComparedTrialsTests {
    static let epoch = Date(timeIntervalSince1970: 1_750_000_000)

    /// An ASHA-like run of 27 trials with rungs at steps 1, 3, 9 and 27: 18 pruned at step 1,
    /// 6 at step 3, 1 at step 9, and 2 that succeeded at step 27. The loss at every step is
    /// (log10 lr + 2)² plus a small decay, so lr decides it and `noise` does not.
    static func asha(succeeded: Int = 2) -> RunReport {
        let run = RunInfo(name: "asha", createdAt: epoch, configurationYAML: "", seed: 0, strategy: "random", goal: .minimize,
                          metric: "loss", parameterNames: ["lr", "noise"])
        let stops = Array(repeating: 1, count: 18) + Array(repeating: 3, count: 6) + [9] + Array(repeating: 27, count: succeeded)
        var trials: [TrialRecord] = []
        var curves: [Int: [MetricPoint]] = [:]
        var rng = SplitMix64(seed: 11)
        for (i, last) in stops.enumerated() {
            let lr = pow(10, Double.random(in: -4 ... -1, using: &rng))
            let state: TrialState = last == 27 ? .succeeded : .pruned
            var t = TrialRecord(number: i, configuration: ["lr": .real(lr), "noise": .real(Double.random(in: 0...1, using: &rng))],
                                state: state, attempt: 1, createdAt: epoch)
            let loss = { (step: Int) in pow(log10(lr) + 2, 2) + 0.1 / Double(step) }
            curves[i] = (1...last).map { MetricPoint(step: $0, name: "loss", value: loss($0)) }
            if state == .succeeded { t.objective = loss(last) }
            trials.append(t)
        }
        let summary = RunSummary(run: run, counts: [.pruned: stops.count - succeeded, .succeeded: succeeded],
                                 best: trials.filter { $0.state == .succeeded }.min { $0.objective! < $1.objective! })
        return RunReport(snapshot: RunSnapshot(summary: summary, trials: trials), space: nil, curves: curves,
                         workspace: nil, madeAt: epoch)
    }

    @Test func twoSucceededTrialsAreComparedWithThePrunedAtTheHighestRungEightReached() {
        let compared = ComparedTrials(Self.asha())
        #expect(compared.basis == .step(3))
        #expect(compared.trials.count == 9 && compared.pruned == 7 && compared.succeeded == 2)
        let atThree = compared.trials.map { Self.asha().curves[$0.number]![2].value }
        #expect(compared.values == atThree)
    }

    @Test func importanceAtTheRungFindsTheParameterThatDecides() {
        let report = Self.asha()
        let html = ReportPage.html(report)
        #expect(html.contains("9 trials on their loss at step 3, the highest step that 8 or more trials reached, as only 2 "
                              + "succeeded (7 of the 9 were pruned)"))
        #expect(html.contains("data-chart=\"importance\""))
        let compared = ComparedTrials(report)
        let importance = Dictionary(uniqueKeysWithValues: ParameterImportance.compute(
            names: ["lr", "noise"], configurations: compared.trials.map(\.configuration), objectives: compared.values))
        #expect(importance["lr"]! > importance["noise"]!)
    }

    @Test func enoughSucceededTrialsAreComparedOnTheirObjectives() {
        let compared = ComparedTrials(Self.asha(succeeded: 8))
        #expect(compared.basis == .objective && compared.trials.count == 8)
        #expect(compared.trials.allSatisfy { $0.state == .succeeded })
    }

    /// Two succeeded and two pruned trials: no step has 8 trials, so no importance is shown.
    @Test func tooFewTrialsAreSaidToBeTooFew() {
        var report = Self.asha()
        report.snapshot.trials = report.snapshot.trials.filter { $0.state == .succeeded || $0.number < 2 }
        let compared = ComparedTrials(report)
        #expect(compared.basis == .tooFew)
        let html = ReportPage.html(report)
        #expect(html.contains("Not shown: too few trials to tell: 2 succeeded, and no step was reached by 8 trials"))
        #expect(!html.contains("data-chart=\"importance\""))
        #expect(html.contains("data-chart=\"parallel\""))
    }
}
