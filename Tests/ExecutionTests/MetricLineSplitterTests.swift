import Testing
@testable import Execution

@Suite("Line splitter")
struct MetricLineSplitterTests {
    @Test("a partial line is kept until its newline arrives")
    func partial() {
        var splitter = LineSplitter()
        var out = splitter.feed(Array(#"{"loss": 0."#.utf8))
        #expect(out.lines.isEmpty)
        #expect(splitter.pendingByteCount == 11)
        out = splitter.feed(Array("41}\n{\"lo".utf8))
        #expect(out.lines.map(\.text) == [#"{"loss": 0.41}"#])
        #expect(out.lines.map(\.number) == [0])
        out = splitter.feed(Array("ss\": 2}\n".utf8))
        #expect(out.lines.map(\.text) == [#"{"loss": 2}"#])
        #expect(out.lines.map(\.number) == [1])
    }

    @Test("many lines in one chunk, CRLF ends, empty lines numbered")
    func many() {
        var splitter = LineSplitter()
        let out = splitter.feed(Array("a\r\nb\n\nc\n".utf8))
        #expect(out.lines.map(\.text) == ["a", "b", "", "c"])
        #expect(out.lines.map(\.number) == [0, 1, 2, 3])
    }

    @Test("an oversize line is skipped with one warning and the stream resynchronizes at the next newline")
    func oversize() {
        var splitter = LineSplitter(maximumLineBytes: 16)
        var out = splitter.feed(Array("ok\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 20))
        #expect(out.lines.map(\.text) == ["ok"])
        #expect(out.warnings.count == 1)
        #expect(out.warnings.first?.line == 1)
        #expect(splitter.pendingByteCount == 0)       // not buffering the rest
        out = splitter.feed(Array(repeating: UInt8(ascii: "x"), count: 1000))
        #expect(out.lines.isEmpty && out.warnings.isEmpty)
        #expect(splitter.pendingByteCount == 0)
        out = splitter.feed(Array("xx\nnext\n".utf8))
        #expect(out.lines.map(\.text) == ["next"])
        #expect(out.lines.map(\.number) == [2])
    }

    @Test("an oversize line that arrives whole is skipped too")
    func oversizeWhole() {
        var splitter = LineSplitter(maximumLineBytes: 4)
        let out = splitter.feed(Array("12345\n123\n".utf8))
        #expect(out.lines.map(\.text) == ["123"])
        #expect(out.lines.map(\.number) == [1])
        #expect(out.warnings.count == 1)
    }

    @Test("reset forgets the partial line and restarts numbering")
    func reset() {
        var splitter = LineSplitter()
        _ = splitter.feed(Array("a\nb".utf8))
        splitter.reset()
        let out = splitter.feed(Array("c\n".utf8))
        #expect(out.lines == [FileLine(number: 0, "c")])
    }
}
