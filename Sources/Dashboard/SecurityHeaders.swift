import Execution
import Foundation
import HTTPTypes
import Hummingbird
import Report

/// The headers every answer of the dashboard carries, errors included:
///
/// - `Content-Security-Policy`: pages may run only the dashboard's own script and styles
///   (allowed by their SHA-256, so nothing injected into a page runs), fetch only from the
///   dashboard, send forms only to it (the runs list's compare form), and be framed by nobody; files (artifacts, logs) run nothing at all
///   (`sandbox`), so even an HTML or SVG file opened in the browser cannot reach the
///   dashboard's origin or the token in its URL;
/// - `X-Content-Type-Options: nosniff`: a browser takes each answer as its declared type;
/// - `Referrer-Policy: no-referrer`: an address with `?token=` is never sent on.
public enum SecurityHeaders {
    /// The policy of the dashboard's pages and the report it serves.
    public static let pagePolicy = "default-src 'none'; script-src \(hash(DashboardSite.liveScript)); "
        + "style-src \(hash(DashboardSite.style)) \(hash(ReportPage.css)); img-src 'self'; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// The policy of files: nothing runs, nothing loads but images.
    public static let filePolicy = "default-src 'none'; img-src 'self'; sandbox; frame-ancestors 'none'"

    /// Adds the headers; a policy already set (a file's) is kept.
    static func apply(to headers: inout HTTPFields) {
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = pagePolicy }
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
    }

    /// `'sha256-…'`: the CSP source that allows exactly the inline element whose text is `text`.
    static func hash(_ text: String) -> String {
        let hex = Array(SHA256.hex(text).utf8)
        let bytes = stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
        return "'sha256-\(Data(bytes).base64EncodedString())'"
    }
}

/// Puts `SecurityHeaders` on every response, and on the errors the router turns into one.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        SecurityHeaders.apply(to: &response.headers)
        return response
    }
}
