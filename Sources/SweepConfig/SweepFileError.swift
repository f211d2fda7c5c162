/// Why a sweep file cannot be read, with the place in the file, as `path:line:column: message`.
public struct SweepFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as named by the person (or `<sweep>` for text without a file).
    public var path: String
    /// 1-based line; 0 when the problem has no place (an unreadable file).
    public var line: Int
    /// 1-based column (in Unicode scalars, as libyaml counts); 0 when unknown.
    public var column: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        if line == 0 { return "\(path): \(message)" }
        return "\(path):\(line):\(column): \(message)"
    }
}
