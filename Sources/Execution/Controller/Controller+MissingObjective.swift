/// A trial that exits 0 without the objective (`no_metric`): say what it reported, and stop
/// a sweep whose metric name is wrong before it trains every trial for nothing.
extension Controller {
    /// Why trial `number` ended `no_metric`: the metrics it did report, over all its attempts.
    func missingObjective(_ number: Int) -> MissingObjective {
        let names = (try? store.metricNames(trial: number)) ?? []
        return MissingObjective(metric: spec.metric.name, goal: spec.metric.goal, reported: names)
    }

    /// Stops launching when trial `number` ended without the objective and no trial of the run
    /// has reported it yet (finished, or still running): the metric's name is most likely
    /// wrong (`--metric` forgotten), and every other trial would train to its end for nothing.
    /// Running trials finish; the run ends `failed`. `--allow-missing-metric`
    /// (`ExecutionOptions.allowsMissingMetric`) turns the check off.
    func stopUnlessObjectiveSeen(_ number: Int, _ missing: MissingObjective, now: ContinuousClock.Instant) {
        guard accepting, !options.allowsMissingMetric else { return }
        if running.values.contains(where: { $0.objective.hasReported }) { return }
        // Asked only when a trial ends so; once the objective was seen, the first row answers.
        guard let seen = try? store.hasMetric(named: spec.metric.name), !seen else { return }
        stopAccepting(missing.stopMessage(trial: number, running: running.count), state: .failed, now: now)
    }
}
