/// What a run's store holds beyond the row ids a view read up to (`RunStore.changes(since:)`):
/// read in one transaction, so that the rows, the counts and the ids agree even while a
/// controller writes. With `since` zero it is the whole run.
public struct RunChanges: Sendable {
    /// How far a view has read: the last transition's and metric point's row ids, and how
    /// many rows each table held then (a count that falls short of the ids read since means
    /// rows were deleted: the view must be read again from scratch).
    public struct Mark: Hashable, Sendable {
        /// The last transition's row id read.
        public var transitions: Int64 = 0
        /// The last metric point's row id read.
        public var metrics: Int64 = 0
        /// How many transitions the table held.
        public var transitionRows = 0
        /// How many metric points the table held.
        public var metricRows = 0

        /// Nothing read yet.
        public init() {}
    }

    /// How far this read goes.
    public var mark: Mark
    /// The run, its counts and its best trial now.
    public var summary: RunSummary
    /// The trials created or changed since (a transition or a metric point since), by number.
    public var trials: [TrialRecord]
    /// How many transitions were stored since (with a `mark` whose row count grew by less,
    /// some rows read before were deleted).
    public var transitionsSince: Int
    /// The metric points stored since, in the order they were stored, with their trials.
    public var points: [(trial: Int, point: MetricPoint)]
    /// Of `trials`, the succeeded ones that violate the run's outcome constraints.
    public var infeasible: Set<Int>
    /// Of a run with several objectives, when a trial changed: every succeeded trial's
    /// objective vector and the Pareto front (as `RunSnapshot` has them); nil otherwise.
    public var objectives: (values: [Int: [Double]], front: [Int])?
}
