import Dashboard
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real `hpo ui` server on a free port of 127.0.0.1, and plain HTTP/1.1 requests to it
/// over a socket: the tests speak to the server exactly as a browser does, byte for byte
/// (no client library that would normalize a hostile path first).
final class LiveDashboard: @unchecked Sendable {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
        /// The body as bytes (chunked transfer decoded).
        var bytes: [UInt8] = []
    }

    /// How long a test waits for any answer: past it a request fails instead of hanging.
    static let patience: Int = 60

    private var task: Task<Void, Error>?
    private(set) var port = 0

    /// Starts `server` (its port replaced by 0) and waits until it listens.
    init(_ server: DashboardServer) async throws {
        var server = server
        server.port = 0
        let ready = AsyncStream<Int>.makeStream()
        task = Task { try await server.run { port in ready.continuation.yield(port) } }
        for await port in ready.stream {
            self.port = port
            break
        }
    }

    deinit { task?.cancel() }

    /// Stops the server.
    func stop() async {
        task?.cancel()
        _ = try? await task?.value
    }

    /// Sends `method target` with `headers` exactly as given and reads the whole response
    /// (off the concurrency pool, see `blocking`).
    /// With `headOnly`, reads the status line and headers only and then hangs up (for a body
    /// too large to read in a test).
    func request(_ target: String, method: String = "GET", headers: [String: String] = [:],
                 headOnly: Bool = false) async throws -> Response {
        let port = self.port
        return try await Self.blocking { try Self.exchange(port: port, target, method: method, headers: headers, headOnly: headOnly) }
    }

    /// Runs `body`, which blocks in socket calls, on a thread of its own: blocking one of the
    /// few threads of Swift's concurrency pool (two on a two-core machine, shared by tests
    /// running in parallel) would starve the servers, whose handlers run there too.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    static func exchange(port: Int, _ target: String, method: String, headers: [String: String],
                         headOnly: Bool = false) throws -> Response {
        let connection = try Connection(port: port)
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        try connection.send(text)
        var received: [UInt8] = []
        let separator = Array("\r\n\r\n".utf8)
        while let chunk = try connection.receive() {
            received += chunk
            if headOnly, received.count >= 4, (0...(received.count - 4)).contains(where: { Array(received[$0..<$0 + 4]) == separator }) {
                break
            }
        }
        return try Self.parse(received)
    }

    /// A plain TCP connection to 127.0.0.1 whose reads give up after `patience` seconds.
    final class Connection: @unchecked Sendable {
        let fd: Int32

        init(port: Int, patience: Int = LiveDashboard.patience) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            var timeout = timeval(tv_sec: patience, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                Glibc.close(fd)
                throw POSIXError(.ECONNREFUSED)
            }
        }

        deinit { Glibc.close(fd) }

        func send(_ text: String) throws {
            let bytes = Array(text.utf8)
            guard bytes.withUnsafeBytes({ Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
                throw POSIXError(.EIO)
            }
        }

        /// Sends a GET of `target` that keeps the connection open, and reads its answer (which
        /// must carry a Content-Length).
        func get(_ target: String) throws -> LiveDashboard.Response {
            try send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            var received: [UInt8] = []
            while true {
                if let head = String(decoding: received, as: UTF8.self).range(of: "\r\n\r\n") {
                    let response = try LiveDashboard.parse(received)
                    let length = Int(response.headers["content-length"] ?? "") ?? 0
                    let headBytes = String(decoding: received, as: UTF8.self)[..<head.upperBound].utf8.count
                    if received.count >= headBytes + length { return response }
                }
                guard let chunk = try receive() else { throw POSIXError(.ECONNRESET) }
                received += chunk
            }
        }

        /// Closes the connection now.
        func close() { shutdown(fd, Int32(SHUT_RDWR)) }

        /// The next bytes; nil when the server closed the connection.
        /// - Throws: `POSIXError(.ETIMEDOUT)` when nothing came within the patience.
        func receive() throws -> [UInt8]? {
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { throw POSIXError(.ETIMEDOUT) }
            if count <= 0 { return nil }
            return Array(buffer[0..<count])
        }
    }

    /// Status, headers (lower-cased names) and body, chunked transfer decoded.
    static func parse(_ bytes: [UInt8]) throws -> Response {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = (0...(max(0, bytes.count - 4))).first(where: { Array(bytes[$0..<min($0 + 4, bytes.count)]) == separator })
        else { throw POSIXError(.EBADMSG) }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let status = head.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw POSIXError(.EBADMSG)
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[(end + 4)...])
        if headers["transfer-encoding"] == "chunked" {
            var decoded: [UInt8] = []
            var i = 0
            while i < body.count {
                guard let lineEnd = (i..<body.count - 1).first(where: { body[$0] == 13 && body[$0 + 1] == 10 }),
                      let size = Int(String(decoding: body[i..<lineEnd], as: UTF8.self), radix: 16), size > 0 else { break }
                decoded += body[(lineEnd + 2)..<(lineEnd + 2 + size)]
                i = lineEnd + 2 + size + 2
            }
            body = decoded
        }
        return Response(status: status, headers: headers, body: String(decoding: body, as: UTF8.self), bytes: body)
    }
}
