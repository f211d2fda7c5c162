/// Why an early-stopping rule cannot be built from a name and options. Messages name the
/// rule and the option, and say what would be accepted.
public enum EarlyStoppingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No rule has this name; `suggestion` is a near name, if any.
    case unknownRule(name: String, suggestion: String?)
    /// The rule has no such option; `suggestion` is the option probably meant, if any.
    case unknownOption(rule: String, option: String, suggestion: String?)
    /// A required option was not given.
    case missingOption(rule: String, option: String)
    /// An option's value is not accepted; `requirement` says what is ("an integer of at least 2").
    case invalidOption(rule: String, option: String, value: Double, requirement: String)
    /// An option was given a value that is not a number (`warmup_steps: five`).
    case nonNumericValue(rule: String, option: String, value: String)

    public var description: String {
        switch self {
        case .unknownRule(let name, let suggestion):
            let rules = EarlyStoppingRule.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown early-stopping rule '\(name)'\(Self.didYouMean(suggestion)); the rules are \(rules)"
        case .unknownOption(let rule, let option, let suggestion):
            let known = EarlyStoppingRule(rawValue: rule)?.options.map(\.name).joined(separator: ", ") ?? ""
            return "early-stopping rule \(rule) has no option '\(option)'\(Self.didYouMean(suggestion)); "
                + "its options are \(known)"
        case .missingOption(let rule, let option):
            let summary = EarlyStoppingRule(rawValue: rule)?.options.first { $0.name == option }?.summary
            return "early-stopping rule \(rule) needs the option \(option)" + (summary.map { ": \($0)" } ?? "")
        case .invalidOption(let rule, let option, let value, let requirement):
            return "early-stopping rule \(rule): \(option) must be \(requirement), got \(EarlyStoppingDecision.format(value))"
        case .nonNumericValue(let rule, let option, let value):
            return "early-stopping rule \(rule): \(option) must be a number, got \(value)"
        }
    }

    private static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean \($0)?)" } ?? ""
    }
}
