/// The early-stopping section of a sweep: a rule and its scalar options, as written. The rule
/// is `Search`'s `EarlyStoppingRule` itself, so a sweep file, a command line and a Swift
/// program name rules with one enum; `makeRule()` builds it.
public struct EarlyStoppingSpec: Hashable, Sendable {
    /// Which rule.
    public var rule: EarlyStoppingRule
    /// Its options by name: numbers, strings or booleans (`min_steps: 5`, `mode: max`).
    public var options: [String: ParameterValue]

    /// Creates the section.
    public init(rule: EarlyStoppingRule, options: [String: ParameterValue] = [:]) {
        self.rule = rule
        self.options = options
    }

    /// The rule with these options, checked: what a run judges its trials with.
    /// - Throws: `EarlyStoppingError` for an option the rule does not have, one it needs and
    ///   is not given, or a value it does not accept (a string where a number belongs too).
    public func makeRule() throws(EarlyStoppingError) -> any EarlyStopping {
        var numbers: [String: Double] = [:]
        for name in options.keys.sorted() {
            let value = options[name]!
            guard let x = value.numericValue else {
                throw .nonNumericValue(rule: rule.rawValue, option: name, value: "\(value)")
            }
            numbers[name] = x
        }
        do {
            return try rule.make(options: numbers)
        } catch let error as EarlyStoppingError {
            throw error
        } catch {
            preconditionFailure("EarlyStoppingRule.make throws only EarlyStoppingError: \(error)")
        }
    }
}
