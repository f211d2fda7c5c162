/// A parsed JSON value. Object members keep their order (parameters are stored in declared
/// order). Numbers keep whether they were written as integers, so that `1` and `1.0` stay
/// an int and a real parameter.
enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// A number; `integer` is set when it was written without fraction or exponent and fits
    /// an `Int`. `NaN`, `Infinity` and `-Infinity` (Python's `json` writes them) are numbers.
    case number(Double, integer: Int?)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x, let i), .number(let y, let j)): return i == j && (x == y || (x.isNaN && y.isNaN))
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}
