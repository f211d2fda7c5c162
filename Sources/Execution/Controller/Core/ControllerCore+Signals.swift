import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C, SIGTERM and `hpo cancel`.
extension ControllerCore {
    /// Ctrl-C once: launch nothing more, let running trials finish. Twice: stop them (SIGTERM,
    /// grace, SIGKILL) as `preempted`, for `hpo resume` to run again. Three times: SIGKILL now.
    /// SIGTERM or SIGHUP to hpo: as twice.
    mutating func interrupted(by signal: Int32, now: ContinuousClock.Instant) -> [ControllerAction] {
        var actions: [ControllerAction] = cleanExits.hpoSignalled(signal, at: now).map { .notify(.notice($0)) }
        interrupts += signal == SIGINT ? 1 : 2
        switch interrupts {
        case 1:
            actions += stopAccepting("Ctrl-C: launching nothing more; running trials finish (Ctrl-C again stops them)",
                                     state: .cancelled, now: now)
        case 2:
            let why = signal == SIGINT ? "Ctrl-C" : "\(Termination.signalName(signal)) to hpo"
            actions += stopAccepting("\(why): launching nothing more", state: .cancelled, now: now)
            if !running.isEmpty {
                actions.append(.notify(.notice("\(why): stopping the running trials; hpo resume \(settings.run) runs them again")))
            }
            for number in running.keys.sorted() {
                actions += stop(number, cause: .interrupt, explanation: "stopped by \(why)", now: now)
            }
        default:
            for number in running.keys.sorted() {
                // Still an interruption when the second press was skipped (Ctrl-C, then SIGTERM).
                actions += stop(number, cause: .interrupt, explanation: "stopped: hpo was interrupted", now: now)
                actions += running[number]!.teardown.escalate().map { .signal(trial: number, $0) }
            }
        }
        return actions
    }

    /// `hpo cancel RUN` (`trial` nil) or `hpo cancel RUN TRIAL`.
    mutating func cancelRequested(trial: Int?, note: String?, now: ContinuousClock.Instant) -> [ControllerAction] {
        guard let trial else {
            return stopAccepting(Self.runCancelled(note: note, running: running.count), state: .cancelled,
                                 stopRunning: true, now: now)
        }
        let explanation = note ?? "cancelled by hpo cancel"
        if running[trial] != nil { return stop(trial, cause: .cancel, explanation: explanation, now: now) }
        // A trial waiting for its next attempt ends `cancelled`.
        if awaiting == nil, let entry = reruns.remove(trial: trial) {
            return recordUnlaunched(trial, configuration: entry.configuration, state: .cancelled, explanation: explanation,
                                    thenFill: false)
        }
        return [.notify(.notice("hpo cancel: trial \(trial) is not running"))]
    }

    /// What the sweep's log says when `hpo cancel RUN` arrives: who asked or why, and what
    /// happens now. `hpo cancel by alice: cancelling the run: launching nothing more, stopping
    /// the 2 running trials`.
    static func runCancelled(note: String?, running: Int) -> String {
        let who = note.map { $0.hasPrefix("hpo cancel") ? $0 : "hpo cancel (\($0))" } ?? "hpo cancel"
        let stopping = running == 0 ? "" : running == 1 ? ", stopping the running trial" : ", stopping the \(running) running trials"
        return "\(who): cancelling the run: launching nothing more\(stopping)"
    }
}
