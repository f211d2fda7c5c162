import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether the controller of a run stored `running` still lives, and what it left running
/// if not: what `hpo status`, its `--json` and the dashboard show as `interrupted`.
///
/// The run's lock file names its controller (`RunLock`: `pid host since`). On this host the
/// controller lives when that pid is a process that started no later than `since` (a pid
/// reused later belongs to a process started after the controller took the lock). Nothing is
/// locked or signalled to find out: readers never get in a controller's way. A file naming
/// another host cannot be checked from here, and the run is shown as stored.
public struct RunLiveness: Hashable, Sendable {
    /// The controller as the lock file names it.
    public enum Controller: Hashable, Sendable {
        /// It runs on this host.
        case alive(RunLockHolder)
        /// It ended without finishing the run (killed, crashed, its machine restarted); nil
        /// when the file names no one (it released the lock but could not record the end).
        case gone(RunLockHolder?)
        /// It runs, or ran, on another host: not checked.
        case elsewhere(RunLockHolder)
    }

    /// An unfinished trial whose process or batch job may still run without a controller.
    public struct Orphan: Hashable, Sendable {
        /// The trial.
        public var trial: Int
        /// Its recorded process, found alive (local runs).
        public var pid: Int32?
        /// Its submitted Slurm job (Slurm runs; not asked of Slurm).
        public var job: String?
    }

    /// The controller.
    public var controller: Controller
    /// For an interrupted run: the trials left running (empty otherwise).
    public var orphans: [Orphan]
    /// When the run's store was last written (the later of run.db's and its WAL's
    /// modification times): about when an interrupted run's controller stopped.
    public var lastWrite: Date?
    /// True for a Swift driver's study (`Study.open(run:)`: a stored sweep without a
    /// command), which its driver, not `hpo resume`, continues.
    public var isDriversStudy = false

    /// True when the run is stored `running` but no controller works on it.
    public var isInterrupted: Bool {
        if case .gone = controller { return true }
        return false
    }

    /// The liveness of the run in `layout`, stored as `run`; nil unless it is stored
    /// `running` (a run that ended needs no controller).
    /// - Parameter unfinished: its trials in `running` or `starting`, for the orphans.
    public static func check(_ layout: RunLayout, run: RunInfo, unfinished: [TrialRecord]) -> RunLiveness? {
        guard run.state == .running else { return nil }
        let controller = controller(directory: layout.directory)
        var liveness = RunLiveness(controller: controller, orphans: [], lastWrite: lastWrite(layout))
        liveness.isDriversStudy = !run.configurationYAML.split(separator: "\n").contains { $0.hasPrefix("command:") }
        guard liveness.isInterrupted else { return liveness }
        for trial in unfinished where trial.state == .running || trial.state == .starting {
            if let job = trial.job {
                liveness.orphans.append(Orphan(trial: trial.number, pid: nil, job: job))
            } else if let process = trial.process,
                      TrialProcess(trial: trial.number, pid: process.pid, processGroup: process.processGroup,
                                   startTime: process.startTime).isAlive {
                liveness.orphans.append(Orphan(trial: trial.number, pid: process.pid, job: nil))
            }
        }
        return liveness
    }

    /// The liveness of the run in `layout` whose store is `store` and which is stored as
    /// `run`; nil unless it is stored `running`.
    public static func check(_ layout: RunLayout, store: RunStore, run: RunInfo) throws -> RunLiveness? {
        guard run.state == .running else { return nil }
        return check(layout, run: run, unfinished: try store.trials(in: [.running, .starting]))
    }

    /// The controller named by the lock file of the run in `directory`.
    public static func controller(directory: String) -> Controller {
        guard let holder = RunLock.recordedHolder(directory: directory) else { return .gone(nil) }
        guard holder.host == RunLockHolder.hostName else { return .elsewhere(holder) }
        guard let stat = ProcStat.read(holder.pid), !stat.isZombie, let started = startDate(stat) else {
            return .gone(holder)
        }
        // The file and the boot time (/proc/stat btime) keep whole seconds: two of slack.
        return started.timeIntervalSince(holder.since) <= 2 ? .alive(holder) : .gone(holder)
    }

    /// `run` with the state to show: `interrupted` when this says so, its time the last write.
    public func shown(_ run: RunInfo) -> RunInfo {
        guard isInterrupted else { return run }
        var shown = run
        shown.state = .interrupted
        if let lastWrite, lastWrite > run.updatedAt { shown.updatedAt = lastWrite }
        return shown
    }

    /// For a person: `its controller (pid 4242 on gpu-7) is gone: killed or crashed; 2 trials
    /// may still run without it (trial 3: pid 5120, trial 4: pid 5133); continue it with
    /// hpo resume NAME, which stops them first`. Nil unless interrupted.
    public func explanation(run name: String) -> String? {
        guard case .gone(let holder) = controller else { return nil }
        var text = holder.map { "its controller (pid \($0.pid) on \($0.host)) is gone: killed or crashed" }
            ?? "no controller works on it (the last one ended without recording the run's end)"
        let processes = orphans.filter { $0.pid != nil }, jobs = orphans.filter { $0.job != nil }
        if !processes.isEmpty {
            text += "; \(processes.count == 1 ? "1 trial still runs" : "\(processes.count) trials still run") without it ("
                + processes.map { "trial \($0.trial): pid \($0.pid!)" }.joined(separator: ", ") + ")"
        }
        if !jobs.isEmpty {
            text += "; \(jobs.count) Slurm job\(jobs.count == 1 ? "" : "s") it submitted may still run ("
                + jobs.map { "trial \($0.trial): job \($0.job!)" }.joined(separator: ", ") + ")"
        }
        if isDriversStudy { return text + "; continue it by starting its Swift driver again (Study.open(run: \"\(name)\"))" }
        text += "; continue it with hpo resume \(name)"
        if !processes.isEmpty { text += ", which stops them first" }
        if !jobs.isEmpty { text += ", which follows the jobs again" }
        return text
    }

    /// When the process started, from its start time in clock ticks after boot.
    static func startDate(_ stat: ProcStat) -> Date? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
              let boot = Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return Date(timeIntervalSince1970: boot + Double(stat.startTime) / max(ticks, 1))
    }

    static func lastWrite(_ layout: RunLayout) -> Date? {
        [layout.database, layout.database + "-wal"].compactMap { path -> Date? in
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        }.max()
    }
}
