import Foundation
import Testing
import Execution
@testable import hpo

/// `--json` times (the writer itself: `ExecutionTests/JSONOutputTests`).
@Suite struct HPOJSONOutputTests {
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
