import Testing
@testable import SweepConfig

/// `when:` in a sweep file: conditional parameters, their errors at the line, the resolved file.
@Suite struct SweepFileConditionTests {
    static let file = """
        command: [python3, train.py, --optimizer, "{optimizer}"]
        strategy: random
        trials: 20
        parameters:
          optimizer: [sgd, adam, rmsprop]
          momentum: {distribution: uniform, min: 0, max: 0.99, when: "optimizer == 'sgd'"}
          beta2: "loguniform(0.9, 0.9999) when optimizer in ['adam', 'rmsprop']"
          nesterov: {value: true, when: "optimizer == 'sgd'"}
          lr: {distribution: log_uniform, min: 1e-5, max: 1e-1, grid_points: 3, when: "optimizer != 'rmsprop'"}
        """

    private func error(_ yaml: String) -> SweepFileError? {
        #expect(throws: SweepFileError.self) { try SweepSpec(yaml: yaml, path: "s.yaml") }
    }

    @Test func readsConditionsFromMappingsAndSweepText() throws {
        let spec = try SweepSpec(yaml: Self.file, path: "s.yaml")
        #expect(spec.space["momentum"]?.condition == .equals("optimizer", .string("sgd")))
        #expect(spec.space["beta2"]?.condition == Condition("optimizer", in: [.string("adam"), .string("rmsprop")]))
        #expect(spec.space["beta2"]?.domain == .real(low: 0.9, high: 0.9999, log: true))
        #expect(spec.space["nesterov"]?.condition == .equals("optimizer", .string("sgd")))
        #expect(spec.space["lr"]?.condition == Condition("optimizer", in: [.string("rmsprop")], negated: true))
        #expect(spec.space["optimizer"]?.condition == nil)
    }

    @Test func theResolvedFileWritesConditionsBack() throws {
        let spec = try SweepSpec(yaml: Self.file, path: "s.yaml")
        #expect(spec.yaml.contains("when: \"optimizer == 'sgd'\""))
        #expect(try SweepSpec(yaml: spec.yaml, path: "resolved") == spec)
    }

    @Test func inactiveParametersAreLeftOutOfTheArgv() throws {
        let spec = try SweepSpec(yaml: Self.file, path: "s.yaml")
        for (configuration, argv) in try spec.plannedTrials(using: RandomStrategy()) {
            let optimizer = configuration["optimizer"]!.commandLineText
            #expect(argv.contains("--momentum") == (optimizer == "sgd"))
            #expect(argv.contains("--nesterov") == (optimizer == "sgd"))
            #expect(argv.contains("--beta2") == (optimizer != "sgd"))
            #expect(argv.contains("--lr") == (optimizer != "rmsprop"))
        }
    }

    @Test func aNestedParametersBlockIsRefusedAtItsLineWithTheSpellingHpoReads() {
        let e = error("parameters:\n  optimizer: [sgd, adam]\n  sgd_opts:\n    parameters:\n      momentum: {min: 0, max: 1}\n")
        #expect(e?.line == 4)
        #expect(e?.message.contains("nested 'parameters:' blocks (W&B's spelling) are not read") == true)
        #expect(e?.message.contains("when: \"optimizer == 'sgd'\"") == true)
    }

    @Test func aConditionOnAnUnknownParameterIsRefusedAtItsWhen() {
        let e = error("parameters:\n  optimizer: [sgd, adam]\n  momentum: {min: 0, max: 1, when: \"optimiser == 'sgd'\"}\n")
        #expect(e?.line == 3)
        #expect(e?.column == 37)  // the condition's first letter
        #expect(e?.message.contains("names 'optimiser', which is not a parameter; did you mean optimizer?") == true)
    }

    @Test func aConditionOnALaterParameterIsRefusedAtItsLine() {
        let e = error("parameters:\n  momentum: \"uniform(0, 1) when optimizer == 'sgd'\"\n  optimizer: [sgd, adam]\n")
        #expect(e?.line == 2)
        #expect(e?.column == 33)  // after "when "
        #expect(e?.message.contains("declared after it; declare 'optimizer' first") == true)
    }

    @Test func aConditionOnAContinuousParameterIsRefused() {
        let e = error("parameters:\n  lr: \"uniform(0, 1)\"\n  m: {value: 1, when: \"lr == 0.5\"}\n")
        #expect(e?.line == 3)
        #expect(e?.message.contains("'lr', a continuous parameter") == true)
    }

    @Test func aConditionThatCanNeverHoldIsRefused() {
        let e = error("parameters:\n  optimizer: [sgd, adam]\n  m: {value: 1, when: \"optimizer == 'sdg'\"}\n")
        #expect(e?.line == 3)
        #expect(e?.message.contains("names 'sdg', which 'optimizer' never takes") == true)
        let never = error("parameters:\n  optimizer: [sgd, adam]\n  m: {value: 1, when: \"optimizer not in ['sgd', 'adam']\"}\n")
        #expect(never?.message.contains("never holds") == true)
    }

    @Test func aCycleIsRefused() {
        let e = error("parameters:\n  a: {values: [x, y], when: \"b == 'x'\"}\n  b: {values: [x, y], when: \"a == 'x'\"}\n")
        #expect(e?.line == 2)
        #expect(e?.message.contains("conditions form a cycle (a when b when a)") == true)
    }

    @Test func aMalformedConditionPointsIntoItsText() {
        let e = error("parameters:\n  optimizer: [sgd, adam]\n  m: {value: 1, when: \"optimizer = 'sgd'\"}\n")
        #expect(e?.line == 3)
        #expect(e?.column == 34)  // the "="
        #expect(e?.message.contains("compare with ==") == true)
    }

    @Test func aCommandNamingAConditionalParameterIsRefusedWithTheReason() {
        let e = error("""
            command: [python3, train.py, "--momentum={momentum}"]
            parameters:
              optimizer: [sgd, adam]
              momentum: {min: 0, max: 1, when: "optimizer == 'sgd'"}
            """)
        #expect(e?.line == 1)
        #expect(e?.message.contains("'momentum' exists only when optimizer == 'sgd'") == true)
    }

    @Test func gridPlansTheTree() throws {
        let spec = try SweepSpec(yaml: """
            command: [python3, train.py]
            parameters:
              optimizer: [sgd, adam]
              momentum: {values: [0.0, 0.9], when: "optimizer == 'sgd'"}
            """, path: "s.yaml")
        #expect(try spec.budget() == 3)
        #expect(try spec.plannedTrials(using: GridStrategy()).map { $0.argv.dropFirst(2).joined(separator: " ") } == [
            "--optimizer sgd --momentum 0.0", "--optimizer sgd --momentum 0.9", "--optimizer adam",
        ])
    }
}
