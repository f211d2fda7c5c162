/// One objective of a run: a metric trials report and whether smaller or larger is better
/// (`--metric val_loss:min --metric latency_ms:min`).
///
/// A run has one or more objectives. The first is the one early stopping follows and the one
/// `SuggestionContext.goal` and `Observation.outcome` carry; the others ride along in
/// `SuggestionContext.furtherGoals` and `Observation.furtherValues`, so single-objective code
/// needs no change.
public struct Objective: Hashable, Sendable, CustomStringConvertible {
    /// The metric's name, as trials report it.
    public var metric: String
    /// Whether smaller or larger values of it are better.
    public var goal: Goal

    /// An objective.
    public init(metric: String, goal: Goal) {
        self.metric = metric
        self.goal = goal
    }

    /// `metric:min` or `metric:max`, as the command line spells it.
    public var description: String { "\(metric):\(goal == .minimize ? "min" : "max")" }
}
