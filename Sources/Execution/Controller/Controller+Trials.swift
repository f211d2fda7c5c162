import Foundation

/// Following running trials: metrics, exits, deadlines, stopping.
extension Controller {
    /// Reads new metric lines, stores their points, and keeps each trial's objective: of
    /// running trials, and of exited ones whose files are still being read to their end.
    func readMetrics(now: ContinuousClock.Instant) {
        for update in tailer.drain() where !update.lines.isEmpty || !update.warnings.isEmpty {
            let number = update.key.trial
            let batch: MetricBatch
            let attempt: Int
            if var trial = running[number] {
                batch = parse(update, of: &trial)
                if !batch.points.isEmpty { trial.lastActivity = now }
                attempt = trial.attempt
                running[number] = trial
                judge(number, points: batch.points, now: now)
            } else if var ended = exited[number] {
                batch = parse(update, of: &ended.trial)
                attempt = ended.trial.attempt
                exited[number] = ended
                judge(number, points: batch.points, now: now)
            } else {
                continue
            }
            for warning in batch.warnings { observer(.metricWarning(trial: number, warning: warning)) }
            guard !batch.points.isEmpty else { continue }
            do {
                try store.appendMetrics(trial: number, attempt: attempt, points: batch.points, at: options.wallClock())
            } catch {
                fail(error, while: "storing the metrics of trial \(number)")
            }
        }
    }

    /// The points and warnings of new lines of one of the trial's files; the objective takes
    /// the points in. The file's own warnings (oversize lines, a file refused) count under
    /// the same per-file limit as those of unreadable lines.
    private func parse(_ update: TailUpdate<TrialStream>, of trial: inout RunningTrial<B.Handle>) -> MetricBatch {
        var batch: MetricBatch
        switch update.key {
        case .metrics:
            batch = trial.parser.parse(update.lines)
            for warning in update.warnings { trial.parser.report(warning, into: &batch) }
        case .stdout:
            // Local torchrun-style ranks prefix their lines: rank 0's count, as for the metrics file.
            let prefixed = options.ranks.launcher == .torchrun && options.ranks.isDistributed && B.self == LocalBackend.self
            batch = options.stdoutPattern!.parse(prefixed ? RankLauncher.rankZeroLines(update.lines) : update.lines)
            for warning in update.warnings { trial.stdoutWarnings.report(warning, into: &batch) }
        }
        trial.objective.observe(batch.points)
        return batch
    }

    /// Records `starting → running` for the batch jobs the scheduler started; their time
    /// limits count from now.
    func handleStarts(now: ContinuousClock.Instant) {
        for handle in backend.collectStarts() {
            guard let number = trialOfHandle[handle], var trial = running[number], trial.waitingInQueue else { continue }
            trial.waitingInQueue = false
            trial.launchedAt = now
            trial.lastActivity = now
            running[number] = trial
            do {
                try store.recordJobStart(trial: number, at: options.wallClock(), note: "\(handle) started")
            } catch {
                fail(error, while: "recording the start of trial \(number)")
            }
        }
    }

    /// Takes in every trial whose process exited: its files are read to their end — over as
    /// many turns of the loop as that takes, at most `maximumBytesPerDrain` a file a turn,
    /// so other trials, cancels and signals are still handled meanwhile — and only then is
    /// it judged (`finishExited`), so that its last lines count, however many it wrote.
    /// Its slots stay taken until then.
    func handleExits(now: ContinuousClock.Instant) {
        let exits = backend.collectExits()
        // The end recorded is when the exit was observed here, not when the files are read
        // to their end (one more turn, or many for a trial that wrote a lot).
        let endedAt = options.wallClock()
        for exit in exits {
            guard let number = trialOfHandle.removeValue(forKey: exit.handle),
                  var trial = running.removeValue(forKey: number) else { continue }
            trial.teardown.leaderExited()
            // Read again whatever events said: the last lines may not have raised one yet.
            tailer.markChanged(key: .metrics(number))
            tailer.markChanged(key: .stdout(number))
            exited[number] = ExitedTrial(trial: trial, termination: exit.termination, endedAt: endedAt)
        }
        if !exits.isEmpty { readMetrics(now: now) }
        finishExited(now: now)
    }

    /// Records the end of every exited trial whose files are read to their end: its final
    /// state, its row of results.csv, its slots given back, its outcome for the strategy.
    func finishExited(now: ContinuousClock.Instant) {
        for number in exited.keys.sorted()
        where tailer.isCaughtUp(key: .metrics(number)) && tailer.isCaughtUp(key: .stdout(number)) {
            let ended = exited.removeValue(forKey: number)!
            tailer.remove(key: .metrics(number))
            tailer.remove(key: .stdout(number))
            ledger.release(trial: number)
            finish(ended.trial, termination: ended.termination, endedAt: ended.endedAt, now: now)
        }
    }

