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
    /// A condition names a parameter the space does not have.
    case conditionOnUnknownParameter(parameter: String, parent: String, suggestion: String?)
    /// A condition names a parameter declared after it (conditions look back, so a trial's
    /// parameters can be decided in declared order).
    case conditionOnLaterParameter(parameter: String, parent: String)
    /// Conditions that lead back to where they started: `a` when `b`, `b` when `a`.
    case conditionCycle([String])
    /// A condition on a real parameter, which takes any number of a range: `==` would almost never hold.
    case conditionOnContinuousParameter(parameter: String, parent: String)
    /// A condition on a constant, which always or never holds: leave it out, or condition on
    /// what the constant's own condition names.
    case conditionOnConstant(parameter: String, parent: String)
    /// A condition names a value its parent never takes (a typo, most likely).
    case conditionValueNotTaken(parameter: String, parent: String, value: ParameterValue, values: String)
    /// A condition that no value of its parent satisfies.
    case conditionNeverHolds(parameter: String, condition: String)

    /// The parameter the error is about, for pointing at its line; nil for an empty name.
    public var parameter: String? {
        switch self {
        case .emptyName: return nil
        case .duplicateName(let p), .emptyRange(let p, _, _), .logNeedsPositiveLow(let p, _), .nonFiniteBound(let p),
             .emptyValues(let p), .duplicateValue(let p, _), .ordinalNeedsNumbers(let p, _), .invalidGridPoints(let p, _),
             .nanValue(let p), .conditionOnUnknownParameter(let p, _, _), .conditionOnLaterParameter(let p, _),
             .conditionOnContinuousParameter(let p, _), .conditionOnConstant(let p, _),
             .conditionValueNotTaken(let p, _, _, _), .conditionNeverHolds(let p, _):
            return p
        case .conditionCycle(let path): return path.first
        }
    }

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
        case .conditionOnUnknownParameter(let p, let parent, let suggestion):
            let hint = suggestion.map { "; did you mean \($0)?" } ?? ""
            return "parameter '\(p)': its condition names '\(parent)', which is not a parameter\(hint)"
        case .conditionOnLaterParameter(let p, let parent):
            return "parameter '\(p)': its condition names '\(parent)', which is declared after it; "
                + "declare '\(parent)' first"
        case .conditionCycle(let path):
            return "parameter '\(path[0])': conditions form a cycle (\(path.joined(separator: " when ")))"
        case .conditionOnContinuousParameter(let p, let parent):
            return "parameter '\(p)': its condition names '\(parent)', a continuous parameter; conditions "
                + "need a categorical or discrete parent (a list, choice, range or randint)"
        case .conditionOnConstant(let p, let parent):
            return "parameter '\(p)': its condition names '\(parent)', a constant, so it would always or never hold"
        case .conditionValueNotTaken(let p, let parent, let v, let values):
            return "parameter '\(p)': its condition names \(v), which '\(parent)' never takes (it takes \(values))"
        case .conditionNeverHolds(let p, let condition):
            return "parameter '\(p)': its condition \"\(condition)\" never holds, so it would never be part of a trial"
        }
    }
}
