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
    func restore(from trials: [TrialRecord], histories: [Int: AttemptHistory]) throws {
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
            } else {
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
}
