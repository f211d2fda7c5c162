import Foundation

/// Filling free slots: trials waiting for another attempt first, then the strategy's
/// suggestions, one start at a time (the next is decided once the loop answered the last).
extension ControllerCore {
    /// A turn of the loop: the cancel-request check when it is due (the rest of the turn
    /// waits for `.requestsChecked`, so that a cancel comes before any launch), free slots,
    /// deadlines.
    mutating func tick(now: ContinuousClock.Instant) -> [ControllerAction] {
        if now >= nextRequestCheck {
            nextRequestCheck = now + Self.requestInterval
            return [.checkRequests]
        }
        return fillSlots(now: now) + enforceDeadlines(now: now)
    }

    /// Fills free slots: first with trials waiting for another attempt, then with enqueued
    /// configurations (`hpo enqueue`), then with the strategy's last answer, then (while the run accepts new trials) asks the strategy, on
    /// its own thread, for exactly as many suggestions as slots are left within the budget.
    /// The strategy sees every finished trial, and every running or waiting one as pending,
    /// so it never proposes one of those configurations again; with the learning curves
    /// they reported so far and the rule's rungs, for a multi-fidelity model. One question at a time: a
    /// slot freed while the strategy thinks waits for its answer, then the next question.
    mutating func fillSlots(now: ContinuousClock.Instant) -> [ControllerAction] {
        guard awaiting == nil else { return [] }
        if accepting || relaunching, ledger.startableTrials > 0, let entry = reruns.popFirst() {
            guard let grant = ledger.acquire(for: entry.number) else {
                reruns.pushFront(entry)
                return []
            }
            return [begin(StartOrder(number: entry.number, attempt: entry.attempt, configuration: entry.configuration,
                                     grant: grant, rerun: true))]
        }
        if let order = launchEnqueued() { return [order] }
        // An answer asked ahead waits here for slots to free (`ControllerCore+AskingAhead.swift`).
        while !proposals.isEmpty, accepting, ledger.startableTrials > 0, created < settings.budget {
            let configuration = proposals.removeFirst()
            if !taken.contains(configuration) { return [launch(configuration)] }
        }
        // Without asking ahead, what did not fit (a retry took the slot) is dropped: the next
        // question hears of everything that happened meanwhile.
        if !accepting || created >= settings.budget || !settings.asksAhead { proposals = [] }
        if answerShort && proposals.isEmpty && enqueued.isEmpty {
            answerShort = false
            if accepting {
                return stopAccepting("the \(settings.strategyName) strategy has nothing more to suggest", state: .completed,
                                     now: now)
            }
        }
        guard accepting else { return [] }
        let free = min(ledger.startableTrials, settings.budget - created)
        guard free > 0 else {
            if created >= settings.budget && asking == nil {
                return stopAccepting(Self.budgetStarted(settings.budget, running: running.count), state: .completed, now: now)
            }
            return askAhead(now: now)
        }
        guard asking == nil else { return [] }
        return ask(count: free, now: now)
    }

    /// Asks the strategy, on its own thread, for `count` suggestions: every finished trial,
    /// every running or waiting one as pending, their curves, the constraints, the priors.
    mutating func ask(count: Int, now: ContinuousClock.Instant) -> [ControllerAction] {
        var context = SuggestionContext(space: settings.spec.space, goal: settings.goal, seed: settings.spec.seed,
                                        completed: completed, pending: pendingConfigurations,
                                        pendingCurves: pendingCurves, resources: settings.earlyStopping?.resources)
        context.constraints = readings.constraints
        context.furtherGoals = settings.spec.furtherMetrics.map(\.goal)
        context.priors = settings.priors
        asking = count
        askedAt = now
        return [.ask(count: count, context: context)]
    }

    /// A new trial for `configuration`: its number, its slots.
    mutating func launch(_ configuration: Configuration, enqueued: Int64? = nil) -> ControllerAction {
        let number = nextTrialNumber
        nextTrialNumber += 1
        created += 1
        guard let grant = ledger.acquire(for: number) else { preconditionFailure("launch without a free slot") }
        return begin(StartOrder(number: number, attempt: 1, configuration: configuration, grant: grant, rerun: false,
                                enqueued: enqueued))
    }

