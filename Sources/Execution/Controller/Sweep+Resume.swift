import Foundation

extension Sweep {
    /// The sweep the run in `layout` was started (or last resumed) with, from its store, as
    /// it ran: where the store recorded another strategy or the run's settings another
    /// backend or ranks than its sweep.yaml says, the record wins.
    /// - Throws: `SweepError.runNotFound` when there is no such run; the store's errors.
    public static func storedSpec(of layout: RunLayout) throws -> SweepSpec {
        guard FileManager.default.fileExists(atPath: layout.database) else { throw layout.missingRunError() }
        let store = try RunStore.open(layout: layout, readOnly: true)
        let info = try store.run()
        return try SweepSpec(yaml: info.configurationYAML, path: "\(layout.database) (stored sweep)")
            .asRun(strategy: info.strategy, settings: try RunSettings.load(layout))
    }

    /// Continues a run after any stop — Ctrl-C, `kill -9` of hpo, a reboot — or says it had
    /// finished: what `hpo resume` does, through the same steps. In order:
    /// 1. locks the run (`RunLock`: fails at once while another hpo controls it);
    /// 2. compares `spec` with the sweep the run ran (the stored one, where the store's
    ///    record of its strategy, backend and ranks wins): a change of what is searched or
    ///    how — command, parameters, strategy, seed, metric, early stopping, backend, ranks
    ///    — is refused with a diff unless `force` (`SweepChange`); nil reuses the stored one;
    /// 3. a run that completed with every trial final is left as it is (`.finished`);
    /// 4. stops what is left of attempts that were running (`TrialProcessScan`,
    ///    `OrphanTeardown`: SIGTERM, grace, SIGKILL), and only then records them
    ///    `running | starting → preempted → queued`: they run again as their next attempt with
    ///    the same number, parameters and checkpoint directory;
    /// 5. rewrites results.csv from the store when they disagree;
    /// 6. builds a controller whose strategy context, trial numbers and budget come from
    ///    the store (`Controller.restore`). The strategy, early-stopping rule, backend and
    ///    ranks come from the sweep, as `Sweep.prepare` takes them for a new run.
    ///
    /// - Parameters:
    ///   - spec: the sweep to go on with; nil for the stored one.
    ///   - slots: what is asked of the slots; nothing keeps the stored ones (`RunSettings`),
    ///     with `spec.parallel` as the capacity when it changed.
    ///   - options: nil for the run's stored settings with this process's environment.
    ///   - takeOver: take a lock whose file names a controller on another host.
    public static func resume(_ layout: RunLayout, spec: SweepSpec? = nil, slots: SlotRequest = SlotRequest(),
                              options: ExecutionOptions? = nil, force: Bool = false, takeOver: Bool = false,
                              observer: @escaping (ControllerEvent) -> Void = { _ in }) throws -> Resumption {
        guard FileManager.default.fileExists(atPath: layout.database) else { throw layout.missingRunError() }
        let lock = try RunLock.acquire(directory: layout.directory, takeOver: takeOver)
        var store = try RunStore.open(layout: layout)
        let info = try store.run()
        let saved = try RunSettings.load(layout)
        let stored = try SweepSpec(yaml: info.configurationYAML, path: "\(layout.database) (stored sweep)")
            .asRun(strategy: info.strategy, settings: saved)
        var given = spec ?? stored
        given.name = layout.name
        let change = SweepChange(stored: stored, given: given)
        if change.changesTheSearch && !force { throw ResumeError.sweepChanged(run: layout.name, diff: change.diff) }
        _ = try given.budget()
        let strategy = given.strategy.makeStrategy()
        var report = ResumeReport(previousHolder: lock.previous)
        report.forcedChanges = change.changesTheSearch ? change.diff : nil
        report.settingChanges = change.settings

        let unfinished = try store.trials().filter { !$0.state.isFinal }
        if unfinished.isEmpty && info.state == .completed && change.isEmpty {
            report.resultsRepaired = try ResultsFile.repair(at: layout.resultsFile, from: store)
            return .finished(try store.summary(), report)
        }
        // Before anything is changed: without the directory trials run in, every one would fail.
        try checkWorkingDirectory(layout: layout, snapshot: try store.workspace(),
                                  workingDirectory: options?.workingDirectory ?? saved?.workingDirectory)
        let environment = ProcessInfo.processInfo.environment
        let execution = try (options ?? saved?.executionOptions(environment: environment) ?? ExecutionOptions())
            .following(given)
        var request = slots
        if request.parallel == nil && given.parallel != stored.parallel { request.parallel = given.parallel }
        let ledger = given.gpus == stored.gpus
            ? try request.ledger(resuming: saved, spec: given, environment: execution.environment)
            : try request.ledger(for: given, environment: execution.environment)
        if !change.isEmpty {
            store = try saveConfiguration(given, strategy: strategy, layout: layout, store: store, names: info.parameterNames)
        }
        let settings = RunSettings(options: execution, slots: ledger)
        if settings != saved { try settings.save(layout) }

        let controller: any RunController
        switch execution.backend {
        case .local:
            try reconcile(unfinished, layout: layout, store: store, grace: execution.grace, report: &report)
            report.resultsRepaired = try ResultsFile.repair(at: layout.resultsFile, from: store)
            let results = try ResultsFile(path: layout.resultsFile, table: ResultsTable(for: store), store: store)
            let local = try makeController(LocalBackend(wallClock: { [clock = execution.clock] in clock.wallNow }), spec: given, strategy: strategy, slots: ledger, layout: layout,
                                           store: store, results: results, options: execution, observer: observer)
            local.runLock = lock
            try local.restore(from: try store.trials(), histories: try store.attemptHistories())
            controller = local
        case .slurm(let slurm):
            let backend = SlurmBackend(options: slurm, environment: execution.environment)
            let jobs = try reconcileJobs(unfinished, layout: layout, store: store, report: &report)
            report.resultsRepaired = try ResultsFile.repair(at: layout.resultsFile, from: store)
            let results = try ResultsFile(path: layout.resultsFile, table: ResultsTable(for: store), store: store)
            let batch = try makeController(backend, spec: given, strategy: strategy, slots: ledger, layout: layout,
                                           store: store, results: results, options: execution, observer: observer)
            batch.runLock = lock
            try batch.restore(from: try store.trials(), histories: try store.attemptHistories(),
                              adopted: Set(jobs.map(\.trial.number)))
            for (trial, job) in jobs {
                backend.adopt(job, running: trial.state == .running)
                try batch.adopt(trial, handle: job)
            }
            controller = batch
        }
        return .resumed(Sweep(layout: layout, store: store, controller: controller), report)
    }

