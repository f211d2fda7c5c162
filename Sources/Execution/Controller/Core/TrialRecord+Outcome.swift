/// What the strategy hears of a stored trial, for views that rebuild the strategy's
/// question from the store (`hpo status`, the report) as `hpo resume` does.
extension TrialRecord {
    /// The outcome the strategy was told once the trial ended (`ControllerCore.outcome`): the
    /// objective of a succeeded trial, the last value of a pruned one, a failure otherwise;
    /// nil while the trial is not final (it is pending).
    public var outcome: Outcome? {
        state.isFinal ? ControllerCore.outcome(state, objective: objective) : nil
    }
}
