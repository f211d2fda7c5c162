import Testing
@testable import Search

/// Hyperband over ASHA. Unless a test says otherwise: min_resource 1, max_resource 81, η = 3.
/// B = ⌊log_3 81⌋ + 1 = 5 brackets with first rungs 1, 3, 9, 27, 81 and weights
/// ⌈5·3^s/(s+1)⌉ for s = 4…0: ⌈405/5⌉ = 81, ⌈135/4⌉ = 34, ⌈45/3⌉ = 15, ⌈15/2⌉ = 8, ⌈5/1⌉ = 5,
/// 143 in all (Optuna's HyperbandPruner computes the same budgets).
@Suite struct EarlyStoppingHyperbandTests {
    typealias C = StoppingCurves
    let hyperband = try! Hyperband(minResource: 1, maxResource: 81, reductionFactor: 3)

    @Test func bracketsStartTheirRungsAtSuccessivePowersOfEta() {
        #expect(hyperband.brackets.map(\.weight) == [81, 34, 15, 8, 5])
        #expect(hyperband.brackets.map { $0.successiveHalving.allRungs!.map(\.step) }
            == [[1, 3, 9, 27], [3, 9, 27], [9, 27], [27], []])
    }

    @Test(arguments: [
        // (min, max, η, brackets): first rungs min·η^b ≤ max, counted in integers.
        (1, 81, 3, 5),   // 1, 3, 9, 27, 81 (log(81)/log(3) is 3.9999999999999996 in floating point)
        (1, 80, 3, 4),   // 81 > 80
        (2, 16, 2, 4),   // 2, 4, 8, 16
        (1, 2, 3, 1),    // only 1: plain ASHA with a rung at 1
    ])
    func theNumberOfBracketsIsOnePlusTheFloorOfLogEtaOfMaxOverMin(min: Int, max: Int, eta: Int, count: Int) throws {
        #expect(try Hyperband(minResource: min, maxResource: max, reductionFactor: eta).brackets.count == count)
    }

    @Test func trialsGoToBracketsByTheGoldenRatioSequence() {
        // frac(n·0.6180339887498949)·143 for n = 0…11: 0, 88.38, 33.76, 122.14, 67.52, 12.89,
        // 101.27, 46.65, 135.03, 80.41, 25.79, 114.17; the shares are [0, 81) → 0,
        // [81, 115) → 1, [115, 130) → 2, [130, 138) → 3, [138, 143) → 4.
        #expect((0..<12).map { hyperband.bracket(ofTrial: $0) } == [0, 1, 0, 2, 0, 0, 1, 0, 3, 0, 0, 1])
        // The first trials of the last bracket (computed the same way in Python).
        #expect(hyperband.bracket(ofTrial: 21) == 4 && hyperband.bracket(ofTrial: 55) == 4)
    }

    @Test func anyRunOfConsecutiveTrialsIsSharedInProportionToTheWeights() {
        // Over 1430 consecutive trial numbers the brackets get exactly 10 × (81, 34, 15, 8, 5),
        // over 143 within one of the weights (81, 35, 15, 8, 4).
        func counts(_ range: Range<Int>) -> [Int] {
            var c = [0, 0, 0, 0, 0]
            for n in range { c[hyperband.bracket(ofTrial: n)] += 1 }
            return c
        }
        #expect(counts(0..<1430) == [810, 340, 150, 80, 50])
        #expect(zip(counts(0..<143), [81, 34, 15, 8, 5]).allSatisfy { abs($0 - $1) <= 1 })
    }

    @Test func aTrialIsComparedOnlyWithTheTrialsOfItsBracket() {
        // Trial 2 (bracket 0) reaches rung 0 (step 1) with 0.5. Trial 0 is in bracket 0 too,
        // trials 1 and 6 in bracket 1. Within bracket 0: 0.5 and 0.6, the best (0.5)
        // continues. Against everyone (0.1, 0.2, 0.5, 0.6) it would stop.
        let others = [C.steps(0, [0.6]), C.steps(1, [0.1]), C.steps(6, [0.2])]
        let d = hyperband.decide(C.steps(2, [0.5]), others: others, goal: .minimize)
        #expect(!d.shouldStop)
        #expect(d.bracket == 0 && d.comparedTrials == 2)
        #expect(d.message() == "continues under hyperband bracket 0 at rung 0 (step 1): value 0.5 is within cutoff 0.5 (top 1/3 of 2 trials, at least 1)")
    }

    @Test func aStopNamesTheBracket() {
        // Trial 7 (bracket 0) at rung 0 with 0.9 against trial 0's 0.6 (bracket 0): stop.
        let d = hyperband.decide(C.steps(7, [0.9]), others: [C.steps(0, [0.6]), C.steps(1, [0.1])], goal: .minimize)
        #expect(d.shouldStop)
        #expect(d.message(metric: "loss") == "pruned by hyperband bracket 0 at rung 0 (step 1): loss 0.9 is worse than cutoff 0.6 (top 1/3 of 2 trials, at least 1)")
    }

    @Test func aLaterBracketWaitsForItsFirstRung() {
        // Trial 1 is in bracket 1, whose first rung is step 3: at steps 1 and 2 nothing is decided.
        let d = hyperband.decide(C.steps(1, [9.0, 9.0]), others: [C.steps(6, [0.1, 0.1, 0.1])], goal: .minimize)
        #expect(!d.shouldStop)
        #expect(d.reason == .betweenRungs(nextRungStep: 3))
        #expect(hyperband.nextDecisionStep(after: nil, trial: 1) == 3)
        #expect(hyperband.nextDecisionStep(after: nil, trial: 0) == 1)
    }

    @Test func theLastBracketRunsEveryTrialInFull() {
        // Trial 21 is in bracket 4, whose first rung would be 81 = max_resource: it has none.
        #expect(hyperband.nextDecisionStep(after: nil, trial: 21) == nil)
        let d = hyperband.decide(C.steps(21, Array(repeating: 99.0, count: 80)),
                                 others: [C.steps(55, Array(repeating: 0.1, count: 80))], goal: .minimize)
        #expect(!d.shouldStop)
        #expect(d.bracket == 4)
    }
}
