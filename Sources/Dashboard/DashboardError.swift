/// Why the dashboard answers a request with an error, for the person at the browser.
public enum DashboardError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 400: a path that tries to leave its directory (`..`, encoded dots or slashes, an
    /// absolute path).
    case badPath(String)
    /// 400: a query value the page does not know (`?page=0`, `?sort=size`).
    case badQuery(String)
    /// 404: no such run, trial or file (or a link leading out of the run).
    case notFound(String)
    /// 401: the server has a token and the request did not carry it.
    case unauthorized

    public var description: String {
        switch self {
        case .badPath(let why): "bad path: \(why)"
        case .badQuery(let why): "bad address: \(why)"
        case .notFound(let what): "not found: \(what)"
        case .unauthorized: "this dashboard needs its token: add ?token=… to the address, or send Authorization: Bearer …"
        }
    }
}
