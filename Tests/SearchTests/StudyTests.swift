import Foundation
import Testing
@testable import Search

@Suite("Study ask/tell")
struct StudyTests {
    /// lr (log real), layers (integer), optimizer (categorical).
    let space = try! SearchSpace([
        Parameter("lr", .real(low: 1e-4, high: 1, log: true)),
        Parameter("layers", .integer(low: 1, high: 6, log: false)),
        Parameter("optimizer", .categorical([.string("sgd"), .string("adam")])),
    ])

    /// The 4-point space of Grid.ai's example.
    let food = try! SearchSpace([
        Parameter("number", .ordinal([.int(1), .int(2)])),
        Parameter("food_item", .categorical([.string("pizza"), .string("hotdog")])),
    ])

    /// A made-up loss with its minimum at lr = 0.01, layers = 3, adam.
    func loss(_ t: Trial) throws -> Double {
        let lr = try t.real("lr"), layers = try t.int("layers")
        let penalty = try t.string("optimizer") == "adam" ? 0 : 0.5
        return pow(log10(lr) + 2, 2) + Double((layers - 3) * (layers - 3)) + penalty
    }

    @Test func theDesignLoopRunsAndFindsTheBestTrial() throws {
        let study = try Study(space: space, strategy: .random, goal: .minimize, seed: 7)
        var told: [Double] = []
        for _ in 0..<50 {
            let t = try study.ask()
            let value = try loss(t)
            try study.tell(t, value: value)
            told.append(value)
        }
        let best = try #require(study.bestTrial)
        #expect(best.value == told.min())
        #expect(best.number == told.firstIndex(of: told.min()!))
        #expect(best.state == .completed)
        #expect(study.trials.count == 50)
        #expect(study.trials.allSatisfy { $0.state == .completed })
    }

    @Test func maximizeKeepsTheLargestValue() throws {
        let study = try Study(space: space, strategy: .random, goal: .maximize, seed: 1)
        for value in [0.2, 0.9, -3, 0.9, 0.5] { try study.tell(study.ask(), value: value) }
        #expect(study.bestTrial?.number == 1, "the earliest of equal values")
        #expect(study.bestTrial?.value == 0.9)
    }

    @Test func trialsAreNumberedFromZeroInAskOrder() throws {
        let study = try Study(space: space, strategy: .random, seed: 3)
        let a = try study.ask(), batch = try study.ask(count: 3), b = try study.ask()
        #expect([a.number] + batch.map(\.number) + [b.number] == [0, 1, 2, 3, 4])
        #expect(study.trials.map(\.number) == [0, 1, 2, 3, 4])
        #expect(study.trials[2] == batch[1])
        #expect(study.trials[2].parameters == batch[1].parameters)
    }

    @Test func theSameSeedGivesTheSameTrials() throws {
        func run(seed: UInt64) throws -> [Configuration] {
            let study = try Study(space: space, strategy: .random, seed: seed)
            return try (0..<10).map { _ in
                let t = try study.ask()
                try study.tell(t, value: loss(t))
                return t.parameters
            }
        }
        #expect(try run(seed: 5) == run(seed: 5))
        #expect(Set(try run(seed: 5)).isDisjoint(with: try run(seed: 6)))
    }

    /// Random suggestion i depends only on (seed, i): a batch of six equals six single asks,
    /// whether or not results were told in between.
    @Test func aBatchEqualsOneAtATimeAsking() throws {
        let batched = try Study(space: space, strategy: .random, seed: 11).ask(count: 6).map(\.parameters)
        let single = try Study(space: space, strategy: .random, seed: 11)
        var oneByOne: [Configuration] = []
        for i in 0..<6 {
            let t = try single.ask()
            oneByOne.append(t.parameters)
            if i % 2 == 0 { try single.tell(t, value: Double(i)) }
        }
        #expect(batched == oneByOne)
    }

    @Test func runningTrialsArePendingForTheStrategy() throws {
        let study = try Study(space: food, strategy: .grid)
        let first = try study.ask(), second = try study.ask()
        #expect(first.parameters != second.parameters)
        let rest = try study.ask(count: 5)
        #expect(rest.count == 2, "a grid near its end gives fewer than asked")
        #expect(Set(([first, second] + rest).map(\.parameters)).count == 4)
    }