    /// For a Slurm run: the attempts whose jobs were submitted are followed again, whatever
    /// Slurm now says of them (a job that ended meanwhile is then reported with its real end;
    /// one Slurm forgot, by its exit status file). Nothing is submitted twice. The other
    /// unfinished trials are queued for their next attempt.
    static func reconcileJobs(_ unfinished: [TrialRecord], layout: RunLayout, store: RunStore,
                              report: inout ResumeReport) throws -> [(trial: TrialRecord, job: SlurmJob)] {
        var jobs: [(trial: TrialRecord, job: SlurmJob)] = []
        for trial in unfinished {
            switch trial.state {
            case .starting, .running:
                if let id = trial.job {
                    let directory = layout.trial(trial.number).directory
                    jobs.append((trial, SlurmJob(id: id, exitStatusPath: directory + "/exit_status")))
                    report.reattached.append((trial.number, id))
                    continue
                }
                // Never submitted (hpo stopped between the slot and the job): the next attempt.
                try store.requeue(trial: trial.number, through: .preempted,
                                  note: "attempt \(trial.attempt) was never submitted: its controller stopped", at: Date())
                report.interrupted.append(InterruptedAttempt(trial: trial.number, attempt: trial.attempt,
                                                             processes: [], killed: false))
            case .preempted, .retrying, .created:
                try store.transition(trial: trial.number, to: .queued, at: Date())
            default:
                break
            }
            report.waiting.append(trial.number)
        }
        return jobs
    }

