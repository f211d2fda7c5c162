import Foundation
import Testing
@testable import Execution

/// How another run's trials become priors (`PriorMapping`, `WarmStart`).
@Suite struct WarmStartMappingTests {
    static let space = try! SearchSpace([
        Parameter("lr", .real(low: 1e-4, high: 0.1, log: true)),
        Parameter("layers", .integer(low: 1, high: 8, log: false)),
        Parameter("optimizer", .categorical([.string("sgd"), .string("adam")])),
    ])

    @Test func aTrialInsideTheSpaceIsTakenAsItIs() {
        let trial: Configuration = ["lr": .real(0.01), "layers": .int(3), "optimizer": .string("adam")]
        #expect(PriorMapping.map(trial, into: Self.space) == .success(trial))
    }

    @Test func aValueOutsideANarrowedRangeDropsTheTrial() {
        let trial: Configuration = ["lr": .real(0.5), "layers": .int(3), "optimizer": .string("adam")]
        #expect(PriorMapping.map(trial, into: Self.space) == .failure(.outOfDomain("lr")))
    }

    @Test func aRemovedChoiceDropsTheTrial() {
        let trial: Configuration = ["lr": .real(0.01), "layers": .int(3), "optimizer": .string("rmsprop")]
        #expect(PriorMapping.map(trial, into: Self.space) == .failure(.outOfDomain("optimizer")))
    }

    @Test func aNewParameterDropsTheTrialAndSaysWhich() {
        let trial: Configuration = ["lr": .real(0.01), "layers": .int(3)]
        #expect(PriorMapping.map(trial, into: Self.space) == .failure(.newParameter("optimizer")))
        #expect(PriorMapping.Dropped.newParameter("optimizer").description == "no value for the new parameter optimizer")
    }

    @Test func aRemovedParameterIsLeftOutAndTheTrialKept() {
        let trial: Configuration = ["lr": .real(0.01), "layers": .int(3), "optimizer": .string("sgd"), "dropout": .real(0.1)]
        #expect(PriorMapping.map(trial, into: Self.space)
                == .success(["lr": .real(0.01), "layers": .int(3), "optimizer": .string("sgd")]))
    }

    @Test func aWholeNumberFitsAnIntegerRangeAndAnIntegerARealOne() {
        let trial: Configuration = ["lr": .int(0), "layers": .real(4), "optimizer": .string("sgd")]
        #expect(PriorMapping.map(trial, into: Self.space) == .failure(.outOfDomain("lr")))
        let fits: Configuration = ["lr": .real(0.01), "layers": .real(4), "optimizer": .string("sgd")]
        #expect(PriorMapping.map(fits, into: Self.space)
                == .success(["lr": .real(0.01), "layers": .int(4), "optimizer": .string("sgd")]))
    }

    /// A root with run `name` holding succeeded trials `lr = values[i]` with objective i.
    static func source(_ fixture: TemporaryDirectory, _ name: String, lrs: [Double], metric: String = "objective",
                       goal: Goal = .minimize) throws {
        let layout = try RunLayout(root: fixture.path, name: name)
        try layout.createDirectories()
        var spec = SweepSpec(command: try CommandTemplate(parsing: ["train", "{lr}"]),
                             space: try SearchSpace([Parameter("lr", .real(low: 1e-5, high: 1, log: true))]))
        spec.metric = SweepMetric(name: metric, goal: goal)
        let store = try RunStore.create(layout: layout, run: RunInfo(
            name: name, createdAt: epoch, configurationYAML: spec.yaml, seed: 0, strategy: "random", goal: goal,
            metric: metric, parameterNames: ["lr"]))
        for (i, lr) in lrs.enumerated() {
            try store.createTrial(number: i, configuration: ["lr": .real(lr)], at: at(Double(i)))
            try finish(store, i, objective: Double(i), start: Double(i))
        }
        try store.createTrial(number: lrs.count, configuration: ["lr": .real(0.01)], at: at(50))
        try finish(store, lrs.count, .failed, exitCode: 1, start: 50)
    }

    static func spec(metric: String = "objective", goal: Goal = .minimize) throws -> SweepSpec {
        var spec = SweepSpec(command: try CommandTemplate(parsing: ["train", "{lr}"]), strategy: .bayes, trials: 5,
                             space: try SearchSpace([Parameter("lr", .real(low: 1e-3, high: 0.1, log: true))]))
        spec.metric = SweepMetric(name: metric, goal: goal)
        return spec
    }

    @Test func succeededTrialsBecomePriorsAndTheOthersAreCountedByReason() throws {
        let root = TemporaryDirectory()
        try Self.source(root, "old", lrs: [0.01, 0.5, 0.05, 1e-4])
        let sources = try WarmStart.read(["old"], root: root.path, spec: try Self.spec())
        let source = try #require(sources.first)
        #expect(source.finished == 4)  // the failed trial is not read
        #expect(source.priors.map(\.trial) == [0, 2])
        #expect(source.priors.map(\.observation) == [Observation(["lr": .real(0.01)], .value(0)),
                                                     Observation(["lr": .real(0.05)], .value(2))])
        #expect(source.droppedText == "lr outside this run's values: 2")
        #expect(WarmStartSummary(run: "old", finished: 4, taken: 2, dropped: source.droppedText).line
                == "2 prior trials from run old (2 dropped: lr outside this run's values: 2)")
    }

    @Test func aRunWithAnotherObjectiveIsRefusedWithTheReason() throws {
        let root = TemporaryDirectory()
        try Self.source(root, "acc", lrs: [0.01], metric: "accuracy", goal: .maximize)
        #expect(throws: WarmStartError.differentObjective(run: "acc", theirs: "maximize accuracy", ours: "minimize objective")) {
            try WarmStart.read(["acc"], root: root.path, spec: try Self.spec())
        }
    }

    @Test func aMissingRunIsRefused() throws {
        let root = TemporaryDirectory()
        #expect(throws: WarmStartError.runNotFound(run: "nope", root: root.path)) {
            try WarmStart.read(["nope"], root: root.path, spec: try Self.spec())
        }
    }

    @Test func aRunAnOlderHpoMadeIsUpgradedAndRead() throws {
        let root = TemporaryDirectory()
        try Self.source(root, "old", lrs: [0.01])
        let store = try RunStore.open(layout: try RunLayout(root: root.path, name: "old"))
        try store.write { db in
            try db.execute(sql: """
                DROP TABLE enqueued; DROP TABLE prior; DROP TABLE warm_start;
                DELETE FROM grdb_migrations WHERE identifier IN ('v5-continuation', 'v6-prior-objectives'); PRAGMA user_version = 4;
                """)
        }
        try store.close()
        let sources = try WarmStart.read(["old"], root: root.path, spec: try Self.spec())
        #expect(sources.map(\.priors.count) == [1])
    }

    @Test func priorsAreStoredWithTheRunAndReadBack() throws {
        let root = TemporaryDirectory()
        try Self.source(root, "old", lrs: [0.01, 0.5])
        let sources = try WarmStart.read(["old"], root: root.path, spec: try Self.spec())
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.recordWarmStart(sources)
        #expect(try store.priorObservations() == [Observation(["lr": .real(0.01)], .value(0))])
        #expect(try store.warmStarts() == [WarmStartSummary(run: "old", finished: 2, taken: 1,
                                                            dropped: "lr outside this run's values: 1")])
    }
}

