import Foundation

/// Trials as Slurm jobs: one `sbatch` per attempt, one `squeue` per poll for every job,
/// `scancel` to stop them. The trial contract is the local one: the same argv, the same
/// environment (`BatchScript`), output in the trial's directory on the shared file system.
///
/// Polling happens in `collectStarts`, which the controller calls before `collectExits`
/// in each turn of its loop: a job that started and ended between two polls is reported
/// started first, so its trial always passes through `running`.
public final class SlurmBackend: Backend {
    public typealias Handle = SlurmJob

    /// What each job asks for.
    public let options: SlurmOptions
    let client: any SlurmClient
    let now: () -> ContinuousClock.Instant
    /// The environment `sbatch` runs with; the scripts repeat only what trials change.
    let inherited: [String: String]
    /// Polls Slurm has answered without a job it should know, by job: after two, the job's
    /// exit status file decides (Slurm forgets finished jobs after its MinJobAge).
    var misses: [String: Int] = [:]
    var jobs: [String: Tracked] = [:]
    var schedule: PollSchedule
    var ended: [TrialExit<SlurmJob>] = []
    /// The last error of `squeue`, reported once until it works again.
    public private(set) var lastQueryError: SlurmQueryError?

    struct Tracked {
        var job: SlurmJob
        var started: Bool
    }

    /// A backend submitting through `client`.
    /// - Parameters:
    ///   - inherited: the environment `sbatch` runs with (and passes on to jobs).
    ///   - now: the clock, for the poll schedule.
    public init(options: SlurmOptions, client: any SlurmClient, inherited: [String: String],
                schedule: PollSchedule? = nil, now: @escaping () -> ContinuousClock.Instant = { .now }) {
        self.options = options
        self.client = client
        self.inherited = inherited
        self.now = now
        self.schedule = schedule ?? PollSchedule(now: now())
    }

    /// A backend running the real `sbatch`, `squeue` and `scancel` with `environment` (less the
    /// variables of an enclosing Slurm job, see `submissionEnvironment`).
    public convenience init(options: SlurmOptions, environment: [String: String]) {
        let submission = SlurmBackend.submissionEnvironment(environment)
        self.init(options: options, client: SlurmCommands(environment: submission), inherited: submission)
    }

    /// The environment `sbatch` runs with: this one without the variables of an enclosing
    /// Slurm job (a detached controller's `SLURM_*`, `SBATCH_*`), which would otherwise
    /// leak into the trials' jobs and their `srun`.
    public static func submissionEnvironment(_ environment: [String: String]) -> [String: String] {
        environment.filter { !isSchedulerVariable($0.key) }
    }

    /// True for the variables Slurm sets or reads itself (`SLURM_*`, `SBATCH_*`, `SRUN_*`).
    static func isSchedulerVariable(_ name: String) -> Bool {
        name.hasPrefix("SLURM_") || name.hasPrefix("SBATCH_") || name.hasPrefix("SRUN_")
    }

    public func launch(_ request: LaunchRequest) throws(LaunchError) -> SlurmJob {
        guard !request.arguments.isEmpty else { throw .emptyCommand }
        let directory = (request.standardOutputPath as NSString).deletingLastPathComponent
        let scriptPath = directory + "/job.sh"
        let exitStatusPath = directory + "/exit_status"
        let trial = request.environment["HPO_TRIAL"] ?? "trial"
        let run = request.environment["HPO_RUN"] ?? "run"
        let script = BatchScript(request, options: options, jobName: "hpo.\(run).\(trial)", scriptPath: scriptPath,
                                 exitStatusPath: exitStatusPath, inherited: inherited)
        do {
            // An earlier attempt's.
            try? FileManager.default.removeItem(atPath: exitStatusPath)
            try? FileManager.default.removeItem(atPath: SlurmJob.startStampPath(besideExitStatus: exitStatusPath))
            try script.text.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        } catch {
            throw .outputUnavailable(path: scriptPath, reason: error.localizedDescription)
        }
        let id = try client.submit(script.sbatchArguments)
        let job = SlurmJob(id: id, exitStatusPath: exitStatusPath)
        jobs[id] = Tracked(job: job, started: false)
        schedule.hurry(now: now())
        return job
    }

