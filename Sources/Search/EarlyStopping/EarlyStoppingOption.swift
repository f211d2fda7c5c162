/// One numeric option of an early-stopping rule, as written in a sweep file
/// (`early_stopping: {rule: asha, reduction_factor: 3}`): its name, default, the values it
/// accepts and what it means. Used to validate options and to document them.
public struct EarlyStoppingOption: Hashable, Sendable {
    /// The value an option takes when it is not given.
    public enum Default: Hashable, Sendable {
        /// This number.
        case value(Double)
        /// No value: the option is off (`max_resource` of asha: rungs go on without end).
        case none
        /// The option must be given.
        case required
        /// Computed from the other options, as the text says (`min_resource` of asha: a
        /// tenth of `max_resource`).
        case derived(String)
    }

    /// The values an option accepts.
    public enum Requirement: Hashable, Sendable {
        /// A whole number of at least this.
        case integer(atLeast: Int)
        /// A finite number of at least 0.
        case nonNegative
        /// Any finite number.
        case finite

        /// The requirement as a phrase: "an integer of at least 2".
        public var phrase: String {
            switch self {
            case .integer(let low): return "an integer of at least \(low)"
            case .nonNegative: return "a finite number of at least 0"
            case .finite: return "a finite number"
            }
        }

        /// Whole numbers beyond 2^53 are not all representable as Doubles, and step counts
        /// never get near; larger values are refused rather than rounded.
        static let largestInteger = 9_007_199_254_740_992.0

        /// Whether `value` meets the requirement.
        public func accepts(_ value: Double) -> Bool {
            guard value.isFinite else { return false }
            switch self {
            case .integer(let low):
                return value.rounded() == value && value >= Double(low) && abs(value) <= Self.largestInteger
            case .nonNegative:
                return value >= 0
            case .finite:
                return true
            }
        }
    }

    /// The name in a sweep file: `reduction_factor`.
    public var name: String
    /// The value when not given.
    public var defaultValue: Default
    /// The values accepted.
    public var requirement: Requirement
    /// What the option means, one sentence.
    public var summary: String

    /// Creates an option description.
    public init(_ name: String, default defaultValue: Default, _ requirement: Requirement, _ summary: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.requirement = requirement
        self.summary = summary
    }

    /// The default as documentation shows it: `3`, `none`, `required`.
    public var defaultText: String {
        switch defaultValue {
        case .value(let v): return EarlyStoppingDecision.format(v)
        case .none: return "none"
        case .required: return "required"
        case .derived(let text): return text
        }
    }
}
