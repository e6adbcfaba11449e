import Foundation
import Synchronization
import Testing

/// spec/service.md end to end: `cintel serve` as its own process, driven over plain sockets. A process of its own,
/// because in the test process other suites' computations share the cooperative pool the handlers would run on.
@Suite("cintel serve under pressure (SRV)", .serialized)
struct ServeUnderPressureTests {
    typealias Server = ConformCommandTests.Server

    /// SRV-1: 2N requests whose bodies complete at one instant: N are admitted, N refused at once with Retry-After.
    /// Each connection sends its request but the last byte; then every last byte goes out together.
    @Test func aBurstBeyondTheBoundGetsPrompt503s() throws {
        let bound = 2
        let server = try Server(arguments: ["--no-auth", "--max-concurrent", String(bound)])
        defer { server.stop() }
        let request = RawConnection.post(
            "/api/v1/ai/purchasing_segmentation", headers: ["Content-Type": "application/json"], body: Self.segmentationBody(customers: 3_000))
        let connections = try (0..<2 * bound).map { _ in try RawConnection(port: server.port) }
        for connection in connections { connection.send(request.dropLast()) }
        // Every head and body but one byte is in; the server has started none of them.
        Thread.sleep(forTimeInterval: 0.5)
        for connection in connections { connection.send(request.suffix(1)) }
        let answers = Self.concurrently(connections) { $0.response() }
        let statuses = answers.map { ($0.value?.status ?? 0, $0.value?.headers["retry-after"], $0.order) }
        #expect(statuses.filter { $0.0 == 200 }.count == bound, "\(statuses)")
        #expect(statuses.filter { $0.0 == 503 }.count == bound, "\(statuses)")
        #expect(statuses.filter { $0.0 == 503 }.allSatisfy { $0.1 == "1" })
        // The refusals come first: they did not wait for a computation.
        #expect(statuses.filter { $0.0 == 503 }.allSatisfy { $0.2 < bound }, "\(statuses)")
    }

    /// SRV-2, SRV-3: while every slot computes, /healthz answers (GET and HEAD) and /readyz says busy; once the work
    /// is done, /readyz says ready. Every probe is answered while the computations are still running.
    @Test func livenessAnswersWhileEverySlotComputes() throws {
        let server = try Server(arguments: ["--no-auth", "--max-concurrent", "2"])
        defer { server.stop() }
        let request = RawConnection.post(
            "/api/v1/ai/purchasing_segmentation", headers: ["Content-Type": "application/json"], body: Self.segmentationBody(customers: 4_000))
        let heavy = try (0..<2).map { _ in try RawConnection(port: server.port) }
        for connection in heavy { connection.send(request) }
        let finished = Atomic<Int>(0)
        let probes = Mutex<[(ready: Int, health: Int, head: Int, whileBusy: Bool)]>([])
        let probe = try RawConnection(port: server.port)
        let prober = Thread {
            var sawBusy = false
            for _ in 0..<500 where finished.load(ordering: .acquiring) == 0 && probes.withLock({ $0.count }) < 20 {
                probe.send(RawConnection.get("/readyz"))
                let ready = probe.response()?.status ?? 0
                sawBusy = sawBusy || ready == 503
                guard sawBusy else {
                    Thread.sleep(forTimeInterval: 0.02)
                    continue
                }
                probe.send(RawConnection.get("/healthz"))
                let health = probe.response()?.status ?? 0
                probe.send(RawConnection.get("/healthz", method: "HEAD"))
                let head = probe.headResponseStatus()
                let busy = finished.load(ordering: .acquiring) == 0
                probes.withLock { $0.append((ready, health, head, busy)) }
            }
        }
        prober.start()
        let statuses = Self.concurrently(heavy) { connection in
            defer { finished.add(1, ordering: .releasing) }
            return connection.response()?.status ?? 0
        }
        while prober.isExecuting { Thread.sleep(forTimeInterval: 0.01) }
        let after = try RawConnection(port: server.port)
        after.send(RawConnection.get("/readyz"))
        let seen = probes.withLock { $0 }
        #expect(statuses.map(\.value) == [200, 200])
        #expect(!seen.isEmpty, "the computations ended before a probe saw every slot busy")
        #expect(seen.allSatisfy { $0.health == 200 && $0.head == 200 }, "\(seen)")
        #expect(seen.filter(\.whileBusy).count >= 1, "\(seen)")
        #expect(after.response()?.status == 200)
    }

