import CSystemShims
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs trials as processes on this machine.
///
/// Each trial is started without a shell (see `Spawner` for what the child inherits) and
/// leads its own session and process group; its output goes straight to files, never
/// through hpo. Exits are noticed through one pidfd per trial (Linux 5.3+) that the
/// controller polls, and `collectExits` checks only the trials whose pidfd is readable;
/// where pidfds are unavailable, `maximumPollInterval` asks the loop to call `collectExits`
/// every 10 ms instead, which checks each trial with `waitid(WNOHANG)`.
///
/// Rules this backend keeps:
/// - **A trial ends when its leader exits.** Whatever is left in its process group at that
///   moment (a daemon it started, a worker it did not wait for) is sent SIGKILL at once,
///   before the leader is reaped, so the group id cannot have been recycled; so is what left
///   the group but carries the attempt's `HPO_ATTEMPT_ID` or descends from one that does
///   (`AttemptProcesses`), looked for again until none is left.
/// - **Signals reach the whole attempt**: its process group, and its processes outside it.
/// - **Every child is reaped.** The backend makes hpo a child subreaper (`adoptOrphans`),
///   so descendants whose parent dies are re-parented to hpo rather than to init;
///   `collectExits` reaps those in a trial's group, and `reapOrphans` those that left it.
/// - **Trial exits are never lost.** A trial leader is reaped only by the code that reports
///   its exit; orphan reaping skips every registered leader (see `LeaderRegistry`).
/// - **No thread, no pipe per trial**: the cost of an event does not grow with the number
///   of trials run so far, only (slightly) with the number running. One thread for all
///   trials (`ExitWatcher`) notes when each ended, so the recorded end is the process's
///   even while the loop is busy.
///
/// Not thread-safe: one thread (the controller loop) owns it. Trials still running when it
/// is deallocated keep running (that is what lets `hpo resume` reattach to them).
public final class LocalBackend: Backend {
    /// Settings of a local backend.
    public struct Options: Sendable, Hashable {
        /// Use pidfds for exit notification when the kernel has them (default true; false
        /// forces the 10 ms `waitid` polling fallback, for tests).
        public var usePidfd: Bool
        /// Make this process a child subreaper and reap orphaned trial descendants (default
        /// true). Needs that no other code in the process reaps children of other sessions
        /// with `waitpid(-1)`.
        public var adoptOrphans: Bool

        /// Options with the defaults above.
        public init(usePidfd: Bool = true, adoptOrphans: Bool = true) {
            self.usePidfd = usePidfd
            self.adoptOrphans = adoptOrphans
        }
    }

    struct Entry {
        var handle: ProcessHandle
        /// -1 when pidfds are unavailable (or disabled).
        var pidfd: Int32
        /// The attempt's `HPO_ATTEMPT_ID` (see `AttemptProcesses`).
        var token: String
        /// Its tag with `exitWatcher`, which notes when it ended; nil when not watched.
        var exitTag: UInt64? = nil
        /// `LaunchRequest.removedWhenEmpty`, removed once nothing of the attempt is left.
        var removedWhenEmpty: [String] = []
    }

    /// A finished trial whose leftover processes are being killed and reaped.
    struct Leftovers {
        /// When its leader was reaped.
        var since: ContinuousClock.Instant
        /// Its `HPO_ATTEMPT_ID`, to find what left its group.
        var token: String
        /// When to look for processes outside its group next.
        var nextScan: ContinuousClock.Instant
        /// The last scan found some (killed since): look again.
        var outsideLeft = false
        /// What to remove when empty once nothing is left (`LaunchRequest.removedWhenEmpty`).
        var removedWhenEmpty: [String] = []
    }

    /// How often the loop should call `collectExits` while it has to poll.
    static let pollingInterval: Duration = .milliseconds(10)
    /// How long a finished trial's leftover processes are waited for before hpo stops
    /// checking (a process stuck in uninterruptible sleep cannot be killed at all).
    static let drainLimit: Duration = .seconds(30)

