import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import Server

@Suite("Concurrency bound, deadline and graceful shutdown over HTTP")
struct LimitsAndLifecycleTests {
    private let body = Fixture.heavyRFMRequest(customers: 2)
    /// Other suites beside this one can starve the server's handlers for a while; what is checked here is what
    /// happens, not when.
    private let patient = TestClient.Configuration(timeout: .seconds(600))

    private func configuration(_ keys: TestKeys, held: HeldComputation, clock: ManualDeadlineClock = ManualDeadlineClock(), deadline: Double = 60)
        -> ServerConfiguration
    {
        var configuration = Fixture.configuration(keys: keys, maxConcurrent: 1, deadline: deadline)
        configuration.computation = held
        configuration.deadlineClock = clock
        return configuration
    }

    @Test func aRequestBeyondTheBoundGets503WithRetryAfterWhileTheSlotIsHeld() async throws {
        let keys = try TestKeys()
        let held = HeldComputation()
        let (first, refused, afterwards) = try await Fixture.withLiveServer(configuration(keys, held: held)) { port, _ in
            try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: patient) { holder in
                try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: patient) { probe in
                    let inFlight = Task { try await holder.post("/api/v1/ai/customer_rfm", headers: keys.headers, body: body) }
                    #expect(await held.waitUntilStarted())
                    let refused = try await probe.post("/api/v1/ai/customer_rfm", headers: keys.headers, body: body)
                    held.release()
                    let first = try await inFlight.value
                    held.release()  // for the next request
                    let afterwards = try await probe.post("/api/v1/ai/customer_rfm", headers: keys.headers, body: body)
                    return (first, refused, afterwards)
                }
            }
        }
        #expect(refused.head.status == .serviceUnavailable)
        #expect(refused.head.headerFields[.retryAfter] == "1")
        #expect(try Fixture.json(try #require(refused.body))[pointer: "/error/code"] == .string("overloaded"))
        #expect(first.head.status == .ok)
        #expect(first.body.map { Array(buffer: $0) } == HeldComputation.answerBytes)
        #expect(afterwards.head.status == .ok)
    }

    @Test func aComputationPastTheDeadlineIsAnswered503() async throws {
        let keys = try TestKeys()
        let held = HeldComputation()
        let clock = ManualDeadlineClock()
        let response = try await Fixture.withLiveServer(configuration(keys, held: held, clock: clock, deadline: 60)) { port, _ in
            try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: patient) { client in
                let inFlight = Task { try await client.post("/api/v1/ai/customer_rfm", headers: keys.headers, body: body) }
                #expect(await held.waitUntilStarted())
                clock.advance(seconds: 60.5)
                let response = try await inFlight.value
                held.release()
                return response
            }
        }
        #expect(response.head.status == .serviceUnavailable)
        #expect(try Fixture.json(try #require(response.body))[pointer: "/error/code"] == .string("deadline_exceeded"))
    }

    @Test func gracefulShutdownFinishesTheRequestInFlight() async throws {
        let keys = try TestKeys()
        let held = HeldComputation()
        let response = try await Fixture.withLiveServer(configuration(keys, held: held)) { port, group in
            try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: patient) { client in
                let inFlight = Task { try await client.post("/api/v1/ai/customer_rfm", headers: keys.headers, body: body) }
                // Shutdown starts while the computation is known to be running, and only then may it end.
                #expect(await held.waitUntilStarted())
                await group.triggerGracefulShutdown()
                held.release()
                return try await inFlight.value
            }
        }
        #expect(response.head.status == .ok)
        #expect(response.body.map { Array(buffer: $0) } == HeldComputation.answerBytes)
    }

    @Test func theEngineAnswersThroughTheGate() async throws {
        // The default computation is the engine's: a real request still computes its answer.
        let keys = try TestKeys()
        let response = try await Fixture.withLiveServer(Fixture.configuration(keys: keys)) { port, _ in
            try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: patient) { client in
                try await client.post("/api/v1/ai/customer_rfm", headers: keys.headers, body: Fixture.heavyRFMRequest(customers: 50))
            }
        }
        #expect(response.head.status == .ok)
        #expect(try Fixture.json(try #require(response.body))["customers"]?.elementCount == 50)
    }
}
