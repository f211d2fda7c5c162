import Foundation

/// Following running trials: metrics, exits, deadlines, stopping.
extension Controller {
    /// Reads new metric lines, stores their points, and keeps each trial's objective.
    func readMetrics(now: ContinuousClock.Instant) {
        for update in tailer.drain() where !update.lines.isEmpty || !update.warnings.isEmpty {
            let number = update.key.trial
            guard var trial = running[number] else { continue }
            var batch: MetricBatch
            switch update.key {
            case .metrics:
                batch = trial.parser.parse(update.lines)
            case .stdout:
                batch = options.stdoutPattern!.parse(update.lines)
            }
            batch.warnings += update.warnings
            trial.objective.observe(batch.points)
            if !batch.points.isEmpty { trial.lastActivity = now }
            running[number] = trial
            judge(number, points: batch.points, now: now)
            for warning in batch.warnings { observer(.metricWarning(trial: number, warning: warning)) }
            guard !batch.points.isEmpty else { continue }
            do {
                try store.appendMetrics(trial: number, attempt: trial.attempt, points: batch.points, at: Date())
            } catch {
                fail(error, while: "storing the metrics of trial \(number)")
            }
        }
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
                try store.recordJobStart(trial: number, at: Date(), note: "\(handle) started")
            } catch {
                fail(error, while: "recording the start of trial \(number)")
            }
        }
    }

    /// Records the end of every trial whose process exited: its final state, its row of
    /// results.csv, its slots given back, its outcome for the strategy.
    func handleExits(now: ContinuousClock.Instant) {
        let exits = backend.collectExits()
        guard !exits.isEmpty else { return }
        // The last lines a trial wrote before exiting are read before it is judged.
        for exit in exits {
            guard let number = trialOfHandle[exit.handle] else { continue }
            tailer.markChanged(key: .metrics(number))
            tailer.markChanged(key: .stdout(number))
        }
        readMetrics(now: now)
        for exit in exits {
            guard let number = trialOfHandle.removeValue(forKey: exit.handle),
                  var trial = running.removeValue(forKey: number) else { continue }
            trial.teardown.leaderExited()
            tailer.remove(key: .metrics(number))
            tailer.remove(key: .stdout(number))
            ledger.release(trial: number)
            finish(trial, termination: exit.termination, now: now)
        }
    }

    func finish(_ trial: RunningTrial<B.Handle>, termination: Termination, now: ContinuousClock.Instant) {
        guard case .finish(let state, let reason) = settleAttempt(trial, termination: termination) else { return }
        let explanation = reason
            ?? Controller.explanation(state: state, termination: termination, trial: trial, metric: spec.metric.name)
        var signal: Int32?
        if case .signaled(let s) = termination { signal = s }
        do {
            let record = try store.recordFinish(
                trial: trial.number, state: state, exitCode: termination.exitCode, signal: signal,
                objective: trial.objective.value, steps: trial.objective.reportCount, explanation: explanation, at: Date())
            try results.append(record)
            finished += 1
            totalDuration += record.duration ?? 0
            if state == .succeeded, let value = record.objective,
               best.map({ spec.metric.goal.isBetter(value, than: $0.value) }) ?? true {
                best = (trial.number, value)
            }
            completed.append(Observation(trial.configuration, Controller.outcome(state, objective: trial.objective)))
            slotSeconds.record(state: state, seconds: record.duration ?? 0, slots: max(1, trial.grant.gpus.count))
            observer(.finished(record))
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

    /// Starts stopping a running trial: SIGTERM to its group now, SIGKILL after the grace
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
    static func outcome(_ state: TrialState, objective: ObjectiveTracker) -> Outcome {
        switch state {
        case .succeeded: return objective.value.map { .value($0) } ?? .failed
        case .pruned: return .pruned(value: objective.value)
        default: return .failed
        }
    }

    /// A sentence for `hpo status` and the log: why the trial ended as it did.
    static func explanation(state: TrialState, termination: Termination, trial: RunningTrial<B.Handle>,
                            metric: String) -> String? {
        switch state {
        case .succeeded: return nil
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
