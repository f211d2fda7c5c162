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

    /// Under a limit of 256 open files, 300 connections that never send a byte: hpo ui serves
    /// at most (256 − 64) / 8 = 24 at once and closes each after a second idle, so a request
    /// for a run's page behind them all is answered. Without the cap the server ran out of
    /// files and answered nothing; without the idle timeout the first 24 held it for good.
    @Test func manyIdleConnectionsDoNotStopTheDashboard() throws {
        let dir = try HPOReportTests.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try HPOReportTests.makeRun(in: dir)
        let ui = try UI(["--port", "0", "--idle-timeout", "1", "--root", dir + "/R"], shell: "ulimit -n 256")
        #expect(ui.port > 0, "\(ui.line)")
        let idle = (0..<300).compactMap { _ in Self.connect(ui.port) }
        defer { idle.forEach { close($0) } }
        #expect(idle.count == 300)
        let answer = try Self.get("/runs/t", port: ui.port)
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer.prefix(200))")
    }

    /// A TCP connection to 127.0.0.1:`port` whose reads give up after 90 s; nil if refused.
    static func connect(_ port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 90, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if connected == 0 { return fd }
        close(fd)
        return nil
    }

    /// The whole answer to `GET target`, as text ("" when none came in time).
    static func get(_ target: String, port: Int) throws -> String {
        let fd = try #require(connect(port))
        defer { close(fd) }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
