#if canImport(Glibc)
import Glibc
#endif

/// How many more attempts a trial may get, and why: the `--retries` and `--max-preemptions`
/// settings.
public struct RetryPolicy: Sendable, Hashable, Codable {
    /// Extra attempts for a trial whose attempt failed (exit code other than 0 and 3, or a
    /// crash such as SIGSEGV); 0 never retries.
    public var retries: Int
    /// The most preemptions of one trial that are answered by another attempt; the next one
    /// ends it as `failed`. hpo's own restarts count too, but never end a trial by themselves.
    public var maximumPreemptions: Int

    /// The default: no retries, at most 10 preemptions a trial.
    public static let defaultMaximumPreemptions = 10

    /// A policy; negative values count as zero.
    public init(retries: Int = 0, maximumPreemptions: Int = RetryPolicy.defaultMaximumPreemptions) {
        self.retries = max(0, retries)
        self.maximumPreemptions = max(0, maximumPreemptions)
    }
}

/// The earlier attempts of a trial that did not end it: what the retry budget has spent.
public struct AttemptHistory: Sendable, Hashable {
    /// Failed attempts that were retried (`retrying` transitions).
    public var retries: Int
    /// Attempts taken away (`preempted` transitions), whoever took them.
    public var preemptions: Int

    /// A history; a trial's first attempt has none.
    public init(retries: Int = 0, preemptions: Int = 0) {
        self.retries = retries
        self.preemptions = preemptions
    }
}

/// What becomes of a trial when the process of one of its attempts has ended: a final state,
/// or another attempt. The strategy hears only final states, so a trial's outcome reaches it
/// exactly once, whatever its attempts.
///
/// Rules, in order:
/// 1. hpo stopped it because hpo itself is stopping (`StopCause.interrupt`: Ctrl-C twice,
///    SIGTERM to hpo, an error of hpo's) → `preempt`: it runs again on `hpo resume`, whatever
///    its exit (a trial that saves a checkpoint on SIGTERM and exits 0 has not finished).
/// 2. hpo stopped it for another reason (timeout, stall, cancel, prune, converge) → that final
///    state.
/// 3. It exited with `preemptedExitCode` (75, `EX_TEMPFAIL`: "try again later"), or was killed
///    by SIGKILL or SIGTERM, which it cannot have sent itself by accident (the OOM killer,
///    a scheduler, a shutdown, a person with `kill`) → `preempt`, until
///    `maximumPreemptions` preemptions were answered; then `failed`.
/// 4. It failed (any other exit but 0 and 3, or a crash signal such as SIGSEGV or SIGABRT)
///    and `retries` are left → `retry`.
/// 5. Otherwise its final state by `TrialState.final`: exit 3 (`invalid`) and exit 0 are
///    never retried. Exit 0 with the objective reported, but only as NaN or ±infinity, is
///    `failed` (as Optuna fails a trial whose objective is NaN): it has no value the
///    strategy or `hpo best` could use, and a diverged trial is a failure to see. A command that could not be started at all never gets here: the
///    controller records it `failed` at once.
public enum AttemptVerdict: Sendable, Hashable {
    /// The trial ends in this state; `reason` replaces the usual explanation when given.
    case final(TrialState, reason: String?)
    /// The attempt failed and is retried: `running → retrying → queued`.
    case retry
    /// The attempt was taken away: `running → preempted → queued`.
    case preempt

    /// The exit code by which a trial says "I was preempted, run me again": 75
    /// (`EX_TEMPFAIL` of sysexits.h). Given to trials as `HPO_PREEMPTED_EXIT_CODE`.
    public static let preemptedExitCode: Int32 = 75

    /// The verdict for an attempt that ended with `termination`. `finiteObjective` says
    /// whether some reported value of the objective was finite (it matters only when
    /// `reportedObjective`).
    public static func decide(termination: Termination, reportedObjective: Bool, finiteObjective: Bool = true,
                              cause: StopCause, policy: RetryPolicy, history: AttemptHistory) -> AttemptVerdict {
        switch cause {
        case .interrupt:
            return .preempt
        case .timeout, .stall, .cancel, .prune, .converge:
            return .final(TrialState.final(exitCode: termination.exitCode, reportedObjective: reportedObjective,
                                           cause: cause), reason: nil)
        case .none:
            break
        }
        if case .scheduler(let end) = termination, let state = end.finalState {
            // The scheduler's own verdict: a time limit, a cancel from outside hpo, memory.
            if state == .failed && history.retries < policy.retries { return .retry }
            return .final(state, reason: end.explanation)
        }
        if isPreemption(termination) {
            guard history.preemptions < policy.maximumPreemptions else {
                return .final(.failed, reason: "\(preemptionText(termination)); preempted \(history.preemptions + 1) times, "
                              + "more than --max-preemptions \(policy.maximumPreemptions)")
            }
            return .preempt
        }
        let state = TrialState.final(exitCode: termination.exitCode, reportedObjective: reportedObjective, cause: .none)
        if state == .failed && history.retries < policy.retries { return .retry }
        if state == .succeeded && !finiteObjective { return .final(.failed, reason: nonFiniteReason) }
        return .final(state, reason: nil)
    }

    /// Why a trial that exited 0 reporting only NaN or infinity failed.
    public static let nonFiniteReason = "exited 0, but reported its objective only as NaN or infinity: no objective"

    /// True for an end that came from outside the trial: exit 75, SIGKILL or SIGTERM.
    public static func isPreemption(_ termination: Termination) -> Bool {
        switch termination {
        case .exited(let code): return code == preemptedExitCode
        case .signaled(let signal): return signal == SIGKILL || signal == SIGTERM
        case .unavailable: return false
        case .scheduler(let end): return end.finalState == nil
        }
    }

    /// `exited with code 75 (preempted)`, `killed by SIGKILL`.
    static func preemptionText(_ termination: Termination) -> String {
        switch termination {
        case .exited(let code): return "exited with code \(code) (preempted)"
        case .signaled(let signal): return "killed by \(Termination.signalName(signal))"
        case .unavailable: return "ended"
        case .scheduler(let end): return end.explanation
        }
    }
}
