import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Server
import ServiceLifecycle
import Synchronization
import Testing

@Suite("Concurrency bound, deadline and graceful shutdown")
struct LimitsAndLifecycleTests {
    @Test func requestsBeyondTheConcurrencyBoundGet503WithRetryAfter() async throws {
        let keys = try TestKeys()
        let heavy = Fixture.heavyRFMRequest(customers: 3_000)
        let statuses = try await Fixture.withLiveServer(Fixture.configuration(keys: keys, maxConcurrent: 1)) { port, _ in
            // One connection per request: HTTP/1.1 answers a connection's requests in turn, never at once.
            try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(300))) { client in
                            let response = try await client.post("/api/v1/ai/customer_rfm", headers: keys.headers, body: heavy)
                            return (response.head.status, response.head.headerFields[.retryAfter])
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(statuses.contains { $0.0 == .ok })
        let rejected = statuses.filter { $0.0 == .serviceUnavailable }
        #expect(!rejected.isEmpty)
        #expect(rejected.allSatisfy { $0.1 == "1" })
    }

    @Test func computationsPastTheDeadlineAnswer503() async throws {
        let keys = try TestKeys()
        let heavy = Fixture.heavyRFMRequest(customers: 3_000)
        try await Fixture.app(keys: keys, deadline: 0.001).test(.router) { client in
            try await client.execute(uri: "/api/v1/ai/customer_rfm", method: .post, headers: keys.headers, body: heavy) { response in
                #expect(response.status == .serviceUnavailable)
                let error = try Fixture.json(response.body)
                #expect(error[pointer: "/error/code"] == .string("deadline_exceeded"))
            }
        }
    }

    @Test func gracefulShutdownFinishesTheRequestInFlight() async throws {
        let keys = try TestKeys()
        // Big enough that the computation is still running when shutdown starts, even on a loaded machine.
        let heavy = Fixture.heavyRFMRequest(customers: 5_000)
        let response = try await Fixture.withLiveServer(Fixture.configuration(keys: keys)) { port, group in
            // A loaded CI machine runs the other suites at the same time: allow minutes, not the default 15 s.
            try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(300))) { client in
                let inFlight = Task { try await client.post("/api/v1/ai/customer_rfm", headers: keys.headers, body: heavy) }
                try await Task.sleep(for: .milliseconds(400))
                await group.triggerGracefulShutdown()
                return try await inFlight.value
            }
        }
        #expect(response.head.status == .ok)
        let body = try Fixture.json(try #require(response.body))
        #expect(body["customers"]?.elementCount == 5_000)
    }
}

extension JSONValue {
    var elementCount: Int? { if case .array(let elements) = self { elements.count } else { nil } }
}
