/// One complete line of a tailed file, without its line end (`\n`, or `\r\n`).
public struct FileLine: Hashable, Sendable {
    /// The 0-based number of the line in its file (skipped oversize lines count too).
    public var number: Int
    /// The raw bytes: not necessarily valid UTF-8.
    public var bytes: [UInt8]

    /// Creates a line.
    public init(number: Int, bytes: [UInt8]) {
        self.number = number
        self.bytes = bytes
    }

    /// Creates a line from text (tests, stdout).
    public init(number: Int, _ text: String) {
        self.init(number: number, bytes: Array(text.utf8))
    }

    /// The line as text; invalid UTF-8 becomes U+FFFD.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
