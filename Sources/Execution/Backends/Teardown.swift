/// The decision part of stopping a trial (cancel, timeout, stall, pruning): SIGTERM to the
/// whole trial now, SIGKILL to the whole trial once the grace period has passed (a backend's
/// `signal` reaches every process of the trial: its group, and what left it).
///
/// A value type that never sleeps and never reads a clock: the controller's single-threaded
/// loop passes `now`, carries out the returned signals through its `Backend`, and uses
/// `deadline` as (part of) its `poll(2)` timeout. The same sequence serves a batch backend
/// (`scancel --signal=TERM`, then `scancel`).
///
/// The teardown ends when the backend reports the leader's exit (`leaderExited()`). The
/// local backend then SIGKILLs whatever is left of the trial at once, in its group or out of
/// it (`AttemptProcesses`), as `docker stop` does when a container's main process exits: a well-behaved trial waits for its own children
/// during the grace period before it exits.
public struct Teardown: Sendable, Hashable {
    /// Where the teardown stands.
    public enum Phase: Sendable, Hashable {
        /// Not started: the trial runs.
        case idle
        /// SIGTERM was sent; SIGKILL follows at `deadline` unless the leader exits first.
        case terminating(deadline: ContinuousClock.Instant)
        /// SIGKILL was sent; waiting for the backend to report the exit.
        case killed
        /// The leader exited; nothing more to do.
        case finished
    }

    /// How long a trial may take to exit after SIGTERM before it gets SIGKILL.
    public let grace: Duration
    /// The current phase.
    public private(set) var phase: Phase = .idle

    /// The default grace period, 10 s (Slurm's default KillWait is 30 s, Kubernetes' 30 s,
    /// Docker's 10 s; trials here are usually asked to stop early, so the shorter one).
    public static let defaultGrace: Duration = .seconds(10)

    /// A teardown with the given grace period (negative values count as zero).
    public init(grace: Duration = Teardown.defaultGrace) {
        self.grace = max(grace, .zero)
    }

    /// When the loop must call `advance(now:)` next, or nil when no deadline is pending.
    public var deadline: ContinuousClock.Instant? {
        if case .terminating(let deadline) = phase { return deadline }
        return nil
    }

    /// Starts the teardown: returns `[.terminate]` (or `[.kill]` with a zero grace period).
    /// Calling it again after the start returns nothing, so a second cancel is harmless;
    /// use `escalate()` for "stop now".
    public mutating func begin(now: ContinuousClock.Instant) -> [TrialSignal] {
        guard phase == .idle else { return [] }
        if grace == .zero {
            phase = .killed
            return [.kill]
        }
        phase = .terminating(deadline: now + grace)
        return [.terminate]
    }

    /// Returns `[.kill]` once the grace period has run out, else nothing.
    public mutating func advance(now: ContinuousClock.Instant) -> [TrialSignal] {
        guard case .terminating(let deadline) = phase, now >= deadline else { return [] }
        phase = .killed
        return [.kill]
    }

    /// Skips the rest of the grace period (Ctrl-C pressed twice): returns `[.kill]` unless
    /// SIGKILL was already sent or the leader is gone.
    public mutating func escalate() -> [TrialSignal] {
        switch phase {
        case .idle, .terminating:
            phase = .killed
            return [.kill]
        case .killed, .finished:
            return []
        }
    }

    /// The backend reported the leader's exit: the teardown is over.
    public mutating func leaderExited() {
        phase = .finished
    }
}
