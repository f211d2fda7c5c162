import Foundation

/// The controller's two clocks: monotonic time for its deadlines (trial timeouts, grace
/// periods, stall checks) and wall time for what it records (a trial's start, its end as
/// observed when its process was reaped, the run's state changes). A test passes a fake one
/// through `ExecutionOptions.clock` to drive a sweep without waiting.
public protocol ControllerClock: Sendable {
    /// Monotonic now.
    var now: ContinuousClock.Instant { get }
    /// Wall-clock now.
    var wallNow: Date { get }
}

/// The system's clocks: what every sweep uses unless told otherwise.
public struct SystemControllerClock: ControllerClock {
    /// The system's clocks.
    public init() {}
    /// `ContinuousClock.now`.
    public var now: ContinuousClock.Instant { .now }
    /// `Date()`.
    public var wallNow: Date { Date() }
}
