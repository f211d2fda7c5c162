import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sleeping until something happens, never longer than the nearest deadline.
extension Controller {
    /// Blocks in `poll(2)` on the tailer, the backend's exit descriptors, the signal pipe and
    /// the strategy's answer pipe, until one is readable or the nearest deadline comes.
    func wait() {
        var descriptors: [pollfd] = []
        if let fd = tailer.fileDescriptor { descriptors.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        if let fd = signalPipe?.readDescriptor { descriptors.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        descriptors.append(pollfd(fd: suggestions.readDescriptor, events: Int16(POLLIN), revents: 0))
        for fd in backend.exitDescriptors { descriptors.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        let timeout = pollTimeout(now: .now)
        _ = descriptors.withUnsafeMutableBufferPointer { buffer in
            poll(buffer.baseAddress, nfds_t(buffer.count), timeout)
        }
    }

    /// Milliseconds until the nearest deadline: teardown grace periods, trial timeouts,
    /// stall checks, cancel-request checks, the backend's and the tailer's polling.
    func pollTimeout(now: ContinuousClock.Instant) -> Int32 {
        var deadline = nextRequestCheck
        for trial in running.values {
            if let d = trial.teardown.deadline { deadline = min(deadline, d) }
            if trial.stopCause == .none, !trial.waitingInQueue, let limit = options.trialTimeout {
                deadline = min(deadline, trial.launchedAt + limit)
            }
        }
        if options.stallTimeout != nil && !running.isEmpty { deadline = min(deadline, nextStallCheck) }
        var wait = deadline - now
        if let cap = backend.maximumPollInterval { wait = min(wait, cap) }
        if let seconds = tailer.pollingInterval { wait = min(wait, .milliseconds(Int(seconds * 1000))) }
        if !accepting && running.isEmpty { wait = .zero }
        let ms = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, ms + (wait > .zero ? 1 : 0)))
    }

    /// Ctrl-C once: launch nothing more, let running trials finish. Twice: stop them (SIGTERM,
    /// grace, SIGKILL) as `preempted`, for `hpo resume` to run again. Three times: SIGKILL now.
    /// SIGTERM or SIGHUP to hpo: as twice.
    func handleSignals(now: ContinuousClock.Instant) {
        guard let pipe = signalPipe else { return }
        for signal in pipe.drain() {
            for warning in cleanExits.hpoSignalled(signal, at: now) { observer(.notice(warning)) }
            interrupts += signal == SIGINT ? 1 : 2
            switch interrupts {
            case 1:
                stopAccepting("Ctrl-C: launching nothing more; running trials finish (Ctrl-C again stops them)",
                              state: .cancelled, now: now)
            case 2:
                let why = signal == SIGINT ? "Ctrl-C" : "\(Termination.signalName(signal)) to hpo"
                stopAccepting("\(why): launching nothing more", state: .cancelled, now: now)
                if !running.isEmpty {
                    observer(.notice("\(why): stopping the running trials; hpo resume \(layout.name) runs them again"))
                }
                for number in running.keys.sorted() { stop(number, cause: .interrupt, explanation: "stopped by \(why)", now: now) }
            default:
                for number in running.keys.sorted() {
                    // Still an interruption when the second press was skipped (Ctrl-C, then SIGTERM).
                    stop(number, cause: .interrupt, explanation: "stopped: hpo was interrupted", now: now)
                    for s in running[number]!.teardown.escalate() { backend.signal(running[number]!.handle, s) }
                }
            }
        }
    }

    /// What the sweep's log says when `hpo cancel RUN` arrives: who asked or why, and what
    /// happens now. `hpo cancel by alice: cancelling the run: launching nothing more, stopping
    /// the 2 running trials`.
    static func runCancelled(note: String?, running: Int) -> String {
        let who = note.map { $0.hasPrefix("hpo cancel") ? $0 : "hpo cancel (\($0))" } ?? "hpo cancel"
        let stopping = running == 0 ? "" : running == 1 ? ", stopping the running trial" : ", stopping the \(running) running trials"
        return "\(who): cancelling the run: launching nothing more\(stopping)"
    }

    /// Looks for `hpo cancel` requests: cheap when nothing changed.
    func checkRequests(now: ContinuousClock.Instant) {
        guard now >= nextRequestCheck else { return }
        nextRequestCheck = now + Self.requestInterval
        do {
            for request in try store.pendingRequests() {
                if let trial = request.trial {
                    if running[trial] != nil {
                        stop(trial, cause: .cancel, explanation: request.note ?? "cancelled by hpo cancel", now: now)
                    } else if cancelWaiting(trial, explanation: request.note ?? "cancelled by hpo cancel") {
                    } else {
                        observer(.notice("hpo cancel: trial \(trial) is not running"))
                    }
                } else {
                    stopAccepting(Controller.runCancelled(note: request.note, running: running.count), state: .cancelled,
                                  stopRunning: true, now: now)
                }
                try store.markHandled(request: request.id, at: options.wallClock())
            }
        } catch {
            observer(.notice("could not read cancel requests: \(error)"))
        }
    }
}
