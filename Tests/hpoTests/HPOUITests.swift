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

    /// Starts `hpo ui arguments…`, returns the first line it prints, and stops it.
    static func firstLine(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = HPOProcess.executable
        process.arguments = ["ui"] + arguments
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
        return String(text.split(separator: "\n").first ?? "")
    }

    @Test func portZeroServesOnAChosenPortAndSaysWhich() throws {
        let line = try Self.firstLine(["--port", "0", "--root", "/nonexistent/hpo-runs"])
        #expect(line.hasPrefix("hpo ui: http://127.0.0.1:"), "\(line)")
        let port = Int(line.dropFirst("hpo ui: http://127.0.0.1:".count).prefix { $0.isNumber })
        #expect((port ?? 0) > 0, "\(line)")
        #expect(line.hasSuffix("serving /nonexistent/hpo-runs (Ctrl-C stops it)"))
    }

    /// The address to paste, with a token holding `+&/=`: percent-encoded, so that it works.
    @Test func theAddressWithATokenIsPercentEncoded() throws {
        let line = try Self.firstLine(["--port", "0", "--token", "a+b&c/d=e0123456789", "--root", "/nonexistent/hpo-runs"])
        #expect(line.contains("/?token=a%2Bb%26c%2Fd%3De0123456789 serving"), "\(line)")
    }

    /// A port another process listens on: a sentence, and exit 1 (the machine's state, not
    /// the command, is in the way).
    @Test func aBusyPortIsSaidInASentence() throws {
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, length) == 0 && getsockname(holder, $0, &length) == 0 }
        }
        #expect(bound && listen(holder, 1) == 0)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let r = try HPOProcess.run(["ui", "--port", String(port), "--root", "/nonexistent/hpo-runs"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: port \(port) on 127.0.0.1 is already in use; pick another with --port, or --port 0 for a free one\n")
    }
}
