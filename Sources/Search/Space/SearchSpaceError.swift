/// Why a search space is not valid. Messages name the parameter and the rule it breaks.
public enum SearchSpaceError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyName
    case duplicateName(String)
    case emptyRange(parameter: String, low: String, high: String)
    case logNeedsPositiveLow(parameter: String, low: String)
    case nonFiniteBound(parameter: String)
    case emptyValues(parameter: String)
    case duplicateValue(parameter: String, value: ParameterValue)
    case ordinalNeedsNumbers(parameter: String, value: ParameterValue)
    case invalidGridPoints(parameter: String, points: Int)
    /// A listed or constant value is NaN, which never equals itself and so could never be matched.
    case nanValue(parameter: String)

    public var description: String {
        switch self {
        case .emptyName:
            return "a parameter has an empty name"
        case .duplicateName(let name):
            return "parameter '\(name)' is declared twice"
        case .emptyRange(let p, let low, let high):
            return "parameter '\(p)': lower bound \(low) must be below upper bound \(high)"
        case .logNeedsPositiveLow(let p, let low):
            return "parameter '\(p)': a log scale needs a lower bound > 0, got \(low)"
        case .nonFiniteBound(let p):
            return "parameter '\(p)': bounds must be finite numbers"
        case .emptyValues(let p):
            return "parameter '\(p)': needs at least one value"
        case .duplicateValue(let p, let v):
            return "parameter '\(p)': value \(v) appears more than once"
        case .ordinalNeedsNumbers(let p, let v):
            return "parameter '\(p)': ordered values must be numbers, got \(v)"
        case .invalidGridPoints(let p, let n):
            return "parameter '\(p)': grid_points must be at least 1, got \(n)"
        case .nanValue(let p):
            return "parameter '\(p)': nan cannot be a value (it never equals itself, so it could not be matched)"
        }
    }
}
