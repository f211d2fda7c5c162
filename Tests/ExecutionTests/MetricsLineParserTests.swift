import Testing
@testable import Execution

@Suite("Metrics file lines")
struct MetricsLineParserTests {
    func parse(_ text: String, number: Int = 0) -> (points: [MetricPoint], warning: MetricWarning?) {
        MetricsLineParser.points(in: FileLine(number: number, text))
    }

    @Test("every numeric member is a point at the given step")
    func basic() {
        let r = parse(#"{"step": 3, "val_loss": 0.41, "acc": 1}"#, number: 9)
        #expect(r.points == [MetricPoint(step: 3, name: "val_loss", value: 0.41), MetricPoint(step: 3, name: "acc", value: 1)])
        #expect(r.warning == nil)
    }

    @Test("without step the line number is the step")
    func implicitStep() {
        #expect(parse(#"{"loss": 2.5}"#, number: 7).points == [MetricPoint(step: 7, name: "loss", value: 2.5)])
    }

    @Test("an integral real step is accepted; a fractional one falls back to the line number with a warning")
    func steps() {
        #expect(parse(#"{"step": 4.0, "loss": 1}"#).points.first?.step == 4)
        let r = parse(#"{"step": 1.5, "loss": 1}"#, number: 2)
        #expect(r.points.first?.step == 2)
        #expect(r.warning != nil)
        #expect(parse(#"{"step": "x", "loss": 1}"#, number: 5).points.first?.step == 5)
    }

    @Test("NaN and infinities are kept as non-finite points")
    func nonFinite() {
        let r = parse(#"{"loss": NaN, "grad": Infinity, "neg": -Infinity}"#)
        #expect(r.points.count == 3)
        #expect(r.points[0].value.isNaN)
        #expect(r.points[1].value == .infinity)
        #expect(r.points[2].value == -.infinity)
    }

    @Test("non-numeric members are ignored silently")
    func nonNumeric() {
        let r = parse(#"{"phase": "train", "ok": true, "none": null, "list": [1], "nested": {"a": 1}, "loss": 0.5}"#)
        #expect(r.points == [MetricPoint(step: 0, name: "loss", value: 0.5)])
        #expect(r.warning == nil)
    }

    @Test("blank lines are skipped without a warning")
    func blank() {
        #expect(parse("").points.isEmpty && parse("").warning == nil)
        #expect(parse("  \t").warning == nil)
    }

    @Test("garbage and non-objects are warnings, never crashes",
          arguments: ["loss=0.3", "[1, 2]", "42", "\"text\"", "{\"loss\": }", "{\"loss\": 0.3", "\u{1}\u{2}binary"])
    func garbage(_ text: String) {
        let r = parse(text, number: 4)
        #expect(r.points.isEmpty)
        #expect(r.warning?.line == 4)
    }

    @Test("invalid UTF-8 in a line does not crash and warnings show it safely")
    func invalidUTF8() {
        let line = FileLine(number: 0, bytes: [0x7B, 0xFF, 0xC3, 0x28, 0x7D])
        let r = MetricsLineParser.points(in: line)
        #expect(r.points.isEmpty)
        #expect(r.warning != nil)
    }

    @Test("warnings stop after the limit with one last notice")
    func warningLimit() {
        var parser = MetricsLineParser(warningLimit: 3)
        let lines = (0..<10).map { FileLine(number: $0, "garbage \($0)") } + [FileLine(number: 10, #"{"loss": 1}"#)]
        let batch = parser.parse(lines)
        #expect(batch.warnings.count == 4)
        #expect(batch.warnings.last?.message.contains("not shown") == true)
        #expect(batch.points == [MetricPoint(step: 10, name: "loss", value: 1)])
        #expect(parser.parse([FileLine(number: 11, "more garbage")]).warnings.isEmpty)
    }

    @Test("warning text names the line (1-based) and shows the start of it")
    func warningText() {
        let w = parse("loss 0.3", number: 11).warning!
        #expect(w.description.hasPrefix("line 12: not JSON"))
        #expect(w.description.hasSuffix("loss 0.3"))
    }

    @Test("control characters of a junk line are escaped in its warning, C1 and DEL included")
    func controlCharactersEscaped() {
        let w = parse("\u{1B}]0;pwned\u{07}\u{1B}[2J \u{9B}31m \u{7F} \u{202E}txt", number: 0).warning!
        let text = w.description
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
        #expect(text.hasSuffix(#"\x1b]0;pwned\x07\x1b[2J \x9b31m \x7f \u{202e}txt"#))
    }

    @Test("a warning's description escapes control characters whatever made it")
    func descriptionEscapes() {
        #expect(MetricWarning(line: 2, message: "bad\u{1B}[31m\ttab").description == #"line 3: bad\x1b[31m\ttab"#)
    }

    @Test("a metric whose name holds control characters is skipped with a warning; the others are kept")
    func controlCharactersInAName() {
        let r = parse(#"{"\u001b[2Jloss": 1, "acc": 0.5}"#, number: 3)
        #expect(r.points == [MetricPoint(step: 3, name: "acc", value: 0.5)])
        #expect(r.warning?.description == #"line 4: the metric name "\x1b[2Jloss" holds control characters: skipped"#)
    }

    @Test("warnings from the tailer (an oversize line) count under the same limit")
    func tailerWarningsCount() {
        var parser = MetricsLineParser(warningLimit: 2)
        var batch = parser.parse([FileLine(number: 0, "junk")])
        parser.report(MetricWarning(line: 1, message: "longer than 1048576 bytes: skipped"), into: &batch)
        parser.report(MetricWarning(line: 2, message: "longer than 1048576 bytes: skipped"), into: &batch)
        #expect(batch.warnings.count == 3)
        #expect(batch.warnings.last?.message.contains("not shown") == true)
    }
}
