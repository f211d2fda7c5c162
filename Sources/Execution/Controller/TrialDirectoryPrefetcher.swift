import Dispatch
import Foundation

/// Makes the directories of the next trials (`trials/<n>/`, `artifacts/`, `checkpoints/`, and
/// the trial's own copy of the workspace, `work/`) on a background queue, ahead of their
/// launch.
///
/// Creating inodes is the slowest part of starting a trivial trial on a busy ext4 volume,
/// and copying a workspace where the file system has no reflinks costs more; both sit
/// between a slot becoming free and the next process starting. Done ahead, the loop only
/// checks that the work finished. Nothing is decided here: the background only makes
/// directories of trial numbers that have none yet, and `discardUnused()` removes the ones
/// no trial took. `directories(for:)` always returns a trial's directories made, waiting for
/// the background when it is making them, else making them inline.
final class TrialDirectoryPrefetcher: @unchecked Sendable {
    private enum Stage { case scheduled, working, ready, failed }

    private let layout: RunLayout
    private let workspace: TrialWorkspace?
    private let queue = DispatchQueue(label: "hpo.trial-directories")
    private let condition = NSCondition()
    /// Trial numbers the background was asked for and no trial has taken yet.
    private var stages: [Int: Stage] = [:]
    private var scheduledThrough = -1
    /// How many trials ahead to prepare.
    let lookahead: Int
    /// The last trial number worth preparing (the budget), if known.
    let last: Int?

    init(layout: RunLayout, workspace: TrialWorkspace?, lookahead: Int, last: Int?) {
        self.layout = layout
        self.workspace = workspace
        self.lookahead = max(1, lookahead)
        self.last = last
    }

    /// The directories of trial `number`, made (with its copy of the workspace, kept from an
    /// earlier attempt when there is one); schedules the next ones.
    func directories(for number: Int) throws -> TrialLayout {
        condition.lock()
        while stages[number] == .working { condition.wait() }
        // Taken: the background no longer touches this number.
        let stage = stages.removeValue(forKey: number)
        condition.unlock()
        let trial = stage == .ready ? layout.trial(number) : try prepare(number)
        schedule(through: number + lookahead)
        return trial
    }

    /// Waits for the background, then removes the directories it made for trials that never
    /// ran (the run stopped before reaching them): a copy of the workspace each.
    func discardUnused() {
        queue.sync {}
        condition.lock()
        let unused = stages.filter { $0.value == .ready }.map(\.key)
        stages.removeAll()
        condition.unlock()
        for number in unused { try? FileManager.default.removeItem(atPath: layout.trial(number).directory) }
    }

    private func prepare(_ number: Int) throws -> TrialLayout {
        let trial = try layout.createTrialDirectories(number)
        try workspace?.prepare(trial)
        return trial
    }

    private func schedule(through target: Int) {
        let end = last.map { min($0, target) } ?? target
        condition.lock()
        let start = scheduledThrough + 1
        scheduledThrough = max(scheduledThrough, end)
        guard start <= end else {
            condition.unlock()
            return
        }
        // Only numbers without a directory: those of earlier trials (a resumed run) are theirs.
        let fresh = (start...end).filter { !FileManager.default.fileExists(atPath: layout.trial($0).directory) }
        for n in fresh { stages[n] = .scheduled }
        condition.unlock()
        for n in fresh {
            queue.async { [self] in
                condition.lock()
                guard stages[n] == .scheduled else {
                    condition.unlock()
                    return
                }
                stages[n] = .working
                condition.unlock()
                // A failure here is not reported: the inline path makes the directories again
                // and reports its error where it belongs, at the trial's launch.
                let made = (try? prepare(n)) != nil
                condition.lock()
                stages[n] = made ? .ready : .failed
                condition.broadcast()
                condition.unlock()
            }
        }
    }
}
