import Testing
@testable import SweepConfig

/// Reading every key of a sweep file.
@Suite struct SweepFileTests {
    static let full = """
        name: lr-sweep
        command: [python3, train.py, --lr, "{lr}", --epochs, 3]
        metric: {name: val_loss, goal: maximize}
        strategy: random
        trials: 40
        seed: 7
        parallel: 4
        gpus: [0, 1, 2, 3]
        parameters:
          lr: "loguniform(1e-5, 1e-1)"
          layers: {distribution: int_uniform, min: 1, max: 8}
          optimizer: [sgd, adam]
          batch: [32, 64]
          epochs: 10
        early_stopping: {rule: median, warmup_steps: 5, min_trials: 3}
        """

    @Test func everyKeyIsRead() throws {
        let spec = try SweepSpec(yaml: Self.full, path: "sweep.yaml")
        #expect(spec.name == "lr-sweep")
        #expect(spec.command == CommandTemplate(arguments: [[.text("python3")], [.text("train.py")], [.text("--lr")],
                                                           [.parameter("lr")], [.text("--epochs")], [.text("3")]]))
        #expect(spec.metric == SweepMetric(name: "val_loss", goal: .maximize))
        #expect(spec.strategy == .random)
        #expect(spec.trials == 40)
        #expect(spec.seed == 7)
        #expect(spec.parallel == 4)
        #expect(spec.gpus == [0, 1, 2, 3])
        #expect(spec.space.parameters == [
            Parameter("lr", .real(low: 1e-5, high: 0.1, log: true)),
            Parameter("layers", .integer(low: 1, high: 8, log: false)),
            Parameter("optimizer", .categorical([.string("sgd"), .string("adam")])),
            Parameter("batch", .ordinal([.int(32), .int(64)])),
            Parameter("epochs", .constant(.int(10))),
        ])
        #expect(spec.earlyStopping == EarlyStoppingSpec(rule: .median, options: [
            "warmup_steps": .int(5), "min_trials": .int(3),
        ]))
    }

    @Test func leftOutKeysTakeTheirDefaults() throws {
        let spec = try SweepSpec(yaml: "parameters: {x: '[1, 2]'}")
        #expect(spec == SweepSpec(space: try SearchSpace([Parameter("x", .ordinal([.int(1), .int(2)]))])))
        #expect(spec.metric == SweepMetric(name: "objective", goal: .minimize))
        #expect(spec.strategy == .grid && spec.trials == nil && spec.seed == 0 && spec.parallel == 1 && spec.gpus == [])
    }

    @Test func anEmptyFileIsAnEmptySweep() throws {
        #expect(try SweepSpec(yaml: "") == SweepSpec(space: try SearchSpace([])))
    }

    @Test(arguments: [
        ("'[1, 2.5]'", Domain.ordinal([.int(1), .real(2.5)])),
        ("\"['pizza', 'hotdog']\"", .categorical([.string("pizza"), .string("hotdog")])),
        ("randint(1, 8)", .integer(low: 1, high: 8, log: false)),
        ("'range(0, 1, 0.25)'", .ordinal([.real(0), .real(0.25), .real(0.5), .real(0.75)])),
        ("[1, 2]", .ordinal([.int(1), .int(2)])),
        ("[yes, no, on]", .categorical([.string("yes"), .string("no"), .string("on")])),
        ("[true, 1]", .categorical([.bool(true), .int(1)])),
        ("{values: [1, 2]}", .ordinal([.int(1), .int(2)])),
        ("{distribution: categorical, values: [1, 2]}", .categorical([.int(1), .int(2)])),
        ("{distribution: uniform, min: 0, max: 1}", .real(low: 0, high: 1, log: false)),
        ("{min: 0.5, max: 1}", .real(low: 0.5, high: 1, log: false)),
        ("{min: 1, max: 4}", .integer(low: 1, high: 4, log: false)),
        ("{distribution: log_uniform, min: 1e-5, max: 1e-1}", .real(low: 1e-5, high: 0.1, log: true)),
        ("{distribution: log_uniform_values, min: 1e-5, max: 1e-1}", .real(low: 1e-5, high: 0.1, log: true)),
        ("{distribution: int_uniform, min: -2, max: 2}", .integer(low: -2, high: 2, log: false)),
        ("{distribution: log_int_uniform, min: 1, max: 1024}", .integer(low: 1, high: 1024, log: true)),
        ("{value: 'uniform(0, 1)'}", .constant(.string("uniform(0, 1)"))),
        ("10", .constant(.int(10))),
        ("0.5", .constant(.real(0.5))),
        ("1e-3", .constant(.real(0.001))),
        ("false", .constant(.bool(false))),
        ("bert", .constant(.string("bert"))),
        ("'10'", .constant(.string("10"))),
        ("2024-01-01", .constant(.string("2024-01-01"))),
    ])
    func parameterForms(yaml: String, domain: Domain) throws {
        let spec = try SweepSpec(yaml: "parameters:\n  x: \(yaml)\n")
        #expect(spec.space.parameters == [Parameter("x", domain)])
    }

    @Test func gridPointsAreKept() throws {
        let spec = try SweepSpec(yaml: "parameters:\n  lr: {distribution: log_uniform, min: 1e-4, max: 1e-1, grid_points: 4}\n")
        #expect(spec.space.parameters == [Parameter("lr", .real(low: 1e-4, high: 0.1, log: true), gridPoints: 4)])
    }

    @Test func gpusMayBeWrittenAsText() throws {
        #expect(try SweepSpec(yaml: "gpus: \"0, 2,3\"").gpus == [0, 2, 3])
    }

    @Test func presampledDrawsFollowTheFileSeedUnlessTheCommandLineGivesOne() throws {
        let yaml = "seed: 3\nparameters: {lr: 'uniform(0, 1, 3)'}"
        let fromFile = try SweepSpec(yaml: yaml)
        let expected = try SweepSyntax.domain(of: "uniform(0, 1, 3)", flag: "lr", parameter: "lr", seed: 3)
        #expect(fromFile.space.parameters[0].domain == expected)
        let overridden = try SweepSpec(yaml: yaml, seed: 4)
        #expect(overridden.seed == 4)
        #expect(overridden.space.parameters[0].domain
            == (try SweepSyntax.domain(of: "uniform(0, 1, 3)", flag: "lr", parameter: "lr", seed: 4)))
    }

    @Test func missingFileIsReported() {
        let error = #expect(throws: SweepFileError.self) { try SweepSpec.load(contentsOf: "/nonexistent/sweep.yaml") }
        #expect(error?.description == "/nonexistent/sweep.yaml: no such file")
    }

    @Test func gridAIsStrategyNamesAreUnderstood() throws {
        #expect(try SweepSpec(yaml: "strategy: random_search\n").strategy == .random)
        #expect(try SweepSpec(yaml: "strategy: grid_search\n").strategy == .grid)
    }

    @Test func gpusAsTextNameDevicesWithATrailingCommaForOne() throws {
        #expect(try SweepSpec(yaml: "gpus: \"2,\"\n").gpus == [2])
        #expect(try SweepSpec(yaml: "gpus: \"0, 1\"\n").gpus == [0, 1])
        #expect(try SweepSpec(yaml: "gpus: [2]\n").gpus == [2])
    }
}
