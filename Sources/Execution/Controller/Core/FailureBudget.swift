/// Decides when a sweep whose trials mostly fail should stop launching, so a typo in the
/// command does not burn the whole budget.
///
/// Counted as failures: `failed`, `no_metric` and `error` (a broken command or script).
/// `invalid` (a configuration the trial declared infeasible) and stopped trials are not.
/// With `maximum` set, the sweep stops at that many failures. Without it, the default rule:
/// stop once at least 5 trials failed and failures are more than half of the finished trials.
public struct FailureBudget: Sendable, Hashable {
    /// The explicit limit, if any.
    public let maximum: Int?
    /// Failures so far.
    public private(set) var failures = 0
    /// Trials finished so far.
    public private(set) var finished = 0

    /// The default rule's minimum number of failures.
    public static let defaultMinimum = 5

    /// A budget with an explicit limit, or the default rule.
    public init(maximum: Int? = nil) {
        self.maximum = maximum
    }

    /// Counts a finished trial; returns why the sweep should stop, when it should.
    public mutating func record(_ state: TrialState) -> String? {
        finished += 1
        guard [.failed, .noMetric, .error].contains(state) else { return nil }
        failures += 1
        if let maximum {
            return failures >= maximum ? "\(failures) trial\(failures == 1 ? "" : "s") failed (--max-failures \(maximum))" : nil
        }
        if failures >= FailureBudget.defaultMinimum && failures * 2 > finished {
            return "\(failures) of \(finished) finished trials failed"
        }
        return nil
    }
}
