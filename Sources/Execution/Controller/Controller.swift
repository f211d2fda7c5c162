import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a sweep: the thin loop around `ControllerCore`, which makes every decision (what to
/// launch, what to stop and why, what to record). The loop owns what the core must not
/// touch — `poll(2)`, the clock, the store, results.csv, the backend, the metric source and
/// the suggestion worker — feeds the core what it sees, with the time, and carries out the
/// actions it returns, feeding each one's answer back at once. Every change is recorded in
/// the run store before it takes effect outside.
///
/// One thread, one loop: `poll(2)` waits on the metric source, the backend's exit
/// descriptors, the signal pipe and the strategy's answers (the strategy computes on a
/// thread of its own, `SuggestionWorker`, so the loop never waits for it), with a timeout
/// equal to the core's nearest deadline (grace period, trial timeout, stall check,
/// cancel-request check).
public final class Controller<B: Backend>: RunController {
    let spec: SweepSpec
    let strategy: any Strategy
    let layout: RunLayout
    let store: RunStore
    let results: ResultsFile
    let backend: B
    let options: ExecutionOptions
    let observer: (ControllerEvent) -> Void
    let clock: any ControllerClock
    let metrics: any TrialMetricSource
    let directories: TrialDirectoryPrefetcher
    /// Computes the strategy's suggestions off the loop (see `SuggestionWorker`).
    let suggestions: SuggestionWorker

    /// The decisions.
    var core: ControllerCore
    /// Running trials' handles and files (the core knows trials by number).
    var handles: [Int: B.Handle] = [:]
    var trialOfHandle: [B.Handle: Int] = [:]
    var layouts: [Int: TrialLayout] = [:]
    var signalPipe: SignalPipe?
    /// What waits for the turn's commit (see `Controller+Commits.swift`).
    var awaitingCommit: [AfterCommit] = []
    /// The run's lock, released when `run()` returns (see `RunLock`).
    var runLock: RunLock?

    /// A controller for a new run whose store, layout and results file exist.
    public init(spec: SweepSpec, strategy: any Strategy, slots: SlotLedger, layout: RunLayout, store: RunStore,
                results: ResultsFile, backend: B, options: ExecutionOptions,
                observer: @escaping (ControllerEvent) -> Void = { _ in }) throws {
        self.spec = spec
        self.strategy = strategy
        self.layout = layout
        self.store = store
        self.results = results
        self.backend = backend
        self.options = options
        self.observer = observer
        self.clock = options.clock
        self.metrics = try options.metricSource?() ?? MetricsTailer<TrialStream>()
        let budget = try spec.budget()
        self.suggestions = try SuggestionWorker(strategy: strategy)
        self.directories = TrialDirectoryPrefetcher(layout: layout, workspace: options.trialWorkspace,
                                                    lookahead: 2 * slots.capacity, last: budget - 1)
        var settings = ControllerCore.Settings(run: layout.name, spec: spec, options: options, budget: budget,
                                               strategyName: strategy.name,
                                               prefixesRankOutput: backend.prefixesRankOutput,
                                               priors: try store.priorObservations())
        settings.asksAhead = slots.capacity > 1 && !strategy.answersAtOnce
        self.core = ControllerCore(settings: settings, slots: slots, now: options.clock.now)
    }

    /// Runs the sweep to its end and returns the run's final state: `completed` when the
    /// budget was spent or the grid exhausted, `cancelled` after Ctrl-C or `hpo cancel`,
    /// `failed` when the failure budget stopped it.
    /// - Throws: what made hpo itself unable to go on (the store or the run directory
    ///   became unwritable), after the running trials were stopped.
    @discardableResult
    public func run() throws -> RunState {
        if options.handlesSignals { signalPipe = try SignalPipe() }
        defer { signalPipe = nil }
        defer { runLock?.release() }
        defer { directories.discardUnused() }
        try begin()
        while !turn(waiting: true) {}
        return try end()
    }

    /// Checks the launcher and records the run `running`.
    func begin() throws {
        do {
            // A launcher that cannot start fails the run, not each of its trials.
            try backend.checkLauncher(options.ranks, environment: options.environment,
                                      workingDirectory: options.workingDirectory)
        } catch {
            try? store.setRunState(.failed, at: clock.wallNow)
            throw ControllerError(action: "checking the rank launcher", underlying: error)
        }
        try store.setRunState(.running, at: clock.wallNow)
        // Configurations enqueued before the start (`hpo search --enqueue`, or into an ended run).
        core.receiveEnqueued(try store.enqueued())
    }

    /// One turn of the loop: fill slots, sleep in `poll(2)` (when `waiting`) until something
    /// happens or the nearest deadline, then take in signals, metrics, starts, exits and the
    /// strategy's answer, refill freed slots and enforce deadlines. The store's writes of each
    /// half go in one commit (`inOneTransaction`). Returns true once the run is over (call
    /// `end()`). Tests turn it by hand with a fake backend and clock.
    func turn(waiting: Bool) -> Bool {
        inOneTransaction { feed(.tick(at: clock.now)) }
        if core.isDone { return true }
        if waiting { wait() }
        inOneTransaction { takeEvents() }
        observer(.progress(core.progress(now: clock.now)))
        return false
    }

    /// What happened since the last turn, fed to the core in order.
    private func takeEvents() {
        let now = clock.now
        // The backend's news first, before the turn holds the store's write lock: a batch
        // backend asks its scheduler (seconds, at worst), and `hpo cancel` must not wait on it.
        let started = backend.collectStarts()
        let exits = backend.collectExits()
        // The end recorded is when the process ended, as the backend noted it (the local
        // exit watcher's stamp), else when the exit was observed here; never when the files
        // are read to their end (one more turn, or many for a trial that wrote a lot).
        let observedAt = clock.wallNow
        for signal in signalPipe?.drain() ?? [] { feed(.signal(signal, at: now)) }
        readMetrics(now: now)
        for handle in started {
            if let number = trialOfHandle[handle] { feed(.jobStarted(trial: number, at: now)) }
        }
        for exit in exits {
            guard let number = trialOfHandle.removeValue(forKey: exit.handle) else { continue }
            handles[number] = nil
            // Read again whatever events said: the last lines may not have raised one yet.
            metrics.markChanged(key: .metrics(number))
            metrics.markChanged(key: .stdout(number))
            // Never after the observation (both read the same clock, the stamp first).
            let endedAt = exit.endedAt.map { min($0, observedAt) } ?? observedAt
            feed(.exited(trial: number, termination: exit.termination, endedAt: endedAt, at: now))
        }
        if !exits.isEmpty { readMetrics(now: now) }
        for number in core.exited.keys.sorted()
        where metrics.isCaughtUp(key: .metrics(number)) && metrics.isCaughtUp(key: .stdout(number)) {
            feed(.caughtUp(trial: number, at: now))
        }
        if let answer = suggestions.take() { feed(.suggestions(count: answer.count, answer.result, at: now)) }
        // Refill freed slots before the rest of the bookkeeping: an idle slot is the cost.
        feed(.tick(at: now))
        backend.reapLeftovers()
    }

    /// Records the run's final state; rethrows what stopped it.
    func end() throws -> RunState {
        try? store.setRunState(core.endState, at: clock.wallNow)
        // A row's `pareto` said whether the trials finished before it dominated it, and its
        // metric columns were those known when the file was opened; the final front and every
        // metric reported are written now (should this fail, `hpo resume` rewrites the file too).
        try? ResultsFile.repair(at: results.path, from: store)
        if let fatal = core.fatal { throw fatal }
        return core.endState
    }

    /// Feeds the metric source's new lines to the core.
    func readMetrics(now: ContinuousClock.Instant) {
        for update in metrics.drain() { feed(.lines(update, at: now)) }
    }

    /// Slot time of the finished trials: used, and saved by early stopping.
    public var slotTime: SlotTime { core.slotSeconds }
}

/// A controller whatever its backend: what `Sweep` hands out.
public protocol RunController: AnyObject {
    /// Runs the sweep to its end (see `Controller.run()`).
    @discardableResult
    func run() throws -> RunState
    /// Slot time of the finished trials: used, and saved by early stopping.
    var slotTime: SlotTime { get }
}

/// hpo could not carry on with a run (the store or the run directory failed).
public struct ControllerError: Error, CustomStringConvertible {
    /// What hpo was doing.
    public var action: String
    /// What went wrong.
    public var underlying: Error

    public var description: String { "error while \(action): \(underlying)" }
}
