/// A failure of a request itself, whichever interface carried it (command line, server, conformance runner): a
/// status, a stable code, a message and the list of problems (ERR-1, ERR-2). Failures of the HTTP exchange alone
/// (credentials, method, media type, concurrency, deadline) belong to the server (`ServiceError`). The code set is
/// closed and private so it can grow without breaking callers, who switch on `status` or compare with the static
/// values.
public struct CintelError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case malformedJSON = "malformed_json"
        case unknownEndpoint = "unknown_endpoint"
        case payloadTooLarge = "payload_too_large"
        case limitExceeded = "limit_exceeded"
        case invalidRequest = "invalid_request"
        case internalFailure = "internal_error"

        var status: Int {
            switch self {
            case .malformedJSON: 400
            case .unknownEndpoint: 404
            case .payloadTooLarge, .limitExceeded: 413
            case .invalidRequest: 422
            case .internalFailure: 500
            }
        }
    }

    private let kind: Code
    public let message: String
    public let problems: [Problem]

    private init(_ kind: Code, _ message: String, problems: [Problem] = []) {
        self.kind = kind
        self.message = message
        self.problems = problems
    }

    /// The HTTP status this error is answered with (ERR-2).
    public var status: Int { kind.status }
    /// The stable error code string (ERR-2).
    public var code: String { kind.rawValue }

    public var description: String {
        ([message] + problems.map { "  \($0)" }).joined(separator: "\n")
    }

    public static func malformedJSON(offset: Int, reason: String) -> CintelError {
        CintelError(
            .malformedJSON, "The body is not valid JSON: \(reason) at byte \(offset).",
            problems: [Problem(pointer: "", code: "malformed_json", message: "\(reason) at byte \(offset)")])
    }

    /// `total` counts problems found beyond those listed (ERR-4).
    public static func invalid(_ problems: [Problem], total: Int? = nil) -> CintelError {
        let count = max(total ?? 0, problems.count)
        let message =
            count == 1
            ? "The request has 1 problem."
            : count > problems.count
                ? "The request has \(count) problems; the first \(problems.count) are listed."
                : "The request has \(count) problems."
        return CintelError(.invalidRequest, message, problems: problems)
    }

    public static func limitExceeded(_ problems: [Problem]) -> CintelError {
        CintelError(.limitExceeded, "The request exceeds a size limit of this deployment.", problems: problems)
    }

    public static func payloadTooLarge(limit: Int?, bytes: Int? = nil) -> CintelError {
        let size = bytes.map { "The body has \($0) bytes; " } ?? "The body is too large; "
        return CintelError(.payloadTooLarge, size + (limit.map { "this deployment accepts at most \($0)." } ?? "this deployment refuses it."))
    }

    public static func unknownEndpoint(_ name: String) -> CintelError {
        CintelError(.unknownEndpoint, "There is no endpoint named '\(name)'.")
    }

    /// A defect: never the answer to bad input (ERR-2). The body says nothing about the cause; the log does.
    public static let internalFailure = CintelError(.internalFailure, "The service failed to answer; this is a defect.")

    /// The JSON error body (ERR-1).
    public var body: [UInt8] {
        JSONWriter().bytes(jsonValue)
    }

    package var jsonValue: JSONValue {
        ErrorBody.value(status: status, code: code, message: message, problems: problems)
    }
}

/// The one error body (ERR-1), which every interface writes: the engine's errors and the HTTP service's own.
package enum ErrorBody {
    package static func bytes(status: Int, code: String, message: String, problems: [Problem] = []) -> [UInt8] {
        JSONWriter().bytes(value(status: status, code: code, message: message, problems: problems))
    }

    static func value(status: Int, code: String, message: String, problems: [Problem]) -> JSONValue {
        .object([
            .init(
                "error",
                .object([
                    .init("status", .number(Double(status))),
                    .init("code", .string(code)),
                    .init("message", .string(message)),
                    .init(
                        "problems",
                        .array(
                            problems.map {
                                .object([
                                    .init("pointer", .string($0.pointer)), .init("code", .string($0.code)), .init("message", .string($0.message)),
                                ])
                            })),
                ]))
        ])
    }
}
