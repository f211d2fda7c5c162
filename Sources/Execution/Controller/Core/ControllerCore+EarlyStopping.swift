import Foundation

/// Early stopping, live: each new point of a trial's objective is judged by the rule
/// against every other trial's curve as it stands, the moment it is read (inotify wakes the
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
        var curve = curves[number] ?? LearningCurve(trial: number)
        let before = curve.points.count
        for p in objective { curve.append(step: p.step, value: p.value) }
        curves[number] = curve
        guard let rule = settings.earlyStopping, running[number]?.stopCause == StopCause.none else { return [] }
        let others = curves.filter { $0.key != number }.map(\.value)
        // A repeated step replaces its point: then the count does not grow, and the last
        // point is judged again.
        for count in min(before + 1, curve.points.count)...curve.points.count {
            let decision = rule.decide(curve.prefix(count), others: others, goal: settings.goal)
            if decision.shouldStop {
                return stop(number, cause: decision.kind == .converge ? .converge : .prune,
                            explanation: decision.message(metric: settings.metric), now: now)
            }
        }
        return []
    }
}
