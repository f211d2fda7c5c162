import Execution

/// What each chart of a report is drawn from, as keys for `DrawnCharts`: the marks where
/// that data last changed (`RunReport.changedAt`). The run's name, metric, goal, parameters
/// and creation time, which the charts also show, never change within a run.
struct ChartKeys {
    /// The trials alone (the Pareto front).
    var trials: String
    /// The history: the trials, and the pruned trials' curves (shown at their last report).
    var history: String
    /// The learning curves: the trials and every curve.
    var curves: String
    /// Parallel coordinates and importance: the trials, and the curves when fewer than
    /// `ComparedTrials.minimum` trials succeeded (they are then compared at a step).
    var compared: String
    /// The slot timeline: the trials, and while one runs the time the report was made (its
    /// bar ends there).
    var timeline: String

    init(_ report: RunReport, _ compared: ComparedTrials) {
        func text(_ mark: RunChanges.Mark) -> String { "\(mark.transitions).\(mark.metrics)" }
        let marks = report.changedAt
        trials = text(marks.trials)
        history = trials + " " + text(marks.prunedCurves)
        curves = trials + " " + text(marks.curves)
        self.compared = compared.basis == .objective ? trials : curves
        let running = report.snapshot.trials.contains { $0.startedAt != nil && $0.finishedAt == nil }
        timeline = running ? trials + " \(report.madeAt.timeIntervalSince1970)" : trials
    }
}
