import Testing
@testable import Search

/// Threshold: the latest value against a fixed bound, after the warm-up; NaN at any step.
@Suite struct EarlyStoppingThresholdTests {
    typealias C = StoppingCurves

    @Test(arguments: [
        // bound 2.5, warm-up 3, minimize: (values at steps 1…, expected stop, reason)
        ([3.0], false, EarlyStoppingDecision.Reason.warmingUp(untilStep: 3)),  // step 1 < 3
        ([1.0, 1.0, 3.0], true, .comparedWithBound),                          // step 3: 3.0 > 2.5
        ([1.0, 1.0, 2.5], false, .comparedWithBound),                         // equal to the bound
        ([3.0, 3.0, 3.0, 2.0], false, .comparedWithBound),                    // only the latest counts
        ([1.0, .nan], true, .notANumber),                                      // NaN, even in the warm-up
        ([1.0, 1.0, .infinity], true, .comparedWithBound),                    // +∞ is worse than any bound
        ([1.0, 1.0, -.infinity], false, .comparedWithBound),
    ])
    func minimizingStopsValuesAboveTheBound(values: [Double], stops: Bool, reason: EarlyStoppingDecision.Reason) throws {
        let d = try ThresholdStopping(bound: 2.5, warmupSteps: 3).decide(C.steps(1, values), others: [], goal: .minimize)
        #expect(d.shouldStop == stops)
        #expect(d.reason == reason)
    }

    @Test(arguments: [(0.7, true), (0.8, false), (0.9, false)])
    func maximizingStopsValuesBelowTheBound(value: Double, stops: Bool) throws {
        let d = try ThresholdStopping(bound: 0.8).decide(C.steps(1, [value]), others: [], goal: .maximize)
        #expect(d.shouldStop == stops)
    }

    @Test func theMessageNamesTheBound() throws {
        let d = try ThresholdStopping(bound: 2.5).decide(C.steps(1, [1.0, 3.2]), others: [], goal: .minimize)
        #expect(d.message(metric: "val_loss") == "pruned by threshold at step 2: val_loss 3.2 is worse than bound 2.5")
    }

    @Test func aBoundMustBeFinite() {
        #expect(throws: EarlyStoppingError.invalidOption(rule: "threshold", option: "bound", value: .infinity,
                                                         requirement: "a finite number")) {
            try ThresholdStopping(bound: .infinity)
        }
    }

    @Test func everyStepMayStopBecauseOfNaN() throws {
        let rule = try ThresholdStopping(bound: 1, warmupSteps: 10)
        #expect(rule.nextDecisionStep(after: nil, trial: 0) == .min)
        #expect(rule.nextDecisionStep(after: 3, trial: 0) == 4)
    }
}
