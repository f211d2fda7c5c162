import Foundation

/// Filling free slots: suggestions, records, processes.
extension Controller {
    /// Asks the strategy for exactly as many trials as there are free slots (within the
    /// budget) and launches them. The strategy sees every finished trial and every running
    /// one as pending, so it never proposes a running configuration again.
    func launchTrials() {
        let free = min(ledger.startableTrials, budget - created)
        guard free > 0 else {
            if created >= budget { stopAccepting("the budget of \(budget) trials is spent", state: .completed, now: .now) }
            return
        }
        let context = SuggestionContext(space: spec.space, goal: spec.metric.goal, seed: spec.seed,
                                        completed: completed, pending: running.values.map(\.configuration))
        let suggestions: [Configuration]
        do {
            suggestions = try strategy.suggest(count: free, context: context)
        } catch {
            fail(error, while: "asking the \(strategy.name) strategy for trials")
            return
        }
        for configuration in suggestions where accepting {
            launch(configuration)
        }
        if suggestions.count < free && accepting {
            stopAccepting("the \(strategy.name) strategy has nothing more to suggest", state: .completed, now: .now)
        }
    }

    /// Records, then starts, one trial: `created → queued → starting` (with its slots) is
    /// committed before the process exists; `running` (with its pid) right after.
    func launch(_ configuration: Configuration) {
        let number = nextTrialNumber
        nextTrialNumber += 1
        created += 1
        do {
            guard let grant = ledger.acquire(for: number) else {
                preconditionFailure("launch without a free slot")
            }
            try store.createStartingTrial(number: number, configuration: configuration, slots: grant.gpus, at: Date())
            let trialLayout = try directories.directories(for: number)
            let argv = try spec.command.render(configuration, in: spec.space)
            let environment = TrialEnvironment(
                run: layout.name, trial: number, attempt: 1,
                parameters: spec.space.names.compactMap { name in configuration[name].map { (name, $0) } },
                metricsFile: trialLayout.metrics, artifactsDirectory: trialLayout.artifacts,
                checkpointDirectory: trialLayout.checkpoints, visibleDevices: grant.cudaVisibleDevices)
            let request = LaunchRequest(
                arguments: argv, environment: environment.merged(over: options.environment),
                workingDirectory: options.workingDirectory,
                standardOutputPath: trialLayout.stdout, standardErrorPath: trialLayout.stderr)
            let handle: ProcessHandle
            do {
                handle = try backend.launch(request)
            } catch {
                // The command could not start (not found, not executable): the trial failed,
                // hpo did not.
                finishUnlaunched(number, configuration: configuration, state: .failed, explanation: "\(error)")
                return
            }
            try store.recordLaunch(trial: number, process: handle, at: Date())
            try tailer.add(trialLayout.metrics, key: .metrics(number))
            if options.stdoutPattern != nil { try tailer.add(trialLayout.stdout, key: .stdout(number)) }
            running[number] = RunningTrial(
                number: number, attempt: 1, configuration: configuration, handle: handle, grant: grant,
                layout: trialLayout, now: .now,
                objective: ObjectiveTracker(metric: spec.metric.name, reduction: options.objective, goal: spec.metric.goal),
                grace: options.grace)
            trialOfHandle[handle] = number
            observer(.launched(trial: number, configuration: configuration, slots: grant))
        } catch {
            fail(error, while: "starting trial \(number)")
            if running[number] == nil, ledger.grants[number] != nil {
                finishUnlaunched(number, configuration: configuration, state: .error,
                                 explanation: "hpo could not start it: \(error)")
            }
        }
    }

    /// A trial that never got a process: recorded as finished, its slots given back.
    func finishUnlaunched(_ number: Int, configuration: Configuration, state: TrialState, explanation: String) {
        ledger.release(trial: number)
        do {
            let record = try store.recordFinish(trial: number, state: state, explanation: explanation, at: Date())
            try results.append(record)
            finished += 1
            completed.append(Observation(configuration, .failed))
            observer(.finished(record))
            if let reason = failureBudget.record(state) { stopAccepting("stopping the sweep: \(reason)", state: .failed, now: .now) }
        } catch {
            fail(error, while: "recording the end of trial \(number)")
        }
    }

    /// hpo itself cannot go on (store or disk): launch nothing more, stop what runs, keep the
    /// run resumable, and report the error at the end.
    func fail(_ error: Error, while doing: String) {
        if fatal == nil { fatal = ControllerError(action: doing, underlying: error) }
        observer(.notice("error while \(doing): \(error)"))
        stopAccepting("hpo cannot go on: \(error)", state: .failed, stopRunning: true, now: .now)
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
