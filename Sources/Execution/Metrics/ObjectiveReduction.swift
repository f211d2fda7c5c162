/// How a trial's reported values of the objective metric become its one objective
/// (`--objective last|min|max|best`). Non-finite values (NaN, ±infinity) are skipped: a
/// trial whose loss diverged to NaN at the end keeps its last finite value under `last`.
public enum ObjectiveReduction: String, Hashable, Sendable, CaseIterable {
    /// The value at the last report (the default: what the trained model ends with).
    case last
    /// The smallest value reported.
    case min
    /// The largest value reported.
    case max
    /// The best value under the run's goal: `min` when minimizing, `max` when maximizing.
    case best

    /// The objective of `values` (in report order), or nil when none is finite.
    public func reduce<S: Sequence<Double>>(_ values: S, goal: Goal) -> Double? {
        var result: Double?
        for v in values where v.isFinite { result = combine(result, v, goal: goal) }
        return result
    }

    /// The running objective after one more value: O(1), for streams.
    func combine(_ current: Double?, _ next: Double, goal: Goal) -> Double {
        guard let current else { return next }
        switch self {
        case .last: return next
        case .min: return Swift.min(current, next)
        case .max: return Swift.max(current, next)
        case .best: return goal.isBetter(next, than: current) ? next : current
        }
    }
}
