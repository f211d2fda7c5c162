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

    /// A running `hpo ui`, started through `/bin/sh -c "PREFIX; exec hpo ui …"`, and the first
    /// line it printed.
    final class UI {
        let process = Process()
        private(set) var line = ""

        init(_ arguments: [String], shell prefix: String = ":") throws {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", prefix + "; exec \"$0\" ui \"$@\"", try #require(HPOProcess.executable).path] + arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            var text = ""
            let deadline = Date().addingTimeInterval(30)
            while !text.contains("\n") && Date() < deadline {
                let data = out.fileHandleForReading.availableData
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
            }
            line = String(text.split(separator: "\n").first ?? "")
        }

        /// The port of the printed address.
        var port: Int { Int(line.split(separator: ":").dropFirst(3).first?.prefix { $0.isNumber } ?? "") ?? 0 }

        deinit {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Starts `hpo ui arguments…`, returns the first line it prints, and stops it.
    static func firstLine(_ arguments: [String]) throws -> String {
        try UI(arguments).line
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

    /// A port another `hpo ui` listens on: a sentence, and exit 1 (the machine's state, not
    /// the command, is in the way).
    @Test func aBusyPortIsSaidInASentence() throws {
        let first = try UI(["--port", "0", "--root", "/nonexistent/hpo-runs"])
        #expect(first.port > 0, "\(first.line)")
        let r = try HPOProcess.run(["ui", "--port", String(first.port), "--root", "/nonexistent/hpo-runs"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: port \(first.port) on 127.0.0.1 is already in use; pick another with --port, "
                + "or --port 0 for a free one\n")
    }

    /// Under a limit of 256 open files, 300 connections that never send a byte (from Python,
    /// over loopback): hpo ui serves at most (256 − 64) / 8 = 24 at once and closes each after
    /// a second idle, so a request for a run's page behind them all is answered. Without the
    /// idle timeout the server ran out of files and never answered again. (The run's two
    /// objectives are one ulp apart, whose chart axes once looped: its page answers too.)
    @Test func manyIdleConnectionsDoNotStopTheDashboard() throws {
        let dir = try HPOReportTests.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try HPOReportTests.makeRun(in: dir)
        let ui = try UI(["--port", "0", "--idle-timeout", "1", "--root", dir + "/R"], shell: "ulimit -n 256")
        #expect(ui.port > 0, "\(ui.line)")
        let client = """
            import socket, sys
            port = int(sys.argv[1])
            idle = [socket.create_connection(("127.0.0.1", port), timeout=90) for _ in range(300)]
            s = socket.create_connection(("127.0.0.1", port), timeout=90)
            s.sendall(b"GET /runs/t HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n")
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
            print(answer.split(b"\\r\\n")[0].decode())
            """
        let r = try HPOReportTests.bounded(command: ["python3", "-c", client, String(ui.port)], in: dir, seconds: 120)
        #expect(r.status == 0 && r.stdout == "HTTP/1.1 200 OK\n", "\(r.stdout) \(r.stderr)")
    }
}
