import Foundation
import Testing

/// The help of the commands that read and steer runs, compared with golden files.
/// Regenerate them with `HPO_UPDATE_GOLDEN=1 swift test --filter HPORunCommandsHelpTests`.
@Suite struct HPORunCommandsHelpTests {
    @Test(arguments: ["status", "logs", "cancel", "best", "tag", "compare"])
    func helpMatchesGolden(command: String) throws {
        let r = try HPOProcess.run([command, "--help"])
        #expect(r.status == 0)
        try HPOStatusTests.expectGolden(r.stdout, "\(command)-help.txt")
    }
}
