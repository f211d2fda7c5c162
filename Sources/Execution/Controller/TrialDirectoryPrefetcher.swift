import Dispatch
import Foundation

/// Makes the directories of the next trials (`trials/<n>/`, `artifacts/`, `checkpoints/`)
/// on a background queue, ahead of their launch.
///
/// Creating inodes is the slowest part of starting a trivial trial on a busy ext4 volume,
/// and it sits between a slot becoming free and the next process starting. Done ahead, the
/// loop only checks that the work finished. Nothing is decided here: the directories are
/// empty, and a directory made for a trial that never runs (the run stopped early) stays
/// empty. `directories(for:)` always returns a trial's directories made, inline if the
/// background has not got there.
final class TrialDirectoryPrefetcher: @unchecked Sendable {
    private let layout: RunLayout
    private let queue = DispatchQueue(label: "hpo.trial-directories")
    private let lock = NSLock()
    private var made = Set<Int>()
    private var scheduledThrough = -1
    /// How many trials ahead to prepare.
    let lookahead: Int
    /// The last trial number worth preparing (the budget), if known.
    let last: Int?

    init(layout: RunLayout, lookahead: Int, last: Int?) {
        self.layout = layout
        self.lookahead = max(1, lookahead)
        self.last = last
    }

    /// The directories of trial `number`, made; schedules the next ones.
    func directories(for number: Int) throws -> TrialLayout {
        let ready = lock.withLock { made.remove(number) != nil }
        let trial = ready ? layout.trial(number) : try layout.createTrialDirectories(number)
        schedule(through: number + lookahead)
        return trial
    }

    private func schedule(through target: Int) {
        let end = last.map { min($0, target) } ?? target
        let start: Int = lock.withLock {
            let s = scheduledThrough + 1
            scheduledThrough = max(scheduledThrough, end)
            return s
        }
        guard start <= end else { return }
        queue.async { [layout] in
            for n in start...end {
                // A failure here is not reported: the inline path makes the directory again
                // and reports its error where it belongs, at the trial's launch.
                if (try? layout.createTrialDirectories(n)) != nil {
                    self.lock.withLock { _ = self.made.insert(n) }
                }
            }
        }
    }
}
