import Foundation
import Testing
@testable import hpo

/// The `--json` writer: ordered members, exact numbers, strict JSON.
@Suite struct HPOJSONOutputTests {
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

    @Test(arguments: [
        (1_750_000_000.0, "2025-06-15T15:06:40.000Z"),
        (1_750_000_010.3839998, "2025-06-15T15:06:50.384Z"),
        (1_750_000_010.9996, "2025-06-15T15:06:51.000Z"),
        (0.0, "1970-01-01T00:00:00.000Z"),
        (-0.25, "1969-12-31T23:59:59.750Z"),
        (951_782_400.5, "2000-02-29T00:00:00.500Z"),
    ])
    func timesAreUTCWithMilliseconds(seconds: Double, text: String) {
        guard case .string(let written) = JSONOutput.time(Date(timeIntervalSince1970: seconds)) else {
            Issue.record("not a string")
            return
        }
        #expect(written == text)
    }
}
