import Foundation

/// Filling free slots: suggestions, records, processes.
extension Controller {
    /// Fills free slots: first with trials waiting for another attempt, then (while the run
    /// accepts new trials) asks the strategy, on its own thread, for exactly as many
    /// suggestions as slots are left within the budget. The strategy sees every finished
    /// trial, and every running or waiting one as pending, so it never proposes one of those
    /// configurations again. One question at a time: a slot freed while the strategy thinks
    /// waits for its answer, then the next question.
    func launchTrials() {
        launchReruns()
        guard accepting else { return }
        let free = min(ledger.startableTrials, budget - created)
        guard free > 0 else {
            if created >= budget && asking == nil {
                stopAccepting(Controller.budgetStarted(budget, running: running.count), state: .completed, now: .now)
            }
            return
        }
        guard asking == nil else { return }
        let context = SuggestionContext(space: spec.space, goal: spec.metric.goal, seed: spec.seed, completed: completed,
                                        pending: pendingConfigurations)
        asking = free
        suggestions.ask(count: free, context: context)
    }

    /// Running and waiting trials' configurations: what the strategy must not propose again.
    var pendingConfigurations: [Configuration] {
        running.values.map(\.configuration) + exited.values.map(\.trial.configuration) + reruns.configurations
    }

    /// Launches what the strategy answered, if it answered.
    ///
    /// An answer computed while trials finished is used as it is, for the slots it was asked
    /// for (as Optuna's and Ray Tune's asynchronous searchers do): the finished trials were
    /// pending in its question, so no configuration can repeat, and its suggestions are only
    /// as stale as one suggestion's computing time. A suggestion equal to a configuration
    /// that is running or waiting now is dropped (the strategy is asked again for its slot);
    /// suggestions beyond the slots still free (a retry took one) are dropped too. After the
    /// run stopped accepting (cancel, Ctrl-C, failure budget, an error), an answer is
    /// abandoned: nothing is launched.
    func takeSuggestions() {
        guard let answer = suggestions.take() else { return }
        asking = nil
        guard accepting else { return }
        let proposed: [Configuration]
        switch answer.result {
        case .success(let configurations): proposed = configurations
        case .failure(let error):
            fail(error, while: "asking the \(strategy.name) strategy for trials")
            return
        }
        let taken = Set(pendingConfigurations)
        for configuration in proposed where accepting && ledger.startableTrials > 0 && created < budget
        && !taken.contains(configuration) {
            launch(configuration)
        }
        if proposed.count < answer.count && accepting {
            stopAccepting("the \(strategy.name) strategy has nothing more to suggest", state: .completed, now: .now)
        }
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

    /// Records, then starts, a new trial: `created → queued → starting` (with its slots) is
    /// committed before the process exists; `running` (with its pid) right after.
    func launch(_ configuration: Configuration) {
        let number = nextTrialNumber
        nextTrialNumber += 1
        created += 1
        guard let grant = ledger.acquire(for: number) else { preconditionFailure("launch without a free slot") }
        do {
            try store.createStartingTrial(number: number, configuration: configuration, slots: grant.gpus, at: options.wallClock())
        } catch {
            ledger.release(trial: number)
            fail(error, while: "recording trial \(number)")
            return
        }
        start(number, attempt: 1, configuration: configuration, grant: grant)
    }

    /// Starts attempt `attempt` of a trial recorded `starting` with `grant`'s slots.
    ///
    /// What goes wrong is judged by whose fault it is: a command that cannot start (not
    /// found, not executable) fails the trial, for good; parameters that no longer fit the
    /// command (a forced resume) are an `error` of the trial; a run directory hpo cannot
    /// write (disk full, permissions: its directories, its log files) or a system out of
    /// processes stops the run and leaves the trial `preempted`, so that `hpo resume` runs it
    /// once the cause is gone.
    func start(_ number: Int, attempt: Int, configuration: Configuration, grant: SlotGrant) {
        let trialLayout: TrialLayout
        do {
            trialLayout = try directories.directories(for: number)
            if attempt > 1 { try Controller.endPartialLine(trialLayout.metrics) }
        } catch {
            setAside(number, attempt: attempt, because: error)
            return
        }
        let argv: [String]
        do {
            argv = try spec.command.render(configuration, in: spec.space)
        } catch {
            finishUnlaunched(number, configuration: configuration, state: .error,
                             explanation: "its parameters do not fit the command: \(error)")
            return
        }
        var objective = ObjectiveTracker(metric: spec.metric.name, reduction: options.objective, goal: spec.metric.goal)
        if attempt > 1 {
            // The objective covers every attempt: a resumed attempt may have nothing left to report.
            do {
                objective.observe(try store.metricPoints(trial: number, name: spec.metric.name).map(\.point))
            } catch {
                setAside(number, attempt: attempt, because: error)
                return
            }
        }
        var environment = TrialEnvironment(
            run: layout.name, trial: number, attempt: attempt,
            parameters: spec.space.names.compactMap { name in configuration[name].map { (name, $0) } },
            metricsFile: trialLayout.metrics, artifactsDirectory: trialLayout.artifacts,
            checkpointDirectory: trialLayout.checkpoints, visibleDevices: grant.cudaVisibleDevices,
            resume: attempt > 1 && Controller.hasEntries(trialLayout.checkpoints))
        environment.storageDirectory = layout.storage
        environment.datastores = options.datastores
        var request = LaunchRequest(
            arguments: argv, environment: environment.merged(over: options.environment),
            workingDirectory: options.trialWorkspace?.workingDirectory(of: trialLayout) ?? options.workingDirectory,
            standardOutputPath: trialLayout.stdout, standardErrorPath: trialLayout.stderr)
        request.ranks = options.ranks
        // Where this attempt's lines will begin (a first attempt's file is new: no stat needed).
        let metricsOffset = attempt > 1 ? Controller.fileSize(trialLayout.metrics) : 0
        let handle: B.Handle
        do {
            handle = try backend.launch(request)
        } catch {
            switch error {
            case .outputUnavailable, .system, .schedulerRefused:
                // hpo's side: its log files (a full disk), the system out of processes, or a
                // scheduler that takes no job (a wrong partition fails every trial alike).
                setAside(number, attempt: attempt, because: error)
            default:
                // The command could not start (not found, not executable): the trial failed,
                // hpo did not.
                finishUnlaunched(number, configuration: configuration, state: .failed, explanation: "\(error)")
            }
            return
        }
        // Followed from here on whatever happens next, so that a failure below stops it.
        running[number] = RunningTrial(
            number: number, attempt: attempt, configuration: configuration, handle: handle, grant: grant,
            layout: trialLayout, now: .now, objective: objective, grace: options.grace)
        if case .job = handle.launchRecord { running[number]!.waitingInQueue = true }
        trialOfHandle[handle] = number
        do {
            switch handle.launchRecord {
            case .process(let process):
                try store.recordLaunch(trial: number, process: process, at: options.wallClock())
            case .job(let id):
                try store.recordSubmission(trial: number, job: id, metricsOffset: metricsOffset, at: options.wallClock())
            }
            try follow(number, layout: trialLayout, metricsFrom: attempt > 1 ? metricsOffset : 0,
                       stdoutFrom: attempt > 1 ? Controller.fileSize(trialLayout.stdout) : 0)
        } catch {
            fail(error, while: "starting trial \(number)")
            return
        }
        observer(.launched(trial: number, configuration: configuration, slots: grant))
    }

    /// Follows a trial's metrics file (and stdout, with a metric pattern) from the given
    /// offsets: an attempt after the first reads only what it writes itself.
    func follow(_ number: Int, layout: TrialLayout, metricsFrom: Int64, stdoutFrom: Int64) throws {
        try tailer.add(layout.metrics, key: .metrics(number), startingAt: metricsFrom)
        if options.stdoutPattern != nil {
            try tailer.add(layout.stdout, key: .stdout(number), startingAt: stdoutFrom)
        }
    }

    /// hpo could not prepare a trial (its directory, its earlier metrics): the trial is not
    /// at fault. It goes back to `preempted` — not final, so `hpo resume` runs it — and the
    /// run stops launching.
    func setAside(_ number: Int, attempt: Int, because error: Error) {
        ledger.release(trial: number)
        _ = try? store.transition(trial: number, to: .preempted, at: options.wallClock(),
                                  note: "hpo could not start attempt \(attempt): \(error); hpo resume runs it again")
        fail(error, while: "preparing trial \(number)")
    }

    /// A trial that never got a process: recorded as finished, its slots given back.
    func finishUnlaunched(_ number: Int, configuration: Configuration, state: TrialState, explanation: String) {
        ledger.release(trial: number)
        do {
            let record = try store.recordFinish(trial: number, state: state, explanation: explanation, at: options.wallClock())
            try results.append(record)
            finished += 1
            completed.append(Observation(configuration, .failed))
            observer(.finished(record))
            if let reason = failureBudget.record(state) { stopAccepting("stopping the sweep: \(reason)", state: .failed, now: .now) }
        } catch {
            fail(error, while: "recording the end of trial \(number)")
        }
    }

    /// hpo itself cannot go on (store or disk): launch nothing more, stop what runs (as
    /// `preempted`, where the store can still record it), keep the run resumable, and report
    /// the error at the end.
    func fail(_ error: Error, while doing: String) {
        if fatal == nil { fatal = ControllerError(action: doing, underlying: error) }
        observer(.notice("error while \(doing): \(error)"))
        stopAccepting("hpo cannot go on; the run is kept as it is: once the cause is fixed, hpo resume \(layout.name) continues it",
                      state: .failed, now: .now)
        for number in running.keys.sorted() {
            stop(number, cause: .interrupt, explanation: "stopped because hpo could not go on", now: .now)
        }
    }
}

/// hpo could not carry on with a run (the store or the run directory failed).
public struct ControllerError: Error, CustomStringConvertible {
    /// What hpo was doing.
    public var action: String
    /// What went wrong.
    public var underlying: Error

    public var description: String { "error while \(action): \(underlying)" }
}
