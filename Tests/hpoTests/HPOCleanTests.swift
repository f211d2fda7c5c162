import Foundation
import Testing

/// `hpo clean` never deletes outside the run: a trial that linked its artifacts or
/// checkpoints to scratch storage loses the link, never what it points to.
@Suite struct HPOCleanTests {
    /// The script: trial 1 (x = 2) swaps its artifacts directory for a link to `victim`.
    static func linkingRun(victim: String, linking directory: String = "HPO_ARTIFACTS_DIR") throws -> RunFixture {
        let fixture = RunFixture()
        let script = """
            echo "{\\"objective\\": $2}" >> "$HPO_METRICS_FILE"
            if [ "$2" = 2 ]; then rmdir "$\(directory)" && ln -s \(victim) "$\(directory)"; fi
            """
        let r = try HPOProcess.run(["search", "--name", "c", "--no-snapshot", "--", "/bin/sh", "-c", script, "sh",
                                    "--x", "[1, 2]"], in: fixture.directory)
        #expect(r.status == 0, "\(r.stderr)")
        return fixture
    }

    static func victim(in fixture: RunFixture) throws -> String {
        let victim = fixture.directory + "/victim"
        try FileManager.default.createDirectory(atPath: victim + "/sub", withIntermediateDirectories: true)
        try RunFixture.write("precious", to: victim + "/f")
        try RunFixture.write("precious too", to: victim + "/sub/g")
        return victim
    }

    @Test(arguments: ["HPO_ARTIFACTS_DIR", "HPO_CHECKPOINT_DIR"])
    func aLinkedDirectoryLosesTheLinkNotItsTarget(variable: String) throws {
        let holder = RunFixture()
        let victim = try Self.victim(in: holder)
        let fixture = try Self.linkingRun(victim: victim, linking: variable)
        let name = variable == "HPO_ARTIFACTS_DIR" ? "artifacts" : "checkpoints"
        let link = fixture.root + "/c/trials/1/\(name)"
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == victim)

        let dry = try HPOProcess.run(["clean", "c", "--keep-best", "1", "--dry-run"], in: fixture.directory)
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("would delete ./runs/c/trials/1/\(name) (a symbolic link to \(victim): the link only)"),
                "\(dry.stdout)")

        let r = try HPOProcess.run(["clean", "c", "--keep-best", "1"], in: fixture.directory)
        #expect(r.status == 0, "\(r.stderr)")
        #expect((try? String(contentsOfFile: victim + "/f", encoding: .utf8)) == "precious")
        #expect((try? String(contentsOfFile: victim + "/sub/g", encoding: .utf8)) == "precious too")
        // The link is gone; the trial's directory is back, empty, as the trial contract has it.
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == nil)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: link, isDirectory: &isDirectory) && isDirectory.boolValue)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: link)) == [])
    }

    @Test func aLinkInsideTheArtifactsIsRemovedAsALink() throws {
        let holder = RunFixture()
        let victim = try Self.victim(in: holder)
        let fixture = RunFixture()
        let script = """
            echo "{\\"objective\\": $2}" >> "$HPO_METRICS_FILE"
            ln -s \(victim) "$HPO_ARTIFACTS_DIR/data"; ln -s \(victim)/f "$HPO_CHECKPOINT_DIR/f"
            """
        let run = try HPOProcess.run(["search", "--name", "c", "--no-snapshot", "--", "/bin/sh", "-c", script, "sh",
                                      "--x", "[1, 2]"], in: fixture.directory)
        #expect(run.status == 0, "\(run.stderr)")
        let r = try HPOProcess.run(["clean", "c", "--keep-best", "1"], in: fixture.directory)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.root + "/c/trials/1/artifacts/data"))
        #expect((try? String(contentsOfFile: victim + "/f", encoding: .utf8)) == "precious")
        #expect((try? String(contentsOfFile: victim + "/sub/g", encoding: .utf8)) == "precious too")
    }
}
