import Foundation

/// A resumed run's controller starts from its store (see `ControllerCore.restore`).
extension Controller {
    /// Takes over the state of a run from its stored trials, after `hpo resume` reconciled
    /// them: every trial is then final or `queued` (or `adopted`: followed again in its
    /// batch queue).
    func restore(from trials: [TrialRecord], histories: [Int: AttemptHistory], adopted: Set<Int> = []) throws {
        var points: [Int: [MetricPoint]] = [:]
        for trial in trials {
            points[trial.number] = try store.metricPoints(trial: trial.number, name: spec.metric.name).map(\.point)
        }
        let constraintValues = try store.constraintValues(trials: trials.map(\.number))
        let furtherValues = try store.furtherObjectiveValues(trials: trials.map(\.number))
        core.restore(from: trials, points: points, histories: histories, constraintValues: constraintValues,
                     furtherValues: furtherValues, adopted: adopted)
    }

    /// Follows an attempt that an earlier controller launched and that still runs (or waits)
    /// in a batch queue: `hpo resume` of a Slurm run reattaches instead of submitting again.
    /// Its slot is taken, and its metrics are read again from where the attempt's lines begin
    /// (the points stored for it are replaced, so none counts twice).
    func adopt(_ trial: TrialRecord, handle: B.Handle) throws {
        let earlier = try store.metricPoints(trial: trial.number, name: spec.metric.name)
            .filter { $0.attempt != trial.attempt }.map(\.point)
        guard core.adopt(trial, prior: earlier, now: clock.now) else {
            throw ResumeError.tooManyJobs(run: layout.name, jobs: core.running.count + 1, slots: core.ledger.capacity)
        }
        try store.deleteMetrics(trial: trial.number, attempt: trial.attempt)
        // Its constrained metrics' values, without the points read again from now on.
        if let values = try store.constraintValues(trials: [trial.number])[trial.number] {
            core.readings.set(values, of: trial.number)
        }
        if let values = try store.furtherObjectiveValues(trials: [trial.number])[trial.number] {
            core.furtherReadings.set(values, of: trial.number)
        }
        let trialLayout = try directories.directories(for: trial.number)
        handles[trial.number] = handle
        trialOfHandle[handle] = trial.number
        layouts[trial.number] = trialLayout
        // Only the metrics file's offset is stored; stdout (with a metric pattern) is read from
        // its start for a first attempt, else from now (earlier attempts' lines must not count).
        try follow(trial.number, layout: trialLayout, metricsFrom: trial.metricsOffset ?? 0,
                   stdoutFrom: trial.attempt > 1 ? Controller.fileSize(trialLayout.stdout) : 0)
    }
}
