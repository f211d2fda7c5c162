import Testing
@testable import Search

/// Median stopping: the trial's best value so far against the median of the other trials'
/// best values at the same step.
@Suite struct EarlyStoppingMedianTests {
    typealias C = StoppingCurves
    let nan = Double.nan

    /// Three other trials at step 3. Best values through step 3 (minimize):
    /// trial 1 → 0.5, trial 2 → 0.6, trial 3 → 0.7 (its 0.65 at step 4 is beyond step 3).
    /// The median is 0.6.
    var others: [LearningCurve] {
        [C.steps(1, [0.9, 0.7, 0.5]), C.steps(2, [1.0, 0.8, 0.6]), C.steps(3, [0.8, 0.75, 0.7, 0.65])]
    }

    @Test func stopsATrialWhoseBestIsWorseThanTheMedian() throws {
        // Trial 9's best is 0.8 > 0.6.
        let d = try MedianStopping(minTrials: 3).decide(C.steps(9, [1.2, 0.9, 0.8]), others: others, goal: .minimize)
        #expect(d.shouldStop)
        #expect(d.reason == .comparedWithMedian)
        #expect(d.step == 3 && d.value == 0.8 && d.cutoff == 0.6 && d.comparedTrials == 3)
        #expect(d.message(metric: "val_loss")
            == "pruned by median at step 3: best val_loss 0.8 is worse than the median 0.6 of 3 other trials")
    }

    @Test(arguments: [
        // (trial's values at steps 1…3, expected stop) — the median is 0.6.
        ([0.7, 0.6, 0.55], false),  // best 0.55 is better
        ([0.9, 0.7, 0.6], false),   // best 0.6 ties the median: a tie continues
        ([0.9, 0.7, 0.61], true),   // best 0.61 is worse
        ([0.5, 0.9, 0.95], false),  // latest 0.95 is worst of all, but the best so far (0.5) counts
    ])
    func comparesTheBestValueSoFar(values: [Double], stops: Bool) throws {
        let d = try MedianStopping(minTrials: 3).decide(C.steps(9, values), others: others, goal: .minimize)
        #expect(d.shouldStop == stops)
    }

    @Test(arguments: [(0.66, true), (0.64, false)])
    func anEvenCountTakesTheMidpointOfTheTwoMiddleValues(best: Double, stops: Bool) throws {
        // Best values 0.5, 0.6, 0.7, 0.8: the median is (0.6 + 0.7)/2 = 0.65.
        let four = others + [C.steps(4, [0.9, 0.8, 0.8])]
        let d = try MedianStopping(minTrials: 3).decide(C.steps(9, [1.0, 1.0, best]), others: four, goal: .minimize)
        #expect(abs(d.cutoff! - 0.65) < 1e-15)
        #expect(d.shouldStop == stops)
    }

    @Test func nothingStopsDuringTheWarmUp() throws {
        // Warm-up 5: a dreadful value at step 3 continues, the same at step 5 is judged.
        let rule = try MedianStopping(warmupSteps: 5, minTrials: 3)
        let long = others.map { C.steps($0.trial, $0.points.map(\.value) + [0.5, 0.5, 0.5]) }
        let early = rule.decide(C.steps(9, [9, 9, 9]), others: long, goal: .minimize)
        #expect(!early.shouldStop)
        #expect(early.reason == .warmingUp(untilStep: 5))
        #expect(early.message() == "continues under median at step 3: warm-up lasts until step 5")
        let judged = rule.decide(C.steps(9, [9, 9, 9, 9, 9]), others: long, goal: .minimize)
        #expect(judged.shouldStop)
    }

    @Test func continuesWhileTooFewOtherTrialsReachedTheStep() throws {
        // min_trials 3, but trial 3 has only reached step 2 of the trial's 3: two to compare with.
        let shortThird = [others[0], others[1], C.steps(3, [0.8, 0.75])]
        let d = try MedianStopping(minTrials: 3).decide(C.steps(9, [9, 9, 9]), others: shortThird, goal: .minimize)
        #expect(!d.shouldStop)
        #expect(d.reason == .tooFewTrials(needed: 3))
        #expect(d.comparedTrials == 2)
        #expect(d.message() == "continues under median at step 3: only 2 other trials reached step 3, 3 needed")
    }

    @Test func theTrialItselfAmongTheOthersIsIgnored() throws {
        // Passing every curve of the run, the trial's own included, still leaves two others.
        let trial = C.steps(9, [9, 9, 9])
        let d = try MedianStopping(minTrials: 3).decide(trial, others: [others[0], others[1], trial], goal: .minimize)
        #expect(d.reason == .tooFewTrials(needed: 3))
    }

    @Test func anotherTrialReportingAtOtherStepsCountsWithItsBestBeforeTheStep() throws {
        // Trial 4 reported at steps 2 and 4 only: at step 3 its best is its 0.2 at step 2.
        // Best values 0.2, 0.5, 0.6 → median 0.5; the trial's 0.55 is worse.
        let d = try MedianStopping(minTrials: 3).decide(
            C.steps(9, [0.9, 0.7, 0.55]),
            others: [C.points(4, [(2, 0.2), (4, 0.1)]), others[0], others[1]], goal: .minimize)
        #expect(d.cutoff == 0.5)
        #expect(d.shouldStop)
    }

    @Test func aTrialWhoseEveryValueIsNaNStops() throws {
        // Its best is NaN, the worst value: it is behind everyone, even with nobody to compare.
        let d = try MedianStopping(minTrials: 3).decide(C.steps(9, [nan, nan]), others: [], goal: .minimize)
        #expect(d.shouldStop)
        #expect(d.reason == .notANumber)
        #expect(d.message(metric: "loss") == "pruned by median at step 2: loss is NaN")
    }

    @Test func aNaNAfterANumberKeepsTheBestNumber() throws {
        // Best of (0.55, NaN, NaN) is 0.55 < 0.6.
        let d = try MedianStopping(minTrials: 3).decide(C.steps(9, [0.55, nan, nan]), others: others, goal: .minimize)
        #expect(!d.shouldStop)
        #expect(d.value == 0.55)
    }

    @Test func otherTrialsWithOnlyNaNRankWorst() throws {
        // Best values 0.5, NaN, NaN rank 0.5 < NaN = NaN: the median is a NaN, ranked as +∞,
        // and 0.9 is not worse than it.
        let d = try MedianStopping(minTrials: 3).decide(
            C.steps(9, [0.9, 0.9, 0.9]),
            others: [others[0], C.steps(2, [nan, nan, nan]), C.steps(3, [nan, nan, nan])], goal: .minimize)
        #expect(!d.shouldStop)
        #expect(d.cutoff == .infinity)
    }

    @Test(arguments: [([0.2, 0.4, 0.55], true), ([0.2, 0.65, 0.4], false)])
    func maximizingStopsTrialsBelowTheMedian(values: [Double], stops: Bool) throws {
        // Best (largest) values through step 3: 0.5, 0.6, 0.7 → median 0.6.
        // (0.2, 0.4, 0.55) peaks at 0.55 < 0.6: stop. (0.2, 0.65, 0.4) peaked at 0.65: continue.
        let up = [C.steps(1, [0.1, 0.3, 0.5]), C.steps(2, [0.2, 0.4, 0.6]), C.steps(3, [0.7, 0.1, 0.1])]
        let d = try MedianStopping(minTrials: 3).decide(C.steps(9, values), others: up, goal: .maximize)
        #expect(d.cutoff == 0.6)
        #expect(d.shouldStop == stops)
    }

    @Test func aTrialWithoutPointsContinues() throws {
        let d = try MedianStopping().decide(LearningCurve(trial: 9), others: others, goal: .minimize)
        #expect(!d.shouldStop)
        #expect(d.reason == .noPoints)
        #expect(d.step == nil)
        #expect(d.message(metric: "loss") == "continues under median: no loss reported yet")
    }

    @Test func decisionsStartAtTheEndOfTheWarmUp() throws {
        let rule = try MedianStopping(warmupSteps: 5)
        #expect(rule.nextDecisionStep(after: nil, trial: 0) == 5)
        #expect(rule.nextDecisionStep(after: 2, trial: 0) == 5)
        #expect(rule.nextDecisionStep(after: 7, trial: 0) == 8)
    }
}
