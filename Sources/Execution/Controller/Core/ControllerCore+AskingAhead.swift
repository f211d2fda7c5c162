import Foundation

/// Asking the strategy ahead of a freed slot.
///
/// Without it a slot that frees waits one answering time (the strategy's fit) before its next
/// trial starts: with trials of 1 s and a Gaussian process over 1,000 trials answering in
/// 0.1–0.5 s, slots sit a third idle. So, while every slot is busy, a strategy that answers
/// faster than a trial runs is asked — for as many trials as are expected to end before its
/// answer could come — and its answer waits in `proposals` for the slots as they free. Each
/// such question still passes every running trial as pending (the trials it replaces
/// included), so nothing repeats; its suggestions have not seen the results of the trials
/// they replace, which a batch of `--parallel` suggestions never sees either.
///
/// When to ask: a running trial is expected to end at its launch plus the mean duration of the
/// finished trials, and is "ending soon" once that is within `lead` of now — the longest of the
/// last four answers with half of it again: answering times vary from one question to the
/// next (the batch's size, the growing history, the machine's load), and asking a little early
/// costs a suggestion that has not seen one more result, while asking late leaves a slot idle. Not asked ahead: with one slot (`--parallel 1`
/// stays deterministic: a seed gives the same trials in the same order), for a strategy that
/// answers at once (random, grid), and while the strategy answers slower than a trial runs —
/// then every slot frees while it thinks anyway, one question for all of them is already the
/// best order, and asking ahead would only take CPU from the loop (measured: README, executor).
extension ControllerCore {
    /// The lead: how long before a trial's expected end its successor is asked for. Nil while
    /// asking ahead does not pay or is not wanted (see the type's comment).
    var askingLead: Double? {
        guard settings.asksAhead, let answer = recentAnswerSeconds.max(), finished > 0 else { return nil }
        let mean = totalDuration / Double(finished)
        guard answer < mean else { return nil }
        return 1.5 * answer + Self.askingMargin
    }

    /// Slack for the loop's own turn between a trial's end and its slot's refill.
    static var askingMargin: Double { 0.02 }

    /// The expected end of each trial that runs and is not being stopped or waiting in a
    /// batch queue; nil while no trial has finished.
    private var expectedEnds: [ContinuousClock.Instant] {
        guard finished > 0 else { return [] }
        let mean = Duration.milliseconds(Int((totalDuration / Double(finished) * 1000).rounded()))
        return running.values.filter { $0.stopCause == .none && !$0.waitingInQueue }.map { $0.launchedAt + mean }
    }

    /// Asks the strategy for the trials ending within the lead, when every slot is busy, no
    /// answer is held or awaited, and the run will want them.
    mutating func askAhead(now: ContinuousClock.Instant) -> [ControllerAction] {
        guard accepting, asking == nil, awaiting == nil, proposals.isEmpty, reruns.isEmpty, enqueued.isEmpty,
              let lead = askingLead else { return [] }
        let horizon = now + .milliseconds(Int((lead * 1000).rounded()))
        // Trials whose exit is being read free their slots first.
        let soon = exited.count + expectedEnds.filter { $0 <= horizon }.count
        let count = min(soon, settings.budget - created)
        guard count > 0 else { return [] }
        return ask(count: count, now: now)
    }

    /// When the next running trial comes within the lead of its expected end (the loop wakes
    /// then to ask ahead); nil when there is nothing to ask ahead for.
    func nextAskAhead() -> ContinuousClock.Instant? {
        guard accepting, asking == nil, proposals.isEmpty, created < settings.budget, let lead = askingLead else { return nil }
        return expectedEnds.min().map { $0 - .milliseconds(Int((lead * 1000).rounded())) }
    }
}
