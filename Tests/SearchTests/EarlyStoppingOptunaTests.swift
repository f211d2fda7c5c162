import Foundation
import Testing
@testable import Search

/// Successive halving and Hyperband against Optuna 5.0.0's own pruners.
///
/// Fixtures/early_stopping_optuna.py simulated asynchronous studies — trials reporting in a
/// random interleaving, steps advancing by 1 to 3, values with ties and NaNs — and asked
/// Optuna's pruner after every report. Replaying the reports, hpo's rule must give the
/// same verdict every time.
@Suite struct EarlyStoppingOptunaTests {
    struct Fixture: Decodable {
        var optuna: String
        var scenarios: [Scenario]
    }

    struct Scenario: Decodable {
        var rule: String
        var goal: String
        var min_resource: Int
        var max_resource: Int?
        var reduction_factor: Int
        var bracket_weights: [Int]?
        var brackets: [Int]?
        var events: [Event]
    }

    struct Event: Decodable {
        var trial: Int
        var step: Int
        var value: Double?  // null for NaN
        var pruned: Bool
    }

    static let fixture: Fixture = {
        let url = Bundle.module.url(forResource: "early_stopping_optuna", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    /// Replays `scenario`, judging each report with `rule(trial)` against the trials that
    /// `rivals(trial)` admits; returns the mismatches and the number of stops.
    func replay(_ scenario: Scenario, rule: (Int) -> SuccessiveHalving,
                rivals: (Int, Int) -> Bool) -> (mismatches: [String], stops: Int) {
        let goal = Goal(rawValue: scenario.goal)!
        var curves: [Int: LearningCurve] = [:]
        var mismatches: [String] = []
        var stops = 0
        for (i, e) in scenario.events.enumerated() {
            curves[e.trial, default: LearningCurve(trial: e.trial)].append(step: e.step, value: e.value ?? .nan)
            let trial = curves[e.trial]!
            let others = curves.values.filter { rivals(e.trial, $0.trial) }
            let d = rule(e.trial).decide(trial, others: others, goal: goal)
            if d.shouldStop != e.pruned { mismatches.append("report \(i), trial \(e.trial): optuna \(e.pruned), \(d)") }
            if d.shouldStop {
                stops += 1
                // A stop can only come at or past the step the rule announced.
                let previous = trial.points.dropLast().last?.step
                #expect(e.step >= rule(e.trial).nextDecisionStep(after: previous, trial: e.trial) ?? .max)
            }
        }
        return (mismatches, stops)
    }

    @Test func successiveHalvingMatchesOptunasSuccessiveHalvingPruner() throws {
        let scenarios = Self.fixture.scenarios.filter { $0.rule == "asha" }
        #expect(scenarios.count == 8)
        for s in scenarios {
            let asha = try SuccessiveHalving(minResource: s.min_resource, reductionFactor: s.reduction_factor)
            let (mismatches, stops) = replay(s, rule: { _ in asha }, rivals: { $0 != $1 })
            #expect(mismatches.isEmpty, "\(s.goal) min \(s.min_resource) η \(s.reduction_factor): \(mismatches.prefix(3))")
            #expect(stops > 0)
        }
    }

    @Test func hyperbandBracketsMatchOptunasHyperbandPruner() throws {
        let scenarios = Self.fixture.scenarios.filter { $0.rule == "hyperband" }
        #expect(scenarios.count == 4)
        for s in scenarios {
            let hyperband = try Hyperband(minResource: s.min_resource, maxResource: s.max_resource!,
                                          reductionFactor: s.reduction_factor)
            #expect(hyperband.brackets.map(\.weight) == s.bracket_weights)
            // Optuna's brackets come from a hash; judge each trial in Optuna's bracket for it.
            let bracket = s.brackets!
            let (mismatches, stops) = replay(s, rule: { hyperband.brackets[bracket[$0]].successiveHalving },
                                             rivals: { $0 != $1 && bracket[$0] == bracket[$1] })
            #expect(mismatches.isEmpty, "\(s.goal) max \(s.max_resource!) η \(s.reduction_factor): \(mismatches.prefix(3))")
            #expect(stops > 0)
        }
    }
}