    /// The options this backend was made with.
    public let options: Options
    var running: [Int32: Entry] = [:]
    /// Process groups whose leader has exited and were sent SIGKILL, with what else is
    /// left of their attempt; checked until nothing is.
    var draining: [Int32: Leftovers] = [:]
    /// Exits collected by a blocking teardown for other trials, returned by the next
    /// `collectExits`.
    var pendingExits: [TrialExit<ProcessHandle>] = []
    /// The pidfds the loop's last `poll(2)` found readable, until the next `collectExits`
    /// (nil: unknown, `collectExits` polls them itself).
    var readyExitDescriptors: Set<Int32>?
    /// `waitid` calls made to look for trial exits so far: tests count the work per turn.
    var exitChecks = 0
    let ownSession: Int32
    /// Stamps each trial's end as it happens (with pidfds only; nil without them).
    let exitWatcher: ExitWatcher?

    /// A backend. With `adoptOrphans`, the whole process becomes a child subreaper
    /// (`prctl(PR_SET_CHILD_SUBREAPER)`), for good.
    /// - Parameter wallClock: the clock a trial's end is stamped with (`TrialExit.endedAt`):
    ///   the controller's wall clock, so that a sweep on a test's clock records its times.
    public init(options: Options = Options(), wallClock: @escaping @Sendable () -> Date = { Date() }) {
        self.options = options
        self.ownSession = getsid(0)
        self.exitWatcher = options.usePidfd ? ExitWatcher(now: wallClock) : nil
        if options.adoptOrphans { _ = hpo_set_child_subreaper() }
    }

    deinit {
        for entry in running.values {
            if entry.pidfd >= 0 { close(entry.pidfd) }
            LeaderRegistry.unregister(entry.handle.pid)
        }
    }

    /// The trials started and not yet reported as ended.
    public var runningHandles: [ProcessHandle] { running.values.map(\.handle) }

    /// Starts a trial; see `LaunchRequest` for what each field means.
    public func launch(_ request: LaunchRequest) throws(LaunchError) -> ProcessHandle {
        guard let program = request.arguments.first else { throw .emptyCommand }
        if request.ranks.isDistributed {
            // Resolved here, so that a typo is "command not found", not rank scripts exiting 127.
            var single = request
            single.arguments[0] = try ExecutableResolver.resolve(
                program, searchPath: request.environment["PATH"], workingDirectory: request.workingDirectory)
            single.ranks = .single
            return try launch(RankLauncher.local(single, ranks: request.ranks))
        }
        for (index, argument) in request.arguments.enumerated() where argument.utf8.contains(0) {
            throw .unrepresentable(what: "argument \(index)")
        }
        let token = AttemptProcesses.newToken()
        var environment = ["\(AttemptProcesses.variable)=\(token)"]
        environment.reserveCapacity(request.environment.count + 1)
        for (name, value) in request.environment where name != AttemptProcesses.variable {
            if name.isEmpty || name.utf8.contains(0) || name.utf8.contains(UInt8(ascii: "=")) || value.utf8.contains(0) {
                throw .unrepresentable(what: "environment variable \(name)")
            }
            environment.append(name + "=" + value)
        }
        var info = stat()
        if stat(request.workingDirectory, &info) != 0 {
            throw .workingDirectoryUnavailable(path: request.workingDirectory, reason: SystemError.message(errno))
        }
        if (info.st_mode & S_IFMT) != S_IFDIR {
            throw .workingDirectoryUnavailable(path: request.workingDirectory, reason: "not a directory")
        }
        let executable = try ExecutableResolver.resolve(
            program, searchPath: request.environment["PATH"], workingDirectory: request.workingDirectory)

        let stdout = try Self.openOutput(request.standardOutputPath)
        defer { close(stdout) }
        var stderr = stdout
        if request.standardErrorPath != request.standardOutputPath {
            stderr = try Self.openOutput(request.standardErrorPath)
        }
        defer { if stderr != stdout { close(stderr) } }

        let pid = try LeaderRegistry.register { () throws(LaunchError) -> Int32 in
            try Spawner.spawn(
                executable: executable, arguments: request.arguments, environment: environment,
                workingDirectory: request.workingDirectory, standardOutput: stdout, standardError: stderr)
        }
        // The child cannot have been reaped yet (only this object reaps it), so its stat is
        // readable even if it already exited; a zero start time would only weaken `isAlive`.
        let startTime = ProcStat.read(pid)?.startTime ?? 0
        let handle = ProcessHandle(pid: pid, processGroup: pid, startTime: startTime)
        let pidfd = options.usePidfd ? hpo_pidfd_open(pid) : -1
        let exitTag = pidfd >= 0 ? exitWatcher?.watch(pidfd: pidfd) : nil
        running[pid] = Entry(handle: handle, pidfd: pidfd, token: token, exitTag: exitTag,
                             removedWhenEmpty: request.removedWhenEmpty)
        return handle
    }

