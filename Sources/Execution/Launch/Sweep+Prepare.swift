import Foundation

/// The one path from a sweep to a running sweep, for `hpo run`, `hpo search` and a Swift
/// program alike:
///
///     let sweep = try Sweep.start(file: "sweep.yaml", overrides: SweepOverrides(trials: 20), root: "runs")
///     let state = try sweep.controller.run()
extension Sweep {
    /// Checks `spec` and everything it says about its run, without making anything: the
    /// command, the budget, the name, the strategy (`strategy:`), the early-stopping rule
    /// (`early_stopping:`), the backend (`backend:`), the ranks (`nodes:`,
    /// `ranks_per_node:`, `launcher:`), the slots and the datastores. `hpo --dry-run` stops
    /// here; `start(_:root:observer:)` goes on.
    ///
    /// - Parameters:
    ///   - spec: the resolved sweep (a file merged with overrides: `SweepSpec.merged(with:)`).
    ///   - slots: what is asked of the slots beyond `spec.parallel` and `spec.gpus`.
    ///   - options: how trials run beyond what the sweep says (time limits, retries,
    ///     the workspace snapshot, `--datastore` entries, which win over the sweep's).
    /// - Throws: `SweepPlanError`, `StrategyError`, `RunNameError`, `EarlyStoppingError`,
    ///   `RankLayoutError`, `SweepSettingError`, `SlotError`, `DatastoreError`: all bad
    ///   input (`ExitStatus.badInput`), each naming what to change.
    public static func prepare(_ spec: SweepSpec, slots: SlotRequest = SlotRequest(),
                               options: ExecutionOptions = ExecutionOptions()) throws -> SweepPlan {
        guard !spec.command.isEmpty else { throw SweepPlanError.noCommand }
        if let c = spec.constraints.first(where: { c in spec.metrics.contains { $0.name == c.metric } }) {
            throw SweepPlanError.constraintOnObjective(c.metric)
        }
        let budget = try spec.budget()
        if let name = spec.name { try RunLayout.validateName(name) }
        let ledger = try slots.ledger(for: spec, environment: options.environment)
        return SweepPlan(spec: spec, strategy: spec.strategy.makeStrategy(), slots: ledger,
                         options: try options.following(spec), budget: budget)
    }

    /// Reads the sweep file at `path`, applies `overrides` and starts it: exactly what
    /// `hpo search --config FILE` does with the same options. Two defaults of the CLI are not
    /// the sweep's and stay the caller's: the workspace snapshot (`options.snapshot`; the
    /// CLI's `--no-snapshot` is nil, the default here) and Ctrl-C handling
    /// (`options.handlesSignals`).
    /// - Parameters:
    ///   - overrides: what a command line would say over the file; its `seed` also fixes
    ///     the file's pre-sampled draws.
    ///   - root: the directory runs are kept in.
    ///   - slots, options: as for `prepare`.
    /// - Throws: `SweepFileError` for the file; what `prepare` and `start` throw.
    public static func start(file path: String, overrides: SweepOverrides = SweepOverrides(), root: String,
                             slots: SlotRequest = SlotRequest(), options: ExecutionOptions = ExecutionOptions(),
                             observer: @escaping (ControllerEvent) -> Void = { _ in }) throws -> Sweep {
        let spec = try SweepSpec.load(contentsOf: path, seed: overrides.seed).merged(with: overrides)
        return try start(try prepare(spec, slots: slots, options: options), root: root, observer: observer)
    }

    /// Creates the run of `plan` under `root` — its directory, run.db, sweep.yaml (the
    /// resolved sweep), settings.json, the workspace snapshot and the results.csv header —
    /// and a controller for it on the plan's backend; call `controller.run()`. The run stays
    /// locked (`RunLock`) until `run()` returns. Making it is all or nothing: on any failure
    /// what was made is taken away again.
    /// - Throws: `SweepError.runExists` when the name is taken, `RunLockError` when another
    ///   hpo is creating a run of the same name, and what creating the files throws.
    public static func start(_ plan: SweepPlan, root: String,
                             observer: @escaping (ControllerEvent) -> Void = { _ in }) throws -> Sweep {
        try create(plan.spec, strategy: plan.strategy, root: root, slots: plan.slots, options: plan.options,
                   observer: observer)
    }

    /// Starts the run of `plan` as `start(_:root:observer:)` does, with its trials on
    /// `backend` instead of the one the sweep names: a Swift program's own backend (a
    /// cluster's API, containers), or a test's fake. With `plan.options.clock` and
    /// `plan.options.metricSource`, everything the controller's loop reads can be supplied.
    public static func start<B: Backend>(_ plan: SweepPlan, root: String, backend: B,
                                         observer: @escaping (ControllerEvent) -> Void = { _ in }) throws -> Sweep {
        try create(plan.spec, strategy: plan.strategy, root: root, slots: plan.slots, options: plan.options,
                   backend: backend, observer: observer)
    }
}

extension ExecutionOptions {
    /// These options with what `spec` says about the run: its early-stopping rule, backend,
    /// ranks, and datastores (under the ones given here).
    func following(_ spec: SweepSpec) throws -> ExecutionOptions {
        var options = self
        options.earlyStopping = try spec.earlyStoppingRule()
        options.backend = spec.backendChoice
        options.ranks = try spec.rankLayout()
        options.datastores = try spec.datastores(over: datastores)
        return options
    }
}
