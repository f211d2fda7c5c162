/// Cuts a byte stream into complete lines, keeping a trailing partial line until its newline
/// arrives.
///
/// A line longer than `maximumLineBytes` is skipped with one warning, and the splitter
/// resynchronizes at the next newline without buffering the rest of it: a trial that writes
/// a gigabyte without a newline costs at most `maximumLineBytes` of memory.
public struct LineSplitter: Sendable {
    /// 1 MiB: far above any real metric or log line.
    public static let defaultMaximumLineBytes = 1 << 20

    /// The longest line kept, in bytes (without the newline).
    public let maximumLineBytes: Int
    /// The number the next complete line will get.
    public private(set) var nextLineNumber = 0
    private var partial: [UInt8] = []
    /// Inside an oversize line: drop bytes until the next newline.
    private var skipping = false

    /// Creates a splitter.
    public init(maximumLineBytes: Int = LineSplitter.defaultMaximumLineBytes) {
        precondition(maximumLineBytes > 0)
        self.maximumLineBytes = maximumLineBytes
    }

    /// Bytes of a line still waiting for its newline.
    public var pendingByteCount: Int { partial.count }

    /// Forgets the partial line and starts numbering from 0 again (the file was truncated
    /// or replaced).
    public mutating func reset() {
        partial.removeAll()
        skipping = false
        nextLineNumber = 0
    }

    /// Feeds the next bytes of the stream; returns the lines they complete, and a warning
    /// for each oversize line.
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into lines: inout [FileLine],
                              warnings: inout [MetricWarning]) {
        var start = 0
        let count = bytes.count
        while start < count {
            let newline = Self.firstNewline(bytes, from: start)
            let end = newline ?? count
            if skipping {
                if newline != nil { skipping = false; nextLineNumber += 1 }
            } else if partial.count + (end - start) > maximumLineBytes {
                warnings.append(MetricWarning(line: nextLineNumber,
                    message: "longer than \(maximumLineBytes) bytes: skipped"))
                partial.removeAll()
                if newline != nil { nextLineNumber += 1 } else { skipping = true }
            } else if let newline {
                var line = partial
                partial.removeAll(keepingCapacity: true)
                line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<newline]))
                if line.last == 0x0D { line.removeLast() }
                lines.append(FileLine(number: nextLineNumber, bytes: line))
                nextLineNumber += 1
            } else {
                partial.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
            }
            start = end + 1
        }
    }

    /// Feeds bytes from any collection (tests, small inputs).
    public mutating func feed<C: Collection<UInt8>>(_ bytes: C) -> (lines: [FileLine], warnings: [MetricWarning]) {
        var lines: [FileLine] = []
        var warnings: [MetricWarning] = []
        Array(bytes).withUnsafeBufferPointer { feed($0, into: &lines, warnings: &warnings) }
        return (lines, warnings)
    }

    private static func firstNewline(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            if bytes[i] == 0x0A { return i }
            i += 1
        }
        return nil
    }
}
