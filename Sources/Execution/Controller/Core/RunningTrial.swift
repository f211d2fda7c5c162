import Foundation

/// What the core keeps of a trial while its process runs (the loop keeps its handle and
/// its files).
struct RunningTrial {
    let number: Int
    let attempt: Int
    let configuration: Configuration
    let grant: SlotGrant
    /// When it began to run: its launch, or for a batch job the moment the scheduler
    /// started it (time limits count from here).
    var launchedAt: ContinuousClock.Instant
    /// True while a batch job waits in the scheduler's queue (`starting` in the store).
    var waitingInQueue = false
    /// The last time the trial wrote output or a metric (for the stall timeout).
    var lastActivity: ContinuousClock.Instant
    /// Sizes of stdout.log + stderr.log when last checked (output counts as activity).
    var outputBytes: Int64 = 0
    var objective: ObjectiveTracker
    var parser = MetricsLineParser()
    /// The warning limit of stdout (with a metric pattern): its oversize lines.
    var stdoutWarnings = MetricsLineParser()
    var teardown: Teardown
    /// Why hpo is stopping it, once it is.
    var stopCause: StopCause = .none
    var stopExplanation: String?

    init(number: Int, attempt: Int, configuration: Configuration, grant: SlotGrant,
         now: ContinuousClock.Instant, objective: ObjectiveTracker, grace: Duration) {
        self.number = number
        self.attempt = attempt
        self.configuration = configuration
        self.grant = grant
        self.launchedAt = now
        self.lastActivity = now
        self.objective = objective
        self.teardown = Teardown(grace: grace)
    }
}

/// A trial whose process has exited, while its files are read to their end.
struct ExitedTrial {
    var trial: RunningTrial
    /// How its process ended.
    let termination: Termination
    /// When its exit was observed: its recorded end.
    let endedAt: Date
}

/// Which file of a trial the metric source follows.
public enum TrialStream: Hashable, Sendable {
    /// Its metrics file (`HPO_METRICS_FILE`).
    case metrics(Int)
    /// Its stdout, read with the metric pattern.
    case stdout(Int)

    /// The trial's number.
    public var trial: Int {
        switch self {
        case .metrics(let n), .stdout(let n): return n
        }
    }
}
