import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The controller's decisions, as a value: events in (`ControllerInput`, each with the time
/// it was seen), actions out (`ControllerAction`). It never touches the store, the backend
/// or the file system and never reads a clock, so a test drives a whole sweep's logic —
/// slots, suggestions, attempts, timeouts, stalls, Ctrl-C, cancels, early stopping, the
/// failure budget — with made-up times. `Controller` is the thin loop that owns `poll(2)`,
/// the clock, the store, the backend, the metric source and the suggestion worker, and
/// carries the actions out (as `Teardown` is driven by it, and as Hummingbird's and
/// swift-nio's state machines return actions).
struct ControllerCore {
    /// What the core knows of the sweep: fixed for the run.
    struct Settings {
        var run: String
        var spec: SweepSpec
        var options: ExecutionOptions
        var budget: Int
        var strategyName: String
        /// True where a torchrun-style launcher prefixes ranks' stdout lines here (local
        /// ranks): rank 0's lines count.
        var prefixesRankOutput: Bool
        /// Other runs' finished trials the strategy learns from (`--warm-start`), outside the budget.
        var priors: [Observation] = []
        /// True where the strategy may be asked ahead of freed slots (several slots, a
        /// strategy that fits a model: see `ControllerCore+AskingAhead.swift`).
        var asksAhead = false

        var metric: String { spec.metric.name }
        var goal: Goal { spec.metric.goal }
        var earlyStopping: (any EarlyStopping)? { options.earlyStopping }
    }

    /// What the core waits for after asking the loop to do something with an answer.
    enum Awaiting {
        case start(StartOrder)
        case finish(RunningTrial?, termination: Termination, configuration: Configuration, thenFill: Bool)
        case requeue(RerunQueue.Entry, through: TrialState, note: String)
    }

    let settings: Settings
    var ledger: SlotLedger
    var failureBudget: FailureBudget
    var running: [Int: RunningTrial] = [:]
    /// Trials whose process exited, judged once their files are read to the end.
    var exited: [Int: ExitedTrial] = [:]
    /// The finished trials as the strategy hears them, in the order they finished, each with
    /// its curve (shared with `curves`).
    var completed: [Observation] = []
    /// Every trial's objective curve, running and finished, for the early-stopping rule and
    /// for the strategy (`Observation.curve`, `SuggestionContext.pendingCurves`).
    var curves: CurveHistory
    /// Slot-seconds of finished trials, and of the pruned ones among them.
    var slotSeconds = SlotTime()
    var nextTrialNumber = 0
    var created = 0
    var finished = 0
    var totalDuration = 0.0
    /// The best succeeded trial so far, for the progress line: of a constrained run, the
    /// best feasible one (see `readings`).
    var best: (trial: Int, value: Double)?
    /// The constrained metrics' last values of every trial (nothing without constraints).
    var readings: ConstraintReadings
    /// The second and later objectives' last values of every trial (nothing with one objective).
    var furtherReadings: ConstraintReadings
    /// False once nothing more may be launched (budget spent, grid exhausted, Ctrl-C,
    /// cancel, failure budget, an error).
    var accepting = true
    var endState: RunState = .completed
    var interrupts = 0
    var nextRequestCheck: ContinuousClock.Instant
    var nextStallCheck: ContinuousClock.Instant
    /// An error that stopped launching (disk full, store failure): rethrown after draining.
    var fatal: ControllerError?
    /// Trials waiting for another attempt (see `RerunQueue`).
    var reruns = RerunQueue()
    /// Trials that exited 0 just before an outside SIGTERM reached hpo (see `CleanExitWitness`).
    var cleanExits: CleanExitWitness
    /// How many suggestions the strategy is computing now; nil when it is not asked.
    var asking: Int?
    /// When the question being computed was asked.
    var askedAt: ContinuousClock.Instant?
    /// How long the last four questions took to answer, seen from the loop, oldest first.
    var recentAnswerSeconds: [Double] = []
    /// The strategy's last answer, launched one suggestion at a time (an answer asked ahead
    /// waits here for slots to free).
    var proposals: [Configuration] = []
    /// Configurations running or waiting when the last answer came.
    var taken: Set<Configuration> = []
    /// True when the last answer held fewer suggestions than asked for.
    var answerShort = false
    /// The action whose answer the core waits for (the loop answers before anything else).
    var awaiting: Awaiting?
    /// Configurations enqueued by hand, not yet launched, oldest first: they come before the
    /// strategy's suggestions (see `ControllerCore+Enqueued.swift`).
    var enqueued: [EnqueuedConfiguration] = []
    /// The ids of every enqueued configuration the core took in.
    var enqueuedSeen: Set<Int64> = []