    /// SRV-4: silent connections and connections that trickle their head are closed after the idle timeout.
    @Test func idleAndSlowConnectionsAreClosed() throws {
        let server = try Server(arguments: ["--no-auth", "--idle-timeout-seconds", "1"])
        defer { server.stop() }
        let idle = try (0..<50).map { _ in try RawConnection(port: server.port) }
        let slow = try RawConnection(port: server.port)
        slow.send(Array("GET /healthz HTTP/1.1\r\nHost: x\r\n".utf8))
        let trickling = Atomic<Bool>(true)
        Thread {
            // One header byte every 200 ms: never silent for a second, never a whole head.
            for _ in 0..<150 where trickling.load(ordering: .relaxed) {
                guard slow.send(Array("X".utf8)) else { break }
                Thread.sleep(forTimeInterval: 0.2)
            }
        }.start()
        let idleClosed = Self.concurrently(idle) { $0.waitForClose(timeoutSeconds: 20) }.filter(\.value).count
        let slowClosed = slow.waitForClose(timeoutSeconds: 20)
        trickling.store(false, ordering: .relaxed)
        #expect(idleClosed == 50)
        #expect(slowClosed, "a connection trickling its head stayed open")
    }

    /// SRV-5: an oversized head gets 431 with the JSON error body.
    @Test func oversizedHeadersGet431WithTheErrorBody() throws {
        let server = try Server(arguments: ["--no-auth"])
        defer { server.stop() }
        let connection = try RawConnection(port: server.port)
        let filler = String(repeating: "a", count: 100 * 1024)
        connection.send(Array("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: \(filler)\r\n\r\n".utf8))
        let response = try #require(connection.response())
        #expect(response.status == 431)
        #expect(response.headers["content-type"] == "application/json")
        let error = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let body = try #require(error?["error"] as? [String: Any])
        #expect(body["code"] as? String == "headers_too_large")
        #expect(body["status"] as? Int == 431)
    }

    /// `work` for each connection, each on its own thread; the values in the order the threads finished.
    static func concurrently<T: Sendable>(_ connections: [RawConnection], _ work: @escaping @Sendable (RawConnection) -> T) -> [(
        value: T, order: Int
    )] {
        let results = Mutex<[(value: T, order: Int)]>([])
        let group = DispatchGroup()
        for connection in connections {
            group.enter()
            Thread {
                let value = work(connection)
                results.withLock { $0.append((value, $0.count)) }
                group.leave()
            }.start()
        }
        group.wait()
        return results.withLock { $0 }
    }

    /// A `purchasing_segmentation` body (the features dialect) of `customers` seeded rows: seconds of work in a debug
    /// build, spread over every core by the engine.
    static func segmentationBody(customers: Int, seed: UInt64 = 11) -> [UInt8] {
        var state = seed
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var rows: [String] = []
        for index in 0..<customers {
            let group = Double(index % 4)
            let features = [
                "purchase_total": 100 + 900 * group + 200 * next(), "visit_frequency": (2 + 5 * group + 3 * next()).rounded(),
                "avg_ticket": 20 + 30 * group + 10 * next(), "product_diversity": (1 + 3 * group + 2 * next()).rounded(),
                "loyalty_score": min(1, 0.2 * group + 0.2 * next()), "recency_days": (200 - 40 * group + 30 * next()).rounded(),
            ]
            let members = features.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
            rows.append("{\"customer_id\": \"C-\(index)\", \"features\": {\(members)}}")
        }
        return Array("{\"data\": [\(rows.joined(separator: ", "))]}".utf8)
    }

}
