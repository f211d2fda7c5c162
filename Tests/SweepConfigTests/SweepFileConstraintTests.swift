import Testing
import Search
@testable import SweepConfig

/// `constraints:` in a sweep file and `--constraint` overrides: read, written back, errors at
/// the character at fault.
@Suite struct SweepFileConstraintTests {
    static let file = """
        command: [python3, train.py]
        metric: {name: val_loss}
        constraints: ["peak_memory_gb <= 16", "accuracy >= 0.9"]
        parameters:
          lr: "loguniform(1e-4, 1e-1)"
        """

    private func error(_ yaml: String) -> SweepFileError? {
        #expect(throws: SweepFileError.self) { try SweepSpec(yaml: yaml, path: "s.yaml") }
    }

    @Test func readsTheConstraintsInOrder() throws {
        let spec = try SweepSpec(yaml: Self.file, path: "s.yaml")
        #expect(spec.constraints == [OutcomeConstraint(metric: "peak_memory_gb", bound: 16, isUpperBound: true),
                                     OutcomeConstraint(metric: "accuracy", bound: 0.9, isUpperBound: false)])
    }

    @Test func theResolvedFileReadsBackToTheSameConstraints() throws {
        let spec = try SweepSpec(yaml: Self.file, path: "s.yaml")
        #expect(spec.yaml.contains("constraints: [\"peak_memory_gb <= 16\", \"accuracy >= 0.9\"]"))
        #expect(try SweepSpec(yaml: spec.yaml) == spec)
    }

    @Test func aFileWithoutConstraintsWritesNone() throws {
        let spec = try SweepSpec(yaml: "command: [python3, train.py]\nparameters:\n  lr: [0.1]\n")
        #expect(spec.constraints.isEmpty && !spec.yaml.contains("constraints"))
    }

    @Test func anUnknownOperatorIsRefusedAtItsCharacter() {
        let e = error("constraints: [\"peak_memory_gb < 16\"]\n")
        // The quote is column 15, the text starts at 16, its '<' is the text's 16th character.
        #expect(e?.line == 1 && e?.column == 31)
        #expect(e?.message.contains("expected <= or >= after 'peak_memory_gb', got '<'") == true)
    }

    @Test func aMalformedBoundIsRefusedOnItsLine() {
        let e = error("command: [a]\nconstraints:\n  - mem <= lots\n")
        #expect(e?.line == 3 && e?.column == 12)
        #expect(e?.message.contains("the bound must be a finite number, got 'lots'") == true)
    }

    @Test func aConstraintOnTheObjectiveIsRefused() {
        let e = error("metric: {name: val_loss}\nconstraints: [\"val_loss <= 0.5\"]\n")
        #expect(e?.line == 2)
        #expect(e?.message.contains("bounds the objective 'val_loss'") == true)
    }

    @Test func constraintsMustBeAList() {
        let e = error("constraints: \"mem <= 16\"\n")
        #expect(e?.message.contains("constraints must be a list") == true)
    }

    @Test func theCommandLinesConstraintsReplaceTheFiles() throws {
        let spec = try SweepSpec(yaml: Self.file, path: "s.yaml")
        let given = [OutcomeConstraint(metric: "latency_ms", bound: 20, isUpperBound: true)]
        #expect(try spec.merged(with: SweepOverrides(constraints: given)).constraints == given)
        #expect(try spec.merged(with: SweepOverrides()).constraints == spec.constraints)
    }
}
