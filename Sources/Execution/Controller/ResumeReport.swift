/// What `Sweep.resume` found and did before the run goes on: for the person at the terminal.
public struct ResumeReport: Sendable {
    /// The controller whose lock was taken over (it had been killed or had crashed), if any.
    public var previousHolder: RunLockHolder?
    /// The attempts that were running or starting when the last controller stopped.
    public var interrupted: [InterruptedAttempt] = []
    /// The trials queued for another attempt, by number.
    public var waiting: [Int] = []
    /// True when results.csv disagreed with the store and was rewritten.
    public var resultsRepaired = false
    /// The search changes taken with `force` (a diff, as `SweepChange.diff`), if any.
    public var forcedChanges: String?
    /// The settings that changed: `trials: 30 → 50`.
    public var settingChanges: [String] = []
    /// Batch jobs of earlier attempts that were still queued or running, followed again
    /// instead of submitted anew: trial number and job id.
    public var reattached: [(trial: Int, job: String)] = []

    /// An empty report.
    public init(previousHolder: RunLockHolder? = nil) {
        self.previousHolder = previousHolder
    }
}

/// An attempt the last controller left unfinished, and what `hpo resume` did about it.
public struct InterruptedAttempt: Sendable, Hashable {
    /// The trial.
    public var trial: Int
    /// The attempt that was cut off; the trial runs again as `attempt + 1`.
    public var attempt: Int
    /// The processes of it still running, which were stopped (empty: none was left).
    public var processes: [Int32]
    /// True when some of them had to be killed with SIGKILL after the grace period.
    public var killed: Bool
}

/// The result of `Sweep.resume`.
public enum Resumption {
    /// The run had finished: nothing was changed (results.csv may have been repaired).
    case finished(RunSummary, ResumeReport)
    /// The run is ready to go on: call `sweep.controller.run()`.
    case resumed(Sweep, ResumeReport)
}

/// Why a run cannot be resumed.
public enum ResumeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The sweep given differs in what is searched or run; `diff` shows how.
    case sweepChanged(run: String, diff: String)
    /// Processes of earlier attempts did not end even after SIGKILL.
    case processesSurvived(run: String, processes: [TrialProcess])
    /// More batch jobs of the run still live than the slots it is resumed with.
    case tooManyJobs(run: String, jobs: Int, slots: Int)
    /// The directory the run's trials run in is gone: its workspace snapshot (a copy of
    /// `copyOf`), or the directory of a run in place (`copyOf` nil).
    case workspaceMissing(run: String, directory: String, copyOf: String?, sweepFile: String)

    public var description: String {
        switch self {
        case .sweepChanged(let run, let diff):
            return "the sweep given differs from the one run \(run) was started with (- stored, + given):\n\(diff)\n"
                + "hpo resume \(run) alone continues the stored sweep; add --force to go on with the new one "
                + "(finished trials keep their results)"
        case .processesSurvived(let run, let processes):
            return "processes of run \(run) did not end after SIGKILL (\(processes.map(\.description).joined(separator: ", "))): "
                + "they may be stuck in the kernel; hpo resume starts no second attempt while they live"
        case .workspaceMissing(let run, let directory, let source, let sweepFile):
            let what = source.map { "its workspace snapshot \(directory) (a copy of \($0))" } ?? "\(directory) (--no-snapshot)"
            return "run \(run) runs its trials in \(what), which is gone: every trial would fail, so nothing was resumed "
                + "and no trial was touched. Put the directory back (restore it\(source.map { " or copy \($0) there" } ?? ""))"
                + " and resume again, or start a new run of the same sweep: hpo search --config \(sweepFile) --name \(run)-2"
        case .tooManyJobs(let run, let jobs, let slots):
            return "\(jobs) Slurm jobs of run \(run) are still queued or running, more than the \(slots) it would run at once; "
                + "resume with --parallel \(jobs) or more (hpo never abandons a live job)"
        }
    }
}
