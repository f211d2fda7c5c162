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
    }

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

    /// Sends `method target` with `headers` exactly as given and reads the whole response,
    /// on a thread of its own: blocking in `recv` on one of the few threads of Swift's
    /// concurrency pool would starve the server, whose handlers run there too.
    func request(_ target: String, method: String = "GET", headers: [String: String] = [:]) async throws -> Response {
        let port = self.port
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try Self.exchange(port: port, target, method: method, headers: headers) })
            }.start()
        }
    }

    static func exchange(port: Int, _ target: String, method: String, headers: [String: String]) throws -> Response {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == bytes.count else { throw POSIXError(.EIO) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return try Self.parse(received)
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
        return Response(status: status, headers: headers, body: String(decoding: body, as: UTF8.self))
    }
}
