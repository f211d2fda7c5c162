import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore
#if canImport(Glibc)
import Glibc

/// `RLIMIT_NOFILE`, which Glibc imports as an enum case.
private let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
#else
private let RLIMIT_NOFILE_VALUE = RLIMIT_NOFILE
#endif

/// `hpo ui`: the dashboard over HTTP (Hummingbird). Every route is a GET (HEAD too); nothing
/// changes a run. Safe by default: it binds 127.0.0.1; any other address needs a token, and
/// then every request must carry it (`Authorization: Bearer …` or `?token=…`).
///
/// Routes:
///
///     GET /                                         the runs of the root
///     GET /runs/<run>[?metric=M&sort=S&state=T&page=P] the run's views (a page of trials), refreshed while it runs
///     GET /runs/<run>/live[?…&since=V]              those views alone (X-Run-State, X-Run-Version); 204 when V is current
///     GET /compare?run=A&run=B…                     the runs compared (the runs list's checkboxes)
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
    /// How long a connection may stay without a request (or in the middle of sending one)
    /// before the server closes it. A page refreshing every 2 s keeps its connection.
    public var idleTimeout: Duration
    /// The most connections served at once; more wait, unaccepted, until one closes. Lowered
    /// further to fit the process's limit of open files (`connectionLimit`), so that idle
    /// clients cannot starve the server of the files it needs to read a run.
    public var maxConnections: Int

    /// A server; `check()` says whether it may start.
    public init(root: String, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
                idleTimeout: Duration = .seconds(10), maxConnections: Int = 128) {
        self.root = root
        self.host = host
        self.port = port
        self.token = token
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    /// Refuses an address other than this machine's loopback without a token.
    public func check() throws(DashboardStartError) {
        let loopback = ["127.0.0.1", "localhost", "::1"]
        if !loopback.contains(host) && (token ?? "").isEmpty {
            throw .tokenNeeded(host: host)
        }
        if let token, token.count < 16 { throw .weakToken }
    }

    /// The address to open in a browser: `http://HOST:PORT/`, the host in brackets when it
    /// is IPv6, and `?token=…` percent-encoded (a token may hold `+`, `&`, `/`, `=`).
    public static func address(host: String, port: Int, token: String?) -> String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return "http://\(shown):\(port)/" + (token.map { "?token=" + URLText.component($0) } ?? "")
    }

    /// The connections served at once: `maxConnections`, or fewer where the limit on open
    /// files is low. A request may hold its socket and about 6 files (a store's database,
    /// WAL and shared memory, for up to two connections, and the file it serves); 64 files
    /// are kept for the rest of the process.
    public static func connectionLimit(_ maxConnections: Int, openFiles: Int) -> Int {
        max(1, min(maxConnections, (openFiles - 64) / 8))
    }

    /// The limit on open files this process has now (soft limit).
    static var openFileLimit: Int {
        var limit = rlimit()
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0 else { return 1024 }
        return Int(clamping: limit.rlim_cur)  // RLIM_INFINITY, all ones, clamps to Int.max
    }

    /// The routes, behind the security headers and, when there is a token, its check.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: SecurityHeadersMiddleware())
        if let token { router.add(middleware: TokenMiddleware(token: token)) }
        let site = DashboardSite(root: root, linkQuery: token.map { "?token=" + URLText.component($0) } ?? "")
        router.get("/") { _, _ in Self.html(site.runsPage()) }
        router.get("/compare") { request, _ in
            try Self.answer { () throws(DashboardError) in
                Self.html(try site.comparePage(URLText.formValues(request.uri.query, "run")))
            }
        }
        router.get("/runs/:run") { request, context in
            try Self.answer { () throws(DashboardError) in
                Self.html(try site.runPage(try Self.run(context), metric: Self.metric(request),
                                           trials: TrialPage(query: request.uri.query)))
            }
        }
        router.get("/runs/:run/live") { request, context in
            try Self.answer { () throws(DashboardError) in
                let answer = try site.live(try Self.run(context), metric: Self.metric(request),
                                           trials: TrialPage(query: request.uri.query),
                                           since: URLText.formValues(request.uri.query, "since").first)
                var response = answer.content.map { Self.html($0) } ?? Response(status: .noContent, headers: [.cacheControl: "no-store"])
                response.headers[HTTPField.Name("X-Run-State")!] = answer.state
                response.headers[HTTPField.Name("X-Run-Version")!] = answer.version
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
                let text = try site.logText(try Self.run(context), try Self.trial(context),
                                            URLText.decoded(context.parameters.get("stream") ?? ""), bytes: 256 * 1024)
                var response = Self.text(text, type: "text/plain; charset=utf-8")
                response.headers[.contentSecurityPolicy] = SecurityHeaders.filePolicy
                return response
            }
        }
        router.get("/runs/:run/trials/:trial/artifacts/**") { request, context in
            try Self.answer { () throws(DashboardError) in
                // Before any decoding: an encoded dot or slash in the raw path is refused outright.
                let raw = request.uri.path.lowercased()
                if raw.contains("%2e") || raw.contains("%2f") || raw.contains("%5c") || raw.contains("%00") {
                    throw .badPath("encoded dots, slashes and backslashes are not allowed")
                }
                let components = context.parameters.getCatchAll().map { URLText.decoded($0) }
                let file = try site.artifact(try Self.run(context), try Self.trial(context), components)
                let (type, inline) = FileResponse.type(components.last ?? "")
                return FileResponse.make(file, request: request, type: type,
                                         disposition: FileResponse.disposition(components.last ?? "file", inline: inline))
            }
        }
        return router
    }

    /// Serves until the process is stopped (Ctrl-C, SIGTERM) or the task is cancelled;
    /// `onRunning` hears the port it listens on (the one chosen, with port 0).
    /// - Throws: `DashboardStartError` when the address cannot be bound, else what the
    ///   server throws.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try check()
        let configuration = ApplicationConfiguration(address: .hostname(host, port: port), serverName: "hpo",
                                                     availableConnectionsDelegate: MaximumAvailableConnections(
                                                         Self.connectionLimit(maxConnections, openFiles: Self.openFileLimit)))
        let app = Application(router: router(), server: .http1(configuration: .init(idleTimeout: TimeAmount(idleTimeout))),
                              configuration: configuration,
                              onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) })
        do {
            try await app.runService()
        } catch let error as IOError {
            throw DashboardStartError(binding: error, host: host, port: port) ?? error
        }
    }

    /// The run named by the route, percent-decoded.
    static func run(_ context: BasicRequestContext) throws(DashboardError) -> String {
        guard let name = context.parameters.get("run") else { throw .notFound("no run named") }
        return URLText.decoded(name)
    }

    /// The metric the address picks (`?metric=`), if any.
    static func metric(_ request: Request) -> String? {
        URLText.formValues(request.uri.query, "metric").first
    }

    static func trial(_ context: BasicRequestContext) throws(DashboardError) -> Int {
        guard let text = context.parameters.get("trial"), let number = Int(URLText.decoded(text)), number >= 0 else {
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
            case .badPath, .badQuery: status = .badRequest
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
}
