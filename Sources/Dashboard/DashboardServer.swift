import Foundation
import HTTPTypes
import Hummingbird

/// `hpo ui`: the dashboard over HTTP (Hummingbird). Every route is a GET (HEAD too); nothing
/// changes a run. Safe by default: it binds 127.0.0.1; any other address needs a token, and
/// then every request must carry it (`Authorization: Bearer …` or `?token=…`).
///
/// Routes:
///
///     GET /                                         the runs of the root
///     GET /runs/<run>                               the run's views, refreshed while it runs
///     GET /runs/<run>/live                          those views alone (X-Run-State: its state)
///     GET /runs/<run>/report.html                   the self-contained report
///     GET /runs/<run>/trials/<n>                    a trial's curve, metrics, log tails, artifacts
///     GET /runs/<run>/trials/<n>/logs/stdout|stderr the tail of a log, as text
///     GET /runs/<run>/trials/<n>/artifacts/<path>   an artifact file
public struct DashboardServer: Sendable {
    /// The run root.
    public var root: String
    /// The address to bind.
    public var host: String
    /// The port (0: any free one).
    public var port: Int
    /// The token every request must carry, if any.
    public var token: String?

    /// A server; `check()` says whether it may start.
    public init(root: String, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil) {
        self.root = root
        self.host = host
        self.port = port
        self.token = token
    }

    /// Refuses an address other than this machine's loopback without a token.
    public func check() throws(DashboardStartError) {
        let loopback = ["127.0.0.1", "localhost", "::1"]
        if !loopback.contains(host) && (token ?? "").isEmpty {
            throw .tokenNeeded(host: host)
        }
        if let token, token.count < 16 { throw .weakToken }
    }

    /// The routes, with the token check in front when there is a token.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        if let token { router.add(middleware: TokenMiddleware(token: token)) }
        let root = self.root
        let query = token.map { "?token=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        let site = DashboardSite(root: root, linkQuery: query)
        router.get("/") { _, _ in Self.html(site.runsPage()) }
        router.get("/runs/:run") { _, context in
            try Self.answer { () throws(DashboardError) in Self.html(try site.runPage(try Self.run(context))) }
        }
        router.get("/runs/:run/live") { _, context in
            try Self.answer { () throws(DashboardError) in
                let (content, state) = try site.runContent(try Self.run(context))
                var response = Self.html(content)
                response.headers[HTTPField.Name("X-Run-State")!] = state.rawValue
                return response
            }
        }
        router.get("/runs/:run/report.html") { _, context in
            try Self.answer { () throws(DashboardError) in Self.html(try site.report(try Self.run(context))) }
        }
        router.get("/runs/:run/trials/:trial") { _, context in
            try Self.answer { () throws(DashboardError) in
                Self.html(try site.trialPage(try Self.run(context), try Self.trial(context)))
            }
        }
        router.get("/runs/:run/trials/:trial/logs/:stream") { _, context in
            try Self.answer { () throws(DashboardError) in
                let (layout, _) = try site.open(try Self.run(context))
                let files = layout.trial(try Self.trial(context))
                let path: String
                switch context.parameters.get("stream") {
                case "stdout": path = files.stdout
                case "stderr": path = files.stderr
                default: throw .notFound("logs are stdout and stderr")
                }
                guard FileManager.default.fileExists(atPath: path) else { throw .notFound("no such log") }
                return Self.text(DashboardSite.tail(path, bytes: 256 * 1024), type: "text/plain; charset=utf-8")
            }
        }
        router.get("/runs/:run/trials/:trial/artifacts/**") { request, context in
            try Self.answer { () throws(DashboardError) in
                // Before any decoding: an encoded dot or slash in the raw path is refused outright.
                let raw = request.uri.path.lowercased()
                if raw.contains("%2e") || raw.contains("%2f") || raw.contains("%5c") || raw.contains("%00") {
                    throw .badPath("encoded dots, slashes and backslashes are not allowed")
                }
                let components = context.parameters.getCatchAll().map {
                    String($0).removingPercentEncoding ?? String($0)
                }
                let path = try site.artifact(try Self.run(context), try Self.trial(context), components)
                guard let data = FileManager.default.contents(atPath: path) else { throw .notFound("unreadable") }
                return Response(status: .ok, headers: [.contentType: Self.contentType(path)],
                                body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
        return router
    }

    /// Serves until the process is stopped (Ctrl-C, SIGTERM) or the task is cancelled;
    /// `onRunning` hears the port it listens on (the one chosen, with port 0).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try check()
        let app = Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "hpo"),
                              onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) })
        try await app.runService()
    }

    static func run(_ context: BasicRequestContext) throws(DashboardError) -> String {
        guard let name = context.parameters.get("run") else { throw .notFound("no run named") }
        return name
    }

    static func trial(_ context: BasicRequestContext) throws(DashboardError) -> Int {
        guard let text = context.parameters.get("trial"), let number = Int(text), number >= 0 else {
            throw .notFound("no such trial")
        }
        return number
    }

    /// Runs `body`, answering a `DashboardError` with its status and message.
    static func answer(_ body: () throws(DashboardError) -> Response) throws -> Response {
        do {
            return try body()
        } catch {
            let status: HTTPResponse.Status
            switch error {
            case .badPath: status = .badRequest
            case .notFound: status = .notFound
            case .unauthorized: status = .unauthorized
            }
            var response = text(error.description + "\n", type: "text/plain; charset=utf-8")
            response.status = status
            return response
        }
    }

    static func html(_ text: String) -> Response { Self.text(text, type: "text/html; charset=utf-8") }

    static func text(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "svg": "image/svg+xml"
        case "json": "application/json"
        case "txt", "log", "csv", "yaml", "yml", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}

/// Answers 401 to a request without the server's token.
struct TokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let bearer = request.headers[.authorization].map { $0 == "Bearer " + token } ?? false
        let query = request.uri.queryParameters.get("token") == token
        guard bearer || query else {
            return Response(status: .unauthorized, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: DashboardError.unauthorized.description + "\n")))
        }
        return try await next(request, context)
    }
}

/// Why `hpo ui` will not start.
public enum DashboardStartError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another address than the loopback without a token.
    case tokenNeeded(host: String)
    /// A token too short to resist guessing.
    case weakToken

    public var description: String {
        switch self {
        case .tokenNeeded(let host):
            "--host \(host) makes the dashboard reachable from other machines: give --token with a secret of 16 "
                + "characters or more (e.g. --token $(openssl rand -hex 16)); every request must then carry it"
        case .weakToken:
            "--token: use 16 characters or more (e.g. $(openssl rand -hex 16))"
        }
    }
}
