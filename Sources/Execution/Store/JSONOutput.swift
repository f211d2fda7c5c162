/// hpo's one JSON writer: the parameters run.db keeps, `HPO_PARAMS`, and every `--json`
/// document. Members keep the order they were built in (parameters appear in declared
/// order), reals keep every digit (the shortest text that reads back as the same double),
/// and strings escape the quote, the backslash and every control character (DEL included),
/// leaving other UTF-8 as it is. Written as bytes: appending to a `String` cost three times
/// as much on 50,000 trials of `hpo status --json`.
package indirect enum JSONOutput: Sendable {
    case object([(String, JSONOutput)])
    case array([JSONOutput])
    case string(String)
    case int(Int)
    case unsigned(UInt64)
    case real(Double)
    case bool(Bool)
    case null

    /// A string, or `null` when absent.
    package static func string(_ s: String?) -> JSONOutput { s.map(JSONOutput.string) ?? .null }
    /// An integer, or `null` when absent.
    package static func int<I: BinaryInteger>(_ n: I?) -> JSONOutput { n.map { .int(Int($0)) } ?? .null }
    /// A real, or `null` when absent.
    package static func real(_ x: Double?) -> JSONOutput { x.map(JSONOutput.real) ?? .null }

    /// A parameter's value with its type: integer, real, string or boolean.
    package init(_ value: ParameterValue) {
        switch value {
        case .int(let n): self = .int(n)
        case .real(let x): self = .real(x)
        case .string(let s): self = .string(s)
        case .bool(let b): self = .bool(b)
        }
    }

    /// A configuration as an object: the names in `order` first, any others sorted after.
    package static func parameters(_ configuration: Configuration, order: [String]) -> JSONOutput {
        let declared = Set(order)
        let names = order.filter { configuration[$0] != nil }
            + configuration.values.keys.filter { !declared.contains($0) }.sorted()
        return .object(names.map { ($0, JSONOutput(configuration[$0]!)) })
    }

    /// The document for machines (`--json`): indented by two spaces, ending with a line
    /// end; a non-finite real has no JSON spelling and is written `null`.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `text` as UTF-8.
    package var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, depth: 0)
        out.append(0x0A)
        return out
    }

    /// One line as Python's `json.dumps` writes it (`{"lr": 0.01, "x": [1, 2]}`), what the
    /// store keeps and `HPO_PARAMS` gives a trial; a non-finite real is written `NaN`,
    /// `Infinity` or `-Infinity` as Python does, so a trial reads back the value it was given.
    package var compactText: String {
        var out: [UInt8] = []
        write(to: &out, depth: nil)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes the value; `depth` nil writes one line.
    private func write(to out: inout [UInt8], depth: Int?) {
        let inner = depth.map { $0 + 1 }
        switch self {
        case .object(let members):
            if members.isEmpty { out += "{}".utf8; return }
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                JSONOutput.separate(&out, first: i == 0, depth: inner)
                JSONOutput.writeString(key, to: &out)
                out += ": ".utf8
                value.write(to: &out, depth: inner)
            }
            JSONOutput.close(&out, depth: depth)
            out.append(UInt8(ascii: "}"))
        case .array(let elements):
            if elements.isEmpty { out += "[]".utf8; return }
            out.append(UInt8(ascii: "["))
            for (i, value) in elements.enumerated() {
                JSONOutput.separate(&out, first: i == 0, depth: inner)
                value.write(to: &out, depth: inner)
            }
            JSONOutput.close(&out, depth: depth)
            out.append(UInt8(ascii: "]"))
        case .string(let s): JSONOutput.writeString(s, to: &out)
        case .int(let n): out += String(n).utf8
        case .unsigned(let n): out += String(n).utf8
        case .real(let x):
            if x.isFinite {
                out += String(x).utf8
            } else if depth == nil {
                out += (x.isNaN ? "NaN" : x < 0 ? "-Infinity" : "Infinity").utf8
            } else {
                out += "null".utf8
            }
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .null: out += "null".utf8
        }
    }

    /// Before a member or element: `, ` on one line; a comma, a line end and two spaces of
    /// indentation per level otherwise.
    private static func separate(_ out: inout [UInt8], first: Bool, depth: Int?) {
        if !first { out.append(UInt8(ascii: ",")) }
        if let depth {
            newline(&out, depth: depth)
        } else if !first {
            out.append(UInt8(ascii: " "))
        }
    }

    /// Before the closing bracket: a line end at the enclosing level, unless on one line.
    private static func close(_ out: inout [UInt8], depth: Int?) {
        if let depth { newline(&out, depth: depth) }
    }

    private static func newline(_ out: inout [UInt8], depth: Int) {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// A JSON string literal: quote, backslash and control characters escaped.
    private static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let utf8 = s.utf8
        if utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out += utf8
        } else {
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): out += "\\\"".utf8
                case UInt8(ascii: "\\"): out += "\\\\".utf8
                case 0x0A: out += "\\n".utf8
                case 0x0D: out += "\\r".utf8
                case 0x09: out += "\\t".utf8
                case _ where byte < 0x20 || byte == 0x7F:
                    let hex = String(byte, radix: 16)
                    out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
