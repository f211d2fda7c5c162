import Foundation
import Testing
@testable import Execution
@testable import Report

/// The multi-fidelity model's best guess under the rungs of a bayes run (issue 15 §3).
@Suite struct RungGuessTests {
    static func yaml(strategy: String) -> String {
        "command: [train, '{x}']\nmetric: {name: loss}\nstrategy: \(strategy)\nseed: 3\nparameters:\n  x: 'uniform(0, 1)'\n"
            + "early_stopping: {rule: asha, min_resource: 1, max_resource: 27}\n"
    }

    /// Twelve trials trace a bowl with its bottom at x = 0.8 on their curves (value at step s:
    /// (x − 0.8)² + 1/s); the four nearest it reached step 3, the others were pruned at step 1.
    static func stored(strategy: String) -> (run: RunInfo, trials: [TrialRecord], curves: [Int: [MetricPoint]]) {
        let run = RunInfo(name: "r", createdAt: Date(timeIntervalSince1970: 0), configurationYAML: yaml(strategy: strategy),
                          seed: 3, strategy: strategy, goal: .minimize, metric: "loss", parameterNames: ["x"])
        var trials: [TrialRecord] = []
        var curves: [Int: [MetricPoint]] = [:]
        for n in 0..<12 {
            let x = (Double(n) + 0.5) / 12
            let steps = abs(x - 0.8) < 0.2 ? [1, 2, 3] : [1]
            let values = steps.map { (x - 0.8) * (x - 0.8) + 1 / Double($0) }
            curves[n] = zip(steps, values).map { MetricPoint(step: $0, name: "loss", value: $1) }
            trials.append(TrialRecord(number: n, configuration: ["x": .real(x)], state: .pruned,
                                      createdAt: Date(timeIntervalSince1970: 0), objective: values.last))
        }
        return (run, trials, curves)
    }

    @Test func aBayesRunsGuessIsTheTrialNearestTheBowlsBottom() throws {
        let (run, trials, curves) = Self.stored(strategy: "bayes")
        let guess = try #require(RungTally.modelGuess(run: run, trials: trials, curves: curves))
        let x = try #require(trials[guess.trial].configuration["x"]?.numericValue)
        #expect(abs(x - 0.8) < 0.1)
        #expect(guess.level == nil)  // the default model learns from every rung at once
        #expect(guess.parameters.hasPrefix("x="))
    }

    @Test func otherStrategiesHaveNoModelToGuess() {
        let (run, trials, curves) = Self.stored(strategy: "random")
        #expect(RungTally.modelGuess(run: run, trials: trials, curves: curves) == nil)
    }

    @Test func theReportShowsTheGuessUnderTheRungs() throws {
        var report = try ReportPageTests.report()
        var tally = RungTally(rule: "asha", ladder: ResourceLadder(minResource: 1, reductionFactor: 3, maxResource: 27),
                              rungs: [.init(step: 1, trials: 3, best: .init(trial: 2, value: 0.5))])
        tally.guess = .init(trial: 2, parameters: "x=0.79", level: 1)
        report.rungs = tally
        #expect(ReportPage.html(report).contains("The model's best guess (fitted on the values at step 1): trial 2, x=0.79."))
    }
}
