/// Trials waiting for another attempt (retried, preempted, or found unfinished by
/// `hpo resume`), first come first served, and what earlier attempts of each trial spent.
/// They are launched before any new suggestion, and passed to the strategy as pending, so
/// it never proposes their configurations again.
struct RerunQueue {
    /// One trial waiting: its number, the attempt it will run as, its parameters.
    struct Entry {
        let number: Int
        let attempt: Int
        let configuration: Configuration
    }

    private(set) var entries: [Entry] = []
    /// Retries and preemptions so far, by trial.
    var histories: [Int: AttemptHistory] = [:]

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }
    /// The waiting configurations, for the strategy's `pending`.
    var configurations: [Configuration] { entries.map(\.configuration) }

    mutating func append(_ entry: Entry) { entries.append(entry) }

    /// The longest waiting trial.
    mutating func popFirst() -> Entry? { entries.isEmpty ? nil : entries.removeFirst() }

    /// Puts a trial back at the head (its launch had to wait).
    mutating func pushFront(_ entry: Entry) { entries.insert(entry, at: 0) }

    /// Takes a trial out of the queue (cancelled while waiting).
    mutating func remove(trial: Int) -> Entry? {
        guard let i = entries.firstIndex(where: { $0.number == trial }) else { return nil }
        return entries.remove(at: i)
    }

    /// One more retry or preemption of `trial`.
    mutating func count(_ state: TrialState, of trial: Int) {
        var history = histories[trial] ?? AttemptHistory()
        if state == .retrying { history.retries += 1 } else { history.preemptions += 1 }
        histories[trial] = history
    }
}
