import Engine
import HTTPTypes
import Testing

@testable import Server

/// The server's own failures write the one error body (ERR-1) with ERR-2's status and code, which the error schema
/// admits (SchemaTests checks the engine's errors against the whole schema).
@Suite("Errors of the HTTP service (ERR-1, ERR-2)")
struct ServiceErrorTests {
    static let all: [ServiceError] = [
        .unauthorized, .methodNotAllowed, .unsupportedMediaType, .headersTooLarge, .overloaded, .deadlineExceeded(seconds: 1),
    ]

    @Test func everyCodeHasItsStatusAndTheOneBody() throws {
        #expect(Set(Self.all.map(\.code)) == Set(ServiceError.Code.allCases))
        let statuses = Dictionary(uniqueKeysWithValues: Self.all.map { ($0.code.rawValue, $0.status.code) })
        #expect(
            statuses == [
                "unauthorized": 401, "method_not_allowed": 405, "unsupported_media_type": 415, "headers_too_large": 431, "overloaded": 503,
                "deadline_exceeded": 503,
            ])
        let schema = EndpointSchemas.error
        let codes = schema[pointer: "/properties/error/properties/code/enum"]?.elements ?? []
        let allowedStatuses = schema[pointer: "/properties/error/properties/status/enum"]?.elements ?? []
        for error in Self.all {
            #expect(codes.contains(.string(error.code.rawValue)), "\(error.code) is not in the error schema")
            #expect(allowedStatuses.contains(.number(Double(error.status.code))), "\(error.status.code) is not in the error schema")
            let body = try JSONParser.parse(error.body)
            guard case .object(let members)? = body["error"] else {
                Issue.record("no error object")
                continue
            }
            #expect(members.map(\.key) == ["status", "code", "message", "problems"])
            #expect(body[pointer: "/error/status"]?.numberValue == Double(error.status.code))
            #expect(body[pointer: "/error/code"] == .string(error.code.rawValue))
            #expect(body[pointer: "/error/problems"] == .array([]))
        }
    }

    @Test func unavailableAnswersSayWhenToComeBack() {
        #expect(ServiceError.overloaded.response.headers[.retryAfter] == "1")
        #expect(ServiceError.unauthorized.response.headers[.retryAfter] == nil)
    }
}