    /// Follows a job submitted by an earlier hpo (`hpo resume`): it is reported started
    /// (once) if `running`, and ended like any other.
    public func adopt(_ job: SlurmJob, running: Bool) {
        jobs[job.id] = Tracked(job: job, started: running)
        schedule.hurry(now: now())
    }

    @discardableResult
    public func signal(_ handle: SlurmJob, _ signal: TrialSignal) -> Bool {
        guard let tracked = jobs[handle.id] else { return false }
        switch signal {
        case .terminate where tracked.started:
            client.cancel(handle.id, signal: "TERM")  // the trial may checkpoint and exit
        case .terminate, .kill:
            client.cancel(handle.id, signal: nil)
        }
        schedule.hurry(now: now())
        return true
    }

    public var exitDescriptors: [Int32] { [] }

    public var maximumPollInterval: Duration? { jobs.isEmpty ? nil : schedule.wait(from: now()) }

    public func collectStarts() -> [SlurmJob] {
        let time = now()
        guard !jobs.isEmpty, schedule.isDue(at: time) else { return [] }
        let statuses: [String: SlurmJobStatus]
        do {
            statuses = try client.statuses(of: jobs.keys.sorted())
            lastQueryError = nil
        } catch {
            lastQueryError = error
            schedule.polled(at: time, changed: false)
            return []
        }
        var starts: [SlurmJob] = []
        var changed = false
        for id in jobs.keys.sorted() {
            var tracked = jobs[id]!
            var status = statuses[id]
            if status == nil {
                misses[id, default: 0] += 1
                if misses[id]! >= 2 { status = .ended(Self.forgottenEnd(tracked.job)) }
            } else {
                misses[id] = nil
            }
            guard let status else { continue }
            if case .pending = status { continue }
            if !tracked.started {
                tracked.started = true
                starts.append(tracked.job)
                changed = true
            }
            jobs[id] = tracked
            if case .ended(let termination) = status {
                jobs[id] = nil
                misses[id] = nil
                ended.append(TrialExit(handle: tracked.job, termination: termination,
                                       endedAt: Self.exitStatus(of: tracked.job)?.endedAt))
                changed = true
            }
        }
        schedule.polled(at: time, changed: changed)
        return starts
    }

    public func collectExits() -> [TrialExit<SlurmJob>] {
        defer { ended = [] }
        return ended
    }

    public func isAlive(_ handle: SlurmJob) -> Bool {
        guard let status = try? client.statuses(of: [handle.id])[handle.id] else { return false }
        return !status.hasEnded
    }

    /// When the job's command started, as its script wrote (`SlurmJob.startStampPath`); nil
    /// until the file shows (then hpo records the poll that saw the job running).
    public func startedAt(_ job: SlurmJob) -> Date? {
        guard let text = try? String(contentsOfFile: job.startStampPath, encoding: .utf8),
              let seconds = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)),
              seconds.isFinite, seconds > 0 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// How a job ended that Slurm no longer knows: the exit status its script wrote, else lost.
    static func forgottenEnd(_ job: SlurmJob) -> Termination {
        guard let status = exitStatus(of: job)?.status else { return .scheduler(.lost) }
        return status > 128 && status < 160 ? .signaled(status - 128) : .exited(status)
    }

    /// What the job's script wrote when its command ended (`BatchScript`): the exit status
    /// and, since hpo 2026-12, the wall time of the end (`date +%s.%N` on the node), nil
    /// where a script of an older hpo wrote only the status. Nil without the file (the job
    /// was killed before, or the shared file system has not shown it yet).
    static func exitStatus(of job: SlurmJob) -> (status: Int32, endedAt: Date?)? {
        guard let text = try? String(contentsOfFile: job.exitStatusPath, encoding: .utf8) else { return nil }
        let fields = text.split(whereSeparator: \.isWhitespace)
        guard let first = fields.first, let status = Int32(first) else { return nil }
        let seconds = fields.count > 1 ? Double(fields[1]) : nil
        return (status, seconds.flatMap { $0.isFinite && $0 > 0 ? Date(timeIntervalSince1970: $0) : nil })
    }
}
