import Foundation
/// Where trials run: local processes (`LocalBackend`) or Slurm jobs (`SlurmBackend`). The
/// controller drives a backend from one thread; nothing here blocks, except where a method
/// says so (a batch backend's `launch` and `collectExits` call its scheduler's commands).
///
/// Requirements, each one used by the controller's loop:
/// - `launch` starts a trial or throws a `LaunchError` (the trial failed, hpo did not);
///   the returned handle is what the store keeps, before any other event about the trial.
/// - `signal` reaches every process of the trial (its process group, its job).
/// - `exitDescriptors` and `maximumPollInterval` tell the loop what to `poll(2)` and how
///   long it may sleep; after a wakeup, `exitDescriptorsReady` says which descriptors woke
///   it, and `collectExits` returns every trial that ended since the last call, each
///   exactly once, and never blocks.
/// - `isAlive` answers for a handle from an earlier hpo process (`hpo resume`).
/// - A batch backend's trials wait in a queue after `launch`: `collectStarts` reports each
///   once when it begins to run. A local trial runs from `launch` on.
public protocol Backend: AnyObject {
    /// What identifies a started trial across hpo restarts (a pid with its start time, a job id).
    associatedtype Handle: TrialHandle

    /// Starts one trial. Throws `LaunchError` when it cannot start: command not found,
    /// not executable, missing working directory, unwritable log file.
    func launch(_ request: LaunchRequest) throws(LaunchError) -> Handle

    /// Sends `signal` to every process of the trial. Returns false when the trial has
    /// already ended (then nothing was sent: a recycled pid is never signalled).
    @discardableResult
    func signal(_ handle: Handle, _ signal: TrialSignal) -> Bool

    /// File descriptors that become readable when `collectExits` may have something new.
    /// Valid until the next `launch` or `collectExits`; the loop must not close them.
    var exitDescriptors: [Int32] { get }

    /// The longest the loop may sleep before calling `collectExits` again even though no
    /// descriptor became readable (polling fallbacks, leftover processes being cleaned up,
    /// a batch queue polled every few seconds); nil when the descriptors suffice.
    var maximumPollInterval: Duration? { get }

    /// The trials that ended since the last call, each reported exactly once. Non-blocking.
    func collectExits() -> [TrialExit<Handle>]

    /// The loop's `poll(2)` found these of `exitDescriptors` readable (none when it timed
    /// out): the next `collectExits` may check only their trials, since the others' exits
    /// will make their descriptors readable on a later wakeup. Not called when the loop did
    /// not poll; then `collectExits` finds out for itself.
    func exitDescriptorsReady(_ descriptors: [Int32])

    /// True while the trial identified by `handle` is still running (false once it has
    /// exited, or when the id now belongs to another process or job).
    func isAlive(_ handle: Handle) -> Bool

    /// The submitted trials that began to run since the last call, each reported once; only
    /// for backends whose trials wait in a queue first. Non-blocking.
    func collectStarts() -> [Handle]

    /// When a trial `collectStarts` reported began to run, where the backend knows better
    /// than the moment it was collected (a Slurm job's script writes it); nil: the
    /// controller records the time it collected the start.
    func startedAt(_ handle: Handle) -> Date?

    /// Throws when trials with `ranks` cannot start at all here (their launcher's program is
    /// missing from `environment`'s `PATH`): the controller calls it before the first launch
    /// and fails the run with the reason, rather than failing every trial.
    func checkLauncher(_ ranks: RankLayout, environment: [String: String], workingDirectory: String) throws(LaunchError)

    /// Cleans up after ended trials (the local backend reaps processes that left a trial's
    /// group); the loop calls it once a turn. Non-blocking.
    func reapLeftovers()

    /// True when a torchrun-style launcher's ranks prefix their stdout lines with their rank
    /// here (local ranks), so that rank 0's lines are the ones read for metrics.
    var prefixesRankOutput: Bool { get }
}

extension Backend {
    /// A local trial runs from its launch: nothing to report.
    public func collectStarts() -> [Handle] { [] }

    /// No better start than the collection's.
    public func startedAt(_ handle: Handle) -> Date? { nil }

    /// Nothing to check where the scheduler starts the ranks (`srun` on the nodes).
    public func checkLauncher(_ ranks: RankLayout, environment: [String: String],
                              workingDirectory: String) throws(LaunchError) {}

    /// Nothing left behind to clean up.
    public func reapLeftovers() {}

    /// Every exit is looked for in `collectExits` anyway.
    public func exitDescriptorsReady(_ descriptors: [Int32]) {}

    /// Lines arrive as the ranks wrote them.
    public var prefixesRankOutput: Bool { false }
}

/// A trial that ended: which one, and how.
public struct TrialExit<Handle: Sendable & Hashable>: Sendable, Hashable {
    /// The handle `launch` returned.
    public var handle: Handle
    /// How its leading process (or job) ended.
    public var termination: Termination
    /// When it ended, where the backend knows better than the moment the exit is collected
    /// (the local backend's exit watcher; the end a Slurm job's script wrote); nil: the
    /// controller records the time it collected the exit.
    public var endedAt: Date?

    /// An exit record.
    public init(handle: Handle, termination: Termination, endedAt: Date? = nil) {
        self.handle = handle
        self.termination = termination
        self.endedAt = endedAt
    }
}
