/// One token of a sweep expression, with the column where it starts.
struct SweepToken: Equatable {
    enum Kind: Equatable {
        case openBracket, closeBracket, openParen, closeParen, comma, equals
        /// `+` or `-` in front of a number.
        case sign(Character)
        /// A number as written (`1`, `-2.5e-3` without its sign, `1_000`).
        case number(String)
        /// A quoted string, escapes already decoded.
        case string(String)
        /// A bare name: a function, `True`, `False`, `None`, or a mistake.
        case name(String)
        /// The end of the text.
        case end
    }

    var kind: Kind
    /// 1-based column of the first character.
    var column: Int

    /// How the token reads in an error message.
    var spelling: String {
        switch kind {
        case .openBracket: return "'['"
        case .closeBracket: return "']'"
        case .openParen: return "'('"
        case .closeParen: return "')'"
        case .comma: return "','"
        case .equals: return "'='"
        case .sign(let c): return "'\(c)'"
        case .number(let s): return s
        case .string(let s): return "'\(s)'"
        case .name(let s): return s
        case .end: return "the end of the text"
        }
    }
}
