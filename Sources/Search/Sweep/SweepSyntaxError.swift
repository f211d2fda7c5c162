/// Why a sweep value cannot be read: which flag, its text, where in the text, and what is wrong.
///
/// Its description is the line a person sees (the CLI puts `error: ` in front):
///
///     --lr "loguniform(0, 1)": lower bound must be > 0 (column 12)
public struct SweepSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The flag (`--lr`) or, in a sweep file, the parameter name the text belongs to.
    public var flag: String
    /// The sweep text as given.
    public var text: String
    /// The 1-based column in `text` (in characters) where the problem starts.
    public var column: Int
    /// What is wrong, for the person at the terminal.
    public var message: String

    /// Creates an error.
    public init(flag: String, text: String, column: Int, message: String) {
        self.flag = flag
        self.text = text
        self.column = column
        self.message = message
    }

    public var description: String {
        "\(flag) \"\(text)\": \(message) (column \(column))"
    }
}

/// A problem found at a column, before the flag and the text are known.
struct SweepProblem: Error {
    var column: Int
    var message: String

    init(_ column: Int, _ message: String) {
        self.column = column
        self.message = message
    }
}