/// Warm starts of a run with several objectives: the priors carry the later objectives too.
@Suite struct WarmStartObjectivesTests {
    static func spec() throws -> SweepSpec {
        var spec = try WarmStartMappingTests.spec()
        spec.furtherMetrics = [SweepMetric(name: "latency", goal: .minimize)]
        return spec
    }

    @Test func aPriorCarriesTheLastValueOfEachLaterObjectiveAndNaNWhereTheRunStoredNone() throws {
        let root = TemporaryDirectory()
        try WarmStartMappingTests.source(root, "old", lrs: [0.01, 0.05])
        let store = try RunStore.open(layout: try RunLayout(root: root.path, name: "old"))
        try store.appendMetrics(trial: 0, attempt: 1, points: [MetricPoint(step: 1, name: "latency", value: 9),
                                                               MetricPoint(step: 2, name: "latency", value: 7)], at: at(60))
        try store.close()
        let source = try #require(try WarmStart.read(["old"], root: root.path, spec: try Self.spec()).first)
        let further = source.priors.map(\.observation.furtherValues)
        #expect(further.count == 2)
        #expect(further.first == [7])
        #expect(further.last?.count == 1 && further.last?.first?.isNaN == true)
    }

    @Test func theLaterObjectivesAreStoredWithTheRunAndReadBack() throws {
        let root = TemporaryDirectory()
        try WarmStartMappingTests.source(root, "old", lrs: [0.01])
        let old = try RunStore.open(layout: try RunLayout(root: root.path, name: "old"))
        try old.appendMetrics(trial: 0, attempt: 1, points: [MetricPoint(step: 1, name: "latency", value: 3)], at: at(60))
        try old.close()
        let spec = try Self.spec()
        let sources = try WarmStart.read(["old"], root: root.path, spec: spec)
        let layout = try RunLayout(root: root.path, name: "new")
        try layout.createDirectories()
        let store = try RunStore.create(layout: layout, run: RunInfo(
            name: "new", createdAt: epoch, configurationYAML: spec.yaml, seed: 0, strategy: "bayes", goal: .minimize,
            metric: "objective", parameterNames: ["lr"]))
        try store.recordWarmStart(sources)
        let priors = try store.priorObservations()
        #expect(priors.map(\.furtherValues) == [[3]])
        #expect(priors.map(\.objectiveValues) == [[0, 3]])
    }
}
