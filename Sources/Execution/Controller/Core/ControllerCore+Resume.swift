import Foundation

/// A resumed run's core starts from its store: the strategy's observations, the next trial
/// number, the budget spent, the trials waiting for another attempt, the attempts still
/// running in a batch queue.
extension ControllerCore {
    /// Takes over the state of a run from its stored trials (by number) and their stored
    /// objective points, after `hpo resume` reconciled them: every trial is then final or
    /// `queued` (or `adopted`: still in a batch queue).
    ///
    /// The strategies are functions of their context, so rebuilding `completed` (the final
    /// trials, in trial order) and `pending` (the queued ones, passed on every suggestion)
    /// gives a resumed grid or random run the same suggestions an uninterrupted one makes:
    /// random search draws suggestion i from the stream (seed, i), and i counts every trial
    /// created, finished or not.
    ///
    /// The early-stopping rule's curves come back from the stored objective points (every
    /// attempt's, in the order they were read), so a resumed run judges its trials against
    /// the same curves as before, and the strategy hears the same curves
    /// (`Observation.curve`, `SuggestionContext.pendingCurves`). The constrained metrics'
    /// last values (`RunStore.constraintValues`) come back too: the best stays feasible;
    /// so do the further objectives' (`RunStore.furtherObjectiveValues`).
    mutating func restore(from trials: [TrialRecord], points: [Int: [MetricPoint]], histories: [Int: AttemptHistory],
                          constraintValues: [Int: [Double]] = [:], furtherValues: [Int: [Double]] = [:],
                          adopted: Set<Int> = []) {
        for trial in trials.sorted(by: { $0.number < $1.number }) {
            if let points = points[trial.number], !points.isEmpty {
                var curve = LearningCurve(trial: trial.number)
                for p in points { curve.append(step: p.step, value: p.value) }
                curves[trial.number] = curve
            }
            if let values = constraintValues[trial.number] { readings.set(values, of: trial.number) }
            if let values = furtherValues[trial.number] { furtherReadings.set(values, of: trial.number) }
            if trial.state.isFinal {
                complete(trial.number, trial.configuration, state: trial.state, objective: trial.objective)
                finished += 1
                totalDuration += trial.duration ?? 0
                slotSeconds.record(state: trial.state, seconds: trial.duration ?? 0, slots: max(1, trial.slots.count))
            } else if !adopted.contains(trial.number) {
                reruns.append(RerunQueue.Entry(number: trial.number, attempt: trial.attempt, configuration: trial.configuration))
            }
        }
        reruns.histories = histories
        nextTrialNumber = (trials.map(\.number).max() ?? -1) + 1
        created = trials.count
    }

    /// Follows an attempt that an earlier controller launched and that still runs (or waits)
    /// in a batch queue, with its objective points so far (`prior`). Returns false when no
    /// slot is left for it.
    mutating func adopt(_ trial: TrialRecord, prior: [MetricPoint], now: ContinuousClock.Instant) -> Bool {
        guard let grant = ledger.acquire(for: trial.number) else { return false }
        let options = settings.options
        var objective = ObjectiveTracker(metric: settings.metric, reduction: options.objective, goal: settings.goal)
        objective.observe(prior)
        var running = RunningTrial(number: trial.number, attempt: trial.attempt, configuration: trial.configuration,
                                   grant: grant, now: now, objective: objective, grace: options.grace)
        running.waitingInQueue = trial.state == .starting
        self.running[trial.number] = running
        return true
    }
}
