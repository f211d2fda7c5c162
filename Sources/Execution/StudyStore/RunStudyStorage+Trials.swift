import Foundation

/// A study's trials as run-store rows, and back.
extension RunStudyStorage {
    /// The note a value told to a trial leaves when the store's objective column cannot hold
    /// it: `told value inf`, `told value -inf`, `told value nan` (the trial failed).
    static let toldValue = "told value "

    /// The final state, stored objective and explanation of a finished trial.
    static func finalState(of trial: StoredTrial) -> (TrialState, Double?, String?) {
        switch (trial.state, trial.outcome) {
        case (.completed, .value(let v)?):
            return (.succeeded, v, v.isFinite ? nil : toldValue + String(v))
        case (.failed, .value(let v)?):
            return (.failed, nil, toldValue + String(v))
        case (.pruned, .pruned(let v)?):
            return (.pruned, v, trial.explanation ?? "stopped early by the study")
        default:
            return (.failed, nil, trial.explanation ?? "told failed")
        }
    }

    /// Every stored trial as the study resumes it; trials left `running` or `starting` are
    /// moved to `preempted` first.
    func loadTrials(_ store: RunStore) throws -> [StoredTrial] {
        var loaded: [StoredTrial] = []
        for record in try store.trials() {
            var trial = StoredTrial(number: record.number, parameters: record.configuration, state: .running)
            switch record.state {
            case .succeeded:
                trial.state = .completed
                trial.outcome = .value(record.objective ?? RunStudyStorage.told(record.explanation) ?? .nan)
            case .pruned:
                trial.state = .pruned
                trial.outcome = .pruned(value: record.objective)
            case .failed, .timeout, .cancelled, .noMetric, .invalid, .error:
                trial.state = .failed
                trial.outcome = RunStudyStorage.told(record.explanation).map { .value($0) } ?? .failed
                trial.explanation = record.explanation
            case .running, .starting:
                try store.transition(trial: record.number, to: .preempted, at: now(),
                                     note: "the driver stopped while the trial ran; the study asks it again")
            case .created, .queued, .preempted, .retrying:
                break
            }
            if trial.state != .running {
                for stored in try store.metricPoints(trial: record.number, attempt: record.attempt) {
                    if stored.point.name == metric {
                        trial.curve.append(CurvePoint(step: stored.point.step, value: stored.point.value))
                    } else {
                        trial.metrics[stored.point.name] = stored.point.value
                    }
                }
            }
            loaded.append(trial)
        }
        return loaded
    }

    /// The value a `told value …` explanation names.
    static func told(_ explanation: String?) -> Double? {
        guard let explanation, explanation.hasPrefix(toldValue) else { return nil }
        return Double(explanation.dropFirst(toldValue.count))
    }
}
