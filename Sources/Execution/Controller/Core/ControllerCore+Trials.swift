import Foundation

/// Following running trials: metrics, starts, exits, deadlines, stalls.
extension ControllerCore {
    /// New lines of a trial's file: their points are stored and its objective takes them in
    /// (of a running trial, and of an exited one whose files are still being read to their end).
    mutating func read(_ update: TailUpdate<TrialStream>, now: ContinuousClock.Instant) -> [ControllerAction] {
        guard !update.lines.isEmpty || !update.warnings.isEmpty else { return [] }
        let number = update.key.trial
        let batch: MetricBatch
        let attempt: Int
        var actions: [ControllerAction]
        if var trial = running[number] {
            batch = parse(update, of: &trial)
            if !batch.points.isEmpty { trial.lastActivity = now }
            attempt = trial.attempt
            running[number] = trial
            actions = judge(number, points: batch.points, now: now)
        } else if var ended = exited[number] {
            batch = parse(update, of: &ended.trial)
            attempt = ended.trial.attempt
            exited[number] = ended
            actions = judge(number, points: batch.points, now: now)
        } else {
            return []
        }
        readings.observe(batch.points, of: number)
        furtherReadings.observe(batch.points, of: number)
        actions += batch.warnings.map { .notify(.metricWarning(trial: number, warning: $0)) }
        if !batch.points.isEmpty { actions.append(.recordMetrics(trial: number, attempt: attempt, points: batch.points)) }
        return actions
    }

    /// The points and warnings of new lines of one of the trial's files; the objective takes
    /// the points in. The file's own warnings (oversize lines, a file refused) count under
    /// the same per-file limit as those of unreadable lines.
    private func parse(_ update: TailUpdate<TrialStream>, of trial: inout RunningTrial) -> MetricBatch {
        var batch: MetricBatch
        switch update.key {
        case .metrics:
            batch = trial.parser.parse(update.lines)
            for warning in update.warnings { trial.parser.report(warning, into: &batch) }
        case .stdout:
            // torchrun-style ranks prefix their lines: rank 0's count, as for the metrics file.
            let options = settings.options
            let prefixed = options.ranks.launcher == .torchrun && options.ranks.isDistributed && settings.prefixesRankOutput
            batch = options.stdoutPattern!.parse(prefixed ? RankLauncher.rankZeroLines(update.lines) : update.lines)
            for warning in update.warnings { trial.stdoutWarnings.report(warning, into: &batch) }
        }
        trial.objective.observe(batch.points)
        return batch
    }

    /// A batch job the scheduler started: `starting → running`; its time limits count from now.
    mutating func jobStarted(_ number: Int, now: ContinuousClock.Instant) -> [ControllerAction] {
        guard var trial = running[number], trial.waitingInQueue else { return [] }
        trial.waitingInQueue = false
        trial.launchedAt = now
        trial.lastActivity = now
        running[number] = trial
        return [.recordJobStart(trial: number)]
    }

    /// A trial's process exited: its files are read to their end — over as many turns of the
    /// loop as that takes, so other trials, cancels and signals are still handled meanwhile —
    /// and only then is it judged (`caughtUp`), so that its last lines count, however many it
    /// wrote. Its slots stay taken until then.
    mutating func exit(_ number: Int, termination: Termination, endedAt: Date) -> [ControllerAction] {
        guard var trial = running.removeValue(forKey: number) else { return [] }
        trial.teardown.leaderExited()
        exited[number] = ExitedTrial(trial: trial, termination: termination, endedAt: endedAt)
        return []
    }

    /// An exited trial's files are read to their end: its slots are given back and its end
    /// recorded at `endedAt`, when its exit was observed (or it is queued to run again).
    mutating func caughtUp(_ number: Int, now: ContinuousClock.Instant) -> [ControllerAction] {
        guard let ended = exited.removeValue(forKey: number) else { return [] }
        ledger.release(trial: number)
        let trial = ended.trial
        let termination = ended.termination
        switch settle(trial, termination: termination, endedAt: ended.endedAt) {
        case .requeue(let actions):
            return [.stopFollowing(trial: number)] + actions
        case .finish(let state, let reason):
            let explanation = reason
                ?? (state == .noMetric ? nil
                    : Self.explanation(state: state, termination: termination, trial: trial, metric: settings.metric))
            // A trial that stopped improving keeps its best value (Keras' restore_best_weights).
            let objective = trial.stopCause == .converge ? trial.objective.best : trial.objective.value
            awaiting = .finish(trial, termination: termination, configuration: trial.configuration, thenFill: false)
            return [.stopFollowing(trial: number),
                    .recordFinish(FinishOrder(trial: number, state: state, termination: termination, objective: objective,
                                              steps: trial.objective.reportCount, explanation: explanation,
                                              endedAt: ended.endedAt))]
        }
    }

