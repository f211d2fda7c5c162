import Testing
@testable import Search

/// Patience: stop after `patience` steps without an improvement of at least `min_delta`.
/// Values are binary fractions, so differences such as 1.0 − 0.75 are exact.
@Suite struct EarlyStoppingPatienceTests {
    typealias C = StoppingCurves
    let nan = Double.nan

    @Test func stopsAfterPatienceStepsWithoutEnoughImprovement() throws {
        // min_delta 0.25: 0.875 and 0.8125 improve on 1.0 (step 1) by less than 0.25, so the
        // reference stays at step 1; at step 4, 4 − 1 = 3 steps have passed: patience 3 is up.
        let d = try PatienceStopping(patience: 3, minDelta: 0.25)
            .decide(C.steps(1, [1.0, 0.875, 0.8125, 0.8125]), others: [], goal: .minimize)
        #expect(d.shouldStop)
        #expect(d.cutoff == 1.0)
        #expect(d.reason == .patience(sinceStep: 1, patience: 3, minDelta: 0.25))
        #expect(d.kind == .converge)
        #expect(d.message(metric: "val_loss")
            == "stopped by patience at step 4: val_loss has not improved on 1 (step 1) by at least 0.25 for 3 steps (patience 3)")
    }

    @Test func smallGainsAddUpAgainstTheReference() throws {
        // The reference does not move on a gain below min_delta (as in Keras): 0.875 leaves it
        // at 1.0, so 0.75 improves by exactly 0.25 — at least min_delta — and becomes it.
        // Had 0.875 become the reference, 0.75 would have gained only 0.125.
        let d = try PatienceStopping(patience: 3, minDelta: 0.25)
            .decide(C.steps(1, [1.0, 0.875, 0.75, 0.75]), others: [], goal: .minimize)
        #expect(!d.shouldStop)
        #expect(d.reason == .patience(sinceStep: 3, patience: 3, minDelta: 0.25))
        #expect(d.message() == "continues under patience at step 4: value last improved at step 3 (0.75); patience 3 steps")
    }

    @Test(arguments: [
        // min_delta 0, patience 3: (values at steps 1…4, expected stop)
        ([1.0, 1.0, 1.0, 1.0], true),           // an equal value is no improvement
        ([1.0, 0.999, 0.998, 0.997], false),    // any strict gain is one
        ([1.0, 2.0, 3.0, 4.0], true),           // getting worse is none
    ])
    func withoutMinDeltaAnyStrictGainCounts(values: [Double], stops: Bool) throws {
        let d = try PatienceStopping(patience: 3).decide(C.steps(1, values), others: [], goal: .minimize)
        #expect(d.shouldStop == stops)
    }

    @Test func theWarmUpIsIgnoredAltogether() throws {
        // Warm-up 3: the 0.1 and 0.2 at steps 1 and 2 are not references. From step 3 the
        // curve improves (1.0, 0.9, 0.8): continue. Counted from step 1, 4 steps without
        // beating 0.1 would have stopped it.
        let rule = try PatienceStopping(patience: 3, warmupSteps: 3)
        #expect(!rule.decide(C.steps(1, [0.1, 0.2, 1.0, 0.9, 0.8]), others: [], goal: .minimize).shouldStop)
        #expect(rule.decide(C.steps(1, [0.1, 0.2]), others: [], goal: .minimize).reason == .warmingUp(untilStep: 3))
        #expect(try PatienceStopping(patience: 3).decide(C.steps(1, [0.1, 0.2, 1.0, 0.9, 0.8]), others: [], goal: .minimize).shouldStop)
    }

    @Test func nanNeverImprovesButANumberImprovesOnNaN() throws {
        let rule = try PatienceStopping(patience: 3)
        // 1.0 then NaN for three steps: no improvement since step 1.
        #expect(rule.decide(C.steps(1, [1.0, nan, nan, nan]), others: [], goal: .minimize).shouldStop)
        // NaN then 5.0: 5.0 improves on NaN (worst), the reference moves to step 2.
        let d = rule.decide(C.steps(1, [nan, 5.0, 5.0, 5.0]), others: [], goal: .minimize)
        #expect(!d.shouldStop)
        #expect(d.reason == .patience(sinceStep: 2, patience: 3, minDelta: 0))
    }

    @Test func maximizingImprovesUpwards() throws {
        // min_delta 0.125: 0.625 gains 0.125 on 0.5 (reference → step 2); 0.5 and 0.6 do not
        // beat 0.625; at step 5, 3 steps since step 2: stop.
        let d = try PatienceStopping(patience: 3, minDelta: 0.125)
            .decide(C.steps(1, [0.5, 0.625, 0.5, 0.6, 0.6]), others: [], goal: .maximize)
        #expect(d.shouldStop)
        #expect(d.reason == .patience(sinceStep: 2, patience: 3, minDelta: 0.125))
    }

    @Test(arguments: [([10, 20, 30], false), ([10, 20, 30, 40], true)])
    func patienceCountsStepsNotReports(steps: [Int], stops: Bool) throws {
        // Reports every 10 steps, patience 25, a flat curve: 30 − 10 = 20 < 25 continues,
        // 40 − 10 = 30 ≥ 25 stops.
        let curve = C.points(1, steps.map { (step: $0, value: 1.0) })
        #expect(try PatienceStopping(patience: 25).decide(curve, others: [], goal: .minimize).shouldStop == stops)
    }
}

/// What a stop makes of a trial: patience finds it done, the other rules find it hopeless.
@Suite struct EarlyStoppingKindTests {
    typealias C = StoppingCurves

    @Test func aPatienceStopIsAConvergence() throws {
        let d = try PatienceStopping(patience: 1).decide(C.steps(0, [1.0, 2.0]), others: [], goal: .minimize)
        #expect(d.shouldStop && d.kind == .converge)
    }

    @Test func aThresholdStopIsAPruning() throws {
        let d = try ThresholdStopping(bound: 1).decide(C.steps(0, [2.0]), others: [], goal: .minimize)
        #expect(d.shouldStop && d.kind == .prune)
        #expect(d.message() == "pruned by threshold at step 1: value 2 is worse than bound 1")
    }

    @Test func comparativeRulesPrune() throws {
        let asha = try SuccessiveHalving(minResource: 1, reductionFactor: 3)
        let d = asha.decide(C.steps(1, [5.0]), others: [C.steps(0, [1.0])], goal: .minimize)
        #expect(d.shouldStop && d.kind == .prune)
        #expect(d.message() == "pruned by asha at rung 0 (step 1): value 5 is worse than cutoff 1 (top 1/3 of 2 trials, at least 1)")
    }
}
