import Foundation

/// Attempts: a trial whose attempt failed (within `--retries`) or was preempted runs again
/// as its next attempt — same number, parameters and `HPO_CHECKPOINT_DIR` — and the strategy
/// hears only the final outcome.
extension ControllerCore {
    /// What to do with an ended attempt.
    enum AttemptStep {
        /// Record the trial's final `state` (with `reason` as its explanation when given).
        case finish(TrialState, reason: String?)
        /// Record the attempt's end and queue the trial again: these actions do.
        case requeue([ControllerAction])
    }

    /// Decides by `AttemptVerdict` whether an ended attempt ends its trial; if not, asks the
    /// loop to commit `running → preempted | retrying → queued` (attempt + 1); the trial is
    /// queued once that is recorded (`.requeued`).
    mutating func settle(_ trial: RunningTrial, termination: Termination, endedAt: Date) -> AttemptStep {
        let options = settings.options
        let history = reruns.histories[trial.number] ?? AttemptHistory()
        let verdict = AttemptVerdict.decide(termination: termination, reportedObjective: trial.objective.hasReported,
                                            finiteObjective: trial.objective.value != nil,
                                            cause: trial.stopCause, policy: options.retryPolicy, history: history)
        let through: TrialState
        let note: String
        switch verdict {
        case .final(let state, let reason):
            return .finish(state, reason: reason)
        case .retry:
            through = .retrying
            let how = Self.explanation(state: .failed, termination: termination, trial: trial, metric: settings.metric)
            note = "attempt \(trial.attempt) \(how ?? "failed"); retry \(history.retries + 1) of \(options.retryPolicy.retries)"
        case .preempt:
            through = .preempted
            if trial.stopCause == .interrupt {
                note = "attempt \(trial.attempt) \(trial.stopExplanation ?? "stopped by hpo")"
            } else {
                note = "attempt \(trial.attempt) \(AttemptVerdict.preemptionText(termination)): preempted "
                    + "\(history.preemptions + 1) of at most \(options.retryPolicy.maximumPreemptions) times"
            }
        }
        let entry = RerunQueue.Entry(number: trial.number, attempt: trial.attempt + 1, configuration: trial.configuration)
        awaiting = .requeue(entry, through: through, note: note)
        return .requeue([.requeue(trial: trial.number, attempt: trial.attempt, through: through, termination: termination, note: note,
                                  endedAt: endedAt)])
    }

    /// The attempt's end is recorded (if the record failed, the store still says `running`
    /// and `hpo resume` runs it again): the trial waits for a slot.
    mutating func requeued(now: ContinuousClock.Instant) -> [ControllerAction] {
        guard case .requeue(let entry, let through, let note) = awaiting else { return [] }
        awaiting = nil
        reruns.count(through, of: entry.number)
        reruns.append(entry)
        return [.notify(.requeued(trial: entry.number, attempt: entry.attempt, after: through, note: note))]
    }
}
