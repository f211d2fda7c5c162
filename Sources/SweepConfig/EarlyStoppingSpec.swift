/// The early-stopping section of a sweep: a rule name and its scalar options, checked for
/// shape only. The rules themselves (`Search`'s early stopping) read and validate the options.
public struct EarlyStoppingSpec: Hashable, Sendable {
    /// The rules a sweep may name.
    public enum Rule: String, Hashable, Sendable, CaseIterable {
        case median, asha, hyperband, threshold, patience
    }

    /// Which rule.
    public var rule: Rule
    /// Its options by name: numbers, strings or booleans (`min_steps: 5`, `mode: max`).
    public var options: [String: ParameterValue]

    /// Creates the section.
    public init(rule: Rule, options: [String: ParameterValue] = [:]) {
        self.rule = rule
        self.options = options
    }
}
