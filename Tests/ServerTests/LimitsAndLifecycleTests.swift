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
        let heavy = Fixture.heavyRFMRequest(customers: 5_000)
        let small = Fixture.heavyRFMRequest(customers: 2)
        let attempts = try await Fixture.withLiveServer(Fixture.configuration(keys: keys, maxConcurrent: 1)) { port, _ in
            // Two connections: HTTP/1.1 answers one connection's requests in turn. While the heavy request is unanswered,
            // small probes go out one after another; once the heavy one holds the only slot, a probe must get 503. A probe
            // may take the slot first, or the heavy computation may slip between probes on a busy machine: then the
            // attempt is repeated, so the test does not depend on thread scheduling.
            try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(300))) { heavyClient in
                try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(300))) { probe in
                    var attempts: [BoundAttempt] = []
                    while attempts.count < 10, !(attempts.last?.showsTheBound ?? false) {
                        let answered = Atomic<Bool>(false)
                        let inFlight = Task {
                            defer { answered.store(true, ordering: .releasing) }
                            return try await heavyClient.post("/api/v1/ai/customer_rfm", headers: keys.headers, body: heavy).head.status
                        }
                        var rejections: [String?] = []
                        while rejections.isEmpty, !answered.load(ordering: .acquiring) {
                            let response = try await probe.post("/api/v1/ai/customer_rfm", headers: keys.headers, body: small)
                            if response.head.status == .serviceUnavailable { rejections.append(response.head.headerFields[.retryAfter]) }
                        }
                        let heavyStatus = try await inFlight.value
                        // Once the heavy computation has ended, its slot is free again.
                        let afterwards = try await probe.post("/api/v1/ai/customer_rfm", headers: keys.headers, body: small).head.status
                        attempts.append(BoundAttempt(heavy: heavyStatus, rejections: rejections, afterwards: afterwards))
                    }
                    return attempts
                }
            }
        }
        #expect(attempts.last?.showsTheBound == true, "\(attempts)")
        #expect(attempts.allSatisfy { $0.afterwards == .ok && $0.rejections.allSatisfy { $0 == "1" } }, "\(attempts)")
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

/// One try at catching a request beyond the concurrency bound.
struct BoundAttempt: Sendable {
    var heavy: HTTPResponse.Status
    var rejections: [String?]
    var afterwards: HTTPResponse.Status

    /// The heavy request held the slot and a probe was turned away meanwhile.
    var showsTheBound: Bool { heavy == .ok && !rejections.isEmpty }
}
