import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `hpo ui` from the command line: the host rule, and a server that says where it listens.
@Suite struct HPOUITests {
    @Test func anotherHostWithoutATokenIsRefused() throws {
        let r = try HPOProcess.run(["ui", "--host", "0.0.0.0", "--root", "/nonexistent/hpo-runs"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: --host 0.0.0.0 makes the dashboard reachable from other machines: give --token"))
    }

    @Test func portZeroServesOnAChosenPortAndSaysWhich() throws {
        let process = Process()
        process.executableURL = HPOProcess.executable
        process.arguments = ["ui", "--port", "0", "--root", "/nonexistent/hpo-runs"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("\n") && Date() < deadline {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("hpo ui: http://127.0.0.1:") })
        let port = Int(line.dropFirst("hpo ui: http://127.0.0.1:".count).prefix { $0.isNumber })
        #expect((port ?? 0) > 0, "\(line)")
        #expect(line.hasSuffix("serving /nonexistent/hpo-runs (Ctrl-C stops it)"))
    }
}
