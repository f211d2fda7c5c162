import Testing
@testable import Search

/// Asynchronous successive halving. Unless a test says otherwise: minimize, min_resource 1,
/// reduction_factor η = 3, so rung 0 is at step 1, rung 1 at step 3, rung 2 at step 9,
/// rung 3 at step 27; the top ⌊n/3⌋ (at least 1) of the n values at a rung continue.
@Suite struct EarlyStoppingSuccessiveHalvingTests {
    typealias C = StoppingCurves
    let nan = Double.nan
    let asha = try! SuccessiveHalving(minResource: 1, reductionFactor: 3)

    /// Six other trials that reached rung 2 (step 9) with 0.50, 0.61, 0.70, 0.90, 0.95, 1.10.
    var sixAtRung2: [LearningCurve] {
        [0.50, 0.61, 0.70, 0.90, 0.95, 1.10].enumerated().map { i, v in
            C.points(i + 1, [(1, 1.0), (3, 1.0), (9, v), (12, v)])
        }
    }

    /// The trial reaches step 9 from step 8 with `value`.
    func arriving(at value: Double) -> LearningCurve {
        C.steps(20, Array(repeating: 1.0, count: 8) + [value])
    }

    @Test func stopsATrialOutsideTheTopThirdAtItsRung() {
        // Seven values at rung 2: 0.50, 0.61, 0.70, 0.83, 0.90, 0.95, 1.10. ⌊7/3⌋ = 2 continue:
        // the cutoff is the second best, 0.61, and 0.83 is worse.
        let d = asha.decide(arriving(at: 0.83), others: sixAtRung2, goal: .minimize)
        #expect(d.shouldStop)
        #expect(d.rung == .init(index: 2, step: 9))
        #expect(d.value == 0.83 && d.cutoff == 0.61 && d.comparedTrials == 7)
        #expect(d.reason == .comparedAtRung(reductionFactor: 3, kept: 2))
        #expect(d.message(metric: "val_loss")
            == "pruned by asha at rung 2 (step 9): val_loss 0.83 is worse than cutoff 0.61 (top 1/3 of 7 trials)")
    }

    @Test(arguments: [(0.61, false), (0.55, false), (0.6100001, true)])
    func aValueAsGoodAsTheCutoffContinues(value: Double, stops: Bool) {
        // Same rung as above. With 0.61 the two best are 0.50, 0.61: a tie with the cutoff
        // continues. With 0.55 the cutoff becomes 0.55 itself. With 0.6100001 the cutoff is
        // 0.61 and the trial, just worse, stops.
        let d = asha.decide(arriving(at: value), others: sixAtRung2, goal: .minimize)
        #expect(d.shouldStop == stops)
    }

    @Test func aContinuingDecisionSaysSo() {
        // 0.50, 0.55, 0.61, …: 0.55 is itself the second best of seven, so it is the cutoff.
        let d = asha.decide(arriving(at: 0.55), others: sixAtRung2, goal: .minimize)
        #expect(d.message(metric: "val_loss")
            == "continues under asha at rung 2 (step 9): val_loss 0.55 is within cutoff 0.55 (top 1/3 of 7 trials)")
    }

    @Test func nothingIsDecidedBetweenRungs() {
        // From step 9 to step 10 no rung is passed: even the worst value continues, and the
        // next decision waits for rung 3 at step 27.
        let trial = C.steps(20, Array(repeating: 1.0, count: 9) + [50.0])
        let d = asha.decide(trial, others: sixAtRung2, goal: .minimize)
        #expect(!d.shouldStop)
        #expect(d.reason == .betweenRungs(nextRungStep: 27))
        #expect(d.message() == "continues under asha at step 10: next rung at step 27")
    }

    @Test func aRungPassedBetweenTwoReportsIsJudgedWithTheLaterReport() {
        // Reports at steps 1, 4, 10: the report at step 10 reaches rung 2 (step 9).
        // Its 0.83 is recorded there, as are the other trials' values at their first step ≥ 9.
        let trial = C.points(20, [(1, 1.0), (4, 1.0), (10, 0.83)])
        let d = asha.decide(trial, others: sixAtRung2, goal: .minimize)
        #expect(d.shouldStop)
        #expect(d.rung == .init(index: 2, step: 9))
        #expect(d.message(metric: "val_loss").hasPrefix("pruned by asha at rung 2 (step 9, reported at step 10): "))
    }

    @Test func aReportPassingSeveralRungsIsJudgedAtEachInTurn() {
        // The first report comes at step 9: rungs 0 (step 1), 1 (step 3) and 2 (step 9) at once.
        // Rung 0 holds 0.9, 0.8 and the trial's 0.5: ⌊3/3⌋ = 1 continues, the trial is best.
        // Rung 1 holds 0.3, 0.2 and 0.5: the cutoff is 0.2 and the trial stops there.
        let others = [C.points(1, [(1, 0.9), (3, 0.3)]), C.points(2, [(1, 0.8), (3, 0.2)])]
        let d = asha.decide(C.points(20, [(9, 0.5)]), others: others, goal: .minimize)
        #expect(d.shouldStop)
        #expect(d.rung == .init(index: 1, step: 3))
        #expect(d.cutoff == 0.2)
    }

    @Test func withFewerThanEtaTrialsAtARungOnlyTheBestContinues() {
        // Two values at rung 0: ⌊2/3⌋ = 0, at least one continues — the best, 0.4.
        let d = asha.decide(C.steps(20, [0.5]), others: [C.steps(1, [0.4])], goal: .minimize)
        #expect(d.shouldStop)
        #expect(d.reason == .comparedAtRung(reductionFactor: 3, kept: 1))
        #expect(d.message() == "pruned by asha at rung 0 (step 1): value 0.5 is worse than cutoff 0.4 (top 1/3 of 2 trials, at least 1)")
    }

    @Test func theFirstTrialAtARungContinues() {
        let d = asha.decide(C.steps(20, [5.0]), others: [], goal: .minimize)
        #expect(!d.shouldStop)
        #expect(d.comparedTrials == 1 && d.cutoff == 5.0)
    }

    @Test func trialsNotYetAtTheRungAreNotCompared() {
        // Trial 1 stopped reporting at step 2, before rung 1 (step 3): only trial 2's 0.3 is
        // recorded there besides the trial's 0.4. Two values, the best (0.3) continues.
        let others = [C.steps(1, [0.1, 0.1]), C.points(2, [(1, 0.2), (3, 0.3)])]
        let d = asha.decide(C.steps(20, [0.3, 0.3, 0.4]), others: others, goal: .minimize)
        #expect(d.comparedTrials == 2)
        #expect(d.shouldStop)
    }

    @Test func aTrialCountsAtEveryRungItsReportsPassed() {
        // Trial 1's first report came at step 3, passing rungs 0 and 1 at once: it has reached
        // rung 1 with 0.2, whatever was decided for it at rung 0 (Optuna would leave it out
        // had it been pruned there). Rung 1 holds 0.2 and the trial's 0.5: 0.2 continues.
        let d = asha.decide(C.steps(20, [0.5, 0.5, 0.5]), others: [C.points(1, [(3, 0.2)])], goal: .minimize)
        #expect(d.comparedTrials == 2 && d.cutoff == 0.2)
        #expect(d.shouldStop)
    }

    @Test func aNaNAtARungStopsEvenAlone() {
        let d = asha.decide(C.steps(20, [nan]), others: [], goal: .minimize)
        #expect(d.shouldStop)
        #expect(d.reason == .notANumber)
        #expect(d.message(metric: "loss") == "pruned by asha at rung 0 (step 1): loss is NaN")
    }

    @Test func aNaNBetweenRungsContinues() {
        // Step 2 is no rung: the NaN is judged, if it lasts, at step 3.
        let d = asha.decide(C.steps(20, [0.5, nan]), others: [], goal: .minimize)
        #expect(!d.shouldStop)
        #expect(d.reason == .betweenRungs(nextRungStep: 3))
    }

    @Test func otherTrialsNaNValuesRankWorst() {
        // Rung 0 holds NaN, NaN, NaN, 0.9, 0.8 and the trial's 1.5. ⌊6/3⌋ = 2 continue:
        // ranked 0.8, 0.9, 1.5, NaN, NaN, NaN the cutoff is 0.9 and 1.5 stops.
        let mixed = [nan, nan, nan, 0.9, 0.8].enumerated().map { C.steps($0.offset, [$0.element]) }
        #expect(asha.decide(C.steps(20, [1.5]), others: mixed, goal: .minimize).shouldStop)
        // Against five NaNs 1.5 ranks first and continues; the cutoff, the second best, is NaN.
        let nans = (0..<5).map { C.steps($0, [nan]) }
        let d = asha.decide(C.steps(20, [1.5]), others: nans, goal: .minimize)
        #expect(!d.shouldStop)
        #expect(d.cutoff!.isNaN)
        #expect(d.message() == "continues under asha at rung 0 (step 1): value 1.5 is within cutoff NaN (top 1/3 of 6 trials)")
    }

    @Test(arguments: [(0.75, true), (0.85, false)])
    func maximizingKeepsTheLargestValues(value: Double, stops: Bool) {
        // Rung 0 holds 0.9, 0.8, 0.7, 0.6, 0.5 and the trial's value; ⌊6/3⌋ = 2 continue, so
        // the cutoff is the second largest: 0.8 (with 0.75) or 0.85 (with 0.85 itself).
        let others = [0.9, 0.8, 0.7, 0.6, 0.5].enumerated().map { C.steps($0.offset, [$0.element]) }
        let d = asha.decide(C.steps(20, [value]), others: others, goal: .maximize)
        #expect(d.shouldStop == stops)
    }

    @Test func aTrialWithoutPointsContinuesAndWaitsForTheFirstRung() throws {
        let rule = try SuccessiveHalving(minResource: 2, reductionFactor: 3)
        #expect(rule.decide(LearningCurve(trial: 1), others: [], goal: .minimize).reason == .noPoints)
        // min_resource 2: a report at step 1 is before the first rung.
        let d = rule.decide(C.steps(1, [9.0]), others: [C.steps(2, [0.1, 0.1])], goal: .minimize)
        #expect(d.reason == .betweenRungs(nextRungStep: 2))
    }

    @Test func maxResourceBoundsTheRungs() throws {
        // min 1, η 3, max 27: rungs at 1, 3, 9; none at 27, where a trial has its full budget.
        let rule = try SuccessiveHalving(minResource: 1, reductionFactor: 3, maxResource: 27)
        #expect(rule.allRungs?.map(\.step) == [1, 3, 9])
        let d = rule.decide(C.steps(20, Array(repeating: 9.0, count: 27)), others: sixAtRung2, goal: .minimize)
        #expect(!d.shouldStop)
        #expect(d.reason == .betweenRungs(nextRungStep: nil))
        #expect(d.message() == "continues under asha at step 27: no rung left, decisions are made only at rungs")
    }

    @Test(arguments: [
        // min 2, η 2, max 20: rungs at 2, 4, 8, 16.
        (nil, 2), (1, 2), (2, 4), (5, 8), (15, 16), (16, nil), (100, nil),
    ] as [(Int?, Int?)])
    func theNextDecisionStepIsTheNextRung(after step: Int?, next: Int?) throws {
        let rule = try SuccessiveHalving(minResource: 2, reductionFactor: 2, maxResource: 20)
        #expect(rule.nextDecisionStep(after: step, trial: 0) == next)
    }

    @Test func withoutMaxResourceRungsGoOnToTheLargestStep() {
        #expect(asha.rungs(through: 100).map(\.step) == [1, 3, 9, 27, 81])
        #expect(asha.allRungs == nil)
        // 3^39 ≤ Int.max < 3^40: forty rungs, and no overflow past them.
        #expect(asha.rungs(through: .max).count == 40)
        #expect(asha.rungStep(40) == nil)
        #expect(asha.nextDecisionStep(after: asha.rungStep(39), trial: 0) == nil)
    }
}
