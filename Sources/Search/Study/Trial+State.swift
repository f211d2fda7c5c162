extension Trial {
    /// Where a trial of a `Study` stands.
    public enum State: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
        /// Asked and not told yet: the strategy treats its configuration as pending.
        case running
        /// Told a value (finite or infinite).
        case completed
        /// Told a failure, or a NaN value.
        case failed
        /// Stopped early; its value is the last one reported, if any.
        case pruned

        /// True once the trial has been told its result.
        public var isFinished: Bool { self != .running }

        public var description: String { rawValue }
    }
}
