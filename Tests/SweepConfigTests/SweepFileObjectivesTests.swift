import Testing
import Search
@testable import SweepConfig

/// `metrics:` in a sweep file and several `--metric` overrides: read, written back, merged,
/// errors at the entry at fault.
@Suite struct SweepFileObjectivesTests {
    static let file = """
        command: [python3, train.py]
        metrics: [val_loss:min, {name: accuracy, goal: maximize}, latency_ms]
        parameters:
          lr: "loguniform(1e-4, 1e-1)"
        """

    private func error(_ yaml: String) -> SweepFileError? {
        #expect(throws: SweepFileError.self) { try SweepSpec(yaml: yaml, path: "s.yaml") }
    }

    @Test func readsEveryObjectiveInOrderTheFirstAsTheMetric() throws {
        let spec = try SweepSpec(yaml: Self.file, path: "s.yaml")
        #expect(spec.metric == SweepMetric(name: "val_loss", goal: .minimize))
        #expect(spec.furtherMetrics == [SweepMetric(name: "accuracy", goal: .maximize), SweepMetric(name: "latency_ms")])
        #expect(spec.objectives.map(\.description) == ["val_loss:min", "accuracy:max", "latency_ms:min"])
        #expect(spec.isMultiObjective)
    }

    @Test func theResolvedFileReadsBackToTheSameObjectives() throws {
        let spec = try SweepSpec(yaml: Self.file, path: "s.yaml")
        #expect(spec.yaml.contains("metrics:\n- {name: val_loss, goal: minimize}\n- {name: accuracy, goal: maximize}"))
        #expect(!spec.yaml.contains("metric:"))
        #expect(try SweepSpec(yaml: spec.yaml) == spec)
    }

    @Test func oneObjectiveIsStillWrittenAsMetric() throws {
        let spec = try SweepSpec(yaml: "metrics: [loss:max]\nparameters:\n  lr: [0.1]\n")
        #expect(spec.metric == SweepMetric(name: "loss", goal: .maximize) && spec.furtherMetrics.isEmpty)
        #expect(spec.yaml.contains("metric:\n  name: loss\n  goal: maximize"))
    }

    @Test func metricAndMetricsTogetherAreRefusedAtMetrics() {
        let e = error("metric: {name: a}\nmetrics: [b, c]\n")
        #expect(e?.line == 2)
        #expect(e?.message.contains("give either metric: (one objective) or metrics: (a list of objectives), not both") == true)
    }

    @Test func aRepeatedMetricIsRefusedAtItsEntry() {
        let e = error("metrics:\n  - loss:min\n  - latency\n  - loss:max\n")
        #expect(e?.line == 4)
        #expect(e?.message.contains("'loss' is listed twice") == true)
    }

    @Test func aBadGoalInAMappingIsRefusedAtTheGoal() {
        let e = error("metrics: [a, {name: b, goal: smallest}]\n")
        #expect(e?.line == 1 && e?.message.contains("metrics entry 2.goal must be minimize or maximize, got 'smallest'") == true)
    }

    @Test func anEmptyListAndAScalarAreRefused() {
        #expect(error("metrics: []\n")?.message.contains("at least one metric") == true)
        #expect(error("metrics: loss\n")?.message.contains("metrics must be a list") == true)
    }

    @Test func aConstraintOnALaterObjectiveIsRefused() {
        let e = error("metrics: [loss, latency_ms]\nconstraints: [\"latency_ms <= 20\"]\n")
        #expect(e?.line == 2)
        #expect(e?.message.contains("bounds the objective 'latency_ms'") == true)
    }

    @Test func aSuffixThatIsNoGoalStaysPartOfTheName() {
        #expect(SweepMetric.parse("eval:loss").metric == SweepMetric(name: "eval:loss"))
        #expect(SweepMetric.parse("eval:loss:max") == (SweepMetric(name: "eval:loss", goal: .maximize), true))
        #expect(SweepMetric.parse("loss").goalWritten == false)
    }

    @Test func theCommandLinesObjectivesReplaceTheFiles() throws {
        let spec = try SweepSpec(yaml: Self.file, path: "s.yaml")
        let one = try spec.merged(with: SweepOverrides(metricName: "loss"))
        #expect(one.metric.name == "loss")
        var overrides = SweepOverrides(metricName: "loss")
        overrides.furtherMetrics = []
        #expect(try spec.merged(with: overrides).furtherMetrics.isEmpty)
        overrides.furtherMetrics = [SweepMetric(name: "flops", goal: .minimize)]
        #expect(try spec.merged(with: overrides).objectives.map(\.description) == ["loss:min", "flops:min"])
        #expect(try spec.merged(with: SweepOverrides()).furtherMetrics == spec.furtherMetrics)
    }
}
