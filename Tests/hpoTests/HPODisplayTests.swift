import Testing
@testable import hpo

/// The compact formats of hpo's tables, and fitting a table to a width.
@Suite struct HPODisplayTests {
    @Test(arguments: [
        (0.0, "0ms"), (-3.0, "0ms"), (0.35, "350ms"), (0.9994, "999ms"), (0.9996, "1.0s"), (4.2, "4.2s"),
        (59.94, "59.9s"), (59.96, "1m00s"), (185, "3m05s"), (3599.4, "59m59s"), (3599.6, "1h00m"),
        (3723, "1h02m"), (86_369, "23h59m"), (86_371, "1d00h"), (96_000, "1d03h"), (1_000_000, "11d14h"),
    ])
    func durationsAreCompact(seconds: Double, text: String) {
        #expect(DisplayFormat.duration(seconds) == text)
    }

    @Test(arguments: [
        (0.41234567890123, "0.412346"), (1.23456789e-5, "1.23457e-05"), (123_456_789, "1.23457e+08"),
        (123_456, "123456"), (0.5, "0.5"), (100, "100"), (-2.5, "-2.5"), (Double.nan, "nan"), (-Double.infinity, "-inf"),
    ])
    func objectivesHaveSixSignificantDigits(value: Double, text: String) {
        #expect(DisplayFormat.number(value) == text)
    }

    @Test func cellsStayOnOneLine() {
        #expect(DisplayFormat.cell("  Traceback:\n\tValueError: bad\u{7}  input\r\n") == "Traceback: ValueError: bad input")
    }

    @Test func countsFollowTheLifecycle() {
        #expect(DisplayFormat.counts([.failed: 1, .succeeded: 8, .running: 2, .queued: 0]) == "2 running, 8 succeeded, 1 failed")
        #expect(DisplayFormat.counts([:]) == "no trials")
    }

    @Test func aTableThatFitsIsAlignedAndTrimmed() {
        var table = TextTable(columns: [.init(header: "trial", alignment: .right), .init(header: "name"),
                                        .init(header: "note", shrinkable: true)])
        table.rows = [["1", "a", ""], ["12", "bcd", "ok"]]
        let rendered = table.render(width: 100)
        #expect(rendered.lines == ["trial  name  note", "    1  a", "   12  bcd   ok"])
        #expect(rendered.truncated.isEmpty)
    }

    @Test func theWidestShrinkableColumnGivesWayFirst() {
        var table = TextTable(columns: [.init(header: "n", alignment: .right),
                                        .init(header: "path", shrinkable: true, minimumWidth: 6),
                                        .init(header: "note", shrinkable: true, minimumWidth: 6)])
        table.rows = [["1", "/a/very/long/path/to/data", "short"], ["2", "/b", "a note that is long too"]]
        // Natural width: 1 + 2 + 25 + 2 + 23 = 53; at 40 the path (widest) shrinks to 23
        // first, then the two take turns: 17 and 18.
        let rendered = table.render(width: 40)
        #expect(rendered.lines.allSatisfy { $0.count <= 40 })
        #expect(rendered.lines[1] == "1  /a/very/long/pat…  short")
        #expect(rendered.lines[2] == "2  /b                 a note that is lo…")
        #expect(rendered.truncated == [TextTable.Cell(row: 0, column: 1), TextTable.Cell(row: 1, column: 2)])
    }

    @Test func theFirstTierShrinksToItsMinimumBeforeTheNextTierShrinks() {
        var table = TextTable(columns: [.init(header: "name", shrinkable: true, minimumWidth: 6, tier: 1, cut: .middle),
                                        .init(header: "note", shrinkable: true, minimumWidth: 8)])
        table.rows = [["/datasets/imagenet/train", "pruned by the median rule"]]
        // Natural width 24 + 2 + 25 = 51; at 30 the note gives 17 characters (down to its
        // minimum of 8) before the name gives the last 4.
        let rendered = table.render(width: 30)
        #expect(rendered.lines[1] == "/datasets…enet/train  pruned …")
    }

    @Test func columnsNeverShrinkBelowTheirMinimum() {
        var table = TextTable(columns: [.init(header: "value", shrinkable: true, minimumWidth: 6), .init(header: "fixed")])
        table.rows = [["abcdefghijkl", "1234567890"]]
        let rendered = table.render(width: 10)
        #expect(rendered.lines == ["value   fixed", "abcde…  1234567890"])
    }

    @Test func numberRangesAreShort() {
        #expect(RunRoot.numberRanges([7, 1, 2, 3, 9, 10]) == "1–3, 7, 9–10")
        #expect(RunRoot.numberRanges([4]) == "4")
    }
}
