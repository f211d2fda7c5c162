#if canImport(Glibc)
import Glibc
#endif

/// Stops the processes an earlier controller's attempts left running (hpo was killed, the
/// machine lost its controller), before `hpo resume` starts the next attempts: never two live
/// attempts of one trial.
///
/// They are not hpo's children any more, so their exit status cannot be had and their exits
/// give no pidfd event worth waiting on; they are told to stop the way a running trial is —
/// SIGTERM to every process group they are in, so a trial can save a checkpoint, then SIGKILL
/// after the grace period — and watched in `/proc` every 20 ms until none is left. The scan
/// is repeated every 200 ms and once more at the end, so children forked meanwhile are
/// caught too. A pid is only ever signalled through its group while a process of that group
/// with the recorded start time lives, so a recycled pid is never touched.
enum OrphanTeardown {
    /// How the processes ended.
    struct Outcome {
        /// Every process found, by trial.
        var found: [Int: [TrialProcess]] = [:]
        /// Trials some of whose processes were still there at the SIGKILL.
        var killed: Set<Int> = []
        /// Processes still alive after SIGKILL and `killWait` (stuck in uninterruptible sleep).
        var survivors: [TrialProcess] = []
    }

    static let checkInterval: Duration = .milliseconds(20)
    static let rescanInterval: Duration = .milliseconds(200)

    /// Stops `initial` and whatever `rescan` finds later, waiting at most `grace` after
    /// SIGTERM and `killWait` after SIGKILL.
    static func stop(_ initial: [TrialProcess], rescan: () -> [TrialProcess], grace: Duration,
                     killWait: Duration = .seconds(5)) -> Outcome {
        var outcome = Outcome()
        var known: [Int32: TrialProcess] = [:]
        var signal = SIGTERM
        func take(_ processes: [TrialProcess]) {
            var fresh: [TrialProcess] = []
            for p in processes where known[p.pid]?.startTime != p.startTime {
                known[p.pid] = p
                outcome.found[p.trial, default: []].append(p)
                fresh.append(p)
            }
            send(signal, to: fresh)
        }
        take(initial)
        guard !known.isEmpty else { return outcome }
        let start = ContinuousClock.now
        var deadline = start + max(grace, .zero)
        var nextRescan = start + rescanInterval
        while true {
            var alive = known.values.filter(\.isAlive)
            let now = ContinuousClock.now
            if now >= nextRescan || alive.isEmpty {
                nextRescan = now + rescanInterval
                let before = known.count
                take(rescan())
                if known.count != before { alive = known.values.filter(\.isAlive) }
            }
            if alive.isEmpty { return outcome }
            if now >= deadline {
                if signal == SIGTERM {
                    signal = SIGKILL
                    outcome.killed.formUnion(alive.map(\.trial))
                    send(SIGKILL, to: alive)
                    deadline = now + killWait
                } else {
                    outcome.survivors = alive.sorted { $0.pid < $1.pid }
                    return outcome
                }
            }
            LocalBackend.waitForReadable([], timeout: checkInterval)
        }
    }

    /// Sends `signal` to the groups of the live processes among `processes` (each group once).
    static func send(_ signal: Int32, to processes: [TrialProcess]) {
        var groups = Set<Int32>()
        for p in processes where p.isAlive && groups.insert(p.processGroup).inserted {
            if kill(-p.processGroup, signal) != 0 { kill(p.pid, signal) }
        }
    }
}
