/// Conditions in sweep text: `uniform(0, 0.99) when optimizer == 'sgd'` on a command line or
/// as a sweep-file string, and the text of a sweep file's `when:`.
///
///     condition := NAME ('==' | '!=') value
///                | NAME ['not'] 'in' '[' value { ',' value } ']'
///
/// Values are written as in the sweep syntax (`'sgd'`, `32`, `True`).
extension SweepSyntax {
    /// A parameter from sweep text with an optional ` when CONDITION` after its expression.
    ///
    /// - Parameters: as `domain(of:flag:parameter:seed:)`.
    /// - Throws: `SweepSyntaxError` with the column at fault in `text`.
    public static func parameter(of text: String, flag: String, parameter name: String, seed: UInt64)
        throws(SweepSyntaxError) -> Parameter
    {
        guard let (expression, conditionText, conditionColumn) = splitCondition(text) else {
            return Parameter(name, try domain(of: text, flag: flag, parameter: name, seed: seed))
        }
        let domain: Domain
        do {
            domain = try SweepSyntax.domain(of: expression, flag: flag, parameter: name, seed: seed)
        } catch {
            throw SweepSyntaxError(flag: flag, text: text, column: error.column, message: error.message)
        }
        return Parameter(name, domain, when: try condition(of: conditionText, flag: flag, text: text, column: conditionColumn))
    }

    /// A condition's text, as in a sweep file's `when:`.
    /// - Parameters:
    ///   - conditionText: the condition.
    ///   - flag: how errors name its origin.
    ///   - text: the text errors quote (the whole value when the condition is part of one).
    ///   - column: the 1-based column in `text` where `conditionText` starts.
    /// - Throws: `SweepSyntaxError` with the column at fault in `text`.
    public static func condition(of conditionText: String, flag: String, text: String? = nil, column: Int = 1)
        throws(SweepSyntaxError) -> Condition
    {
        do throws(SweepProblem) {
            return try condition(conditionText)
        } catch {
            throw SweepSyntaxError(flag: flag, text: text ?? conditionText, column: column + error.column - 1,
                                   message: error.message)
        }
    }

    /// `text` split at a ` when ` outside quotes: the expression, the condition, and the
    /// condition's 1-based column; nil when there is no `when`.
    public static func splitCondition(_ text: String) -> (String, String, Int)? {
        let chars = Array(text)
        var quote: Character?
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\" { i += 1 } else if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "w", i > 0, chars[i - 1] == " " || chars[i - 1] == ")" || chars[i - 1] == "]",
                      i + 4 < chars.count, String(chars[i..<i + 4]) == "when", chars[i + 4].isWhitespace {
                var start = i + 4
                while start < chars.count, chars[start].isWhitespace { start += 1 }
                return (String(chars[..<i]), String(chars[start...]), start + 1)
            }
            i += 1
        }
        return nil
    }

    /// Parses a condition; columns are 1-based in `text`.
    static func condition(_ text: String) throws(SweepProblem) -> Condition {
        let chars = Array(text)
        var i = 0
        func skipSpaces() { while i < chars.count, chars[i].isWhitespace { i += 1 } }
        skipSpaces()
        let nameStart = i
        while i < chars.count, SweepLexer.isNameCharacter(chars[i]) || chars[i] == "-" || chars[i] == "." { i += 1 }
        let name = String(chars[nameStart..<i])
        guard CommandTemplate.isPlaceholderName(Substring(name)) else {
            throw SweepProblem(nameStart + 1, "a condition starts with a parameter's name, as in optimizer == 'sgd'")
        }
        skipSpaces()
        let operatorColumn = i + 1
        func word(_ w: String) -> Bool {
            let end = i + w.count
            guard end <= chars.count, String(chars[i..<end]) == w else { return false }
            return end == chars.count || !w.first!.isLetter || !SweepLexer.isNameCharacter(chars[end])
        }
        var negated = false
        let list: Bool
        if word("==") || word("!=") {
            negated = chars[i] == "!"
            list = false
            i += 2
        } else if word("in") {
            list = true
            i += 2
        } else if word("not") {
            i += 3
            skipSpaces()
            guard word("in") else { throw SweepProblem(i + 1, "expected 'in' after 'not'") }
            negated = true
            list = true
            i += 2
        } else {
            let hint = i < chars.count && chars[i] == "=" ? "; compare with ==" : ""
            throw SweepProblem(operatorColumn, "expected ==, !=, in or not in after '\(name)'\(hint)")
        }
        skipSpaces()
        let rest = String(chars[i...]), restColumn = i + 1
        if list {
            let expression: SweepExpression
            do throws(SweepProblem) {
                expression = try SweepParser.parse(rest)
            } catch {
                throw SweepProblem(restColumn + error.column - 1, error.message)
            }
            guard case .list(let items, _) = expression else {
                throw SweepProblem(restColumn, "expected a list of values after 'in', as in ['sgd', 'adam']")
            }
            guard !items.isEmpty else { throw SweepProblem(restColumn, "the list is empty: give at least one value") }
            return Condition(name, in: items.map(\.value), negated: negated)
        }
        if rest.first == "[" {
            throw SweepProblem(restColumn, "compare with a list using \(negated ? "not in" : "in"), as in \(name) in ['sgd', 'adam']")
        }
        let items: [SweepLiteral]
        do throws(SweepProblem) {
            guard case .list(let parsed, _) = try SweepParser.parse("[" + rest + "]") else { preconditionFailure() }
            items = parsed
        } catch {
            throw SweepProblem(restColumn + error.column - 2, error.message)
        }
        guard items.count == 1 else {
            throw SweepProblem(restColumn, "expected one value after \(negated ? "!=" : "=="); for several, use \(negated ? "not in" : "in") [...]")
        }
        return Condition(name, in: [items[0].value], negated: negated)
    }
}