    /// Checks that the programs the local rank launcher runs are in the trials' `PATH`:
    /// `mpirun` for `--launcher mpi`; for torchrun's conventions `/bin/sh` and the tools of
    /// `RankLauncher.localScript` (torchrun itself is not needed). One process a trial
    /// needs nothing.
    public func checkLauncher(_ ranks: RankLayout, environment: [String: String],
                              workingDirectory: String) throws(LaunchError) {
        guard ranks.isDistributed else { return }
        let programs = ranks.launcher == .mpi ? ["mpirun"] : ["/bin/sh"] + RankLauncher.localScriptPrograms
        for program in programs {
            do {
                _ = try ExecutableResolver.resolve(program, searchPath: environment["PATH"],
                                                   workingDirectory: workingDirectory)
            } catch {
                throw .launcherUnavailable(launcher: ranks.launcher.rawValue, program: program,
                                           searchPath: environment["PATH"] ?? ExecutableResolver.defaultSearchPath)
            }
        }
    }

    /// Sends `signal` to the trial's whole process group and to the processes of the trial
    /// that left it (`AttemptProcesses`: a `setsid` daemon). Returns false (and sends
    /// nothing) when the trial has ended or the pid now belongs to another process.
    @discardableResult
    public func signal(_ handle: ProcessHandle, _ signal: TrialSignal) -> Bool {
        if let entry = running[handle.pid] {
            // Our unreaped child: its pid, hence its group id, cannot have been recycled.
            guard entry.handle == handle else { return false }
            // Looked for first: once the group has the signal, the leader may die and what
            // hangs below it be re-parented out of reach.
            let others = outside(handle.processGroup, token: entry.token, leader: handle.pid)
            let sent = kill(-handle.processGroup, signal.number) == 0
            AttemptProcesses.send(signal.number, to: others)
            return sent
        }
        // Not our child (reattached after a restart): make sure it is still the same process.
        guard isAlive(handle) else { return false }
        return kill(-handle.processGroup, signal.number) == 0
    }

    /// One pidfd per running trial (none in the polling fallback).
    public var exitDescriptors: [Int32] {
        running.values.compactMap { $0.pidfd >= 0 ? $0.pidfd : nil }
    }

    /// 10 ms while some trial has no pidfd or some finished trial's leftovers are being
    /// cleaned up; nil otherwise.
    public var maximumPollInterval: Duration? {
        if !draining.isEmpty || running.values.contains(where: { $0.pidfd < 0 }) {
            return Self.pollingInterval
        }
        return nil
    }

    /// True while the process is running: it exists, is not a zombie, and started at the
    /// recorded time (so a recycled pid does not count).
    public func isAlive(_ handle: ProcessHandle) -> Bool {
        guard let stat = ProcStat.read(handle.pid) else { return false }
        return stat.startTime == handle.startTime && !stat.isZombie
    }

    /// The processes of an attempt outside its group (see `AttemptProcesses`); only hpo's
    /// descendants are read when hpo adopts orphans, since then every one of them is.
    func outside(_ group: Int32, token: String, leader: Int32?) -> [EscapedProcess] {
        let others = Set(running.values.map(\.handle.processGroup)).subtracting([group])
        return AttemptProcesses.outside(group: group, token: token, leader: leader,
                                        below: options.adoptOrphans ? getpid() : nil, otherSessions: others)
    }

    /// True while some finished trial's group still has processes being cleaned up.
    public var hasLeftovers: Bool { !draining.isEmpty }

    static func openOutput(_ path: String) throws(LaunchError) -> Int32 {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw .outputUnavailable(path: path, reason: SystemError.message(errno)) }
        return fd
    }
}
