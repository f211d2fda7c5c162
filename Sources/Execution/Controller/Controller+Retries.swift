import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Attempts: a trial whose attempt failed (within `--retries`) or was preempted runs again
/// as its next attempt — same number, parameters and `HPO_CHECKPOINT_DIR` — and the strategy
/// hears only the final outcome.
extension Controller {
    /// What `finish` does with an ended attempt.
    enum AttemptStep {
        /// Record the trial's final `state` (with `reason` as its explanation when given).
        case finish(TrialState, reason: String?)
        /// The trial was queued again (or hpo could not record the attempt's end: then the
        /// store still says `running`, and `hpo resume` runs it again).
        case requeued
    }

    /// True while trials wait for another attempt and the run may still launch them: it
    /// stopped accepting new trials only because the budget was spent or the strategy had
    /// nothing more (not Ctrl-C, a cancel, the failure budget or an error).
    var relaunching: Bool { !reruns.isEmpty && endState == .completed && fatal == nil }

    /// Decides by `AttemptVerdict` whether an ended attempt ends its trial; if not, commits
    /// `running → preempted | retrying → queued` (attempt + 1) and queues the trial.
    func settleAttempt(_ trial: RunningTrial<B.Handle>, termination: Termination, endedAt: Date) -> AttemptStep {
        let history = reruns.histories[trial.number] ?? AttemptHistory()
        let verdict = AttemptVerdict.decide(termination: termination, reportedObjective: trial.objective.hasReported,
                                            finiteObjective: trial.objective.value != nil,
                                            cause: trial.stopCause, policy: options.retryPolicy, history: history)
        let through: TrialState
        let note: String
        switch verdict {
        case .final(let state, let reason):
            return .finish(state, reason: reason)
        case .retry:
            through = .retrying
            let how = Controller.explanation(state: .failed, termination: termination, trial: trial, metric: spec.metric.name)
            note = "attempt \(trial.attempt) \(how ?? "failed"); retry \(history.retries + 1) of \(options.retryPolicy.retries)"
        case .preempt:
            through = .preempted
            if trial.stopCause == .interrupt {
                note = "attempt \(trial.attempt) \(trial.stopExplanation ?? "stopped by hpo")"
            } else {
                note = "attempt \(trial.attempt) \(AttemptVerdict.preemptionText(termination)): preempted "
                    + "\(history.preemptions + 1) of at most \(options.retryPolicy.maximumPreemptions) times"
            }
        }
        var signal: Int32?
        if case .signaled(let s) = termination { signal = s }
        do {
            try store.requeue(trial: trial.number, through: through, exitCode: termination.exitCode, signal: signal,
                              note: note, at: endedAt)
        } catch {
            fail(error, while: "recording the end of attempt \(trial.attempt) of trial \(trial.number)")
            return .requeued
        }
        reruns.count(through, of: trial.number)
        reruns.append(RerunQueue.Entry(number: trial.number, attempt: trial.attempt + 1, configuration: trial.configuration))
        observer(.requeued(trial: trial.number, attempt: trial.attempt + 1, after: through, note: note))
        return .requeued
    }

    /// Starts waiting trials on free slots, longest waiting first: `queued → starting` with
    /// the slots is committed before the spawn, as for a new trial.
    func launchReruns() {
        while accepting || relaunching, ledger.startableTrials > 0, let entry = reruns.popFirst() {
            guard let grant = ledger.acquire(for: entry.number) else {
                reruns.pushFront(entry)
                return
            }
            do {
                try store.recordStarting(trial: entry.number, slots: grant.gpus, at: options.wallClock(),
                                         note: "attempt \(entry.attempt)")
            } catch {
                ledger.release(trial: entry.number)
                reruns.pushFront(entry)
                fail(error, while: "starting attempt \(entry.attempt) of trial \(entry.number)")
                return
            }
            start(entry.number, attempt: entry.attempt, configuration: entry.configuration, grant: grant)
        }
    }

    /// `hpo cancel RUN TRIAL` for a trial waiting for its next attempt: it ends `cancelled`.
    /// Returns false when the trial is not waiting.
    func cancelWaiting(_ number: Int, explanation: String) -> Bool {
        guard let entry = reruns.remove(trial: number) else { return false }
        finishUnlaunched(number, configuration: entry.configuration, state: .cancelled, explanation: explanation)
        return true
    }

    /// True when the directory holds at least one entry (an earlier attempt's checkpoint).
    static func hasEntries(_ directory: String) -> Bool {
        guard let dir = opendir(directory) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { return true }
        }
        return false
    }

    /// Ends a file's last line with a newline when an attempt was cut off in the middle of
    /// writing it, so that the next attempt's first line starts a line of its own.
    /// The trial controls the file: a FIFO or a link out of its directory is left alone
    /// (the tailer warns about it).
    static func endPartialLine(_ path: String) throws {
        let fd: Int32
        let info: stat
        switch TrialFile.open(path, appending: true) {
        case .opened(let descriptor, let opened): (fd, info) = (descriptor, opened)
        case .missing, .refused: return
        case .failed(let code): throw RunLayoutError(path: path, reason: SystemError.message(code))
        }
        defer { close(fd) }
        guard info.st_size > 0 else { return }
        var last: UInt8 = 0
        guard pread(fd, &last, 1, info.st_size - 1) == 1, last != UInt8(ascii: "\n") else { return }
        var newline = UInt8(ascii: "\n")
        if write(fd, &newline, 1) != 1 { throw RunLayoutError(path: path, reason: SystemError.message(errno)) }
    }
}
