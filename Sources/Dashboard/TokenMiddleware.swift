import Hummingbird

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
