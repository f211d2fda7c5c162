import Foundation

/// The written form of a template, as in a sweep file's `command`: `{name}` is a
/// placeholder, `{{` and `}}` stand for literal braces.
extension CommandTemplate {
    /// Reads written arguments.
    /// - Throws: `CommandTemplateError.malformedPlaceholder` for a `{` without a name and a
    ///   closing `}`, or a lone `}`.
    public init(parsing argv: [String]) throws(CommandTemplateError) {
        var arguments: [[Segment]] = []
        for (index, element) in argv.enumerated() {
            arguments.append(try CommandTemplate.segments(of: element, index: index))
        }
        self.init(arguments: arguments)
    }

    /// The written arguments: literal braces doubled, placeholders as `{name}`.
    public var writtenArguments: [String] {
        arguments.map { argument in
            argument.map { segment in
                switch segment {
                case .text(let t): return t.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
                case .parameter(let name): return "{\(name)}"
                }
            }.joined()
        }
    }

    /// A placeholder name: a letter or `_`, then letters, digits, `_`, `-` or `.`.
    static func isPlaceholderName(_ name: Substring) -> Bool {
        guard let first = name.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return name.allSatisfy { $0 == "_" || $0 == "-" || $0 == "." || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }

    private static func segments(of element: String, index: Int) throws(CommandTemplateError) -> [Segment] {
        let chars = Array(element)
        var out: [Segment] = []
        var text = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if (c == "{" || c == "}"), i + 1 < chars.count, chars[i + 1] == c {
                text.append(c)
                i += 2
                continue
            }
            if c == "}" {
                throw CommandTemplateError.malformedPlaceholder(argument: element, index: index, column: i + 1,
                                                               reason: "'}' without '{'; write '}}' for a literal brace")
            }
            guard c == "{" else {
                text.append(c)
                i += 1
                continue
            }
            guard let close = chars[(i + 1)...].firstIndex(of: "}"),
                  isPlaceholderName(Substring(String(chars[(i + 1)..<close]))) else {
                throw CommandTemplateError.malformedPlaceholder(argument: element, index: index, column: i + 1,
                                                               reason: "'{' must open a placeholder such as {lr}; write '{{' for a literal brace")
            }
            if !text.isEmpty { out.append(.text(text)) }
            text = ""
            out.append(.parameter(String(chars[(i + 1)..<close])))
            i = close + 1
        }
        if !text.isEmpty || out.isEmpty { out.append(.text(text)) }
        return out
    }
}
