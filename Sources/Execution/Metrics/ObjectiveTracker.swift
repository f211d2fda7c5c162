/// Follows one trial's objective metric as points stream in: O(1) a point, no history kept.
/// The controller asks it, when the trial exits, whether the objective was reported (for
/// `succeeded` vs `no_metric`), its value and its number of steps.
public struct ObjectiveTracker: Hashable, Sendable {
    /// The objective metric's name.
    public let metric: String
    /// How reports become one value.
    public let reduction: ObjectiveReduction
    /// The run's goal (used by `best`).
    public let goal: Goal

    /// The objective so far: the reduction of the finite values; nil while there is none.
    public private(set) var value: Double?
    /// The best finite value reported, by the goal: the objective of a trial that early
    /// stopping found converged (`StopCause.converge`), whatever the reduction.
    public private(set) var best: Double?
    /// The last reported value, finite or not.
    public private(set) var lastReported: Double?
    /// The step of the last report.
    public private(set) var lastStep: Int?
    /// How many values of the objective metric were reported (non-finite ones included):
    /// the `steps` of results.csv.
    public private(set) var reportCount = 0

    /// Creates a tracker for one attempt of one trial.
    public init(metric: String, reduction: ObjectiveReduction = .last, goal: Goal) {
        self.metric = metric
        self.reduction = reduction
        self.goal = goal
    }

    /// True once the objective metric was reported at least once (even as NaN).
    public var hasReported: Bool { reportCount > 0 }

    /// Takes in the points of a batch; points of other metrics are ignored.
    public mutating func observe<S: Sequence<MetricPoint>>(_ points: S) {
        for point in points where point.name == metric { observe(point) }
    }

    /// Takes in one point of the objective metric.
    public mutating func observe(_ point: MetricPoint) {
        guard point.name == metric else { return }
        reportCount += 1
        lastReported = point.value
        lastStep = point.step
        guard point.value.isFinite else { return }
        value = reduction.combine(value, point.value, goal: goal)
        if best.map({ goal.isBetter(point.value, than: $0) }) ?? true { best = point.value }
    }
}