    /// Stops the live processes of unfinished trials, then queues every unfinished trial for
    /// its next attempt (attempts that were running or starting go through `preempted`).
    static func reconcile(_ unfinished: [TrialRecord], layout: RunLayout, store: RunStore, grace: Duration,
                          report: inout ResumeReport) throws {
        let numbers = Set(unfinished.map(\.number))
        var initial: [TrialProcess] = unfinished.compactMap { trial in
            guard trial.state.holdsSlots, let p = trial.process else { return nil }
            let leader = TrialProcess(trial: trial.number, pid: p.pid, processGroup: p.processGroup, startTime: p.startTime)
            return leader.isAlive ? leader : nil
        }
        initial += TrialProcessScan.find(in: layout, trials: numbers.contains)
        let outcome = OrphanTeardown.stop(initial, rescan: { TrialProcessScan.find(in: layout, trials: numbers.contains) },
                                          grace: grace)
        guard outcome.survivors.isEmpty else {
            throw ResumeError.processesSurvived(run: layout.name, processes: outcome.survivors)
        }
        for trial in unfinished {
            switch trial.state {
            case .starting, .running:
                let pids = Set((outcome.found[trial.number] ?? []).map(\.pid)).sorted()
                let killed = outcome.killed.contains(trial.number)
                let what = pids.isEmpty ? "no process of it was left"
                    : "hpo resume stopped \(pids.count == 1 ? "its process" : "its \(pids.count) processes")"
                        + (killed ? " (SIGKILL after the grace period)" : " (SIGTERM)")
                try store.requeue(trial: trial.number, through: .preempted,
                                  note: "attempt \(trial.attempt) cut off: its controller stopped; \(what)", at: Date())
                report.interrupted.append(InterruptedAttempt(trial: trial.number, attempt: trial.attempt,
                                                             processes: pids, killed: killed))
            case .preempted, .retrying, .created:
                try store.transition(trial: trial.number, to: .queued, at: Date())
            default:
                break
            }
            report.waiting.append(trial.number)
        }
    }

    /// Refuses to resume a run whose trials would find no directory to run in: its workspace
    /// snapshot (`runs/<run>/workspace`) deleted, or, for a run in place (`--no-snapshot`),
    /// that directory gone.
    static func checkWorkingDirectory(layout: RunLayout, snapshot: WorkspaceSnapshot?,
                                      workingDirectory: String?) throws(ResumeError) {
        func isDirectory(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        if let snapshot {
            guard isDirectory(snapshot.directory) else {
                throw .workspaceMissing(run: layout.name, directory: snapshot.directory, copyOf: snapshot.source,
                                        sweepFile: layout.sweepFile)
            }
        } else if let workingDirectory, !isDirectory(workingDirectory) {
            throw .workspaceMissing(run: layout.name, directory: workingDirectory, copyOf: nil, sweepFile: layout.sweepFile)
        }
    }

    /// Stores a changed sweep (the run's row and sweep.yaml) and reopens the store, whose
    /// parameter names and goal are fixed when opened. Parameters are never dropped from the
    /// names: finished trials keep their columns in results.csv.
    static func saveConfiguration(_ spec: SweepSpec, strategy: any Strategy, layout: RunLayout, store: RunStore,
                                  names: [String]) throws -> RunStore {
        let yaml = spec.yaml
        try store.updateConfiguration(yaml: yaml, seed: spec.seed, strategy: strategy.name, goal: spec.metric.goal,
                                      metric: spec.metric.name,
                                      parameterNames: names + spec.space.names.filter { !names.contains($0) }, at: Date())
        do {
            try yaml.write(toFile: layout.sweepFile, atomically: true, encoding: .utf8)
        } catch {
            throw SweepError.unwritable(path: layout.sweepFile, reason: error.localizedDescription)
        }
        try store.close()
        return try RunStore.open(layout: layout)
    }
}
