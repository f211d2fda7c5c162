import Foundation
import Testing

/// The help text, compared with golden files in Tests/hpoTests/Golden.
/// Regenerate them with `HPO_UPDATE_GOLDEN=1 swift test --filter HPOHelpTests`.
@Suite struct HPOHelpTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: [
        (["--help"], "hpo-help.txt"),
        (["run", "--help"], "run-help.txt"),
        (["search", "--help"], "search-help.txt"),
        (["resume", "--help"], "resume-help.txt"),
    ])
    func helpMatchesGolden(arguments: [String], file: String) throws {
        let r = try HPOProcess.run(arguments)
        #expect(r.status == 0)
        let url = Self.golden.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["HPO_UPDATE_GOLDEN"] == "1" {
            try r.stdout.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(r.stdout == expected, "regenerate with HPO_UPDATE_GOLDEN=1 if the change is intended")
    }
}
