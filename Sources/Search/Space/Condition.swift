/// When a parameter exists: an earlier discrete parameter takes (or does not take) one of
/// `values`. `momentum` with `Condition("optimizer", in: [.string("sgd")])` is part of a
/// configuration only when `optimizer` is `'sgd'`; otherwise the configuration lacks it.
///
/// A condition whose parent is itself absent (inactive) does not hold, so conditions chain:
/// a parameter under `momentum` exists only where `momentum` does.
public struct Condition: Hashable, Sendable {
    /// The parent: the parameter whose value decides.
    public var parameter: String
    /// The values the condition names.
    public var values: [ParameterValue]
    /// False: the condition holds when the parent takes one of `values` (`==`, `in`).
    /// True: when it takes none of them (`!=`, `not in`).
    public var negated: Bool

    /// A condition on `parameter` taking one of `values` (or, `negated`, none of them).
    public init(_ parameter: String, in values: [ParameterValue], negated: Bool = false) {
        self.parameter = parameter
        self.values = values
        self.negated = negated
    }

    /// `parameter == value`.
    public static func equals(_ parameter: String, _ value: ParameterValue) -> Condition {
        Condition(parameter, in: [value])
    }

    /// True when the parent's value satisfies the condition; false when the parent is absent.
    public func holds(for value: ParameterValue?) -> Bool {
        guard let value else { return false }
        return values.contains { Condition.matches($0, value) } != negated
    }

    /// Values compare as the sweep syntax reads them: numbers by value (`32` names `32.0`),
    /// everything else exactly.
    static func matches(_ a: ParameterValue, _ b: ParameterValue) -> Bool {
        if let x = a.numericValue, let y = b.numericValue { return x == y }
        return a == b
    }

    /// The condition as written in a sweep file's `when:` (values as Python literals):
    /// `optimizer == 'sgd'`, `optimizer in ['sgd', 'rmsprop']`, `optimizer != 'adam'`.
    public var text: String {
        if values.count == 1 { return "\(parameter) \(negated ? "!=" : "==") \(SweepSyntax.literal(values[0]))" }
        return "\(parameter) \(negated ? "not in" : "in") [\(values.map(SweepSyntax.literal).joined(separator: ", "))]"
    }
}
