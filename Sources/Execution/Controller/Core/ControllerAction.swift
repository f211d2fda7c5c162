import Foundation

/// What `ControllerCore` asks its loop to do. The loop carries actions out in order and
/// feeds each one's answer (where the action says there is one) back before the next.
enum ControllerAction {
    /// Tell the observer.
    case notify(ControllerEvent)
    /// Send a signal to every process of a running trial.
    case signal(trial: Int, TrialSignal)
    /// Ask the strategy, off the loop, for `count` suggestions; answered by `.suggestions`.
    case ask(count: Int, context: SuggestionContext)
    /// Record and start an attempt; answered by `.started` or `.startFailed` (or
    /// `.commitFailed` when the record fails).
    case start(StartOrder)
    /// Store a running trial's new metric points (answered only on failure).
    case recordMetrics(trial: Int, attempt: Int, points: [MetricPoint])
    /// Record `starting → running` for a batch job (answered only on failure).
    case recordJobStart(trial: Int)
    /// Record a trial's final state and append its row to results.csv; answered by
    /// `.finishRecorded` or `.commitFailed`.
    case recordFinish(FinishOrder)
    /// Record a never-launched trial's final state; answered like `recordFinish`.
    case recordUnlaunched(trial: Int, state: TrialState, explanation: String)
    /// Record `running → retrying | preempted → queued`; answered by `.requeued` or
    /// `.commitFailed`.
    case requeue(trial: Int, attempt: Int, through: TrialState, termination: Termination, note: String, endedAt: Date)
    /// Stop following an exited trial's files.
    case stopFollowing(trial: Int)
    /// Read `hpo cancel` requests from the store; each one is fed back as
    /// `.cancelRequested`, then `.requestsChecked`.
    case checkRequests
    /// Measure these running trials' output (stall check); answered by `.outputSizes`.
    case measureOutput(trials: [Int])
}

/// An attempt to start: `attempt` 1 of a new trial (`created → queued → starting` is
/// recorded first), or a later attempt of a queued one (`queued → starting`).
struct StartOrder: Hashable {
    let number: Int
    let attempt: Int
    let configuration: Configuration
    let grant: SlotGrant
    var isNew: Bool { attempt == 1 && !rerun }
    /// True for a trial taken from the rerun queue (whatever its attempt number).
    let rerun: Bool
    /// The enqueued configuration it runs (`hpo enqueue`), recorded with the new trial.
    var enqueued: Int64? = nil
}

/// A trial's final record, as the core decided it.
struct FinishOrder {
    let trial: Int
    let state: TrialState
    let termination: Termination
    let objective: Double?
    let steps: Int
    /// Nil for a `no_metric` trial without another reason: the loop then says what it
    /// reported (`MissingObjective`).
    let explanation: String?
    /// When its exit was observed.
    let endedAt: Date
}
