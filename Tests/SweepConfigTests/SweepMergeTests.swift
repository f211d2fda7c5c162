import Testing
@testable import SweepConfig

/// A sweep file and a command line together: the command line wins.
@Suite struct SweepMergeTests {
    static let file = """
        name: from-file
        command: [python3, train.py]
        metric: {name: loss}
        strategy: grid
        trials: 10
        seed: 1
        parallel: 2
        gpus: [0]
        parameters:
          lr: "[0.1, 0.01]"
          batch: "[32, 64]"
        """

    @Test func givenSettingsReplaceTheFileAndTheRestStays() throws {
        let spec = try SweepSpec(yaml: Self.file).merged(with: SweepOverrides(
            name: "cli", goal: .maximize, strategy: .random, trials: 5, seed: 9, parallel: 4, gpus: [2, 3]))
        #expect(spec.name == "cli")
        #expect(spec.metric == SweepMetric(name: "loss", goal: .maximize))
        #expect(spec.strategy == .random && spec.trials == 5 && spec.seed == 9 && spec.parallel == 4 && spec.gpus == [2, 3])
        #expect(spec.command == CommandTemplate(literal: ["python3", "train.py"]))
        #expect(spec.space.names == ["lr", "batch"])
    }

    @Test func nothingGivenChangesNothing() throws {
        let spec = try SweepSpec(yaml: Self.file)
        #expect(try spec.merged(with: SweepOverrides()) == spec)
    }

    @Test func inlineParametersReplaceInPlaceAndNewOnesFollow() throws {
        let inline = try CommandLineSweep(parsing: ["python3", "train.py", "--dropout", "[0.1, 0.2]", "--lr", "[1e-3]"], seed: 0)
        let spec = try SweepSpec(yaml: Self.file).merged(with: SweepOverrides(command: inline.template,
                                                                             parameters: inline.space.parameters))
        #expect(spec.space.parameters == [
            Parameter("lr", .ordinal([.real(0.001)])),
            Parameter("batch", .ordinal([.int(32), .int(64)])),
            Parameter("dropout", .ordinal([.real(0.1), .real(0.2)])),
        ])
        // The file's batch has no placeholder in the new command, so it is appended.
        let first = try spec.command.render(GridStrategy.points(of: spec.space)[0], in: spec.space)
        #expect(first == ["python3", "train.py", "--dropout", "0.1", "--lr", "0.001", "--batch", "32"])
    }

    @Test func aFilePlaceholderLeftWithoutItsParameterIsRefused() throws {
        let spec = try SweepSpec(yaml: "command: [train, '{lr}']\nparameters: {lr: '[1, 2]'}")
        let command = try CommandTemplate(parsing: ["train", "{rate}"])
        #expect(throws: CommandTemplateError.unknownPlaceholder(name: "rate", parameters: ["lr"])) {
            try spec.merged(with: SweepOverrides(command: command))
        }
    }
}
