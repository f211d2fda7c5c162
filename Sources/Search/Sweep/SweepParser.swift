/// Recursive-descent parser from tokens to a `SweepExpression`; every error names its column.
struct SweepParser {
    private let tokens: [SweepToken]
    private var position = 0

    private init(_ tokens: [SweepToken]) {
        self.tokens = tokens
    }

    /// Parses a whole expression: the text must hold exactly one list or one call.
    static func parse(_ text: String) throws(SweepProblem) -> SweepExpression {
        var parser = SweepParser(try SweepLexer.tokens(text))
        let expression = try parser.expression()
        let rest = parser.peek
        guard rest.kind == .end else {
            throw SweepProblem(rest.column, "unexpected \(rest.spelling) after the end of the expression")
        }
        return expression
    }

    private var peek: SweepToken { tokens[position] }

    private mutating func advance() -> SweepToken {
        let token = tokens[position]
        if token.kind != .end { position += 1 }
        return token
    }

    private mutating func expression() throws(SweepProblem) -> SweepExpression {
        let first = advance()
        switch first.kind {
        case .openBracket:
            let values = try sequence(opening: first, closing: .closeBracket)
            return .list(values.items, column: first.column)
        case .name(let name):
            let open = advance()
            guard open.kind == .openParen else {
                throw SweepProblem(open.column, "expected '(' after \(name)")
            }
            let values = try sequence(opening: open, closing: .closeParen)
            return .call(name: name, column: first.column, arguments: values.items, closeColumn: values.closeColumn)
        default:
            throw SweepProblem(first.column, "expected a list '[…]' or a sweep function such as uniform(…)")
        }
    }

    /// Comma-separated values up to the closing token; a trailing comma is allowed, as in Python.
    private mutating func sequence(opening: SweepToken, closing: SweepToken.Kind)
        throws(SweepProblem) -> (items: [SweepLiteral], closeColumn: Int)
    {
        let open = opening.kind == .openBracket ? "'['" : "'('"
        let close = closing == .closeBracket ? "']'" : "')'"
        var items: [SweepLiteral] = []
        while true {
            let token = peek
            if token.kind == closing {
                _ = advance()
                return (items, token.column)
            }
            if token.kind == .end {
                throw SweepProblem(opening.column, "\(open) is never closed: add \(close)")
            }
            items.append(try value(closing: closing))
            let after = advance()
            switch after.kind {
            case .comma:
                continue
            case closing:
                return (items, after.column)
            case .end:
                throw SweepProblem(opening.column, "\(open) is never closed: add \(close)")
            case .closeBracket, .closeParen:
                throw SweepProblem(after.column, "expected \(close) to close \(open) at column \(opening.column), found \(after.spelling)")
            default:
                throw SweepProblem(after.column, "missing ',' before \(after.spelling)")
            }
        }
    }

    private mutating func value(closing: SweepToken.Kind) throws(SweepProblem) -> SweepLiteral {
        let token = advance()
        switch token.kind {
        case .number(let text):
            return SweepLiteral(value: try SweepParser.number(text, negative: false, column: token.column), column: token.column)
        case .sign(let sign):
            let next = advance()
            guard case .number(let text) = next.kind else {
                throw SweepProblem(next.column, "expected a number after '\(sign)', found \(next.spelling)")
            }
            let v = try SweepParser.number(text, negative: sign == "-", column: token.column)
            return SweepLiteral(value: v, column: token.column)
        case .string(let s):
            return SweepLiteral(value: .string(s), column: token.column)
        case .name("True"):
            return SweepLiteral(value: .bool(true), column: token.column)
        case .name("False"):
            return SweepLiteral(value: .bool(false), column: token.column)
        case .name("None"):
            throw SweepProblem(token.column, "None cannot be passed on a command line; use a string such as 'none'")
        case .name(let name):
            return try bareName(name, at: token)
        case .openBracket:
            throw SweepProblem(token.column, "lists cannot be nested")
        case .comma:
            throw SweepProblem(token.column, "expected a value before ','")
        case .end:
            throw SweepProblem(token.column, "expected a value, found the end of the text")
        default:
            throw SweepProblem(token.column, "expected a value, found \(token.spelling)")
        }
    }

    /// A bare name where a value belongs: a nested call, a keyword argument, or a string
    /// someone forgot to quote.
    private mutating func bareName(_ name: String, at token: SweepToken) throws(SweepProblem) -> SweepLiteral {
        switch peek.kind {
        case .openParen:
            throw SweepProblem(token.column, "sweep functions cannot be nested: \(name)(…) must be a value")
        case .equals:
            throw SweepProblem(token.column, "keyword arguments are not supported: give the values in order, without '\(name)='")
        default:
            break
        }
        if name.lowercased() == "true" || name.lowercased() == "false" {
            throw SweepProblem(token.column, "unquoted name '\(name)': booleans are written True and False")
        }
        throw SweepProblem(token.column, "unquoted name '\(name)': put strings in quotes, e.g. '\(name)'")
    }

    /// A decimal literal as Python reads it: an integer when it has neither a fraction nor an
    /// exponent, else a float; `_` separators are dropped.
    static func number(_ text: String, negative: Bool, column: Int) throws(SweepProblem) -> ParameterValue {
        let digits = (negative ? "-" : "") + text.filter { $0 != "_" }
        let isInteger = !digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        if isInteger {
            guard let v = Int(digits) else {
                throw SweepProblem(column, "integer \(digits) is too large (the limit is ±\(Int.max))")
            }
            return .int(v)
        }
        guard let v = Double(digits), v.isFinite else {
            throw SweepProblem(column, "number \(digits) is not a finite 64-bit float")
        }
        return .real(v)
    }
}
