import Foundation
import Testing

/// `scripts/install.sh` puts a built `hpo` on PATH (the build itself, `swift build -c
/// release`, is left out here: it takes minutes and would contend for `.build` with the
/// test run).
@Suite struct InstallScriptTests {
    static func install(_ arguments: [String], path: String = "/usr/bin:/bin") throws -> (output: String, status: Int32) {
        let process = Process()
        process.executableURL = HPOProcess.root.appendingPathComponent("scripts/install.sh")
        process.arguments = arguments
        process.environment = ["PATH": path, "HOME": NSTemporaryDirectory()]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }

    @Test func theBinaryLandsInPrefixBinAndRunsFromThere() throws {
        let hpo = try #require(HPOProcess.executable)
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-install-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let r = try Self.install(["--binary", hpo.path, "--prefix", prefix])
        #expect(r.status == 0, "\(r.output)")
        #expect(FileManager.default.isExecutableFile(atPath: prefix + "/bin/hpo"))
        #expect(r.output.contains("installed \(prefix)/bin/hpo"))
        #expect(r.output.contains("\(prefix)/bin is not on PATH; add it"), "\(r.output)")
        // Installing again replaces it; with the directory on PATH nothing more is said.
        let again = try Self.install(["--binary", hpo.path, "--prefix", prefix], path: "\(prefix)/bin:/usr/bin:/bin")
        #expect(again.status == 0 && !again.output.contains("not on PATH"), "\(again.output)")
    }

    @Test func aMissingBinaryIsRefused() throws {
        let r = try Self.install(["--binary", "/nonexistent/hpo", "--prefix", NSTemporaryDirectory() + "never"])
        #expect(r.status == 2)
        #expect(r.output.contains("/nonexistent/hpo is not an executable"))
    }
}
