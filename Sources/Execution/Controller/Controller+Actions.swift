import Foundation

/// Carrying out the core's actions; each answer goes back to the core at once.
extension Controller {
    /// Hands `input` to the core and carries out what it returns, in order.
    func feed(_ input: ControllerInput) {
        for action in core.handle(input) { perform(action) }
        // A strategy that answers at once was asked on this thread: its answer is the next event.
        if let answer = suggestions.takeImmediate() { feed(.suggestions(count: answer.count, answer.result, at: clock.now)) }
    }

    func perform(_ action: ControllerAction) {
        switch action {
        case .notify(let event):
            afterCommit(.notify(event))
        case .signal(let number, let signal):
            if let handle = handles[number] { backend.signal(handle, signal) }
        case .ask(let count, let context):
            // At once: what the strategy suggests is launched only after a commit (`start`),
            // so it may hear of trials whose end the turn has not committed yet. The context
            // carries the outcome constraints and their values from the core (`readings`).
            suggestions.ask(count: count, context: context)
        case .start(let order):
            start(order)
        case .recordMetrics(let number, let attempt, let points):
            do {
                try store.appendMetrics(trial: number, attempt: attempt, points: points, at: clock.wallNow)
            } catch {
                feed(.commitFailed(error, while: "storing the metrics of trial \(number)", at: clock.now))
            }
        case .recordJobStart(let number):
            do {
                let note = handles[number].map { "\($0) started" }
                // The job's own start where the backend knows it, never after this moment.
                let now = clock.wallNow
                let started = handles[number].flatMap { backend.startedAt($0) }.map { min($0, now) } ?? now
                try store.recordJobStart(trial: number, at: started, note: note)
            } catch {
                feed(.commitFailed(error, while: "recording the start of trial \(number)", at: clock.now))
            }
        case .recordFinish(let order):
            recordFinish(order)
        case .recordUnlaunched(let number, let state, let explanation):
            do {
                let record = try store.recordFinish(trial: number, state: state, explanation: explanation, at: clock.wallNow)
                afterCommit(.row(record))
                feed(.finishRecorded(record, missing: nil, objectiveSeen: nil, at: clock.now))
            } catch {
                feed(.commitFailed(error, while: "recording the end of trial \(number)", at: clock.now))
            }
        case .requeue(let number, let attempt, let through, let termination, let note, let endedAt):
            do {
                try store.requeue(trial: number, through: through, exitCode: termination.exitCode,
                                  signal: Self.signal(of: termination), note: note, at: endedAt)
                feed(.requeued(trial: number, at: clock.now))
            } catch {
                feed(.commitFailed(error, while: "recording the end of attempt \(attempt) of trial \(number)", at: clock.now))
            }
        case .stopFollowing(let number):
            metrics.remove(key: .metrics(number))
            metrics.remove(key: .stdout(number))
            layouts[number] = nil
        case .checkRequests:
            checkRequests()
        case .measureOutput(let numbers):
            var sizes: [Int: Int64] = [:]
            for number in numbers {
                guard let files = layouts[number] else { continue }
                sizes[number] = Self.fileSize(files.stdout) + Self.fileSize(files.stderr)
            }
            feed(.outputSizes(sizes, at: clock.now))
        }
    }

    /// Records a trial's end at the time its exit was observed, and its row of results.csv.
    /// A trial without its objective (`no_metric`) is told what it did report.
    private func recordFinish(_ order: FinishOrder) {
        var missing: MissingObjective?
        var seen: Bool?
        if order.state == .noMetric {
            let names = (try? store.metricNames(trial: order.trial)) ?? []
            missing = MissingObjective(metric: spec.metric.name, goal: spec.metric.goal, reported: names)
            seen = try? store.hasMetric(named: spec.metric.name)
        }
        do {
            let record = try store.recordFinish(
                trial: order.trial, state: order.state, exitCode: order.termination.exitCode,
                signal: Self.signal(of: order.termination), objective: order.objective, steps: order.steps,
                explanation: order.explanation ?? missing?.explanation, at: order.endedAt)
            afterCommit(.row(record))
            feed(.finishRecorded(record, missing: missing, objectiveSeen: seen, at: clock.now))
        } catch {
            feed(.commitFailed(error, while: "recording the end of trial \(order.trial)", at: clock.now))
        }
    }

    /// Feeds `hpo cancel` and `hpo enqueue` requests to the core: cheap when nothing changed.
    private func checkRequests() {
        do {
            for request in try store.pendingRequests() {
                switch request.kind {
                case .cancel: feed(.cancelRequested(trial: request.trial, note: request.note, at: clock.now))
                case .enqueue: takeEnqueued()
                }
                try store.markHandled(request: request.id, at: clock.wallNow)
            }
        } catch {
            afterCommit(.notify(.notice("could not read cancel requests: \(error)")))
        }
        feed(.requestsChecked(at: clock.now))
    }

    /// Feeds the enqueued configurations still waiting to the core (it ignores those it has).
    func takeEnqueued() {
        do {
            let waiting = try store.enqueued()
            if !waiting.isEmpty { feed(.enqueued(waiting, at: clock.now)) }
        } catch {
            afterCommit(.notify(.notice("could not read enqueued configurations: \(error)")))
        }
    }

    static func signal(of termination: Termination) -> Int32? {
        if case .signaled(let s) = termination { return s }
        return nil
    }
}
