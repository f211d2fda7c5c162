import Foundation
import Testing
@testable import Search

/// A `Study` with several objectives: told a vector per trial, its best is the Pareto front.
@Suite("Study with several objectives")
struct StudyObjectivesTests {
    let space = try! SearchSpace([Parameter("x", .ordinal([.int(0), .int(1), .int(2), .int(3), .int(4)]))])
    let objectives = [Objective(metric: "val_loss", goal: .minimize), Objective(metric: "accuracy", goal: .maximize)]

    /// Asks the whole grid and tells each trial its `(val_loss, accuracy)`.
    func study(_ values: [[Double]]) throws -> Study {
        let study = try Study(space: space, strategy: .grid, objectives: objectives)
        for v in values { try study.tell(try study.ask(), values: v) }
        return study
    }

    @Test func bestTrialsIsTheFrontSortedByTheFirstObjective() throws {
        // 0 (0.5, 0.9) front; 1 (0.3, 0.8) front; 2 (0.4, 0.7) dominated by 1; 3 (0.2, 0.6) front;
        // 4 (0.6, 0.9) dominated by 0.
        let study = try study([[0.5, 0.9], [0.3, 0.8], [0.4, 0.7], [0.2, 0.6], [0.6, 0.9]])
        #expect(study.bestTrials.map(\.number) == [3, 1, 0])
        #expect(study.values(of: study.trials[1]) == [0.3, 0.8])
        #expect(study.isMultiObjective)
    }

    @Test func aTrialWithoutALaterValueIsOffTheFrontAndANaNFirstValueFails() throws {
        let study = try study([[0.5, 0.9], [0.1, .nan], [.nan, 1.0]])
        #expect(study.bestTrials.map(\.number) == [0])
        #expect(study.trials[1].state == .completed)
        #expect(study.trials[2].state == .failed)
    }

    @Test func theStrategyHearsEveryObjective() throws {
        let study = try study([[0.5, 0.9], [0.3, 0.8]])
        let context = study.locked { study.context() }
        #expect(context.goals == [.minimize, .maximize])
        #expect(context.completed.map(\.objectiveValues) == [[0.5, 0.9], [0.3, 0.8]])
    }

    @Test func aVectorOfTheWrongLengthIsRefused() throws {
        let study = try Study(space: space, strategy: .grid, objectives: objectives)
        let trial = try study.ask()
        #expect(throws: StudyObjectivesError.valueCount(trial: 0, given: 1, objectives: ["val_loss", "accuracy"])) {
            try study.tell(trial, values: [0.5])
        }
        #expect(trial.state == .running)
    }

    @Test func noObjectivesAndARepeatedMetricAreRefused() {
        #expect(throws: StudyObjectivesError.noObjectives) { try Study(space: space, strategy: .grid, objectives: []) }
        #expect(throws: StudyObjectivesError.repeatedMetric("val_loss")) {
            try Study(space: space, strategy: .grid, objectives: [objectives[0], objectives[0]])
        }
    }

    @Test func aSingleGoalStudyHasOneObjectiveAndItsBestTrialsAreTheTiedBest() throws {
        let study = try Study(space: space, strategy: .grid, goal: .minimize)
        for v in [0.4, 0.2, 0.2] { try study.tell(try study.ask(), value: v) }
        #expect(study.objectives.count == 1 && !study.isMultiObjective)
        #expect(study.bestTrials.map(\.number) == [1, 2])
    }

    @Test func constraintsKeepInfeasibleTrialsOffTheFront() throws {
        let memory = OutcomeConstraint(metric: "mem", bound: 16, isUpperBound: true)
        let study = try Study(space: space, strategy: .grid, objectives: objectives, constraints: [memory])
        try study.tell(try study.ask(), values: [0.5, 0.9], metrics: ["mem": 8])
        try study.tell(try study.ask(), values: [0.1, 0.95], metrics: ["mem": 32])
        #expect(study.bestTrials.map(\.number) == [0])
    }
}