    /// Records the trial's end at `endedAt`, when its exit was observed (or lets it run again).
    func finish(_ trial: RunningTrial<B.Handle>, termination: Termination, endedAt: Date, now: ContinuousClock.Instant) {
        guard case .finish(let state, let reason) = settleAttempt(trial, termination: termination, endedAt: endedAt)
        else { return }
        let missing = state == .noMetric ? missingObjective(trial.number) : nil
        let explanation = reason ?? missing?.explanation
            ?? Controller.explanation(state: state, termination: termination, trial: trial, metric: spec.metric.name)
        var signal: Int32?
        if case .signaled(let s) = termination { signal = s }
        // A trial that stopped improving keeps its best value (Keras' restore_best_weights).
        let objective = trial.stopCause == .converge ? trial.objective.best : trial.objective.value
        do {
            let record = try store.recordFinish(
                trial: trial.number, state: state, exitCode: termination.exitCode, signal: signal,
                objective: objective, steps: trial.objective.reportCount, explanation: explanation, at: endedAt)
            try results.append(record)
            finished += 1
            totalDuration += record.duration ?? 0
            if state == .succeeded, let value = record.objective,
               best.map({ spec.metric.goal.isBetter(value, than: $0.value) }) ?? true {
                best = (trial.number, value)
            }
            completed.append(Observation(trial.configuration, Controller.outcome(state, objective: objective)))
            slotSeconds.record(state: state, seconds: record.duration ?? 0, slots: max(1, trial.grant.gpus.count),
                               converged: trial.stopCause == .converge)
            observer(.finished(record))
            if let missing { stopUnlessObjectiveSeen(trial.number, missing, now: now) }
            if termination == .exited(0) && trial.stopCause == .none { cleanExits.exitedCleanly(trial.number, at: now) }
            if let reason = failureBudget.record(state) {
                stopAccepting("stopping the sweep: \(reason); the last: trial \(trial.number), \(explanation ?? state.rawValue) "
                              + "(see hpo logs \(layout.name) \(trial.number) --stderr)", state: .failed, now: now)
            }
        } catch {
            fail(error, while: "recording the end of trial \(trial.number)")
        }
    }

    /// Stops trials past their time limit, and (checked once a second) stalled ones; drives
    /// teardowns that ran out of grace.
    func enforceDeadlines(now: ContinuousClock.Instant) {
        for number in running.keys.sorted() {
            let trial = running[number]!
            if trial.stopCause == .none, !trial.waitingInQueue, let limit = options.trialTimeout,
               now - trial.launchedAt >= limit {
                stop(number, cause: .timeout, explanation: "ran past the time limit of \(Controller.text(limit))", now: now)
            }
            for signal in running[number]!.teardown.advance(now: now) { backend.signal(trial.handle, signal) }
        }
        guard let stall = options.stallTimeout, now >= nextStallCheck else { return }
        nextStallCheck = now + Self.stallCheckInterval
        for number in running.keys.sorted() {
            var trial = running[number]!
            let bytes = Controller.fileSize(trial.layout.stdout) + Controller.fileSize(trial.layout.stderr)
            if bytes != trial.outputBytes {
                trial.outputBytes = bytes
                trial.lastActivity = now
                running[number] = trial
            } else if trial.stopCause == .none && !trial.waitingInQueue && now - trial.lastActivity >= stall {
                stop(number, cause: .stall, explanation: "no output or metric for \(Controller.text(stall))", now: now)
            }
        }
    }

    /// Starts stopping a running trial: SIGTERM to all of it now, SIGKILL after the grace
    /// period. The first cause given is the one recorded.
    func stop(_ number: Int, cause: StopCause, explanation: String, now: ContinuousClock.Instant) {
        guard var trial = running[number] else { return }
        if trial.stopCause == .none {
            trial.stopCause = cause
            trial.stopExplanation = explanation
            observer(.stopping(trial: number, cause: cause, explanation: explanation))
        }
        let signals = trial.teardown.begin(now: now)
        running[number] = trial
        for signal in signals { backend.signal(trial.handle, signal) }
    }

    /// What the strategy hears: the objective of a succeeded trial, the last value of a
    /// pruned one, a failure otherwise.
    static func outcome(_ state: TrialState, objective: Double?) -> Outcome {
        switch state {
        case .succeeded: return objective.map { .value($0) } ?? .failed
        case .pruned: return .pruned(value: objective)
        default: return .failed
        }
    }

    /// A sentence for `hpo status` and the log: why the trial ended as it did.
    static func explanation(state: TrialState, termination: Termination, trial: RunningTrial<B.Handle>,
                            metric: String) -> String? {
        switch state {
        case .succeeded: return trial.stopExplanation  // nil unless early stopping found it converged
        case .timeout, .cancelled, .pruned: return trial.stopExplanation
        case .noMetric: return "exited 0 without reporting the metric '\(metric)'"
        case .invalid: return "exit code 3: the trial declared its configuration infeasible"
        default:
            switch termination {
            case .exited(let code): return "exited with code \(code)"
            case .signaled(let s): return "killed by \(Termination.signalName(s))"
            case .unavailable: return "ended; its exit status is unknown"
            case .scheduler(let end): return end.explanation
            }
        }
    }

    static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }

    static func text(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return s == s.rounded() ? "\(Int(s))s" : String(format: "%.1fs", s)
    }
}
