import Foundation

/// Runs a whole sweep of processes from Swift — what `hpo run` and `hpo search` do, through
/// the same path (`Sweep.prepare`, `Sweep.start(_:root:observer:)`):
///
///     let run = try Sweep.start(file: "sweep.yaml", root: "runs")
///     let state = try run.controller.run()
///     print(try run.store.bestTrial())
public struct Sweep {
    /// Where the run lives.
    public let layout: RunLayout
    /// Its store, open for writing.
    public let store: RunStore
    /// The controller that runs it; call `run()`.
    public let controller: any RunController

    /// Creates a new run under `root` — its directory, run.db, sweep.yaml (the resolved
    /// configuration) and results.csv header — and a controller for it, with `strategy` and
    /// `options` as given: what `start(_:root:observer:)` does with a prepared plan. Tests
    /// call it directly to run a strategy or rule of their own.
    ///
    /// - Parameters:
    ///   - spec: the resolved sweep; `spec.name` names the run, else a name is generated.
    ///   - slots: the slot ledger; nil for `spec.parallel` CPU slots, or `spec.gpus` with one
    ///     GPU a trial.
    /// - Throws: `RunNameError` for a bad name, `SweepError.runExists` when the name is
    ///   taken, `RunLockError` when another hpo is creating a run of the same name, and what
    ///   creating the files throws. The run stays locked (`RunLock`) until `run()` returns.
    ///   - backend: where trials run; nil for the one `options.backend` names.
    static func create(_ spec: SweepSpec, strategy: any Strategy, root: String, slots: SlotLedger? = nil,
                       options: ExecutionOptions = ExecutionOptions(), backend: (any Backend)? = nil,
                       observer: @escaping (ControllerEvent) -> Void = { _ in }) throws -> Sweep {
        let ledger = try slots ?? (spec.gpus.isEmpty ? SlotLedger(parallel: spec.parallel)
                                                     : SlotLedger(gpus: spec.gpus, parallel: spec.parallel))
        _ = try spec.budget()
        // Read before anything is made: a missing run or another objective refuses the start.
        let warmStart = try WarmStart.read(spec.warmStart, root: root, spec: spec)
        let name = try RunLayout.newRunName(given: spec.name, inRoot: root)
        let layout = try RunLayout(root: root, name: name)
        if FileManager.default.fileExists(atPath: layout.directory) { throw layout.existingEntryError() }
        for datastore in options.datastores { try datastore.check() }
        try layout.createNewRun()
        let lock: RunLock
        do { lock = try RunLock.acquire(directory: layout.directory) } catch { layout.removeUnfinishedRun(); throw error }
        // All or nothing: a failure from here on (a full disk) takes the run away again.
        var made = false
        defer { if !made { lock.release(); layout.removeUnfinishedRun() } }
        var resolved = spec
        resolved.name = name
        let yaml = resolved.yaml
        let store = try RunStore.create(layout: layout, run: RunInfo(
            name: name, createdAt: Date(), configurationYAML: yaml, seed: spec.seed, strategy: strategy.name,
            goal: spec.metric.goal, metric: spec.metric.name, parameterNames: spec.space.names))
        if !warmStart.isEmpty { try store.recordWarmStart(warmStart) }
        var options = options
        if let request = options.snapshot {
            do {
                let snapshot = try takeSnapshot(request, root: root, layout: layout, spec: spec,
                                                start: options.workingDirectory, observer: observer)
                try store.recordWorkspace(snapshot)
                options.trialWorkspace = snapshot.trialWorkspace(for: options.workingDirectory)
                options.workingDirectory = snapshot.trialDirectory(for: options.workingDirectory)
            } catch {
                // Nothing ran yet: take the half-made run away, so the same --name works again.
                lock.release()
                try? FileManager.default.removeItem(atPath: layout.directory)
                throw error
            }
        }
        do {
            try yaml.write(toFile: layout.sweepFile, atomically: true, encoding: .utf8)
        } catch {
            throw SweepError.unwritable(path: layout.sweepFile, reason: "\(error.localizedDescription)")
        }
        try RunSettings(options: options, slots: ledger).save(layout)
        let results = try ResultsFile(path: layout.resultsFile, table: ResultsTable(parameterNames: spec.space.names,
                                                                                    constrained: !spec.constraints.isEmpty,
                                                                                    objectives: spec.metrics.map(\.name),
                                                                                    bestOf: spec.metrics.map(\.name)),
                                      store: store)
        let chosen: any Backend
        switch (backend, options.backend) {
        case (let given?, _): chosen = given
        case (nil, .local): chosen = LocalBackend(wallClock: { [clock = options.clock] in clock.wallNow })
        case (nil, .slurm(let slurm)): chosen = SlurmBackend(options: slurm, environment: options.environment)
        }
        let controller = try makeLockedController(chosen, lock: lock, spec: resolved, strategy: strategy, slots: ledger,
                                                  layout: layout, store: store, results: results, options: options,
                                                  observer: observer)
        made = true
        return Sweep(layout: layout, store: store, controller: controller)
    }
}

extension Sweep {
    /// A controller of `backend`'s own type (an existential opens here).
    static func makeController<B: Backend>(_ backend: B, spec: SweepSpec, strategy: any Strategy, slots: SlotLedger,
                                           layout: RunLayout, store: RunStore, results: ResultsFile,
                                           options: ExecutionOptions,
                                           observer: @escaping (ControllerEvent) -> Void) throws -> Controller<B> {
        try Controller(spec: spec, strategy: strategy, slots: slots, layout: layout, store: store, results: results,
                       backend: backend, options: options, observer: observer)
    }

    /// A controller of `backend`'s own type holding the run's lock, for a backend known only
    /// as `any Backend`.
    static func makeLockedController<B: Backend>(_ backend: B, lock: RunLock, spec: SweepSpec, strategy: any Strategy,
                                                 slots: SlotLedger, layout: RunLayout, store: RunStore,
                                                 results: ResultsFile, options: ExecutionOptions,
                                                 observer: @escaping (ControllerEvent) -> Void) throws -> any RunController {
        let controller = try makeController(backend, spec: spec, strategy: strategy, slots: slots, layout: layout,
                                            store: store, results: results, options: options, observer: observer)
        controller.runLock = lock
        return controller
    }
}

/// Why a sweep could not start.
public enum SweepError: Error, Equatable, CustomStringConvertible {
    /// A run of that name is already in the root.
    case runExists(name: String, root: String)
    /// A file of the run could not be written.
    case unwritable(path: String, reason: String)
    /// No run of that name in the root.
    case runNotFound(name: String, root: String)
    /// A directory of that name is in the root but holds no run.db: not a run, or one whose
    /// making was cut off before it had a store.
    case notARun(path: String)
    /// A file of the run could not be read.
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .runExists(let name, let root):
            return "a run named '\(name)' already exists in \(root); choose another --name, or continue it with hpo resume \(name)"
        case .notARun(let path):
            return "\(path) exists but holds no run (no run.db): a run whose making was cut off, or another directory; "
                + "remove it (or choose another --name for a new run)"
        case .runNotFound(let name, let root):
            return "no run named '\(name)' in \(root) (give --root, or set HPO_ROOT, for runs kept elsewhere)"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
