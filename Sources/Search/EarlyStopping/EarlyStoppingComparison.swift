/// What an early-stopping rule compares a trial's point with, so that a `CurveHistory`
/// indexes exactly that as points arrive and a decision costs a few binary searches
/// instead of a pass over every other trial's curve.
public enum EarlyStoppingComparison: Hashable, Sendable {
    /// Nothing of the other trials is indexed: the rule reads the curves themselves
    /// (threshold and patience read only the trial's own curve; a rule of your own written
    /// against `decide(_:others:goal:)` gets every curve, as before).
    case curves
    /// At every reported step from `fromStep` on, each trial's best value through that step
    /// (NaN ignored), among the trials whose curves have reached it (median stopping).
    case bestThroughStep(fromStep: Int)
    /// At each step the rule's `nextDecisionStep(after:trial:)` announces for a trial (its
    /// rungs), the value with which the trial reached it: its first point at or after the
    /// step (successive halving, Hyperband). Trials are compared within their cohort.
    case valueReachingRungs
}
