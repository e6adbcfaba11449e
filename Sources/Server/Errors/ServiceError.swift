import Engine
import HTTPTypes
import Hummingbird

/// The failures only the HTTP service has (ERR-2): credentials, method, media type, header size, the concurrency
/// bound and the deadline. They answer with the one error body of ERR-1, as the engine's errors do, and are the
/// framework's `HTTPResponseError`s, so a handler or middleware may simply throw them.
struct ServiceError: HTTPResponseError, Equatable {
    enum Code: String, CaseIterable {
        case unauthorized
        case methodNotAllowed = "method_not_allowed"
        case unsupportedMediaType = "unsupported_media_type"
        case headersTooLarge = "headers_too_large"
        case overloaded
        case deadlineExceeded = "deadline_exceeded"
    }

    let code: Code
    let message: String

    var status: HTTPResponse.Status {
        switch code {
        case .unauthorized: .unauthorized
        case .methodNotAllowed: .methodNotAllowed
        case .unsupportedMediaType: .unsupportedMediaType
        case .headersTooLarge: .init(code: 431)
        case .overloaded, .deadlineExceeded: .serviceUnavailable
        }
    }

    /// The JSON error body (ERR-1), with no problems: these concern the request as a whole.
    var body: [UInt8] { ErrorBody.bytes(status: status.code, code: code.rawValue, message: message) }

    func response(from request: Request, context: some RequestContext) throws -> Response { response }

    var response: Response {
        var response = Routes.jsonResponse(body, status: status)
        // A 503 says when to come back (ERR-2).
        if status == .serviceUnavailable { response.headers[.retryAfter] = "1" }
        return response
    }

    static let unauthorized = ServiceError(code: .unauthorized, message: "Missing or invalid credentials.")
    static let methodNotAllowed = ServiceError(code: .methodNotAllowed, message: "This path does not answer that method; see the Allow header.")
    static let unsupportedMediaType = ServiceError(
        code: .unsupportedMediaType, message: "The body must be sent as application/json in UTF-8 (no charset parameter, or charset=utf-8).")
    static let headersTooLarge = ServiceError(
        code: .headersTooLarge, message: "The request's header fields are larger than this deployment accepts; send fewer or shorter headers.")
    static let overloaded = ServiceError(code: .overloaded, message: "The service is at its concurrency limit; retry later.")
    static func deadlineExceeded(seconds: Double) -> ServiceError {
        ServiceError(
            code: .deadlineExceeded,
            message: "The computation did not finish within this deployment's deadline of \(seconds) s; retry later or send less.")
    }
}
