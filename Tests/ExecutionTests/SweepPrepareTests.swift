import Foundation
import Testing
@testable import Execution

/// `Sweep.prepare`: what a sweep file says about its run becomes the run's settings, in
/// Execution, for the CLI and a Swift program alike.
@Suite struct SweepPrepareTests {
    static func spec(_ settings: String) throws -> SweepSpec {
        try SweepSpec(yaml: """
            command: [python3, train.py, "{x}"]
            trials: 4
            parameters:
              x: "[0.1, 0.2]"
            \(settings)
            """, path: "sweep.yaml")
    }

    @Test func theStrategyEarlyStoppingBackendAndRanksComeFromTheSweep() throws {
        let plan = try Sweep.prepare(try Self.spec("""
            strategy: bayes
            parallel: 3
            early_stopping: {rule: asha, max_resource: 27, reduction_factor: 3}
            backend: {slurm: {partition: gpu, gpus_per_trial: 2}}
            nodes: 2
            ranks_per_node: 4
            launcher: mpi
            """))
        #expect(plan.strategy is BayesStrategy)
        let asha = try #require(plan.options.earlyStopping as? SuccessiveHalving)
        #expect(asha.maxResource == 27 && asha.reductionFactor == 3 && asha.minResource == 2)
        #expect(plan.options.backend == .slurm(SlurmOptions(partition: "gpu", gpusPerTrial: 2)))
        #expect(plan.options.ranks == RankLayout(nodes: 2, ranksPerNode: 4, launcher: .mpi))
        #expect(plan.slots.capacity == 3 && !plan.slots.usesGPUs)
        #expect(plan.budget == 4)
    }

    @Test func eachStrategyNameMakesItsStrategy() {
        #expect(StrategyKind.allCases.map { $0.makeStrategy().name } == ["grid", "random", "bayes", "tpe"])
    }

    @Test func theSweepsDatastoresAreCheckedAndTheGivenOnesWin() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.file("a"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch.file("b"), withIntermediateDirectories: true)
        let spec = try Self.spec("datastores: {images: \(scratch.file("a")), labels: \(scratch.file("a"))}")
        var options = ExecutionOptions()
        options.datastores = [try Datastore(name: "labels", path: scratch.file("b"))]
        let plan = try Sweep.prepare(spec, options: options)
        #expect(plan.options.datastores.map(\.path) == [scratch.file("a"), scratch.file("b")])
        #expect(throws: DatastoreError.unusable(name: "GONE", path: "/nonexistent/hpo", reason: "No such file or directory")) {
            try Sweep.prepare(try Self.spec("datastores: {gone: /nonexistent/hpo}"))
        }
    }

    /// Settings that cannot run together are refused before anything is made, each with
    /// its own message.
    @Test(arguments: [
        ("gpus: [0, 1]\nbackend: slurm", SweepSettingError.gpusWithSlurm.description),
        ("nodes: 2", "--nodes 2: a local trial runs on this machine only; use --backend slurm for several nodes"),
    ])
    func contradictorySettingsAreRefused(settings: String, message: String) throws {
        #expect { try Sweep.prepare(try Self.spec(settings)) } throws: { "\($0)" == message }
    }

    @Test func gpuOptionsNeedGPUs() throws {
        #expect(throws: SweepSettingError.gpuOptionsWithoutGPUs) {
            try Sweep.prepare(try Self.spec(""), slots: SlotRequest(trialsPerGPU: 2))
        }
    }

    @Test func anEarlyStoppingOptionThatIsNotANumberIsRefused() throws {
        var spec = try Self.spec("")
        spec.earlyStopping = EarlyStoppingSpec(rule: .median, options: ["warmup_steps": .string("five")])
        #expect { try Sweep.prepare(spec) } throws: {
            "\($0)" == "early-stopping rule median: warmup_steps must be a number, got 'five'"
        }
    }
}
