import Engine
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Reports
import Server
import Testing

@Suite("HTTP routes: happy paths and every error status")
struct EndpointRoutesTests {
    @Test func everyServedEndpointAnswersItsDocumentedExample() async throws {
        let keys = try TestKeys()
        try await Fixture.app(keys: keys).test(.router) { client in
            for (name, example, expected) in try Self.documentedExamples() {
                try await client.execute(uri: "/api/v1/ai/\(name)", method: .post, headers: keys.headers, body: Fixture.body(example)) {
                    #expect($0.status == .ok, "\(name)")
                    #expect($0.headers[.contentType] == "application/json")
                    // The server answers exactly what the engine (and `cintel run --compact`) answers.
                    #expect(Array(buffer: $0.body) == expected, "\(name)")
                }
            }
        }
    }

    /// The same over a real socket. Its client waits up to 300 s for a byte: on a two-core machine running the
    /// whole suite, other tests' computations can hold the cores longer than HummingbirdTesting's 20-s read timeout.
    @Test func everyServedEndpointAnswersItsDocumentedExampleOverTCP() async throws {
        let keys = try TestKeys()
        let examples = try Self.documentedExamples()
        try await Fixture.withLiveServer(Fixture.configuration(keys: keys)) { port, _ in
            try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(300))) { client in
                for (name, example, expected) in examples {
                    let response = try await client.post("/api/v1/ai/\(name)", headers: keys.headers, body: Fixture.body(example))
                    #expect(response.status == .ok, "\(name)")
                    #expect(response.headers[.contentType] == "application/json")
                    #expect(response.body.map { Array(buffer: $0) } == expected, "\(name)")
                }
            }
        }
    }

    /// Each served endpoint's documented request and the engine's compact answer to it.
    static func documentedExamples() throws -> [(name: String, example: JSONValue, expected: [UInt8])] {
        try EndpointCatalog.all.map { endpoint in
            let example = endpoint.documentedExample
            let expected = try endpoint.respond(to: JSONWriter().bytes(example), context: ComputeContext(today: Fixture.today), pretty: false)
            return (endpoint.name, example, expected)
        }
    }

    @Test func healthAndOpenAPIAreOpenToAll() async throws {
        let keys = try TestKeys()
        try await Fixture.app(keys: keys).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                let document = try Fixture.json(response.body)
                #expect(document["openapi"] == .string("3.1.0"))
                #expect(document[pointer: "/paths/~1api~1v1~1ai~1customer_rfm/post/operationId"] == .string("customer_rfm"))
                // Every served endpoint, the report packs included, with the report's three media types (REP-8).
                let report = "/paths/~1api~1v1~1ai~1segmentation_report/post/responses/200/content"
                #expect(document[pointer: report + "/text~1html/schema/type"] == .string("string"))
                #expect(document[pointer: report + "/application~1xml/schema/type"] == .string("string"))
                #expect(document[pointer: "/paths/~1api~1v1~1ai~1segmentation_report_json_i18n/post/operationId"] != nil)
            }
        }
    }

    static func status(_ client: some TestClientProtocol, _ uri: String, method: HTTPRequest.Method = .post, headers: HTTPFields, body: String)
        async throws -> (HTTPResponse.Status, JSONValue?)
    {
        try await client.execute(uri: uri, method: method, headers: headers, body: Fixture.body(body)) { response in
            (response.status, try? Fixture.json(response.body))
        }
    }

    @Test func errorStatusesUseTheOneErrorShape() async throws {
        let keys = try TestKeys()
        let limits = Limits(maxBodyBytes: 2_000, maxCustomers: 2)
        try await Fixture.app(keys: keys, limits: limits).test(.router) { client in
            let valid = #"{"customers": [{"customer_id": "A", "transactions": [{"date": "2025-01-01", "amount": 5}]}]}"#
            let cases: [(String, HTTPRequest.Method, HTTPFields, String, Int, String)] = [
                ("/api/v1/ai/customer_rfm", .post, keys.headers, "{", 400, "malformed_json"),
                ("/api/v1/ai/customer_rfm", .post, keys.headers, #"{"bins": 1, "customers": []}"#, 422, "invalid_request"),
                ("/api/v1/ai/no_such_endpoint", .post, keys.headers, valid, 404, "unknown_endpoint"),
                // A report asked for as HTML still fails in JSON (REP-8).
                ("/api/v1/ai/segmentation_report", .post, keys.headers, #"{"customers": [], "format": "html"}"#, 422, "invalid_request"),
                ("/api/v1/ai/customer_rfm", .get, keys.headers, "", 405, "method_not_allowed"),
                ("/api/v1/ai/customer_rfm", .trace, keys.headers, "", 405, "method_not_allowed"),
                ("/healthz", .post, [:], "", 405, "method_not_allowed"),
                ("/nowhere", .get, [:], "", 404, "unknown_endpoint"),
                ("/api/v1/ai/customer_rfm", .post, keys.headers.setting(.contentType, "text/plain"), valid, 415, "unsupported_media_type"),
                ("/api/v1/ai/customer_rfm", .post, keys.headers, String(repeating: " ", count: 3_000) + valid, 413, "payload_too_large"),
                (
                    "/api/v1/ai/customer_rfm", .post, keys.headers,
                    #"{"customers": [{"customer_id": "A", "transactions": [{"date": "2025-01-01", "amount": 5}]}, {"customer_id": "B", "transactions": [{"date": "2025-01-01", "amount": 5}]}, {"customer_id": "C", "transactions": [{"date": "2025-01-01", "amount": 5}]}]}"#,
                    413, "limit_exceeded"
                ),
            ]
            for (uri, method, headers, body, status, code) in cases {
                let (actual, error) = try await Self.status(client, uri, method: method, headers: headers, body: body)
                #expect(Int(actual.code) == status, "\(method) \(uri) \(code)")
                #expect(error?[pointer: "/error/code"] == .string(code), "\(method) \(uri)")
                #expect(error?[pointer: "/error/status"] == .number(Double(status)))
                #expect(error?[pointer: "/error/problems"] != nil)
            }
        }
    }

    @Test func methodNotAllowedNamesTheAllowedMethod() async throws {
        try await Fixture.app(keys: nil).test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .delete) { #expect($0.headers[.allow] == "GET") }
            try await client.execute(uri: "/api/v1/ai/customer_features", method: .put) { #expect($0.headers[.allow] == "POST") }
        }
    }

    @Test func charsetParameterIsAccepted() async throws {
        let keys = try TestKeys()
        try await Fixture.app(keys: keys).test(.router) { client in
            let body = #"{"customers": [{"customer_id": "A", "transactions": [{"date": "2025-01-01", "amount": 5}]}]}"#
            let (status, _) = try await Self.status(
                client, "/api/v1/ai/customer_rfm", headers: keys.headers.setting(.contentType, "application/json; charset=utf-8"), body: body)
            #expect(status == .ok)
        }
    }
}

extension HTTPFields {
    func setting(_ name: HTTPField.Name, _ value: String) -> HTTPFields {
        var copy = self
        copy[name] = value
        return copy
    }
}
