import Engine
import HTTPTypes
import Hummingbird

/// GEN-3: `X-Customer-Api-Id` and `X-Secret` must name a live key. Every failure gets the same 401, whichever half
/// was wrong.
struct AuthenticationMiddleware<Context: RequestContext>: RouterMiddleware {
    let keys: KeyStore

    static var idHeader: HTTPField.Name { HTTPField.Name("X-Customer-Api-Id")! }
    static var secretHeader: HTTPField.Name { HTTPField.Name("X-Secret")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let id = request.headers[Self.idHeader] ?? ""
        let secret = request.headers[Self.secretHeader] ?? ""
        guard keys.authenticate(id: id, secret: secret) else { throw ServiceError.unauthorized }
        return try await next(request, context)
    }
}
