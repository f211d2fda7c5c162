import Foundation
import Testing
@testable import Execution

/// hpo's one JSON writer: `--json` documents, the parameters run.db keeps, `HPO_PARAMS`.
@Suite struct JSONOutputTests {
    @Test func membersKeepTheirOrderAndNestingIsIndentedByTwo() {
        let value = JSONOutput.object([("z", .int(1)), ("a", .array([.bool(true), .null])), ("m", .object([])), ("e", .array([]))])
        #expect(value.text == """
            {
              "z": 1,
              "a": [
                true,
                null
              ],
              "m": {},
              "e": []
            }

            """)
    }

    @Test func realsKeepEveryDigitAndNonFiniteOnesAreNull() throws {
        let value = JSONOutput.array([.real(0.1), .real(1e-05), .real(0.41234567890123), .real(3), .real(.nan),
                                      .real(-.infinity), .unsigned(UInt64.max)])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(value.bytes)) as? [Any])
        #expect(parsed[0] as? Double == 0.1 && parsed[1] as? Double == 1e-05 && parsed[2] as? Double == 0.41234567890123)
        #expect(parsed[3] as? Double == 3 && parsed[4] is NSNull && parsed[5] is NSNull)
        #expect(value.text.contains("18446744073709551615"))
    }

    @Test func stringsAreEscaped() throws {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{7} delete \u{7F} ünïcode ✓"
        let value = JSONOutput.string(text)
        #expect(value.text == "\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 delete \\u007f ünïcode ✓\"\n")
        let parsed = try JSONSerialization.jsonObject(with: Data(value.bytes), options: .fragmentsAllowed) as? String
        #expect(parsed == text)
    }

    @Test func oneLineIsWrittenAsPythonsJSONDumpsWritesIt() {
        let value = JSONOutput.object([("lr", .real(1e-05)), ("x", .array([.int(1), .int(2)])), ("e", .object([])),
                                       ("nan", .real(.nan)), ("inf", .real(.infinity)), ("ninf", .real(-.infinity))])
        #expect(value.compactText == #"{"lr": 1e-05, "x": [1, 2], "e": {}, "nan": NaN, "inf": Infinity, "ninf": -Infinity}"#)
    }

    /// What a trial is given in `HPO_PARAMS` is what run.db keeps, byte for byte, and reads
    /// back as the same values: a NaN stays a number, DEL and control characters are escaped.
    @Test func hpoParamsAreTheStoredParameters() throws {
        let values: [(name: String, value: ParameterValue)] = [
            ("lr", .real(1e-05)), ("layers", .int(3)), ("x", .real(.nan)), ("big", .real(-.infinity)),
            ("opt", .string("a\"b\\c\n\u{7F}\u{1}é")), ("bn", .bool(false)),
        ]
        let configuration = Configuration(Dictionary(uniqueKeysWithValues: values.map { ($0.name, $0.value) }))
        let stored = ParameterJSON.encode(configuration, order: values.map(\.name))
        #expect(TrialEnvironment.json(values) == stored)
        #expect(stored == #"{"lr": 1e-05, "layers": 3, "x": NaN, "big": -Infinity, "opt": "a\"b\\c\n\u007f\u0001é", "bn": false}"#)
        let (read, order) = try #require(ParameterJSON.decode(stored))
        #expect(order == values.map(\.name))
        #expect(read["x"].map { "\($0)" } == "nan" && read["big"] == .real(-.infinity) && read["opt"] == values[4].value)
    }
}
