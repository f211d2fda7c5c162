/// A sweep's objectives: `metric` is the first (the one early stopping follows); a sweep with
/// several (`metrics:`, `--metric a:min --metric b:max`) keeps the others in `furtherMetrics`.
extension SweepSpec {
    /// Every objective's metric, the first (`metric`) first.
    public var metrics: [SweepMetric] { [metric] + furtherMetrics }

    /// Every objective, the first first.
    public var objectives: [Objective] { metrics.map(\.objective) }

    /// True when the sweep has more than one objective.
    public var isMultiObjective: Bool { !furtherMetrics.isEmpty }

    /// The first metric name that is given twice, if any.
    public static func repeatedName(in metrics: [SweepMetric]) -> String? {
        metrics.enumerated().first { i, m in metrics[..<i].contains { $0.name == m.name } }?.element.name
    }
}
