import Foundation
import Search
import Testing
@testable import LearningCurves

/// A task whose curves are written down: trial value at step s is x + 1/s, so lower x is
/// better at every step. It records what the run asked of it.
final class FakeEvaluator: LearningCurveEvaluator {
    var steps: [Int: Int] = [:]
    var x: [Int: Double] = [:]
    /// Every (trial, step) advanced, in order.
    var log: [(trial: Int, step: Int)] = []
    /// The most trials started and not yet stopped at once.
    var mostRunning = 0
    var stopped: Set<Int> = []

    func describe(task: String) throws -> LearningCurveTask {
        LearningCurveTask(name: task, space: try SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false))]),
                          length: 9, optimum: 0)
    }

    func start(trial: Int, task: String, configuration: Configuration) throws {
        x[trial] = configuration["x"]!.numericValue!
        steps[trial] = 0
        mostRunning = max(mostRunning, steps.count)
    }

    func step(trial: Int) throws -> Double {
        steps[trial]! += 1
        log.append((trial, steps[trial]!))
        return value(trial, at: steps[trial]!)
    }

    func stop(trial: Int) throws {
        steps[trial] = nil
        stopped.insert(trial)
    }

    func value(_ trial: Int, at step: Int) -> Double { x[trial]! + 1 / Double(step) }
}

@Suite struct SimulatedRunTests {
    let space = try! SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false))])

    func asha(_ length: Int) throws -> SuccessiveHalving {
        try SuccessiveHalving(minResource: 1, reductionFactor: 3, maxResource: length)
    }

    @Test func theRunSpendsExactlyTheBudgetAndEveryStepBelongsToATrial() throws {
        let study = try Study(space: space, strategy: .random, seed: 3, earlyStopping: try asha(9))
        let fake = FakeEvaluator()
        let trace = try SimulatedRun(task: "fake", length: 9, workers: 4, budget: 200).run(study, evaluator: fake)
        #expect(trace.steps == 200)
        #expect(fake.log.count == 200)
        #expect(study.trials.map(\.curve.count).reduce(0, +) == 200)
        #expect(trace.trials == study.trials.count)
        #expect(trace.fullTrials == study.trials.filter { $0.curve.count == 9 }.count)
    }

    @Test func withoutARuleEachWorkerRunsWholeTrialsInTurn() throws {
        // 2 workers, R = 5, 23 steps: worker 0 takes 12 steps, worker 1 takes 11; each started
        // trials at t = 0, 5, 10 and finished two.
        let study = try Study(space: space, strategy: .random, seed: 1)
        let fake = FakeEvaluator()
        let trace = try SimulatedRun(task: "fake", length: 5, workers: 2, budget: 23).run(study, evaluator: fake)
        #expect(trace.trials == 6)
        #expect(trace.fullTrials == 4)
        #expect(fake.log.prefix(4).map(\.trial) == [0, 1, 0, 1])
        #expect(study.trials.filter { $0.state == .completed }.count == 4)
        #expect(study.trials.filter { $0.state == .running }.count == 2)
    }

    @Test func aStoppedTrialsWorkerAsksForANewTrialAtOnceAndNeverMoreThanKRunAtOnce() throws {
        let study = try Study(space: space, strategy: .random, seed: 5, earlyStopping: try asha(9))
        let fake = FakeEvaluator()
        _ = try SimulatedRun(task: "fake", length: 9, workers: 3, budget: 300).run(study, evaluator: fake)
        #expect(fake.mostRunning == 3)
        #expect(study.trials.contains { $0.state == .pruned })
        // Every trial pruned or completed was stopped in the evaluator; so were those left running.
        #expect(fake.stopped == Set(study.trials.map(\.number)))
        // Asynchronous: some trial started while others were mid-curve.
        let firstStepOf = Dictionary(fake.log.enumerated().filter { $0.element.step == 1 }.map { ($0.element.trial, $0.offset) },
                                     uniquingKeysWith: min)
        #expect(firstStepOf.values.contains { start in fake.log[..<start].contains { $0.step > 1 && $0.step < 9 } })
    }

    @Test func theTraceHoldsTheBestFullFidelityValueAfterEachStep() throws {
        let study = try Study(space: space, strategy: .random, seed: 7, earlyStopping: try asha(9))
        let fake = FakeEvaluator()
        let trace = try SimulatedRun(task: "fake", length: 9, workers: 2, budget: 400).run(study, evaluator: fake)
        // Replay the evaluator's log: the best value at step R so far, after each step.
        var best = Double.infinity
        for (i, entry) in fake.log.enumerated() {
            if entry.step == 9 { best = min(best, fake.value(entry.trial, at: 9)) }
            #expect(trace.best(atSteps: i + 1) == (best.isFinite ? best : nil), "after \(i + 1) steps")
        }
        #expect(trace.improvements.map(\.best) == trace.improvements.map(\.best).sorted(by: >))
        let completed = study.trials.compactMap { $0.state == .completed ? $0.value : nil }
        #expect(trace.best(atSteps: 400) == completed.min())
    }

    @Test func noFullFidelityValueBeforeTheFirstTrialReachesStepR() throws {
        let study = try Study(space: space, strategy: .random, seed: 2)
        let trace = try SimulatedRun(task: "fake", length: 9, workers: 2, budget: 30).run(study, evaluator: FakeEvaluator())
        // Two workers in turn: trial 0 reaches step 9 at the 17th step, trial 1 at the 18th.
        #expect(trace.best(atSteps: 16) == nil)
        #expect(trace.best(atSteps: 17) == study.trials[0].curve.last!.value)
        #expect(trace.improvements.first?.steps == 17)
    }

    @Test func theSameSeedGivesTheSameRun() throws {
        func run() throws -> RunTrace {
            let study = try Study(space: space, strategy: .bayes(), seed: 11, earlyStopping: try asha(9))
            return try SimulatedRun(task: "fake", length: 9, workers: 4, budget: 120).run(study, evaluator: FakeEvaluator())
        }
        #expect(try run() == run())
    }

    @Test func aNaNAtStepRIsNeverBest() {
        var trace = RunTrace(budget: 3)
        trace.record(step: 2.0)
        trace.record(step: .nan)
        trace.record(step: nil)
        #expect(trace.best(atSteps: 3) == 2.0)
        #expect(trace.improvements == [RunTrace.Point(steps: 1, best: 2.0)])
    }
}
