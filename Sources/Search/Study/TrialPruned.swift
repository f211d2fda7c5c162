/// Thrown by an `optimize` objective to stop its trial early, as Optuna's `TrialPruned`:
/// the trial is told `.pruned(value: nil)` and keeps its last reported value.
///
///     for epoch in 1...epochs {
///         try trial.report(step: epoch, value: loss)
///         if trial.shouldStop { throw TrialPruned() }
///     }
public struct TrialPruned: Error, Hashable, Sendable, CustomStringConvertible {
    /// A pruning signal.
    public init() {}

    public var description: String { "the trial was stopped early" }
}
