/// A resumed run's controller starts from its store: the strategy's observations, the next
/// trial number, the budget spent, the trials waiting for another attempt.
extension Controller {
    /// Takes over the state of a run from its stored trials (by number), after `hpo resume`
    /// reconciled them: every trial is then final or `queued`.
    ///
    /// The strategies are functions of their context, so rebuilding `completed` (the final
    /// trials, in trial order) and `pending` (the queued ones, passed on every suggestion)
    /// gives a resumed grid or random run the same suggestions an uninterrupted one makes:
    /// random search draws suggestion i from the stream (seed, i), and i counts every trial
    /// created, finished or not.
    ///
    /// The early-stopping rule's curves come back from the stored objective points (every
    /// attempt's, in the order they were read), so a resumed run judges its trials against
    /// the same curves as before.
    func restore(from trials: [TrialRecord], histories: [Int: AttemptHistory], adopted: Set<Int> = []) throws {
        for trial in trials.sorted(by: { $0.number < $1.number }) {
            let points = try store.metricPoints(trial: trial.number, name: spec.metric.name)
            if !points.isEmpty {
                var curve = LearningCurve(trial: trial.number)
                for p in points { curve.append(step: p.point.step, value: p.point.value) }
                curves[trial.number] = curve
            }
            if trial.state.isFinal {
                completed.append(Observation(trial.configuration, Controller.outcome(of: trial)))
                finished += 1
                totalDuration += trial.duration ?? 0
                slotSeconds.record(state: trial.state, seconds: trial.duration ?? 0, slots: max(1, trial.slots.count))
                if trial.state == .succeeded, let value = trial.objective,
                   best.map({ spec.metric.goal.isBetter(value, than: $0.value) }) ?? true {
                    best = (trial.number, value)
                }
            } else if !adopted.contains(trial.number) {
                reruns.append(RerunQueue.Entry(number: trial.number, attempt: trial.attempt, configuration: trial.configuration))
            }
        }
        reruns.histories = histories
        nextTrialNumber = (trials.map(\.number).max() ?? -1) + 1
        created = trials.count
    }

    /// What the strategy heard of a stored final trial: as `outcome(_:objective:)` says for
    /// a live one (the stored objective is the finite reduction of its reports).
    static func outcome(of trial: TrialRecord) -> Outcome {
        switch trial.state {
        case .succeeded: return trial.objective.map { .value($0) } ?? .failed
        case .pruned: return .pruned(value: trial.objective)
        default: return .failed
        }
    }

    /// Follows an attempt that an earlier controller launched and that still runs (or waits)
    /// in a batch queue: `hpo resume` of a Slurm run reattaches instead of submitting again.
    /// Its slot is taken, and its metrics are read again from where the attempt's lines begin
    /// (the points stored for it are replaced, so none counts twice).
    func adopt(_ trial: TrialRecord, handle: B.Handle) throws {
        guard let grant = ledger.acquire(for: trial.number) else {
            throw ResumeError.tooManyJobs(run: layout.name, jobs: running.count + 1, slots: ledger.capacity)
        }
        try store.deleteMetrics(trial: trial.number, attempt: trial.attempt)
        var objective = ObjectiveTracker(metric: spec.metric.name, reduction: options.objective, goal: spec.metric.goal)
        objective.observe(try store.metricPoints(trial: trial.number, name: spec.metric.name).map(\.point))
        let trialLayout = try directories.directories(for: trial.number)
        var running = RunningTrial(number: trial.number, attempt: trial.attempt, configuration: trial.configuration,
                                   handle: handle, grant: grant, layout: trialLayout, now: .now, objective: objective,
                                   grace: options.grace)
        running.waitingInQueue = trial.state == .starting
        self.running[trial.number] = running
        trialOfHandle[handle] = trial.number
        // Only the metrics file's offset is stored; stdout (with a metric pattern) is read from
        // its start for a first attempt, else from now (earlier attempts' lines must not count).
        try follow(trial.number, layout: trialLayout, metricsFrom: trial.metricsOffset ?? 0,
                   stdoutFrom: trial.attempt > 1 ? Controller.fileSize(trialLayout.stdout) : 0)
    }
}