    /// How often `hpo cancel` requests are looked for (a cheap `PRAGMA data_version`).
    static var requestInterval: Duration { .milliseconds(200) }
    /// How often output sizes are checked for the stall timeout.
    static var stallCheckInterval: Duration { .seconds(1) }

    init(settings: Settings, slots: SlotLedger, now: ContinuousClock.Instant) {
        self.settings = settings
        self.curves = CurveHistory(rule: settings.earlyStopping, goal: settings.goal)
        self.readings = ConstraintReadings(constraints: settings.spec.constraints)
        self.furtherReadings = ConstraintReadings(metrics: settings.spec.furtherMetrics.map(\.name))
        self.ledger = slots
        self.failureBudget = FailureBudget(maximum: settings.options.maximumFailures)
        self.cleanExits = CleanExitWitness(window: settings.options.grace)
        self.nextRequestCheck = now
        self.nextStallCheck = now
    }

    /// Takes in one event and returns what to do, in order.
    mutating func handle(_ input: ControllerInput) -> [ControllerAction] {
        switch input {
        case .tick(let now): return tick(now: now)
        case .enqueued(let waiting, let now): return takeEnqueued(waiting, now: now)
        case .requestsChecked(let now): return fillSlots(now: now) + enforceDeadlines(now: now)
        case .signal(let signal, let now):
            // SIGUSR1 is `hpo cancel` saying a request is stored: check at the next tick, now.
            if signal == SIGUSR1 { nextRequestCheck = now; return [] }
            return interrupted(by: signal, now: now)
        case .cancelRequested(let trial, let note, let now): return cancelRequested(trial: trial, note: note, now: now)
        case .lines(let update, let now): return read(update, now: now)
        case .outputSizes(let sizes, let now): return checkStalls(sizes, now: now)
        case .jobStarted(let trial, let now): return jobStarted(trial, now: now)
        case .exited(let trial, let termination, let endedAt, _): return exit(trial, termination: termination, endedAt: endedAt)
        case .caughtUp(let trial, let now): return caughtUp(trial, now: now)
        case .suggestions(let count, let result, let now): return answered(count: count, result: result, now: now)
        case .started(let trial, let queued, let prior, let commitError, let now):
            return started(trial, queued: queued, prior: prior, commitError: commitError, now: now)
        case .startFailed(let trial, let failure, let now): return startFailed(trial, failure, now: now)
        case .finishRecorded(let record, let missing, let seen, let now):
            return finishRecorded(record, missing: missing, objectiveSeen: seen, now: now)
        case .requeued(_, let now): return requeued(now: now)
        case .commitFailed(let error, let doing, let now):
            var actions = abandonAwaited()
            actions += fail(error, while: doing, now: now)
            return actions + fillSlots(now: now)
        }
    }

    /// True once the run is over: nothing runs, nothing is being read or recorded, and
    /// nothing more may be launched.
    var isDone: Bool {
        running.isEmpty && exited.isEmpty && awaiting == nil && !accepting && !relaunching
    }

    /// True while trials wait for another attempt and the run may still launch them: it
    /// stopped accepting new trials only because the budget was spent or the strategy had
    /// nothing more (not Ctrl-C, a cancel, the failure budget or an error).
    var relaunching: Bool { !reruns.isEmpty && endState == .completed && fatal == nil }

    /// The nearest deadline: teardown grace periods, trial timeouts, stall checks,
    /// cancel-request checks. Nil when the loop must not sleep at all (the run drains).
    func nextDeadline() -> ContinuousClock.Instant? {
        if !accepting && running.isEmpty { return nil }
        var deadline = nextRequestCheck
        for trial in running.values {
            if let d = trial.teardown.deadline { deadline = min(deadline, d) }
            if trial.stopCause == .none, !trial.waitingInQueue, let limit = settings.options.trialTimeout {
                deadline = min(deadline, trial.launchedAt + limit)
            }
        }
        if settings.options.stallTimeout != nil && !running.isEmpty { deadline = min(deadline, nextStallCheck) }
        if let ahead = nextAskAhead() { deadline = min(deadline, ahead) }
        return deadline
    }

    /// Running and waiting trials' configurations: what the strategy must not propose again.
    /// In trial order, so that the question is the same in every process (a dictionary's
    /// order is not) and after `hpo resume`.
    var pendingConfigurations: [Configuration] { pendingTrials.map(\.configuration) }

    /// Running, exited-while-being-read and waiting trials, by trial number.
    private var pendingTrials: [(number: Int, configuration: Configuration)] {
        let all = running.values.map { ($0.number, $0.configuration) } + exited.values.map { ($0.trial.number, $0.trial.configuration) }
            + reruns.entries.map { ($0.number, $0.configuration) }
        return all.sorted { $0.0 < $1.0 }
    }

