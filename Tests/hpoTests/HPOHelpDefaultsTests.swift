import Foundation
import Testing

/// Help texts say an option's default once: ArgumentParser adds `(default: …)` for every
/// option with a default value, so the help string must not say it too.
@Suite struct HPOHelpDefaultsTests {
    static let commands = ["run", "search", "status", "logs", "cancel", "resume", "best", "report", "ui", "clean", "artifacts"]

    @Test(arguments: commands)
    func noOptionStatesItsDefaultTwice(command: String) throws {
        let r = try HPOProcess.run([command, "--help"])
        #expect(r.status == 0)
        // Wrapped lines are joined, so a repeat split over two lines is found too.
        let text = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let repeated = try Regex(#"\(default: ([^)]*)\)\.? \(default: \1\)"#)
        #expect(text.firstMatch(of: repeated) == nil, "hpo \(command) --help repeats a default:\n\(r.stdout)")
    }
}
