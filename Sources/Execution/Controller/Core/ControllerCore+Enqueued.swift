import Foundation

/// Configurations enqueued by hand (`hpo enqueue`, `hpo search --enqueue`): the next new
/// trials, before the strategy's suggestions, within the run's budget. Once launched they are
/// pending trials like any other, so the strategy hears of them and never repeats them.
extension ControllerCore {
    /// Takes in the waiting enqueued configurations the loop read from the store (at start,
    /// at resume, and when `hpo enqueue` asks); those already taken in are ignored.
    mutating func takeEnqueued(_ waiting: [EnqueuedConfiguration], now: ContinuousClock.Instant) -> [ControllerAction] {
        receiveEnqueued(waiting)
        return fillSlots(now: now)
    }

    /// Takes in waiting enqueued configurations without launching anything yet (before the
    /// first turn of the loop).
    mutating func receiveEnqueued(_ waiting: [EnqueuedConfiguration]) {
        for entry in waiting where entry.trial == nil && !enqueuedSeen.contains(entry.id) {
            enqueuedSeen.insert(entry.id)
            enqueued.append(entry)
        }
    }

    /// Launches the oldest enqueued configuration when a slot is free and the budget allows;
    /// nil otherwise (it waits in the store for `hpo resume RUN --trials N` once the run ends).
    mutating func launchEnqueued() -> ControllerAction? {
        guard accepting, ledger.startableTrials > 0, created < settings.budget, !enqueued.isEmpty else { return nil }
        let entry = enqueued.removeFirst()
        // A strategy's answer computed before this launch must not repeat it.
        taken.insert(entry.configuration)
        return launch(entry.configuration, enqueued: entry.id)
    }
}
