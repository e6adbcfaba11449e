import Engine
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import Testing

@Suite("GET /metrics (SRV-8)")
struct MetricsTests {
    static func app(keys: TestKeys?, metrics: Bool = true, deadline: Double = 60) throws -> some ApplicationProtocol {
        var configuration = Fixture.configuration(keys: keys, deadline: deadline)
        configuration.metrics = metrics
        return try CintelApplication.build(configuration, logger: Fixture.quietLogger)
    }

    /// The exposition text, after checking the status and media type.
    static func scrape(_ client: some TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/metrics", method: .get) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            return String(buffer: response.body)
        }
    }

    /// The sample lines (no comments) of the exposition.
    static func samples(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
    }

    @Test func requestsAreCountedByKnownEndpointAndStatusWithoutSecretsOrCustomerData() async throws {
        let keys = try TestKeys()
        let customer = "cust-7f3e-private"
        let valid = #"{"customers": [{"customer_id": "\#(customer)", "transactions": [{"date": "2025-01-01", "amount": 5}]}]}"#
        let invalid = #"{"bins": 1, "customers": []}"#
        try await Self.app(keys: keys).test(.router) { client in
            let calls: [(String, HTTPFields, String, HTTPResponse.Status)] = [
                ("/api/v1/ai/customer_rfm", keys.headers, valid, .ok),
                ("/api/v1/ai/customer_rfm", keys.headers, valid, .ok),
                ("/api/v1/ai/customer_rfm", keys.headers, invalid, .unprocessableContent),
                ("/api/v1/ai/no_such_\(customer)", keys.headers, valid, .notFound),
                ("/api/v1/ai/customer_rfm?customer=\(customer)", [.contentType: "application/json"], valid, .unauthorized),
            ]
            for (uri, headers, body, status) in calls {
                try await client.execute(uri: uri, method: .post, headers: headers, body: Fixture.body(body)) {
                    #expect($0.status == status, "\(uri)")
                }
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            let text = try await Self.scrape(client)
            let samples = Self.samples(text)
            for line in [
                #"cintel_http_requests_total{endpoint="customer_rfm",status="200"} 2"#,
                #"cintel_http_requests_total{endpoint="customer_rfm",status="422"} 1"#,
                #"cintel_http_requests_total{endpoint="customer_rfm",status="401"} 1"#,
                #"cintel_http_requests_total{endpoint="other",status="404"} 1"#,
                #"cintel_http_requests_total{endpoint="healthz",status="200"} 1"#,
                #"cintel_http_request_duration_seconds_count{endpoint="customer_rfm"} 4"#,
                #"cintel_http_request_duration_seconds_bucket{endpoint="customer_rfm",le="+Inf"} 4"#,
                // The 401's body was never read: only the two 200s' and the 422's bodies count.
                #"cintel_http_request_body_bytes_total{endpoint="customer_rfm"} \#(2 * valid.utf8.count + invalid.utf8.count)"#,
                #"cintel_http_request_body_bytes_count{endpoint="customer_rfm"} 4"#,
                #"cintel_computations_in_flight 0.0"#,
                #"cintel_rejected_requests_total{reason="overloaded"} 0"#,
                #"cintel_rejected_requests_total{reason="deadline_exceeded"} 0"#,
            ] {
                #expect(samples.contains(line), "\(line)\n\(text)")
            }
            #expect(samples.contains { $0.hasPrefix(#"cintel_http_request_duration_seconds_bucket{endpoint="customer_rfm",le="0.005"}"#) })
            #expect(samples.contains { $0.hasPrefix(#"cintel_http_request_duration_seconds_bucket{endpoint="customer_rfm",le="60.0"}"#) })
            #expect(text.contains("# TYPE cintel_http_request_duration_seconds histogram"))
            // No key, no customer id, no unknown path segment, no query; and scrapes are not requests.
            for secret in [keys.id, keys.secret, customer, "no_such", "?", #"endpoint="metrics""#] {
                #expect(!text.contains(secret), "\(secret)")
            }
        }
    }

    @Test func metricsNeedNoKeyAndAScrapeIsNotARequest() async throws {
        let keys = try TestKeys()
        try await Self.app(keys: keys).test(.router) { client in
            _ = try await Self.scrape(client)
            let text = try await Self.scrape(client)
            #expect(!text.contains("cintel_http_requests_total{"), "\(text)")
            try await client.execute(uri: "/metrics", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                let document = try Fixture.json(response.body)
                #expect(document[pointer: "/paths/~1metrics/get/operationId"] == .string("metrics"))
            }
        }
    }

    @Test func withoutTheFlagMetricsAreAnUnknownPath() async throws {
        try await Self.app(keys: nil, metrics: false).test(.router) { client in
            for method in [HTTPRequest.Method.get, .post] {
                try await client.execute(uri: "/metrics", method: method) { response in
                    #expect(response.status == .notFound)
                    let error = try Fixture.json(response.body)
                    #expect(error[pointer: "/error/code"] == .string("unknown_endpoint"))
                }
            }
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                let document = try Fixture.json(response.body)
                #expect(document[pointer: "/paths/~1metrics"] == nil)
            }
        }
    }

    @Test func rejectionsAreCountedByReason() async throws {
        let keys = try TestKeys()
        let heavy = Fixture.heavyRFMRequest(customers: 3_000)
        try await Self.app(keys: keys, deadline: 0.001).test(.router) { client in
            try await client.execute(uri: "/api/v1/ai/customer_rfm", method: .post, headers: keys.headers, body: heavy) {
                #expect($0.status == .serviceUnavailable)
            }
            let samples = Self.samples(try await Self.scrape(client))
            #expect(samples.contains(#"cintel_rejected_requests_total{reason="deadline_exceeded"} 1"#))
            #expect(samples.contains(#"cintel_rejected_requests_total{reason="overloaded"} 0"#))
            #expect(samples.contains(#"cintel_http_requests_total{endpoint="customer_rfm",status="503"} 1"#))
        }
    }
}
