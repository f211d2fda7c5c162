import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a sweep: asks the strategy for as many trials as there are free slots, launches
/// them through a backend, follows their metrics, stops the ones that must stop, and records
/// every change in the run store before it takes effect outside.
///
/// One thread, one loop: `poll(2)` waits on the metrics tailer, one exit descriptor per
/// running trial, the signal pipe and the strategy's answers (the strategy computes on a
/// thread of its own, `SuggestionWorker`, so the loop never waits for it), with a timeout equal to the nearest deadline (grace
/// period, trial timeout, stall check, cancel-request check). Decisions live in value types
/// (`SlotLedger`, `Teardown`, `FailureBudget`, `TrialState.final`); the loop carries them out.
public final class Controller<B: Backend>: RunController {
    let spec: SweepSpec
    let strategy: any Strategy
    let layout: RunLayout
    let store: RunStore
    let results: ResultsFile
    let backend: B
    let options: ExecutionOptions
    let observer: (ControllerEvent) -> Void
    let tailer: MetricsTailer<TrialStream>
    let budget: Int
    let directories: TrialDirectoryPrefetcher

    var ledger: SlotLedger
    var failureBudget: FailureBudget
    var running: [Int: RunningTrial<B.Handle>] = [:]
    /// Trials whose process exited, judged once their files are read to the end.
    var exited: [Int: ExitedTrial<B.Handle>] = [:]
    var trialOfHandle: [B.Handle: Int] = [:]
    var completed: [Observation] = []
    /// Every trial's objective curve, running and finished, indexed for the early-stopping rule.
    lazy var curves = CurveHistory(rule: options.earlyStopping, goal: spec.metric.goal)
    /// Slot-seconds of finished trials, and of the pruned ones among them.
    var slotSeconds = SlotTime()
    var nextTrialNumber = 0
    var created = 0
    var finished = 0
    var totalDuration = 0.0
    var best: (trial: Int, value: Double)?
    /// False once nothing more may be launched (budget spent, grid exhausted, Ctrl-C,
    /// cancel, failure budget, an error).
    var accepting = true
    var endState: RunState = .completed
    var interrupts = 0
    var signalPipe: SignalPipe?
    var nextRequestCheck: ContinuousClock.Instant
    var nextStallCheck: ContinuousClock.Instant
    /// An error that stopped launching (disk full, store failure): rethrown after draining.
    var fatal: Error?
    /// Trials waiting for another attempt (see `RerunQueue`).
    var reruns = RerunQueue()
    /// The run's lock, released when `run()` returns (see `RunLock`).
    var runLock: RunLock?
    /// Trials that exited 0 just before an outside SIGTERM reached hpo (see `CleanExitWitness`).
    var cleanExits: CleanExitWitness
    /// Computes the strategy's suggestions off the loop (see `SuggestionWorker`).
    let suggestions: SuggestionWorker
    /// How many suggestions the strategy is computing now; nil when it is not asked.
    var asking: Int?

    /// How often `hpo cancel` requests are looked for (a cheap `PRAGMA data_version`).
    static var requestInterval: Duration { .milliseconds(200) }
    /// How often output sizes are checked for the stall timeout.
    static var stallCheckInterval: Duration { .seconds(1) }

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
        self.ledger = slots
        self.failureBudget = FailureBudget(maximum: options.maximumFailures)
        self.cleanExits = CleanExitWitness(window: options.grace)
        self.tailer = try MetricsTailer<TrialStream>()
        self.budget = try spec.budget()
        self.suggestions = try SuggestionWorker(strategy: strategy)
        self.directories = TrialDirectoryPrefetcher(layout: layout, workspace: options.trialWorkspace,
                                                    lookahead: 2 * slots.capacity, last: budget - 1)
        let now = ContinuousClock.now
        self.nextRequestCheck = now
        self.nextStallCheck = now
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
        do {
            // A launcher that cannot start fails the run, not each of its trials.
            try backend.checkLauncher(options.ranks, environment: options.environment,
                                      workingDirectory: options.workingDirectory)
        } catch {
            try? store.setRunState(.failed, at: options.wallClock())
            throw ControllerError(action: "checking the rank launcher", underlying: error)
        }
        try store.setRunState(.running, at: options.wallClock())
        while true {
            checkRequests(now: ContinuousClock.now)
            if accepting || relaunching { launchTrials() }
            if running.isEmpty && exited.isEmpty && !accepting && !relaunching { break }
            wait()
            let now = ContinuousClock.now
            handleSignals(now: now)
            readMetrics(now: now)
            handleStarts(now: now)
            handleExits(now: now)
            takeSuggestions()
            // Refill freed slots before the rest of the bookkeeping: an idle slot is the cost.
            if accepting || relaunching { launchTrials() }
            enforceDeadlines(now: now)
            if let local = backend as? LocalBackend { local.reapOrphans() }
            reportProgress()
        }
        try? store.setRunState(endState, at: options.wallClock())
        if let fatal { throw fatal }
        return endState
    }

    /// Slot time of the finished trials: used, and saved by early stopping.
    public var slotTime: SlotTime { slotSeconds }

    /// Stops launching; running trials finish (or are stopped when `stopRunning`).
    func stopAccepting(_ reason: String, state: RunState, stopRunning: Bool = false, now: ContinuousClock.Instant) {
        if accepting {
            accepting = false
            observer(.draining(reason: reason))
        }
        if state != .completed && endState == .completed { endState = state }
        if stopRunning {
            for number in running.keys.sorted() { stop(number, cause: .cancel, explanation: reason, now: now) }
        }
    }

    func reportProgress() {
        let now = ContinuousClock.now
        observer(.progress(ControllerProgress(
            finished: finished, running: running.count,
            remaining: (accepting ? max(0, budget - created) : 0) + reruns.count,
            best: best?.value, bestTrial: best?.trial,
            meanDuration: finished > 0 ? totalDuration / Double(finished) : nil,
            capacity: ledger.capacity,
            elapsed: running.values.map { $0.waitingInQueue ? 0 : Controller.seconds(now - $0.launchedAt) })))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// A controller whatever its backend: what `Sweep` hands out.
public protocol RunController: AnyObject {
    /// Runs the sweep to its end (see `Controller.run()`).
    @discardableResult
    func run() throws -> RunState
    /// Slot time of the finished trials: used, and saved by early stopping.
    var slotTime: SlotTime { get }
}
