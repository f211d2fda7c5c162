import Foundation
import HTTPTypes
import Hummingbird

/// A file as an HTTP answer, streamed from its open descriptor in chunks (never the whole
/// file in memory, whatever its size), with `Content-Length`, `Accept-Ranges`, an entity tag
/// and `Last-Modified`, single byte ranges (206, or 416), and `If-Range`.
enum FileResponse {
    /// Bytes read and written at a time.
    static let chunk = 256 * 1024

    /// The answer to `request` with `file`, of type `type`, with `disposition`
    /// (`attachment; filename=…`, or `inline`).
    static func make(_ file: ServedFile, request: Request, type: String, disposition: String) -> Response {
        var headers: HTTPFields = [.contentType: type, .contentDisposition: disposition, .acceptRanges: "bytes",
                                   .eTag: file.entityTag, .lastModified: httpDate(file.modified),
                                   .cacheControl: "no-store", .contentSecurityPolicy: SecurityHeaders.filePolicy]
        var range = ByteRange(header: request.headers[.range], size: file.size)
        // A range of another version of the file would splice two versions: send the whole.
        if let condition = request.headers[.ifRange], condition != file.entityTag, condition != headers[.lastModified] {
            range = .whole
        }
        switch range {
        case .whole:
            return Response(status: .ok, headers: headers, body: body(file, from: 0, count: file.size))
        case .part(let bytes):
            headers[.contentRange] = "bytes \(bytes.lowerBound)-\(bytes.upperBound)/\(file.size)"
            return Response(status: .partialContent, headers: headers,
                            body: body(file, from: bytes.lowerBound, count: bytes.upperBound - bytes.lowerBound + 1))
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(file.size)"
            return Response(status: .rangeNotSatisfiable, headers: headers, body: .init())
        }
    }

    /// `count` bytes of `file` from `start`, read off Swift's cooperative threads: a slow
    /// disk must not stall the server's other requests.
    static func body(_ file: ServedFile, from start: Int64, count: Int64) -> ResponseBody {
        ResponseBody(contentLength: Int(count)) { writer in
            var offset = start
            while offset < start + count {
                let bytes = await read(file, at: offset, count: Int(min(Int64(chunk), start + count - offset)))
                // The file shrank: end the connection rather than send a short body as whole.
                guard !bytes.isEmpty else { throw FileShrank() }
                try await writer.write(ByteBuffer(bytes: bytes))
                offset += Int64(bytes.count)
            }
            try await writer.finish(nil)
        }
    }

    static func read(_ file: ServedFile, at offset: Int64, count: Int) async -> [UInt8] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: file.read(at: offset, count: count)) }
        }
    }

    /// The file got shorter while it was being sent.
    struct FileShrank: Error {}

    /// `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110's IMF-fixdate).
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    /// The type of a file from its extension, and whether a browser may show it in place:
    /// only raster images of the common kinds; anything else (SVG and HTML included, which
    /// could run script) is a download.
    static func type(_ path: String) -> (type: String, inline: Bool) {
        switch (path as NSString).pathExtension.lowercased() {
        case "png": ("image/png", true)
        case "jpg", "jpeg": ("image/jpeg", true)
        case "gif": ("image/gif", true)
        case "webp": ("image/webp", true)
        case "svg": ("image/svg+xml", false)
        case "json": ("application/json", false)
        case "txt", "log", "csv", "yaml", "yml", "md": ("text/plain; charset=utf-8", false)
        default: ("application/octet-stream", false)
        }
    }

    /// `inline`, or `attachment` with the file's name (an ASCII stand-in, and the exact name
    /// as RFC 8187 UTF-8).
    static func disposition(_ path: String, inline: Bool) -> String {
        if inline { return "inline" }
        let name = (path as NSString).lastPathComponent
        let plain = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" && $0.value != 0x7F
            ? Character($0) : "_" })
        return "attachment; filename=\"\(plain)\"; filename*=UTF-8''\(URLText.component(name))"
    }
}
