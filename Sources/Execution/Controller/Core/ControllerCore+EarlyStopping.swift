import Foundation

/// Early stopping, live: each new point of a trial's objective is judged by the rule
/// against the other trials' curves as they stand (read from the history's index of the
/// point's step or rung), the moment it is read (inotify wakes the
/// loop within a fraction of a millisecond of the write).
extension ControllerCore {
    /// Adds the objective's points to the trial's curve and, with a rule, asks it about each
    /// new point in order (a rule like ASHA judges a point against the trials that reached
    /// its rung so far, so points read together are replayed one by one). A stop decision
    /// starts the teardown with the rule's explanation.
    ///
    /// The one place the rule is asked.
    mutating func judge(_ number: Int, points: [MetricPoint], now: ContinuousClock.Instant) -> [ControllerAction] {
        let objective = points.filter { $0.name == settings.metric }
        guard !objective.isEmpty else { return [] }
        let before = curves[number]?.points.count ?? 0
        for p in objective { curves.append(trial: number, step: p.step, value: p.value) }
        guard let rule = settings.earlyStopping, running[number]?.stopCause == StopCause.none,
              let curve = curves[number] else { return [] }
        // A repeated step replaces its point: then the count does not grow, and the last
        // point is judged again. The history holds the trial's own points; the rule leaves
        // them out.
        for count in min(before + 1, curve.points.count)...curve.points.count {
            let decision = rule.decide(curve.prefix(count), history: curves)
            if decision.shouldStop {
                return stop(number, cause: decision.kind == .converge ? .converge : .prune,
                            explanation: decision.message(metric: settings.metric), now: now)
            }
        }
        return []
    }
}
