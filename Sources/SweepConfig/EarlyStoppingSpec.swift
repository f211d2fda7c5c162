/// The early-stopping section of a sweep: a rule name and its scalar options, checked for
/// shape only. The rules themselves (`Search`'s early stopping) read and validate the options.
public struct EarlyStoppingSpec: Hashable, Sendable {
    /// The rules a sweep may name.
    public enum Rule: String, Hashable, Sendable, CaseIterable {
        /// Stop a trial below the median of the others at the same step.
        case median
        /// Asynchronous successive halving.
        case asha
        /// Hyperband: successive halving over several brackets.
        case hyperband
        /// Stop a trial whose metric crosses a fixed threshold.
        case threshold
        /// Stop a trial that has not improved for a number of steps.
        case patience
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
