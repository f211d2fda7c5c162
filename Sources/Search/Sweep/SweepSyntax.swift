/// The sweep syntax of command-line values and sweep-file parameters (Grid.ai's, plus the
/// distributions random and Bayesian search need).
///
/// **Expression or literal.** A value is a sweep expression when, after leading spaces, it
/// starts with `[` or with a name followed by `(` (`uniform(`, `range (`). Anything else —
/// `0.01`, `1e-2`, `bert`, `'bert'` — is a literal and reaches the program byte for byte.
/// An expression that does not parse is an error, never a literal: `logunifrom(1, 2)` is
/// refused with a "did you mean loguniform?" hint.
///
/// | text | domain |
/// | --- | --- |
/// | `[1, 2]`, `range`, `linspace`, `logspace`, `geomspace`, draws with a count | `.ordinal` (numbers, in the order given) |
/// | `['a', 'b']`, `[True, False]`, mixed lists, `choice(…)` | `.categorical` |
/// | `uniform(lo, hi)`, `loguniform(lo, hi)` | `.real` |
/// | `randint(lo, hi)`, `lograndint(lo, hi)` (both ends included) | `.integer` |
public enum SweepSyntax {
    /// The most values one expression may stand for.
    public static let maximumValues = 100_000

    /// True when `text` is read as a sweep expression rather than passed on as a literal:
    /// it starts, after spaces, with `[` or with a name (`[A-Za-z_][A-Za-z0-9_]*`) and `(`.
    public static func isExpression(_ text: String) -> Bool {
        var rest = text.drop(while: { $0.isWhitespace })
        if rest.first == "[" { return true }
        guard let first = rest.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        rest = rest.drop(while: SweepLexer.isNameCharacter).drop(while: { $0.isWhitespace })
        return rest.first == "("
    }

    /// The domain a sweep expression stands for.
    ///
    /// - Parameters:
    ///   - text: the expression as written.
    ///   - flag: how errors name its origin: `--lr` on a command line, `lr` in a file.
    ///   - parameter: the parameter's name; with `seed` it fixes the stream of pre-sampled
    ///     draws, `SplitMix64(seed:index: 0, salt: FNV-1a(name))`, so each parameter has its
    ///     own stream whatever the order of the others.
    ///   - seed: the run's seed.
    /// - Throws: `SweepSyntaxError` naming the flag, the text and the column at fault.
    public static func domain(of text: String, flag: String, parameter: String, seed: UInt64)
        throws(SweepSyntaxError) -> Domain
    {
        do throws(SweepProblem) {
            let expression = try SweepParser.parse(text)
            var rng = SplitMix64(seed: seed, index: 0, salt: salt(for: parameter))
            return try domain(of: expression, rng: &rng)
        } catch {
            throw SweepSyntaxError(flag: flag, text: text, column: error.column, message: error.message)
        }
    }

    static func domain(of expression: SweepExpression, rng: inout SplitMix64) throws(SweepProblem) -> Domain {
        switch expression {
        case .list(let items, let column):
            guard !items.isEmpty else { throw SweepProblem(column, "the list is empty: give at least one value") }
            try SweepFunction.checkDistinct(items)
            let values = items.map(\.value)
            return values.allSatisfy({ $0.numericValue != nil }) ? .ordinal(values) : .categorical(values)
        case .call(let name, let column, let arguments, let closeColumn):
            guard let function = SweepFunction(rawValue: name) else {
                let hint = SweepFunction.suggestion(for: name).map { "did you mean \($0.rawValue)?" }
                    ?? "sweep functions are " + SweepFunction.allCases.map(\.rawValue).joined(separator: ", ")
                throw SweepProblem(column, "unknown sweep function '\(name)'; \(hint)")
            }
            return try function.domain(arguments, column: column, closeColumn: closeColumn, rng: &rng)
        }
    }

    /// FNV-1a, 64-bit, of the name's UTF-8 bytes: a hash that is the same on every run and
    /// platform (Swift's `Hasher` is seeded per process).
    static func salt(for name: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }
}
