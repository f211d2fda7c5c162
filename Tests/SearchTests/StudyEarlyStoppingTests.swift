import Testing
@testable import Search

@Suite("Study early stopping") struct StudyEarlyStoppingTests {
    let space = try! SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false))])

    @Test func withoutARuleNothingStops() throws {
        let study = try Study(space: space, strategy: .random, seed: 1)
        let t = try study.ask()
        try t.report(step: 1, value: 1e9)
        #expect(study.shouldStop(t) == false)
        #expect(study.stoppingDecision(for: t) == nil)
    }

    @Test func thresholdStopsAValueAboveTheBound() throws {
        let rule = try EarlyStoppingRule.make(name: "threshold", options: ["bound": 10])
        let study = try Study(space: space, strategy: .random, seed: 1, earlyStopping: rule)
        let t = try study.ask()
        try t.report(step: 1, value: 5)
        #expect(study.shouldStop(t) == false)
        try t.report(step: 2, value: 11)
        #expect(study.shouldStop(t))
        try study.tell(t, .pruned(value: nil))
        #expect(t.state == .pruned)
        #expect(t.value == 11)
    }

    @Test func ashaComparesWithOtherTrialsAtTheRung() throws {
        // Rungs at steps 1, 3, 9 (η = 3). Three trials reach step 1 with 0.1, 0.2, 0.9:
        // the third is not in the top ⌊3/3⌋ = 1 and stops; the first continues.
        let rule = try EarlyStoppingRule.make(name: "asha", options: ["reduction_factor": 3, "min_resource": 1])
        let study = try Study(space: space, strategy: .random, seed: 1, earlyStopping: rule)
        let trials = try study.ask(count: 3)
        try trials[0].report(step: 1, value: 0.1)
        #expect(study.shouldStop(trials[0]) == false)
        try trials[1].report(step: 1, value: 0.2)
        try trials[2].report(step: 1, value: 0.9)
        let decision = try #require(study.stoppingDecision(for: trials[2]))
        #expect(decision.shouldStop)
        #expect(decision.rule == "asha")
    }
}
