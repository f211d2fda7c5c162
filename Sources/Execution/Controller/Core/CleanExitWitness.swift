import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Trials that exited 0 on their own shortly before hpo itself got SIGTERM or SIGHUP from
/// outside: the trace of a SIGTERM sent to every process (a shutdown, the end of a batch
/// allocation hpo runs in, `systemctl stop`) that reached a trial first. Such a trial may
/// have saved a checkpoint and exited 0, and is then recorded `succeeded` with a partial
/// result; hpo says so, naming it.
///
/// Why only then: hpo cannot see a signal delivered to another process (only `ptrace`
/// could), so a SIGTERM sent to a trial alone (`kill PID`) leaves no trace, and the trial
/// contract asks a trial that stops on SIGTERM to exit 75 (`HPO_PREEMPTED_EXIT_CODE`),
/// which runs it again whoever sent the signal. When hpo sent it, hpo's reason decides
/// and exit 0 never ends a trial that hpo was stopping.
struct CleanExitWitness {
    /// How long before hpo's own signal a trial's exit counts (the grace period).
    let window: Duration
    private var recent: [(trial: Int, at: ContinuousClock.Instant)] = []

    init(window: Duration) {
        self.window = window
    }

    /// Trial `trial` exited 0 at `now` without hpo stopping it.
    mutating func exitedCleanly(_ trial: Int, at now: ContinuousClock.Instant) {
        recent.removeAll { now - $0.at > window }
        recent.append((trial, now))
    }

    /// hpo got `signal` at `now`: a warning for each trial that exited 0 within the window
    /// before (each said once).
    mutating func hpoSignalled(_ signal: Int32, at now: ContinuousClock.Instant) -> [String] {
        guard signal == SIGTERM || signal == SIGHUP else { return [] }
        let witnessed = recent.filter { now - $0.at <= window }
        recent.removeAll()
        let name = Termination.signalName(signal)
        return witnessed.map { exit in
            let gap = now - exit.at
            let seconds = Double(gap.components.seconds) + Double(gap.components.attoseconds) / 1e18
            return "warning: trial \(exit.trial) exited 0 \(String(format: "%.1f", seconds))s "
                + "before hpo got \(name): if the same \(name) reached it (a shutdown, the end of a batch allocation), it "
                + "stopped early and its result is partial, yet it is recorded succeeded. A trial that stops on SIGTERM "
                + "should exit 75 ($HPO_PREEMPTED_EXIT_CODE): it then runs again"
        }
    }
}
