import Foundation

/// What the store keeps of a trial's process, to find it again after a restart: the local
/// backend's handle (pid, process group, start time — the pid alone could have been reused
/// by then, pid plus start time cannot).
public typealias ProcessRecord = ProcessHandle

/// One trial as the store has it.
public struct TrialRecord: Hashable, Sendable {
    /// The trial's number in its run.
    public var number: Int
    /// Its parameter values.
    public var configuration: Configuration
    /// Where it is.
    public var state: TrialState
    /// Its attempt: 1 for the first run of it, one more after each preemption.
    public var attempt: Int
    /// The slots (GPU indices) its current or last attempt held.
    public var slots: [Int]
    /// Its current or last attempt's process, once launched.
    public var process: ProcessRecord?
    /// Its current or last attempt's batch job id (Slurm), once submitted.
    public var job: String?
    /// The size of its metrics file when its current attempt's job was submitted.
    public var metricsOffset: Int64?
    /// When it was created.
    public var createdAt: Date
    /// When its current or last attempt's process was launched.
    public var startedAt: Date?
    /// When it reached its final state.
    public var finishedAt: Date?
    /// The code its process exited with, when it exited by itself.
    public var exitCode: Int32?
    /// The signal that ended its process, when one did.
    public var signal: Int32?
    /// Its objective (finite), when it reported one.
    public var objective: Double?
    /// How many values of the objective metric it reported.
    public var steps: Int?
    /// Why it ended as it did, for a person: "pruned by median rule at step 12", an error message.
    public var explanation: String?

    /// Creates a record (the store makes them; views and tests may too).
    public init(number: Int, configuration: Configuration, state: TrialState, attempt: Int = 1, slots: [Int] = [],
                process: ProcessRecord? = nil, createdAt: Date, startedAt: Date? = nil, finishedAt: Date? = nil,
                exitCode: Int32? = nil, signal: Int32? = nil, objective: Double? = nil, steps: Int? = nil,
                explanation: String? = nil, job: String? = nil, metricsOffset: Int64? = nil) {
        self.job = job
        self.metricsOffset = metricsOffset
        self.number = number
        self.configuration = configuration
        self.state = state
        self.attempt = attempt
        self.slots = slots
        self.process = process
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.exitCode = exitCode
        self.signal = signal
        self.objective = objective
        self.steps = steps
        self.explanation = explanation
    }

    /// Seconds from launch to finish, when both happened.
    public var duration: Double? {
        guard let startedAt, let finishedAt else { return nil }
        return finishedAt.timeIntervalSince(startedAt)
    }
}

/// One stored change of a trial's state.
public struct TrialTransition: Hashable, Sendable {
    /// The trial.
    public var trial: Int
    /// The attempt the change belongs to (a `preempted → queued` move belongs to the new one).
    public var attempt: Int
    /// The state before; nil for the trial's creation.
    public var from: TrialState?
    /// The state after.
    public var to: TrialState
    /// When.
    public var at: Date
    /// Why, when someone said.
    public var note: String?
}

/// One stored metric point with where it belongs.
public struct StoredMetricPoint: Hashable, Sendable {
    /// The attempt that reported it.
    public var attempt: Int
    /// The point.
    public var point: MetricPoint
    /// When the controller read it.
    public var at: Date
}

/// A run at a glance: for `hpo status`.
public struct RunSummary: Hashable, Sendable {
    /// The run.
    public var run: RunInfo
    /// How many trials are in each state (states with none are absent).
    public var counts: [TrialState: Int]
    /// The best succeeded trial under the run's goal, if any.
    public var best: TrialRecord?

    /// All trials.
    /// A summary as given.
    public init(run: RunInfo, counts: [TrialState: Int], best: TrialRecord?) {
        self.run = run
        self.counts = counts
        self.best = best
    }

    public var total: Int { counts.values.reduce(0, +) }
    /// Trials in a final state.
    public var finished: Int { counts.filter { $0.key.isFinal }.values.reduce(0, +) }
}
