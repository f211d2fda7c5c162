/// Writing domains back as sweep text, for the resolved configuration of a run. What is
/// written parses back to the same domain.
extension SweepSyntax {
    /// A value as a Python literal: `1`, `0.01`, `1e-05`, `True`, `'pizza'` (strings in
    /// single quotes, with `\\`, `\'` and control characters escaped).
    public static func literal(_ value: ParameterValue) -> String {
        guard case .string(let s) = value else { return value.commandLineText }
        var out = "'"
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "'"
    }

    /// The sweep text of a domain: ordinal values as a list `[1, 2]`; categorical values as a
    /// list when one is not a number (a list of numbers would read back as ordinal), else as
    /// `choice(1, 2)`; `uniform`/`loguniform` for reals; `randint`/`lograndint` for integers.
    /// Nil for a constant, which is written as a plain value.
    public static func text(for domain: Domain) -> String? {
        func list(_ values: [ParameterValue]) -> String { values.map(literal).joined(separator: ", ") }
        switch domain {
        case .ordinal(let values):
            return "[\(list(values))]"
        case .categorical(let values):
            return values.allSatisfy({ $0.numericValue != nil }) ? "choice(\(list(values)))" : "[\(list(values))]"
        case .real(let low, let high, let log):
            return "\(log ? "loguniform" : "uniform")(\(literal(.real(low))), \(literal(.real(high))))"
        case .integer(let low, let high, let log):
            return "\(log ? "lograndint" : "randint")(\(low), \(high))"
        case .constant:
            return nil
        }
    }
}
