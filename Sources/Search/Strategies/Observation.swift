/// How a finished trial ended, as far as a strategy cares.
public enum Outcome: Hashable, Sendable {
    /// The trial reported this objective value (may be NaN or infinite: strategies must cope).
    case value(Double)
    /// The trial failed, timed out or declared its configuration infeasible: no value.
    case failed
    /// The trial was stopped early; `value` is its last reported objective, if any.
    case pruned(value: Double?)
}

/// A finished trial: the configuration it ran and how it ended.
public struct Observation: Hashable, Sendable {
    /// The parameter values of the trial.
    public var configuration: Configuration
    /// How it ended.
    public var outcome: Outcome

    /// Creates an observation.
    public init(_ configuration: Configuration, _ outcome: Outcome) {
        self.configuration = configuration
        self.outcome = outcome
    }

    /// The finite objective value, if the trial completed with one.
    public var finiteValue: Double? {
        if case .value(let v) = outcome, v.isFinite { return v }
        return nil
    }
}