    @Test func gridTrialsFollowGridOrder() throws {
        let study = try Study(space: food, strategy: .grid)
        let order = try (0..<4).map { _ in try study.ask() }.map { t in
            try "\(t.int("number")) \(t.string("food_item"))"
        }
        #expect(order == ["1 pizza", "2 pizza", "1 hotdog", "2 hotdog"])
    }

    @Test func anExhaustedGridThrowsATypedError() throws {
        let study = try Study(space: food, strategy: .grid)
        for _ in 0..<4 { try study.tell(study.ask(), value: 1) }
        #expect(throws: StudyError.exhausted(strategy: "grid", trials: 4)) { try study.ask() }
        #expect(StudyError.exhausted(strategy: "grid", trials: 4).description
            == "the grid strategy has nothing left to suggest after 4 trials: "
            + "every configuration of the search space has been asked")
    }

    @Test func aGridOverAContinuousParameterIsRefusedAtOnce() {
        #expect(throws: StudyError.strategyCannotSearch(strategy: "grid", .continuousParameterInGrid(parameter: "lr"))) {
            try Study(space: space, strategy: .grid)
        }
    }

    @Test func askingForNoTrialsIsAnError() throws {
        let study = try Study(space: space, strategy: .random)
        #expect(throws: StudyError.invalidCount(0)) { try study.ask(count: 0) }
        #expect(StudyError.invalidCount(0).description == "ask(count:) needs a count of at least 1, got 0")
    }

    @Test func tellingTwiceIsAnError() throws {
        let study = try Study(space: space, strategy: .random)
        let t = try study.ask()
        try study.tell(t, value: 1)
        #expect(throws: StudyError.alreadyFinished(trial: 0, state: .completed)) { try study.tell(t, value: 2) }
        #expect(throws: StudyError.alreadyFinished(trial: 0, state: .completed)) { try study.tell(t, .failed) }
        #expect(t.value == 1, "the first result stands")
        #expect(StudyError.alreadyFinished(trial: 0, state: .completed).description
            == "trial 0 is already completed; a trial is told its result once")
    }

    @Test func tellingAnotherStudysTrialIsAnError() throws {
        let a = try Study(space: space, strategy: .random), b = try Study(space: space, strategy: .random)
        let t = try a.ask()
        _ = try b.ask()
        #expect(throws: StudyError.unknownTrial(0)) { try b.tell(t, value: 1) }
        #expect(b.trials[0].state == .running)
        #expect(StudyError.unknownTrial(0).description
            == "trial 0 was asked from another study; tell each study only its own trials")
    }

    @Test func failedTrialsHaveNoValueAndAreNeverBest() throws {
        let study = try Study(space: space, strategy: .random)
        let failed = try study.ask(), ok = try study.ask()
        try study.tell(failed, .failed)
        try study.tell(ok, value: 3)
        #expect(failed.state == .failed)
        #expect(failed.value == nil)
        #expect(study.bestTrial == ok)
    }

    @Test func aNaNValueFailsTheTrial() throws {
        let study = try Study(space: space, strategy: .random)
        let t = try study.ask()
        try study.tell(t, value: .nan)
        #expect(t.state == .failed)
        #expect(t.value == nil)
        #expect(study.bestTrial == nil)
    }

    @Test func infiniteValuesCompleteButAreNeverBest() throws {
        let study = try Study(space: space, strategy: .random)
        let minusInfinity = try study.ask(), finite = try study.ask()
        try study.tell(minusInfinity, value: -.infinity)
        #expect(minusInfinity.state == .completed)
        #expect(study.bestTrial == nil)
        try study.tell(finite, value: 10)
        #expect(study.bestTrial == finite)
    }

    @Test func aPrunedTrialKeepsItsLastReportedValueAndIsNeverBest() throws {
        let study = try Study(space: space, strategy: .random)
        let pruned = try study.ask(), done = try study.ask(), silent = try study.ask()
        try pruned.report(step: 0, value: 0.9)
        try pruned.report(step: 1, value: 0.4)
        try study.tell(pruned, .pruned(value: nil))
        try study.tell(done, value: 0.5)
        try study.tell(silent, .pruned(value: nil))
        #expect(pruned.state == .pruned)
        #expect(pruned.value == 0.4)
        #expect(silent.value == nil)
        #expect(study.bestTrial == done)
    }

    @Test func reportsBuildTheLearningCurve() throws {
        let study = try Study(space: space, strategy: .random)
        let t = try study.ask()
        for (step, value) in [(1, 0.8), (2, 0.6), (5, 0.55)] { try t.report(step: step, value: value) }
        #expect(t.curve == [CurvePoint(step: 1, value: 0.8), CurvePoint(step: 2, value: 0.6),
                            CurvePoint(step: 5, value: 0.55)])
        #expect(study.trials[0].curve.count == 3)
        #expect(t.value == nil, "reports are not the result")
    }

    @Test func stepsMustIncrease() throws {
        let study = try Study(space: space, strategy: .random)
        let t = try study.ask()
        try t.report(step: 3, value: 0.5)
        #expect(throws: StudyError.stepNotIncreasing(trial: 0, step: 3, previous: 3)) { try t.report(step: 3, value: 0.4) }
        #expect(throws: StudyError.stepNotIncreasing(trial: 0, step: 2, previous: 3)) { try t.report(step: 2, value: 0.4) }
        #expect(t.curve.count == 1)
        #expect(StudyError.stepNotIncreasing(trial: 0, step: 2, previous: 3).description
            == "trial 0: step 2 reported after step 3; steps must increase")
    }

    @Test func reportingAfterTheResultIsAnError() throws {
        let study = try Study(space: space, strategy: .random)
        let t = try study.ask()
        try study.tell(t, .failed)
        #expect(throws: StudyError.reportAfterFinish(trial: 0, state: .failed)) { try t.report(step: 1, value: 1) }
        #expect(StudyError.reportAfterFinish(trial: 0, state: .failed).description
            == "trial 0 is already failed; report intermediate values before telling its result")
    }

    @Test func statesFollowEachTrial() throws {
        let study = try Study(space: space, strategy: .random)
        let t = try study.ask(count: 4)
        try study.tell(t[0], value: 1)
        try study.tell(t[1], .failed)
        try study.tell(t[2], .pruned(value: 2))
        #expect(study.trials.map(\.state) == [.completed, .failed, .pruned, .running])
        #expect(study.trials.map(\.state.isFinished) == [true, true, true, false])
    }

    @Test func typedAccessorsConvertAndExplainMistakes() throws {
        let mixed = try SearchSpace([
            Parameter("lr", .real(low: 0.1, high: 0.2, log: false)),
            Parameter("epochs", .integer(low: 3, high: 3, log: false)),
            Parameter("opt", .constant(.string("adam"))),
            Parameter("nesterov", .constant(.bool(true))),
        ])
        let t = try Study(space: mixed, strategy: .random).ask()
        #expect(try t.real("epochs") == 3)
        #expect(try t.int("epochs") == 3)
        #expect(try t.string("opt") == "adam")
        #expect(try t.bool("nesterov") == true)
        #expect((0.1...0.2).contains(try t.real("lr")))
        #expect(throws: StudyError.missingParameter(trial: 0, name: "momentum")) { try t.real("momentum") }
        #expect(throws: StudyError.parameterType(trial: 0, name: "opt", expected: "a number", value: .string("adam"))) {
            try t.real("opt")
        }
        #expect(StudyError.parameterType(trial: 0, name: "lr", expected: "an integer", value: .real(0.15)).description
            == "trial 0: parameter 'lr' is 0.15, not an integer")
        #expect(StudyError.missingParameter(trial: 0, name: "momentum").description == "trial 0 has no parameter 'momentum'")
    }

    @Test func aTrialDescribesItselfInDeclaredOrder() throws {
        let study = try Study(space: food, strategy: .grid)
        let t = try study.ask()
        #expect(t.description == "trial 0 running: number=1 food_item=pizza")
        try study.tell(t, value: 0.25)
        #expect(t.description == "trial 0 completed 0.25: number=1 food_item=pizza")
    }
}
