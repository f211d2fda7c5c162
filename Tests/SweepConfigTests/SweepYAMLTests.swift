import Testing
@testable import SweepConfig

/// The resolved configuration: rendered as YAML, it loads back to the same spec.
@Suite struct SweepYAMLTests {
    @Test func resolvedConfigReadsAsAPersonWouldWriteIt() throws {
        let sweep = try CommandLineSweep(parsing: ["python3", "Examples/hello.py", "--number", "[1, 2]",
                                                   "--food_item", "['pizza', 'hotdog']"], seed: 0)
        let spec = SweepSpec(command: sweep.template, space: sweep.space)
        #expect(spec.yaml == """
            command: [python3, Examples/hello.py, --number, '{number}', --food_item, '{food_item}']
            metric:
              name: objective
              goal: minimize
            strategy: grid
            seed: 0
            parallel: 1
            gpus: []
            parameters:
              number: '[1, 2]'
              food_item: "['pizza', 'hotdog']"

            """)
    }

    static let specs: [SweepSpec] = {
        let space = try! SearchSpace([
            Parameter("lr", .real(low: 1e-5, high: 0.1, log: true)),
            Parameter("wd", .real(low: 0, high: 0.3, log: false), gridPoints: 4),
            Parameter("layers", .integer(low: 1, high: 8, log: false)),
            Parameter("width", .integer(low: 16, high: 1024, log: true), gridPoints: 3),
            Parameter("units", .integer(low: 2, high: 9, log: true)),
            Parameter("drop", .ordinal([.real(0.1), .int(2), .real(1e-7), .real(0.30000000000000004)])),
            Parameter("opt", .categorical([.string("sgd"), .string("it's \"x\""), .string("10"), .string("yes")])),
            Parameter("seeds", .categorical([.int(1), .int(2)])),
            Parameter("flags", .categorical([.bool(true), .bool(false)])),
            Parameter("epochs", .constant(.int(10))),
            Parameter("ratio", .constant(.real(0.5))),
            Parameter("amp", .constant(.bool(true))),
            Parameter("model", .constant(.string("bert"))),
            Parameter("numeric_text", .constant(.string("1e-3"))),
            Parameter("looks_like_sweep", .constant(.string("[not, a, list]"))),
            Parameter("date", .constant(.string("2024-01-01"))),
            Parameter("empty", .constant(.string(""))),
            Parameter("unicode", .constant(.string("é ü"))),
        ])
        let command = try! CommandTemplate(parsing: ["python3", "train.py", "--lr={lr}", "--json", "{{\"a\": 1}}", "10", "#x", ""])
        return [
            SweepSpec(space: try! SearchSpace([])),
            SweepSpec(name: "full: run", command: command, metric: SweepMetric(name: "val acc", goal: .maximize),
                      strategy: .bayes, trials: 60, seed: UInt64.max, parallel: 4, gpus: [0, 1, 3], space: space,
                      earlyStopping: EarlyStoppingSpec(rule: .asha, options: [
                          "reduction_factor": .int(3), "min_resource": .int(2), "max_resource": .real(81),
                      ])),
        ]
    }()

    @Test(arguments: specs)
    func renderedConfigLoadsBackEqual(spec: SweepSpec) throws {
        let text = spec.yaml
        #expect(try SweepSpec(yaml: text, path: "resolved.yaml") == spec, "\(text)")
    }

    @Test func aSlurmBackendAndRanksAreReadAndWrittenBack() throws {
        let spec = try SweepSpec(yaml: """
            backend:
              slurm: {partition: gpu, time: "2:00:00", gpus_per_trial: 2, mem_per_trial: 32G, extra_args: [--exclusive]}
            nodes: 2
            ranks_per_node: 4
            launcher: mpi
            """)
        var expected = SweepBackend(kind: .slurm)
        expected.partition = "gpu"
        expected.time = "2:00:00"
        expected.gpusPerTrial = 2
        expected.memoryPerTrial = "32G"
        expected.extraArguments = ["--exclusive"]
        #expect(spec.backend == expected)
        #expect(spec.nodes == 2 && spec.ranksPerNode == 4 && spec.launcher == "mpi")
        #expect(try SweepSpec(yaml: spec.yaml) == spec, "\(spec.yaml)")
        #expect(try SweepSpec(yaml: "backend: slurm").backend == SweepBackend(kind: .slurm))
    }

    @Test func aLocalSweepWritesNoBackendKeys() throws {
        let yaml = try SweepSpec(yaml: "trials: 3").yaml
        #expect(!yaml.contains("backend") && !yaml.contains("nodes") && !yaml.contains("launcher"))
    }

    @Test func presampledDrawsAreStoredAsTheirValues() throws {
        let spec = try SweepSpec(yaml: "seed: 5\nparameters: {lr: 'loguniform(1e-4, 1e-1, 3)'}")
        guard case .ordinal(let values) = spec.space.parameters[0].domain else { Issue.record("not ordinal"); return }
        #expect(values.count == 3)
        // Loaded with another seed, the stored values stay: they are no longer an expression.
        #expect(try SweepSpec(yaml: spec.yaml, seed: 6).space == spec.space)
    }
}
