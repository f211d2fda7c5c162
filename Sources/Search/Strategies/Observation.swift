/// How a finished trial ended, as far as a strategy cares.
public enum Outcome: Hashable, Sendable {
    /// The trial reported this objective value (may be NaN or infinite: strategies must cope).
    case value(Double)
    /// The trial failed, timed out or declared its configuration infeasible: no value.
    case failed
    /// The trial was stopped early; `value` is its last reported objective, if any.
    case pruned(value: Double?)
}

/// A finished trial: the configuration it ran, how it ended, and the learning curve it
/// reported on the way.
public struct Observation: Hashable, Sendable {
    /// The parameter values of the trial.
    public var configuration: Configuration
    /// How it ended.
    public var outcome: Outcome
    /// The objective values the trial reported by step (empty when it reported none, or
    /// when the caller did not pass them: strategies must not rely on it).
    public var curve: [LearningCurve.Point]
    /// The last reported value of each constrained metric, aligned with
    /// `SuggestionContext.constraints` (NaN for a metric the trial never reported; empty
    /// without constraints).
    public var constraintValues: [Double] = []
    /// The last reported value of the second and later objectives, aligned with
    /// `SuggestionContext.furtherGoals` (NaN for one the trial never reported; empty with
    /// one objective). The first objective is `outcome`.
    public var furtherValues: [Double] = []

    /// Creates an observation without a curve.
    public init(_ configuration: Configuration, _ outcome: Outcome) {
        self.init(configuration, outcome, curve: [])
    }

    /// Creates an observation with the learning curve the trial reported.
    public init(_ configuration: Configuration, _ outcome: Outcome, curve: [LearningCurve.Point]) {
        self.configuration = configuration
        self.outcome = outcome
        self.curve = curve
    }

    /// The finite objective value, if the trial completed with one.
    public var finiteValue: Double? {
        if case .value(let v) = outcome, v.isFinite { return v }
        return nil
    }

    /// Every objective's value, the first (`outcome`'s) first, when the trial completed with
    /// a finite first value; nil otherwise. Later entries may be NaN (never reported).
    public var objectiveValues: [Double]? {
        finiteValue.map { [$0] + furtherValues }
    }

    /// True when the trial completed with a finite value and respects every constraint
    /// (a value missing from `constraintValues` is a violation).
    public func isFeasible(under constraints: [OutcomeConstraint]) -> Bool {
        guard finiteValue != nil else { return false }
        return OutcomeConstraint.allSatisfied(constraints, by: constraintValues.map { $0 })
    }
}
