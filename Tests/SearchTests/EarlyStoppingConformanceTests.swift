import Testing
@testable import Search

/// The contract of `EarlyStopping`, checked against every rule with its options. To put a
/// new rule under the suite, add one line to `StoppingRuleFactory.all`.
@Suite("Early stopping conformance")
struct EarlyStoppingConformanceTests {
    /// Same inputs, same decision, whatever the rule was asked before: every decision of a
    /// sweep is asked again at the end, against the history as it stood then.
    @Test(arguments: StoppingRuleFactory.all, Goal.allCases)
    func aDecisionDependsOnlyOnItsInputs(_ factory: StoppingRuleFactory, goal: Goal) throws {
        let rule = try factory.make()
        var asked: [(LearningCurve, CurveHistory, EarlyStoppingDecision)] = []
        StoppingWorld(seed: 3, goal: goal).replay(rule, goal: goal) { curve, history in
            asked.append((curve, history, rule.decide(curve, history: history)))
        }
        for (curve, history, first) in asked {
            let again = rule.decide(curve, history: history)
            #expect(again.message() == first.message() && again.shouldStop == first.shouldStop && again.kind == first.kind)
        }
    }

    /// NaN ranks worst: a NaN in place of the trial's latest value never turns a stop into a
    /// continue, and NaN in place of the others' values never turns a continue into a stop.
    @Test(arguments: StoppingRuleFactory.all, Goal.allCases)
    func nanRanksWorstAndNeverCrashes(_ factory: StoppingRuleFactory, goal: Goal) throws {
        let rule = try factory.make()
        let world = StoppingWorld(seed: 5, goal: goal, awkward: false)
        var nanOthers = CurveHistory(rule: rule, goal: goal)
        var stops = 0
        world.replay(rule, goal: goal) { curve, history in
            let decision = rule.decide(curve, history: history)
            if decision.shouldStop { stops += 1 }
            var nanLatest = curve
            nanLatest.append(step: curve.latest!.step, value: .nan)
            #expect(!decision.shouldStop || rule.decide(nanLatest, history: history).shouldStop,
                    "\(decision) but NaN continues")
            // The same moment, every other trial having reported NaN throughout.
            for other in history.curves where other.trial != curve.trial {
                nanOthers[other.trial] = LearningCurve(trial: other.trial, points: other.points.map { .init(step: $0.step, value: .nan) })
            }
            nanOthers[curve.trial] = curve
            #expect(decision.shouldStop || !rule.decide(curve, history: nanOthers).shouldStop,
                    "\(decision) but stops among NaN trials")
        }
        #expect(stops > 0, "the sweep stops some trials")
        // Curves of nothing but NaN, infinities and one point do not trap a rule.
        for values: [Double] in [[.nan], [.nan, .nan, .nan], [.infinity, -.infinity, .nan, 0]] {
            let curves = (0..<8).map { StoppingCurves.steps($0, values) }
            for c in curves { _ = rule.decide(c, others: curves, goal: goal) }
        }
    }

    /// A better latest value never stops where a worse one continues.
    @Test(arguments: StoppingRuleFactory.all, Goal.allCases)
    func aBetterValueNeverStopsWhereAWorseOneContinues(_ factory: StoppingRuleFactory, goal: Goal) throws {
        let rule = try factory.make()
        // Best first: in loss terms −∞, −1, …, +∞, NaN.
        let losses: [Double] = [-.infinity, -1, 0, 0.2, 0.4, 0.5, 0.6, 0.8, 1, 1.5, 3, .infinity, .nan]
        let values = losses.map { goal == .minimize ? $0 : -$0 }
        StoppingWorld(seed: 7, goal: goal).replay(rule, goal: goal) { curve, history in
            let step = curve.latest!.step
            let stops = values.map { v -> Bool in
                var c = curve
                c.append(step: step, value: v)
                return rule.decide(c, history: history).shouldStop
            }
            #expect(stops == stops.sorted { !$0 && $1 }, "trial \(curve.trial) at step \(step): stops \(stops)")
        }
    }

    /// A stop names the rule, the metric and where it was decided (step, and rung for
    /// successive halving).
    @Test(arguments: StoppingRuleFactory.all, Goal.allCases)
    func aStopExplainsItself(_ factory: StoppingRuleFactory, goal: Goal) throws {
        let rule = try factory.make()
        var stops = 0
        StoppingWorld(seed: 11, goal: goal).replay(rule, goal: goal) { curve, history in
            let decision = rule.decide(curve, history: history)
            #expect(decision.rule == rule.name && decision.trial == curve.trial && decision.step == curve.latest?.step)
            guard decision.shouldStop else { return }
            stops += 1
            let message = decision.message(metric: "val_loss")
            #expect(message.contains(rule.name) && message.contains("val_loss") && message.contains("step"), "\(message)")
            if decision.rung != nil { #expect(message.contains("rung"), "\(message)") }
        }
        #expect(stops > 0, "the sweep stops some trials")
    }

    /// No stop below the step `nextDecisionStep` announced after the trial's previous point.
    @Test(arguments: StoppingRuleFactory.all, Goal.allCases)
    func noStopBeforeTheAnnouncedStep(_ factory: StoppingRuleFactory, goal: Goal) throws {
        let rule = try factory.make()
        var stops = 0
        StoppingWorld(seed: 13, goal: goal).replay(rule, goal: goal) { curve, history in
            let previous = curve.points.dropLast().last?.step
            let announced = rule.nextDecisionStep(after: previous, trial: curve.trial)
            let decision = rule.decide(curve, history: history)
            guard decision.shouldStop else { return }
            stops += 1
            #expect(announced.map { curve.latest!.step >= $0 } == true,
                    "stopped at step \(curve.latest!.step), announced \(announced.map(String.init) ?? "none")")
        }
        #expect(stops > 0, "the sweep stops some trials")
    }
}
