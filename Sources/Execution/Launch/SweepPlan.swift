/// A sweep checked and ready to start: the resolved sweep and everything its run is made of.
/// `Sweep.prepare` builds it from a `SweepSpec` the same way for `hpo run`, `hpo search`,
/// their `--dry-run` and a Swift program; `Sweep.start(_:root:observer:)` starts it.
///
/// The strategy, the early-stopping rule, the backend and the ranks come from the sweep
/// (`strategy:`, `early_stopping:`, `backend:`, `nodes:`…) and nowhere else, so the run
/// stored is the run that runs, and `Sweep.resume` builds the same again from the store.
public struct SweepPlan: Sendable {
    /// The sweep as it will be stored (`runs/<run>/sweep.yaml`).
    public let spec: SweepSpec
    /// The strategy `spec.strategy` names.
    public let strategy: any Strategy
    /// The slots trials run on.
    public let slots: SlotLedger
    /// How trials run: what the caller gave, with the sweep's early-stopping rule, backend,
    /// ranks and datastores.
    public let options: ExecutionOptions

    /// How many trials the run makes (`trials:`, or the whole grid).
    public let budget: Int
}
