import Testing
@testable import Execution

@Suite("JSON parser for metric lines")
struct MetricJSONParserTests {
    @Test("objects keep member order and tell integers from reals")
    func objects() throws {
        let value = try JSONParser.parse(#"{"b": 1, "a": 1.0, "c": -2e3, "d": true, "e": null, "f": "x\"y", "g": [1, {"h": []}]}"#)
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.0) == ["b", "a", "c", "d", "e", "f", "g"])
        #expect(members[0].1 == .number(1, integer: 1))
        #expect(members[1].1 == .number(1, integer: nil))
        #expect(members[2].1 == .number(-2000, integer: nil))
        #expect(members[3].1 == .bool(true))
        #expect(members[4].1 == .null)
        #expect(members[5].1 == .string("x\"y"))
    }

    @Test("Python's NaN, Infinity and -Infinity are numbers")
    func nonFinite() throws {
        guard case .array(let values) = try JSONParser.parse("[NaN, Infinity, -Infinity]") else { Issue.record(); return }
        guard case .number(let a, _) = values[0], case .number(let b, _) = values[1], case .number(let c, _) = values[2] else {
            Issue.record(); return
        }
        #expect(a.isNaN)
        #expect(b == .infinity)
        #expect(c == -.infinity)
    }

    @Test("escapes, surrogate pairs and lone surrogates")
    func strings() throws {
        #expect(try JSONParser.parse(#""a\n\t\u00e9\ud83d\ude00\/""#) == .string("a\n\té😀/"))
        #expect(try JSONParser.parse(#""\ud800x""#) == .string("\u{FFFD}x"))
    }

    @Test("invalid UTF-8 inside a string becomes U+FFFD, not an error")
    func invalidUTF8() throws {
        let bytes: [UInt8] = Array(#"{"lo"#.utf8) + [0xFF, 0xFE] + Array(#"ss": 1}"#.utf8)
        guard case .object(let members) = try JSONParser.parse(bytes) else { Issue.record(); return }
        #expect(members[0].0 == "lo\u{FFFD}\u{FFFD}ss")
    }

    @Test("malformed texts are refused with a position",
          arguments: ["", "{", "{\"a\" 1}", "{\"a\": 1,}", "[1 2]", "01", "1.", "-", "nan", "inf", "{'a': 1}",
                      "{\"a\": 1} x", "\"unterminated", "{\"a\": tru}", "\"ctl\u{01}\"", "+1", ".5", "1e"])
    func malformed(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test("deep nesting is refused instead of overflowing the stack")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
        let ok = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        #expect((try? JSONParser.parse(ok)) != nil)
    }
}
