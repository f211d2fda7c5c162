import Foundation

/// Starting an attempt the core decided on: records, directories, the process.
extension Controller {
    /// Records, then starts, an attempt: `created → queued → starting` (a new trial) or
    /// `queued → starting` (a later attempt), with its slots, is committed before the
    /// process exists; `running` (with its pid) right after. Answers the core with
    /// `.started`, `.startFailed` or `.commitFailed`.
    ///
    /// What goes wrong is judged by whose fault it is: a command that cannot start (not
    /// found, not executable) fails the trial, for good; parameters that no longer fit the
    /// command (a forced resume) are an `error` of the trial; a run directory hpo cannot
    /// write (disk full, permissions: its directories, its log files) or a system out of
    /// processes stops the run and leaves the trial `preempted`, so that `hpo resume` runs it
    /// once the cause is gone.
    func start(_ order: StartOrder) {
        let number = order.number
        let attempt = order.attempt
        let configuration = order.configuration
        let grant = order.grant
        do {
            if order.isNew {
                try store.createStartingTrial(number: number, configuration: configuration, slots: grant.gpus, at: clock.wallNow)
                if let id = order.enqueued { try store.claimEnqueued(id, trial: number) }
            } else {
                try store.recordStarting(trial: number, slots: grant.gpus, at: clock.wallNow, note: "attempt \(attempt)")
            }
        } catch {
            let doing = order.isNew ? "recording trial \(number)" : "starting attempt \(attempt) of trial \(number)"
            feed(.commitFailed(error, while: doing, at: clock.now))
            return
        }
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
            feed(.startFailed(trial: number, .trialFailed(.error, explanation: "its parameters do not fit the command: \(error)"),
                              at: clock.now))
            return
        }
        var prior: [MetricPoint] = []
        if attempt > 1 {
            // The objective covers every attempt: a resumed attempt may have nothing left to report.
            do {
                prior = try store.metricPoints(trial: number, name: spec.metric.name).map(\.point)
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
        request.removedWhenEmpty = trialLayout.removedWhenEmpty
        // Where this attempt's lines will begin (a first attempt's file is new: no stat needed).
        let metricsOffset = attempt > 1 ? Controller.fileSize(trialLayout.metrics) : 0
        // The records above are durable before the process exists (with the turn's earlier ones).
        if let error = commitFirst() {
            let doing = order.isNew ? "recording trial \(number)" : "starting attempt \(attempt) of trial \(number)"
            feed(.commitFailed(error, while: doing, at: clock.now))
            return
        }
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
                feed(.startFailed(trial: number, .trialFailed(.failed, explanation: "\(error)"), at: clock.now))
            }
            return
        }
        // Followed from here on whatever happens next, so that a failure below stops it.
        handles[number] = handle
        trialOfHandle[handle] = number
        layouts[number] = trialLayout
        var queued = false
        var commitError: (any Error)?
        do {
            switch handle.launchRecord {
            case .process(let process):
                try store.recordLaunch(trial: number, process: process, at: clock.wallNow)
            case .job(let id):
                queued = true
                try store.recordSubmission(trial: number, job: id, metricsOffset: metricsOffset, at: clock.wallNow)
            }
            try follow(number, layout: trialLayout, metricsFrom: attempt > 1 ? metricsOffset : 0,
                       stdoutFrom: attempt > 1 ? Controller.fileSize(trialLayout.stdout) : 0)
        } catch {
            commitError = error
        }
        feed(.started(trial: number, queued: queued, prior: prior, commitError: commitError, at: clock.now))
    }

    /// Follows a trial's metrics file (and stdout, with a metric pattern) from the given
    /// offsets: an attempt after the first reads only what it writes itself.
    func follow(_ number: Int, layout: TrialLayout, metricsFrom: Int64, stdoutFrom: Int64) throws {
        try metrics.add(layout.metrics, key: .metrics(number), startingAt: metricsFrom)
        if options.stdoutPattern != nil {
            try metrics.add(layout.stdout, key: .stdout(number), startingAt: stdoutFrom)
        }
    }

    /// hpo could not prepare a trial (its directory, its earlier metrics): the trial is not
    /// at fault. It goes back to `preempted` — not final, so `hpo resume` runs it — and the
    /// run stops launching.
    private func setAside(_ number: Int, attempt: Int, because error: any Error) {
        _ = try? store.transition(trial: number, to: .preempted, at: clock.wallNow,
                                  note: "hpo could not start attempt \(attempt): \(error); hpo resume runs it again")
        feed(.startFailed(trial: number, .hpoFailed(error, while: "preparing trial \(number)"), at: clock.now))
    }
}
