/// When to ask Slurm again: soon after something changed, then less and less often while
/// nothing does (`squeue` costs the cluster's controller; hundreds of hpo runs polling each
/// second would be felt). Each quiet poll multiplies the interval by `factor`, up to `maximum`.
public struct PollSchedule: Sendable, Hashable {
    /// The interval after a change.
    public var minimum: Duration
    /// The longest interval.
    public var maximum: Duration
    /// Growth per quiet poll.
    public var factor: Double
    /// The interval now.
    public private(set) var interval: Duration
    /// When the next poll is due.
    public private(set) var next: ContinuousClock.Instant

    /// A schedule whose first poll is due at `now`.
    public init(minimum: Duration = .milliseconds(500), maximum: Duration = .seconds(10), factor: Double = 1.5,
                now: ContinuousClock.Instant) {
        self.minimum = minimum
        self.maximum = maximum
        self.factor = factor
        self.interval = minimum
        self.next = now
    }

    /// True when a poll is due.
    public func isDue(at now: ContinuousClock.Instant) -> Bool { now >= next }

    /// Records a poll at `now`: the interval goes back to `minimum` when something changed,
    /// else grows.
    public mutating func polled(at now: ContinuousClock.Instant, changed: Bool) {
        interval = changed ? minimum : min(maximum, interval * factor)
        next = now + interval
    }

    /// Something happened that makes a prompt poll worthwhile (a submission, a cancel).
    public mutating func hurry(now: ContinuousClock.Instant) {
        interval = minimum
        next = min(next, now + minimum)
    }

    /// How long until the next poll.
    public func wait(from now: ContinuousClock.Instant) -> Duration { max(.zero, next - now) }
}
