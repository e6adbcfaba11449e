import Engine
import HTTPTypes
import Hummingbird
import NIOCore

/// Turns every failure into the one JSON error body of ERR-1: our own errors as they are, the framework's 404 and 413
/// in our shape, and anything else as a logged 500 (a defect by ERR-2, never an answer to bad input).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Whether `GET /metrics` is served, so that other methods on it are a 405 rather than a 404.
    var metricsRoute = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as CintelError {
            return Self.response(for: error)
        } catch let error as ServiceError {
            return error.response
        } catch let error as HTTPError where error.status == .notFound {
            // The router has no route for this method and path: a path that exists with other methods is a 405.
            if let allowed = Routes.allowedMethods(forPath: request.uri.path, metrics: metricsRoute) {
                var response = ServiceError.methodNotAllowed.response
                response.headers[.allow] = allowed
                return response
            }
            return Self.response(for: .unknownEndpoint(request.uri.path))
        } catch is NIOTooManyBytesError {
            return Self.response(for: .payloadTooLarge(limit: nil))
        } catch {
            context.logger.error("unhandled error", metadata: ["error.type": "\(type(of: error))"])
            return Self.response(for: .internalFailure)
        }
    }

    /// The engine's error with its status (ERR-2); the engine never answers 503, so no Retry-After.
    static func response(for error: CintelError) -> Response {
        Routes.jsonResponse(error.body, status: .init(code: error.status))
    }
}
