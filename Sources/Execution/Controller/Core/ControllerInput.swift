import Foundation

/// What the loop saw, handed to `ControllerCore`: each event carries the monotonic time it
/// was seen at (the core never reads a clock), and the loop feeds the answer to each action
/// it carried out (a start, a commit) back as an event before anything else happens.
enum ControllerInput {
    /// The loop is about to sleep or just woke up: check deadlines (trial timeouts, grace
    /// periods, the stall and cancel-request checks) and fill free slots.
    case tick(at: ContinuousClock.Instant)
    /// Configurations waiting in the run's enqueue table (`hpo enqueue`): they run next.
    case enqueued([EnqueuedConfiguration], at: ContinuousClock.Instant)
    /// The loop fed every `hpo cancel` request that `checkRequests` found: the turn goes on.
    case requestsChecked(at: ContinuousClock.Instant)
    /// hpo got SIGINT, SIGTERM or SIGHUP.
    case signal(Int32, at: ContinuousClock.Instant)
    /// `hpo cancel` asked to cancel the run (`trial` nil) or one trial.
    case cancelRequested(trial: Int?, note: String?, at: ContinuousClock.Instant)
    /// New lines of one of a trial's files.
    case lines(TailUpdate<TrialStream>, at: ContinuousClock.Instant)
    /// The sizes of running trials' stdout + stderr, answering `measureOutput`.
    case outputSizes([Int: Int64], at: ContinuousClock.Instant)
    /// A batch job left the scheduler's queue and runs.
    case jobStarted(trial: Int, at: ContinuousClock.Instant)
    /// A trial's process (or job) ended; `endedAt` is the wall time its exit was observed, the
    /// end recorded for it however long reading its files takes.
    case exited(trial: Int, termination: Termination, endedAt: Date, at: ContinuousClock.Instant)
    /// An exited trial's files are read to their end: it can be judged.
    case caughtUp(trial: Int, at: ContinuousClock.Instant)
    /// The strategy answered a question for `count` suggestions.
    case suggestions(count: Int, Result<[Configuration], any Error>, at: ContinuousClock.Instant)
    /// Answer to `start`: the trial runs (or waits in a batch queue when `queued`); `prior`
    /// holds its objective points of earlier attempts; `commitError` is set when recording
    /// the launch or following its files failed (it runs all the same, and is stopped).
    case started(trial: Int, queued: Bool, prior: [MetricPoint], commitError: (any Error)?,
                 at: ContinuousClock.Instant)
    /// Answer to `start`: the trial did not start (see `StartFailure`).
    case startFailed(trial: Int, StartFailure, at: ContinuousClock.Instant)
    /// Answer to `recordFinish` and `recordUnlaunched`: the record as stored (and appended
    /// to results.csv). For a `no_metric` trial, what it reported and whether any trial of
    /// the run has reported the objective (nil when the store could not say).
    case finishRecorded(TrialRecord, missing: MissingObjective?, objectiveSeen: Bool?, at: ContinuousClock.Instant)
    /// Answer to `requeue`: the attempt's end is recorded, the trial is `queued`.
    case requeued(trial: Int, at: ContinuousClock.Instant)
    /// A commit (or a read the core asked for) failed: hpo cannot go on.
    case commitFailed(any Error, while: String, at: ContinuousClock.Instant)
}

/// Why a trial the core asked to start did not start.
enum StartFailure {
    /// hpo could not record it or prepare it (its directory, its earlier metrics, its log
    /// files, a system out of processes): not the trial's fault. The loop recorded it
    /// `preempted` for `hpo resume`; the run stops launching.
    case hpoFailed(any Error, while: String)
    /// The trial itself cannot start (command not found, parameters that do not fit the
    /// command): it ends in `state`, never launched.
    case trialFailed(TrialState, explanation: String)
}
