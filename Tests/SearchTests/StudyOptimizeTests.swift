import Foundation
import Testing
@testable import Search

@Suite("Study.optimize, enqueue and the best trial")
struct StudyOptimizeTests {
    let space = try! SearchSpace([
        Parameter("x", .real(low: -5, high: 5, log: false)),
        Parameter("optimizer", .categorical(["adam", "sgd"])),
    ])

    /// Counts the objectives running at once, and the most seen.
    final class Concurrency: @unchecked Sendable {
        private let lock = NSLock()
        private var now = 0
        private(set) var most = 0
        func enter() { lock.withLock { now += 1; most = max(most, now) } }
        func leave() { lock.withLock { now -= 1 } }
    }

    @Test func kWorkersRunTheBudgetAndNoMore() throws {
        let study = try Study(space: space, strategy: .random, seed: 1)
        let running = Concurrency()
        try study.optimize(trials: 12, workers: 3) { trial in
            running.enter()
            defer { running.leave() }
            return try trial.real("x") * trial.real("x")
        }
        #expect(study.trials.count == 12)
        #expect(study.trials.allSatisfy { $0.state == .completed })
        #expect(running.most <= 3)
        #expect(study.bestValue == study.trials.compactMap(\.value).min())
        #expect(study.bestParameters == study.bestTrial?.parameters)
    }

    @Test func theBudgetCountsTrialsOfEarlierRuns() throws {
        let storage = MemoryStudyStorage()
        let first = try Study(space: space, strategy: .random, seed: 1, storage: storage)
        try first.optimize(trials: 3) { _ in 1 }
        let resumed = MemoryStudyStorage(storage.trials)
        let again = try Study(space: space, strategy: .random, seed: 1, storage: resumed)
        try again.optimize(trials: 5) { _ in 1 }
        #expect(again.trials.map(\.number) == [0, 1, 2, 3, 4])
        #expect(resumed.calls.filter { $0.hasPrefix("asked") } == ["asked 3", "asked 4"])
        #expect(resumed.calls.last == "completed")
    }

    @Test func prunedAndFailedObjectivesAreToldSoAndTheLoopGoesOn() throws {
        struct Diverged: Error, CustomStringConvertible { var description: String { "diverged" } }
        let study = try Study(space: space, strategy: .random, seed: 1)
        try study.optimize(trials: 3) { trial in
            try trial.report(step: 1, value: 0.5)
            switch trial.number {
            case 0: throw TrialPruned()
            case 1: throw Diverged()
            default: return 0.25
            }
        }
        #expect(study.trials.map(\.state) == [.pruned, .failed, .completed])
        #expect(study.trials[0].value == 0.5)  // a pruned trial keeps its last reported value
    }

    @Test func anObjectiveThatKeepsFailingStopsTheLoop() throws {
        struct Broken: Error, CustomStringConvertible { var description: String { "no such file: data.csv" } }
        let study = try Study(space: space, strategy: .random, seed: 1)
        #expect(throws: StudyError.tooManyFailures(failures: 5, finished: 5, last: "no such file: data.csv")) {
            try study.optimize(trials: 50) { _ in throw Broken() }
        }
        #expect(study.trials.count == 5)
        #expect(throws: StudyError.tooManyFailures(failures: 2, finished: 2, last: "no such file: data.csv")) {
            try Study(space: space, strategy: .random).optimize(trials: 50, maxFailures: 2) { _ in throw Broken() }
        }
    }

    @Test func aGridEndsTheLoopWhenItIsWalked() throws {
        let grid = try SearchSpace([Parameter("n", .ordinal([1, 2, 3]))])
        let storage = MemoryStudyStorage()
        let study = try Study(space: grid, strategy: .grid, storage: storage)
        try study.optimize(trials: 10, workers: 2) { trial in Double(try trial.int("n")) }
        #expect(study.trials.count == 3)
        #expect(storage.calls.last == "completed")
    }

    @Test func enqueuedConfigurationsComeFirstInOrder() throws {
        let study = try Study(space: space, strategy: .random, seed: 1)
        try study.enqueue(["x": 1.5, "optimizer": "sgd"])
        try study.enqueue(["x": -2, "optimizer": "adam"])
        let trials = try study.ask(count: 3)
        #expect(trials[0].parameters == ["x": 1.5, "optimizer": "sgd"])
        #expect(trials[1].parameters == ["x": -2, "optimizer": "adam"])
        #expect(trials[2].parameters != trials[0].parameters)
        #expect(trials.map(\.number) == [0, 1, 2])
    }

    @Test func anEnqueuedConfigurationOutsideTheSpaceIsRefusedNamingTheParameter() throws {
        let study = try Study(space: space, strategy: .random)
        #expect(throws: StudyError.enqueuedOutsideSpace(
            configuration: "x=9 optimizer=adam", problem: "'x' = 9 is not in its domain, a real in [-5.0, 5.0]")) {
            try study.enqueue(["x": 9, "optimizer": "adam"])
        }
        #expect(throws: StudyError.enqueuedOutsideSpace(configuration: "x=1", problem: "'optimizer' needs a value")) {
            try study.enqueue(["x": 1])
        }
        #expect(throws: StudyError.enqueuedOutsideSpace(
            configuration: "x=1 optimizer=adam momentum=0.9",
            problem: "the space has no parameter 'momentum' (its parameters: x, optimizer)")) {
            try study.enqueue(["x": 1, "optimizer": "adam", "momentum": 0.9])
        }
        #expect(StudyError.enqueuedOutsideSpace(configuration: "x=1", problem: "'optimizer' needs a value").description
            == "enqueue(_:) was given a configuration outside the search space (x=1): 'optimizer' needs a value")
    }

    @Test func literalsSpellValuesAndTheAccessorIsNamedAfterTheCase() throws {
        #expect(Domain.ordinal([16, 32, 64]) == .ordinal([.int(16), .int(32), .int(64)]))
        #expect(Domain.categorical(["adam", true, 0.5]) == .categorical([.string("adam"), .bool(true), .real(0.5)]))
        let study = try Study(space: space, strategy: .random)
        let t = try study.ask()
        #expect(try t.real("x") == t.parameters["x"]?.numericValue)
    }

    @Test func aGridOverAContinuousParameterGetsLibraryAdvice() {
        #expect(throws: StudyError.strategyCannotSearch(strategy: "grid", .continuousParameterInGrid(parameter: "x"))) {
            try Study(space: space, strategy: .grid)
        }
        let message = StudyError.strategyCannotSearch(strategy: "grid", .continuousParameterInGrid(parameter: "x")).description
        #expect(message.contains("gridPoints:") && message.contains(".random") && !message.contains("--"))
    }
}
