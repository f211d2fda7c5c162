/// The set of values one parameter may take.
public enum Domain: Hashable, Sendable {
    /// Real numbers in `[low, high]`; with `log`, sampled uniformly in `log(x)` (needs `low > 0`).
    case real(low: Double, high: Double, log: Bool)
    /// Integers in `[low, high]`, both ends included; with `log`, uniform in `log(x)` (needs `low > 0`).
    case integer(low: Int, high: Int, log: Bool)
    /// Unordered choices (one-hot encoded for the Gaussian process).
    case categorical([ParameterValue])
    /// Ordered discrete numbers, kept in the order given (grid order); the Gaussian process
    /// sees their rank by value.
    case ordinal([ParameterValue])
    /// A single fixed value: part of every trial, never searched.
    case constant(ParameterValue)

    /// True when the domain holds finitely many values (everything but `real`).
    public var isDiscrete: Bool {
        if case .real = self { return false }
        return true
    }

    /// The values in enumeration order, or nil for a continuous domain.
    /// Integer ranges enumerate every integer from `low` to `high`.
    /// - Precondition: an integer range small enough to list (check `cardinality` first).
    public var values: [ParameterValue]? {
        switch self {
        case .real: return nil
        case .integer(let low, let high, _): return (low...high).map { .int($0) }
        case .categorical(let v), .ordinal(let v): return v
        case .constant(let v): return [v]
        }
    }

    /// How many values the domain holds; nil for a continuous domain, and for an integer
    /// range with more than `Int.max` values (`randint(0, 9223372036854775807)`), which is
    /// searched like a continuous one: it is never exhausted.
    public var cardinality: Int? {
        switch self {
        case .real: return nil
        case .integer(let low, let high, _): return Domain.count(from: low, to: high)
        case .categorical(let v), .ordinal(let v): return v.count
        case .constant: return 1
        }
    }

    /// How many integers `low…high` holds, or nil when that is more than `Int.max`
    /// (`high − low + 1` overflows `Int` for ranges such as `0…Int.max`).
    public static func count(from low: Int, to high: Int) -> Int? {
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span < Int.max else { return nil }
        return span + 1
    }
}
