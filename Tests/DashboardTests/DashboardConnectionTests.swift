import Dashboard
import Execution
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Connections to a real server over loopback sockets: idle ones are closed, at most
/// `maxConnections` are served at once, and the server answers however many sit idle.
/// Each waits for a condition with a bound (a socket read timeout), never for a fixed time.
@Suite struct DashboardConnectionTests {
    typealias Fixture = DashboardHTTPTests.Fixture

    static func server(_ f: Fixture, idle: Duration, cap: Int) -> DashboardServer {
        DashboardServer(root: f.root, idleTimeout: idle, maxConnections: cap)
    }

    @Test func anIdleConnectionIsClosed() async throws {
        let f = try Fixture()
        let live = try await LiveDashboard(Self.server(f, idle: .seconds(1), cap: 16))
        defer { Task { await live.stop() } }
        let port = live.port
        let silent = try await LiveDashboard.blocking { try LiveDashboard.Connection(port: port, patience: 30).receive() }
        #expect(silent == nil, "the server closes a connection that sent nothing")
        let kept = try await LiveDashboard.blocking {
            let connection = try LiveDashboard.Connection(port: port, patience: 30)
            return (try connection.get("/").status, try connection.receive())
        }
        #expect(kept.0 == 200)
        #expect(kept.1 == nil, "and one that has been idle since its last answer")
    }

    /// Four connections served and kept alive fill a cap of 4: a fifth is not answered until
    /// one of them closes (checked for 2 s: a wait that can only let a missing cap pass
    /// unnoticed on a very slow machine, never fail a working one), then it is.
    @Test func connectionsBeyondTheCapWaitForOneToClose() async throws {
        let f = try Fixture()
        let live = try await LiveDashboard(Self.server(f, idle: .seconds(600), cap: 4))
        defer { Task { await live.stop() } }
        let port = live.port
        let (before, after) = try await LiveDashboard.blocking {
            let kept = try (0..<4).map { _ in try LiveDashboard.Connection(port: port) }
            for connection in kept { guard try connection.get("/").status == 200 else { throw POSIXError(.EPROTO) } }
            let waiting = try LiveDashboard.Connection(port: port, patience: 2)
            try waiting.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let before = Result { try waiting.receive() }
            kept[0].close()
            var received: [UInt8] = []
            var waits = 0
            while waits < LiveDashboard.patience / 2 {
                do {
                    guard let chunk = try waiting.receive() else { break }
                    received += chunk
                } catch {
                    waits += 1
                }
            }
            return (before, try LiveDashboard.parse(received).status)
        }
        #expect(throws: POSIXError(.ETIMEDOUT)) { _ = try before.get() }
        #expect(after == 200)
    }

    /// 200 connections that never send a byte, against a cap of 32 and an idle timeout of 1 s:
    /// the server closes them as they idle, and a request behind them is answered.
    @Test func manyIdleConnectionsDoNotStopTheServer() async throws {
        let f = try Fixture()
        let live = try await LiveDashboard(Self.server(f, idle: .seconds(1), cap: 32))
        defer { Task { await live.stop() } }
        let port = live.port
        let idle = try await LiveDashboard.blocking { try (0..<200).map { _ in try LiveDashboard.Connection(port: port) } }
        let r = try await live.request("/runs/r1")
        #expect(r.status == 200)
        _ = idle
    }

    /// The cap leaves each served connection about 8 files, and 64 to the rest of hpo.
    @Test func theCapFitsTheOpenFileLimit() {
        #expect(DashboardServer.connectionLimit(128, openFiles: 20_000) == 128)
        #expect(DashboardServer.connectionLimit(128, openFiles: 1024) == 120)
        #expect(DashboardServer.connectionLimit(128, openFiles: 256) == 24)
        #expect(DashboardServer.connectionLimit(128, openFiles: 16) == 1)
        #expect(DashboardServer.connectionLimit(128, openFiles: .max) == 128)
    }

    /// A port another socket listens on: a sentence, not errno 98.
    @Test func aBusyPortIsSaidInASentence() async throws {
        let f = try Fixture()
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
        await #expect(throws: DashboardStartError.portInUse(host: "127.0.0.1", port: port)) {
            try await DashboardServer(root: f.root, port: port).run()
        }
        #expect(DashboardStartError.portInUse(host: "127.0.0.1", port: 8080).description
                == "port 8080 on 127.0.0.1 is already in use; pick another with --port, or --port 0 for a free one")
    }
}