    /// The trial's final record is stored: count it, tell the strategy (through `completed`,
    /// with the curve it reported over all its attempts),
    /// and apply the failure budget and the missing-metric check.
    mutating func finishRecorded(_ record: TrialRecord, missing: MissingObjective?, objectiveSeen: Bool?,
                                 now: ContinuousClock.Instant) -> [ControllerAction] {
        guard case .finish(let trial, let termination, let configuration, let thenFill) = awaiting else { return [] }
        awaiting = nil
        let state = record.state
        finished += 1
        var actions: [ControllerAction] = []
        guard let trial else {
            // Never launched.
            complete(record.number, configuration, state: state, objective: nil)
            actions.append(.notify(.finished(record)))
            if let reason = failureBudget.record(state) {
                actions += stopAccepting("stopping the sweep: \(reason)", state: .failed, now: now)
            }
            return actions + (thenFill ? fillSlots(now: now) : [])
        }
        totalDuration += record.duration ?? 0
        complete(record.number, configuration, state: state, objective: record.objective)
        slotSeconds.record(state: state, seconds: record.duration ?? 0, slots: max(1, trial.grant.gpus.count),
                           converged: trial.stopCause == .converge)
        actions.append(.notify(.finished(record)))
        if let missing { actions += stopUnlessObjectiveSeen(trial.number, missing, seen: objectiveSeen, now: now) }
        if termination == .exited(0) && trial.stopCause == .none { cleanExits.exitedCleanly(trial.number, at: now) }
        if let reason = failureBudget.record(state) {
            let explanation = record.explanation ?? state.rawValue
            actions += stopAccepting("stopping the sweep: \(reason); the last: trial \(trial.number), \(explanation) "
                                     + "(see hpo logs \(settings.run) \(trial.number) --stderr)", state: .failed, now: now)
        }
        return actions
    }

    /// Stops launching when trial `number` ended without the objective and no trial of the run
    /// has reported it yet (finished, or still running): the metric's name is most likely
    /// wrong (`--metric` forgotten), and every other trial would train to its end for nothing.
    /// Running trials finish; the run ends `failed`. `--allow-missing-metric`
    /// (`ExecutionOptions.allowsMissingMetric`) turns the check off.
    private mutating func stopUnlessObjectiveSeen(_ number: Int, _ missing: MissingObjective, seen: Bool?,
                                                  now: ContinuousClock.Instant) -> [ControllerAction] {
        guard accepting, !settings.options.allowsMissingMetric else { return [] }
        if running.values.contains(where: { $0.objective.hasReported }) { return [] }
        guard let seen, !seen else { return [] }
        return stopAccepting(missing.stopMessage(trial: number, running: running.count), state: .failed, now: now)
    }

    /// Stops trials past their time limit, and (checked once a second) asks for the output
    /// sizes of running trials to find stalled ones; drives teardowns that ran out of grace.
    mutating func enforceDeadlines(now: ContinuousClock.Instant) -> [ControllerAction] {
        var actions: [ControllerAction] = []
        for number in running.keys.sorted() {
            let trial = running[number]!
            if trial.stopCause == .none, !trial.waitingInQueue, let limit = settings.options.trialTimeout,
               now - trial.launchedAt >= limit {
                actions += stop(number, cause: .timeout, explanation: "ran past the time limit of \(Self.text(limit))", now: now)
            }
            actions += running[number]!.teardown.advance(now: now).map { .signal(trial: number, $0) }
        }
        guard settings.options.stallTimeout != nil, now >= nextStallCheck, !running.isEmpty else { return actions }
        nextStallCheck = now + Self.stallCheckInterval
        return actions + [.measureOutput(trials: running.keys.sorted())]
    }

    /// Output sizes measured: a trial whose output grew was active; one that wrote nothing
    /// and reported no metric for the stall timeout is stopped.
    mutating func checkStalls(_ sizes: [Int: Int64], now: ContinuousClock.Instant) -> [ControllerAction] {
        guard let stall = settings.options.stallTimeout else { return [] }
        var actions: [ControllerAction] = []
        for number in sizes.keys.sorted() {
            guard var trial = running[number], let bytes = sizes[number] else { continue }
            if bytes != trial.outputBytes {
                trial.outputBytes = bytes
                trial.lastActivity = now
                running[number] = trial
            } else if trial.stopCause == .none && !trial.waitingInQueue && now - trial.lastActivity >= stall {
                actions += stop(number, cause: .stall, explanation: "no output or metric for \(Self.text(stall))", now: now)
            }
        }
        return actions
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
    static func explanation(state: TrialState, termination: Termination, trial: RunningTrial, metric: String) -> String? {
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
}