    private mutating func begin(_ order: StartOrder) -> ControllerAction {
        awaiting = .start(order)
        return .start(order)
    }

    /// The strategy's answer.
    ///
    /// An answer computed while trials finished is used as it is, for the slots it was asked
    /// for (as Optuna's and Ray Tune's asynchronous searchers do): the finished trials were
    /// pending in its question, so no configuration can repeat, and its suggestions are only
    /// as stale as one suggestion's computing time. A suggestion equal to a configuration
    /// that is running or waiting now is dropped (the strategy is asked again for its slot);
    /// suggestions beyond the slots still free (a retry took one) are dropped too. After the
    /// run stopped accepting (cancel, Ctrl-C, failure budget, an error), an answer is
    /// abandoned: nothing is launched.
    mutating func answered(count: Int, result: Result<[Configuration], any Error>,
                           now: ContinuousClock.Instant) -> [ControllerAction] {
        asking = nil
        if let askedAt { recentAnswerSeconds = Array((recentAnswerSeconds + [Self.seconds(now - askedAt)]).suffix(4)) }
        askedAt = nil
        guard accepting else { return fillSlots(now: now) }
        switch result {
        case .success(let configurations):
            proposals = configurations
            taken = Set(pendingConfigurations)
            answerShort = configurations.count < count
            return fillSlots(now: now)
        case .failure(let error):
            return fail(error, while: "asking the \(settings.strategyName) strategy for trials", now: now)
        }
    }

    /// The loop started the attempt: follow it.
    mutating func started(_ number: Int, queued: Bool, prior: [MetricPoint], commitError: (any Error)?,
                          now: ContinuousClock.Instant) -> [ControllerAction] {
        guard case .start(let order) = awaiting, order.number == number else { return [] }
        awaiting = nil
        let options = settings.options
        var objective = ObjectiveTracker(metric: settings.metric, reduction: options.objective, goal: settings.goal)
        // The objective covers every attempt: a resumed attempt may have nothing left to report.
        objective.observe(prior)
        var trial = RunningTrial(number: number, attempt: order.attempt, configuration: order.configuration,
                                 grant: order.grant, now: now, objective: objective, grace: options.grace)
        trial.waitingInQueue = queued
        running[number] = trial
        if let commitError {
            return fail(commitError, while: "starting trial \(number)", now: now) + fillSlots(now: now)
        }
        return [.notify(.launched(trial: number, configuration: order.configuration, slots: order.grant))]
            + fillSlots(now: now)
    }

    /// The attempt did not start: hpo's fault stops the run; the trial's ends it.
    mutating func startFailed(_ number: Int, _ failure: StartFailure, now: ContinuousClock.Instant) -> [ControllerAction] {
        guard case .start(let order) = awaiting, order.number == number else { return [] }
        awaiting = nil
        ledger.release(trial: number)
        switch failure {
        case .hpoFailed(let error, let doing):
            return fail(error, while: doing, now: now) + fillSlots(now: now)
        case .trialFailed(let state, let explanation):
            return recordUnlaunched(number, configuration: order.configuration, state: state, explanation: explanation,
                                    thenFill: true)
        }
    }

    /// A trial that never got a process is recorded as finished (its slots are given back).
    /// `thenFill`: go on filling slots once it is recorded (the rest of the strategy's answer).
    mutating func recordUnlaunched(_ number: Int, configuration: Configuration, state: TrialState,
                                   explanation: String, thenFill: Bool) -> [ControllerAction] {
        awaiting = .finish(nil, termination: .unavailable, configuration: configuration, thenFill: thenFill)
        return [.recordUnlaunched(trial: number, state: state, explanation: explanation)]
    }

    /// Says that every trial of the budget has started — not that the budget is spent: the
    /// last ones may run for hours yet. `all 12 trials started; waiting for the last 2 to finish`.
    static func budgetStarted(_ budget: Int, running: Int) -> String {
        let all = budget == 1 ? "the run's 1 trial started" : "all \(budget) trials started"
        switch running {
        case 0: return all
        case 1: return all + (budget == 1 ? "; waiting for it to finish" : "; waiting for the last one to finish")
        default: return all + "; waiting for the last \(running) to finish"
        }
    }
}
