/// The metric a sweep optimizes.
public struct SweepMetric: Hashable, Sendable {
    /// The key trials report it under in `HPO_METRICS_FILE` lines; default `objective`.
    public var name: String
    /// Minimize (the default) or maximize.
    public var goal: Goal

    /// Creates a metric.
    public init(name: String = "objective", goal: Goal = .minimize) {
        self.name = name
        self.goal = goal
    }
}
