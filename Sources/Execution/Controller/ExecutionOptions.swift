import Foundation

/// How a sweep's trials are run: what the sweep file does not say. The CLI fills it from its
/// flags; a Swift program sets it directly. What the sweep does say — its early-stopping
/// rule, backend and ranks — is read from it by `Sweep.prepare` and `Sweep.resume` alone, so
/// those three cannot be set here to something the stored sweep does not say.
public struct ExecutionOptions: Sendable {
    /// How long a stopped trial may take to exit after SIGTERM before SIGKILL.
    public var grace: Duration = Teardown.defaultGrace
    /// A trial running longer than this (from launch) is stopped and marked `timeout`.
    public var trialTimeout: Duration?
    /// A trial that writes no output and reports no metric for this long is stopped and
    /// marked `timeout`.
    public var stallTimeout: Duration?
    /// How a trial's reports of the objective metric become its objective.
    public var objective: ObjectiveReduction = .last
    /// When set, metrics are also read from each trial's stdout with this pattern.
    public var stdoutPattern: MetricPattern?
    /// The early-stopping rule applied to each trial's objective as its points arrive; nil
    /// lets every trial run to its end. From the sweep's `early_stopping:`.
    public internal(set) var earlyStopping: (any EarlyStopping)?
    /// Stop launching once this many trials have failed; nil for the default rule
    /// (`FailureBudget`).
    public var maximumFailures: Int?
    /// Extra attempts for failed trials (`--retries`) and the bound on preemptions of one
    /// trial (`--max-preemptions`); see `AttemptVerdict`.
    public var retryPolicy = RetryPolicy()
    /// When false (the default), a trial that exits 0 without reporting the objective
    /// (`no_metric`) before any trial of the run has reported it stops the launching of new
    /// trials: the metric's name is most likely wrong. True lets the sweep go on
    /// (`--allow-missing-metric`).
    public var allowsMissingMetric = false
    /// The directory trials start in, unless `trialWorkspace` gives each its own.
    public var workingDirectory: String
    /// The environment trials inherit, under the `HPO_*` variables.
    public var environment: [String: String]
    /// When set, the workspace is copied into `<run>/workspace/` at the run's start and the
    /// trials run in the copy; nil runs them in `workingDirectory` itself (`--no-snapshot`).
    public var snapshot: SnapshotRequest?
    /// When set, every trial runs in its own copy of the workspace snapshot
    /// (`trials/<n>/work`), kept across its attempts; nil runs every trial in
    /// `workingDirectory`. `Sweep.start` sets it when it takes a snapshot.
    public var trialWorkspace: TrialWorkspace?
    /// Dataset directories every trial gets as `HPO_DATA_<NAME>`.
    public var datastores: [Datastore] = []
    /// Where trials run: local processes (the default) or Slurm jobs. From the sweep's
    /// `backend:`.
    public internal(set) var backend: BackendChoice = .local
    /// The processes of each trial: one, or ranks (the sweep's `nodes:`, `ranks_per_node:`,
    /// `launcher:`).
    public internal(set) var ranks: RankLayout = .single
    /// Whether the controller handles SIGINT, SIGTERM and SIGHUP itself (Ctrl-C once: launch
    /// nothing more; twice: stop the running trials). The CLI sets it; tests leave it off.
    public var handlesSignals = false
    /// The clocks the controller reads: monotonic time for its deadlines, wall time for the
    /// times it records (a trial's start, its end as observed when its process was reaped,
    /// the run's state changes). Tests set a fake one; everything else keeps the system's.
    public var clock: any ControllerClock = SystemControllerClock()
    /// Makes the source the controller reads trials' metric lines from; nil for
    /// `MetricsTailer` (inotify, or polling on network file systems).
    public var metricSource: (@Sendable () throws -> any TrialMetricSource)?

    /// Options with the process's working directory and environment.
    public init(workingDirectory: String = FileManager.default.currentDirectoryPath,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.workingDirectory = workingDirectory
        self.environment = environment
    }
}

/// What to snapshot at a run's start.
public struct SnapshotRequest: Sendable, Hashable {
    /// The workspace directory to copy.
    public var source: String
    /// Above this many bytes a warning comes before copying.
    public var sizeLimit: Int64

    /// A request to copy `source`, warning above `sizeLimit` bytes.
    public init(source: String, sizeLimit: Int64 = WorkspaceSnapshot.defaultSizeLimit) {
        self.source = source
        self.sizeLimit = sizeLimit
    }
}

/// Which backend runs a sweep's trials.
public enum BackendChoice: Sendable, Hashable, Codable {
    /// Processes on this machine (`LocalBackend`).
    case local
    /// Slurm jobs (`SlurmBackend`) asking for these resources.
    case slurm(SlurmOptions)

    /// `local` or `slurm`.
    public var name: String {
        switch self {
        case .local: "local"
        case .slurm: "slurm"
        }
    }
}
