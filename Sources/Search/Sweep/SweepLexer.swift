/// Splits sweep text into tokens, following Python's literal syntax: decimal numbers with an
/// optional fraction, exponent and `_` separators; strings in single or double quotes with
/// Python's backslash escapes; bare names; and the punctuation `[ ] ( ) , =`.
struct SweepLexer {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(text)
    }

    /// Every token of the text, ending with `.end`.
    static func tokens(_ text: String) throws(SweepProblem) -> [SweepToken] {
        var lexer = SweepLexer(text)
        var out: [SweepToken] = []
        while true {
            let token = try lexer.next()
            out.append(token)
            if token.kind == .end { return out }
        }
    }

    private var column: Int { index + 1 }

    private mutating func next() throws(SweepProblem) -> SweepToken {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        guard index < characters.count else { return SweepToken(kind: .end, column: column) }
        let start = column
        let c = characters[index]
        let punctuation: [Character: SweepToken.Kind] = [
            "[": .openBracket, "]": .closeBracket, "(": .openParen, ")": .closeParen, ",": .comma, "=": .equals,
        ]
        if let kind = punctuation[c] {
            index += 1
            return SweepToken(kind: kind, column: start)
        }
        if c == "+" || c == "-" {
            index += 1
            return SweepToken(kind: .sign(c), column: start)
        }
        if c == "'" || c == "\"" { return SweepToken(kind: .string(try string(quote: c)), column: start) }
        if c.isASCII && (c.isNumber || c == ".") { return SweepToken(kind: .number(try number()), column: start) }
        if c == "_" || (c.isASCII && c.isLetter) {
            var name = ""
            while index < characters.count, SweepLexer.isNameCharacter(characters[index]) {
                name.append(characters[index])
                index += 1
            }
            return SweepToken(kind: .name(name), column: start)
        }
        throw SweepProblem(start, "unexpected character '\(c)'")
    }

    static func isNameCharacter(_ c: Character) -> Bool {
        c == "_" || (c.isASCII && (c.isLetter || c.isNumber))
    }

    /// A number: the longest run of digits, letters, `_` and `.` (and a sign right after an
    /// exponent's `e`), checked against Python's decimal literal grammar.
    private mutating func number() throws(SweepProblem) -> String {
        let start = column
        var text = ""
        while index < characters.count {
            let c = characters[index]
            if SweepLexer.isNameCharacter(c) || c == "." {
                text.append(c)
                index += 1
            } else if (c == "+" || c == "-"), let last = text.last, last == "e" || last == "E",
                      text.first?.isNumber == true || text.first == "." {
                text.append(c)
                index += 1
            } else {
                break
            }
        }
        guard SweepLexer.isDecimalLiteral(text) else { throw SweepProblem(start, "malformed number '\(text)'") }
        return text
    }

    /// `digits [. digits] [e [+-] digits]` or `. digits [...]`, where digits may hold single
    /// `_` separators between digits (Python's `1_000`).
    static func isDecimalLiteral(_ text: String) -> Bool {
        var s = Substring(text)
        func digits(_ s: inout Substring) -> Bool {
            var sawDigit = false
            var lastUnderscore = false
            while let c = s.first, c.isASCII, c.isNumber || c == "_" {
                if c == "_" {
                    if !sawDigit || lastUnderscore { return false }
                    lastUnderscore = true
                } else {
                    sawDigit = true
                    lastUnderscore = false
                }
                s.removeFirst()
            }
            return sawDigit && !lastUnderscore
        }
        let integerPart = s.first != "."
        if integerPart && !digits(&s) { return false }
        if s.first == "." {
            s.removeFirst()
            if let c = s.first, c.isASCII, c.isNumber {
                if !digits(&s) { return false }
            } else if !integerPart {
                return false
            }
        }
        if let e = s.first, e == "e" || e == "E" {
            s.removeFirst()
            if let sign = s.first, sign == "+" || sign == "-" { s.removeFirst() }
            if !digits(&s) { return false }
        }
        return s.isEmpty
    }

    /// A quoted string with Python's escapes: `\\ \' \" \n \t \r \a \b \f \v \0`, `\xHH`,
    /// `\uHHHH`, `\UHHHHHHHH`; any other backslash stays as written, as in Python.
    private mutating func string(quote: Character) throws(SweepProblem) -> String {
        let start = column
        index += 1
        var out = ""
        while index < characters.count {
            let c = characters[index]
            index += 1
            if c == quote { return out }
            guard c == "\\" else {
                out.append(c)
                continue
            }
            guard index < characters.count else { break }
            let e = characters[index]
            index += 1
            let simple: [Character: Character] = [
                "\\": "\\", "'": "'", "\"": "\"", "n": "\n", "t": "\t", "r": "\r",
                "a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "v": "\u{0B}", "0": "\0",
            ]
            if let s = simple[e] {
                out.append(s)
            } else if let width = ["x": 2, "u": 4, "U": 8][e] {
                let escapeColumn = column - 2
                let hex = String(characters[index..<min(index + width, characters.count)])
                guard hex.count == width, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                    throw SweepProblem(escapeColumn, "malformed escape '\\\(e)\(hex)': expected \(width) hex digits")
                }
                out.unicodeScalars.append(scalar)
                index += width
            } else {
                out.append("\\")
                out.append(e)
            }
        }
        throw SweepProblem(start, "the string starting here is never closed: add a closing \(quote)")
    }
}
