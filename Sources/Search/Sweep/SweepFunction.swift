/// The functions of the sweep syntax. Value generators (`range`, `linspace`, `logspace`,
/// `geomspace`) and pre-sampled draws (a trailing count: `uniform(0, 1, 5)`) become a fixed,
/// ordered list of numbers; distributions without a count (`uniform(0, 1)`) become a range
/// that random and Bayesian search sample from; `choice` lists unordered values.
public enum SweepFunction: String, CaseIterable, Sendable {
    /// `range([start,] stop[, step])`: Python's range, extended to floats (numpy's `arange`).
    case range
    /// `linspace(start, stop, n)`: n evenly spaced values, both ends included.
    case linspace
    /// `logspace(a, b, n)`: 10 raised to n evenly spaced exponents from a to b.
    case logspace
    /// `geomspace(start, stop, n)`: n values evenly spaced in log scale, ends included.
    case geomspace
    /// `uniform(low, high)`: reals in [low, high]; with a count, that many drawn once.
    case uniform
    /// `loguniform(low, high)`: reals uniform in log scale (bounds are values, low > 0).
    case loguniform
    /// `randint(low, high)`: integers, both ends included; with a count, distinct draws.
    case randint
    /// `lograndint(low, high)`: integers uniform in log scale (low > 0).
    case lograndint
    /// `normal(mean, sigma, n)`: n values drawn once from a normal distribution.
    case normal
    /// `lognormal(mean, sigma, n)`: n values `exp(x)`, x drawn once from N(mean, sigma²).
    case lognormal
    /// `choice(a, b, …)`: unordered values.
    case choice

    /// How a call is written, for messages and documentation.
    public var signature: String {
        switch self {
        case .range: return "range(stop), range(start, stop) or range(start, stop, step)"
        case .linspace, .logspace, .geomspace: return "\(rawValue)(start, stop, count)"
        case .uniform, .loguniform, .randint, .lograndint:
            return "\(rawValue)(low, high) or \(rawValue)(low, high, count)"
        case .normal, .lognormal: return "\(rawValue)(mean, sigma, count)"
        case .choice: return "choice(value, value, …)"
        }
    }

    /// How many arguments the function takes.
    var arity: ClosedRange<Int> {
        switch self {
        case .range: return 1...3
        case .linspace, .logspace, .geomspace, .normal, .lognormal: return 3...3
        case .uniform, .loguniform, .randint, .lograndint: return 2...3
        case .choice: return 1...SweepSyntax.maximumValues
        }
    }

    /// The known function closest to a misspelt name, if one is close enough to be the
    /// likely intent (`NameSuggestion`).
    static func suggestion(for name: String) -> SweepFunction? {
        NameSuggestion.closest(to: name, among: allCases.map(\.rawValue)).flatMap(SweepFunction.init(rawValue:))
    }
}
