import Execution
import Foundation
import Search
import SweepConfig

/// A sweep of `hpo run` or `hpo search` with every option checked and turned into what the
/// run needs. A dry run and a real run both build one, so an option a real run would refuse
/// (`--timeout 2x`, `--gpus-per-trial 0`, a missing `--workspace`) is refused by the dry
/// run too, with the same message.
struct PreparedSweep {
    /// The sweep with the command line's early-stopping and backend flags applied.
    let spec: SweepSpec
    /// The strategy it names.
    let strategy: any Strategy
    /// The slots trials run on.
    let slots: SlotLedger
    /// How trials run: timeouts, retries, workspace snapshot, datastores, backend, ranks.
    let execution: ExecutionOptions

    init(_ spec: SweepSpec, options: SweepOptions) throws {
        var spec = spec
        try options.applyEarlyStopping(to: &spec)
        try options.applyBackend(to: &spec)
        strategy = try makeStrategy(name: spec.strategy.rawValue)
        guard !spec.command.isEmpty else { throw SweepPlanError.noCommand }
        _ = try spec.budget()
        if let name = spec.name { try RunLayout.validateName(name) }
        slots = try options.slots(for: spec)
        var execution = try options.executionOptions()
        execution.earlyStopping = try spec.earlyStopping.map(SweepOptions.rule(for:))
        execution.snapshot = try options.snapshotRequest()
        execution.datastores = try options.datastores(for: spec)
        execution.backend = spec.backendChoice
        execution.ranks = spec.rankLayout
        self.spec = spec
        self.execution = execution
    }
}