    /// The objective points trial `number` reported so far, every attempt's (the early-stopping
    /// history's curve: the same array, shared, not copied).
    func curve(of number: Int) -> [LearningCurve.Point] { curves[number]?.points ?? [] }

    /// The curves of the running and waiting trials that reported something, by configuration,
    /// for the strategy's `pendingCurves`: a few dictionary entries, the arrays shared with `curves`.
    /// Should two pending trials share a configuration, the lower trial number's curve is kept.
    var pendingCurves: [Configuration: [LearningCurve.Point]] {
        var out: [Configuration: [LearningCurve.Point]] = [:]
        for (number, configuration) in pendingTrials where out[configuration] == nil {
            let points = curve(of: number)
            if !points.isEmpty { out[configuration] = points }
        }
        return out
    }

    /// Adds a finished trial to what the strategy hears (`completed`, with its curve and its
    /// constrained metrics' values) and, succeeded and feasible with a better objective,
    /// makes it the best.
    mutating func complete(_ number: Int, _ configuration: Configuration, state: TrialState, objective: Double?) {
        var observation = Observation(configuration, Self.outcome(state, objective: objective), curve: curve(of: number))
        observation.constraintValues = readings.values(of: number)
        observation.furtherValues = furtherReadings.values(of: number)
        completed.append(observation)
        if state == .succeeded, let value = objective, observation.isFeasible(under: readings.constraints),
           best.map({ settings.goal.isBetter(value, than: $0.value) }) ?? true {
            best = (number, value)
        }
    }

    /// Where the sweep stands at `now`, for a progress line.
    func progress(now: ContinuousClock.Instant) -> ControllerProgress {
        ControllerProgress(
            finished: finished, running: running.count,
            remaining: (accepting ? max(0, settings.budget - created) : 0) + reruns.count,
            best: best?.value, bestTrial: best?.trial,
            meanDuration: finished > 0 ? totalDuration / Double(finished) : nil,
            capacity: ledger.capacity,
            elapsed: running.values.map { $0.waitingInQueue ? 0 : ControllerCore.seconds(now - $0.launchedAt) })
    }

    /// Stops launching; running trials finish (or are stopped when `stopRunning`).
    mutating func stopAccepting(_ reason: String, state: RunState, stopRunning: Bool = false,
                                now: ContinuousClock.Instant) -> [ControllerAction] {
        var actions: [ControllerAction] = []
        if accepting {
            accepting = false
            proposals = []
            actions.append(.notify(.draining(reason: reason)))
        }
        if state != .completed && endState == .completed { endState = state }
        if stopRunning {
            for number in running.keys.sorted() { actions += stop(number, cause: .cancel, explanation: reason, now: now) }
        }
        return actions
    }

    /// Starts stopping a running trial: SIGTERM to all of it now, SIGKILL after the grace
    /// period. The first cause given is the one recorded.
    mutating func stop(_ number: Int, cause: StopCause, explanation: String, now: ContinuousClock.Instant) -> [ControllerAction] {
        guard var trial = running[number] else { return [] }
        var actions: [ControllerAction] = []
        if trial.stopCause == .none {
            trial.stopCause = cause
            trial.stopExplanation = explanation
            actions.append(.notify(.stopping(trial: number, cause: cause, explanation: explanation)))
        }
        let signals = trial.teardown.begin(now: now)
        running[number] = trial
        return actions + signals.map { .signal(trial: number, $0) }
    }

    /// hpo itself cannot go on (store or disk): launch nothing more, stop what runs (as
    /// `preempted`, where the store can still record it), keep the run resumable, and report
    /// the error at the end.
    mutating func fail(_ error: any Error, while doing: String, now: ContinuousClock.Instant) -> [ControllerAction] {
        if fatal == nil { fatal = ControllerError(action: doing, underlying: error) }
        var actions: [ControllerAction] = [.notify(.notice("error while \(doing): \(error)"))]
        actions += stopAccepting("hpo cannot go on; the run is kept as it is: once the cause is fixed, hpo resume "
                                 + "\(settings.run) continues it", state: .failed, now: now)
        for number in running.keys.sorted() {
            actions += stop(number, cause: .interrupt, explanation: "stopped because hpo could not go on", now: now)
        }
        return actions
    }

    /// Forgets the action whose answer was a failure, giving back what it held.
    mutating func abandonAwaited() -> [ControllerAction] {
        defer { awaiting = nil }
        guard case .start(let order) = awaiting else { return [] }
        ledger.release(trial: order.number)
        if order.rerun {
            reruns.pushFront(RerunQueue.Entry(number: order.number, attempt: order.attempt, configuration: order.configuration))
        }
        return []
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func text(_ d: Duration) -> String {
        let s = seconds(d)
        return s == s.rounded() ? "\(Int(s))s" : String(format: "%.1fs", s)
    }
}
