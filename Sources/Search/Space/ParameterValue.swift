/// One value a parameter takes in a trial: what a strategy suggests and what a trial's
/// command line receives.
public enum ParameterValue: Hashable, Sendable {
    case int(Int)
    case real(Double)
    case string(String)
    case bool(Bool)

    /// The text a trial's command line receives: integers and reals as Python prints them
    /// (`1`, `0.01`, `1e-05`), booleans as `True`/`False`, strings unquoted.
    public var commandLineText: String {
        switch self {
        case .int(let v): return String(v)
        case .real(let v): return ParameterValue.pythonText(v)
        case .string(let s): return s
        case .bool(let b): return b ? "True" : "False"
        }
    }

    /// The value as a number when it is one (booleans are not numbers here).
    public var numericValue: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .real(let v): return v
        case .string, .bool: return nil
        }
    }

    /// True for a real NaN, which equals nothing, itself included.
    var isNaN: Bool {
        if case .real(let v) = self { return v.isNaN }
        return false
    }

    /// Python's `repr` of a float: Swift's shortest round-trip digits, with Python's spelling
    /// of exponents (`1e-05`, `1e+20`), `inf` and `nan`.
    static func pythonText(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        let swift = String(v)  // e.g. "0.01", "1e-05", "1e+20", "100000.0"
        return swift
    }
}

extension ParameterValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .string(let s): return "'\(s)'"
        default: return commandLineText
        }
    }
}
