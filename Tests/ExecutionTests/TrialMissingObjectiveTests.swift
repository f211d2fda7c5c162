import Testing
@testable import Execution

/// What a `no_metric` trial is told: the metrics it reported, and the `--metric` meant.
@Suite struct TrialMissingObjectiveTests {
    @Test func aLossIsSuggestedWhenMinimizing() {
        let m = MissingObjective(metric: "objective", goal: .minimize, reported: ["val_loss", "val_accuracy"])
        #expect(m.suggestion == "val_loss")
        #expect(m.hint == "it reported val_loss, val_accuracy: use --metric val_loss")
    }

    @Test func anAccuracyIsSuggestedWhenMaximizing() {
        let m = MissingObjective(metric: "objective", goal: .maximize, reported: ["val_loss", "val_accuracy"])
        #expect(m.suggestion == "val_accuracy")
    }

    @Test func aValidationMetricGoesBeforeATrainingOne() {
        let m = MissingObjective(metric: "objective", goal: .minimize, reported: ["epoch", "train_loss", "val_loss"])
        #expect(m.suggestion == "val_loss")
    }

    @Test func aNearSpellingIsTheLikelyIntent() {
        let m = MissingObjective(metric: "val-loss", goal: .minimize, reported: ["train_loss", "val_loss"])
        #expect(m.suggestion == "val_loss")
    }

    @Test func withNothingToGoByTheFirstReportedIsSuggested() {
        let m = MissingObjective(metric: "objective", goal: .minimize, reported: ["epoch", "lr"])
        #expect(m.suggestion == "epoch")
    }

    @Test func aTrialThatReportedNothingIsToldHowToReport() {
        let m = MissingObjective(metric: "objective", goal: .minimize, reported: [])
        #expect(m.suggestion == nil)
        #expect(m.stopMessage(trial: 0, running: 2) == "stopping the sweep: no trial has reported the metric 'objective' "
            + "(trial 0 reported no metric at all): report it from the trials (or read stdout with --metric-pattern default), "
            + "or pass --allow-missing-metric to go on anyway; the 2 running trials finish")
    }
}
