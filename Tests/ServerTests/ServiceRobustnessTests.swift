import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import Synchronization
import Testing

/// spec/service.md: the service under pressure, over real sockets.
@Suite("The service under pressure (SRV)")
struct ServiceRobustnessTests {
    /// SRV-1: 2N requests whose bodies complete at one instant: N are admitted, N refused at once with Retry-After.
    /// Each connection sends its request but the last byte; then every last byte goes out together.
    @Test func aBurstBeyondTheBoundGetsPrompt503s() async throws {
        let keys = try TestKeys()
        let bound = 2
        let request = RawConnection.post(
            "/api/v1/ai/purchasing_segmentation", headers: Self.headers(keys), body: Fixture.heavySegmentationRequest(customers: 3_000))
        let statuses = try await Fixture.withLiveServer(Fixture.configuration(keys: keys, maxConcurrent: bound)) { port, _ in
            try await offPool {
                let connections = try (0..<2 * bound).map { _ in try RawConnection(port: port) }
                for connection in connections { connection.send(request.dropLast()) }
                // Every head and body but one byte is in; the server has started none of them.
                Thread.sleep(forTimeInterval: 0.5)
                for connection in connections { connection.send(request.suffix(1)) }
                let answers = Mutex<[(status: Int, retryAfter: String?, order: Int)]>([])
                let order = Atomic<Int>(0)
                let done = DispatchGroup()
                for connection in connections {
                    done.enter()
                    startThread {
                        let response = connection.response()
                        let position = order.add(1, ordering: .relaxed).oldValue
                        answers.withLock { $0.append((response?.status ?? 0, response?.headers["retry-after"], position)) }
                        done.leave()
                    }
                }
                done.wait()
                return answers.withLock { $0 }
            }
        }
        #expect(statuses.filter { $0.status == 200 }.count == bound, "\(statuses)")
        #expect(statuses.filter { $0.status == 503 }.count == bound, "\(statuses)")
        #expect(statuses.filter { $0.status == 503 }.allSatisfy { $0.retryAfter == "1" })
        // The refusals come first: they did not wait for a computation.
        #expect(statuses.filter { $0.status == 503 }.allSatisfy { $0.order < bound }, "\(statuses)")
    }

    /// SRV-2, SRV-3: while every slot computes, /healthz answers (GET and HEAD) and /readyz says busy; once the work
    /// is done, /readyz says ready. Liveness must not wait for a computation: every probe here is answered while the
    /// computations are still running.
    @Test func livenessAnswersWhileEverySlotComputes() async throws {
        let keys = try TestKeys()
        let request = RawConnection.post(
            "/api/v1/ai/purchasing_segmentation", headers: Self.headers(keys), body: Fixture.heavySegmentationRequest(customers: 4_000))
        let (probes, heavy, after) = try await Fixture.withLiveServer(Fixture.configuration(keys: keys, maxConcurrent: 2)) { port, _ in
            try await offPool {
                let finished = Atomic<Int>(0)
                let done = DispatchGroup()
                let statuses = Mutex<[Int]>([])
                for _ in 0..<2 {
                    let connection = try RawConnection(port: port)
                    connection.send(request)
                    done.enter()
                    startThread {
                        let status = connection.response()?.status ?? 0
                        statuses.withLock { $0.append(status) }
                        finished.add(1, ordering: .releasing)
                        done.leave()
                    }
                }
                let probe = try RawConnection(port: port)
                var probes: [(health: Int, head: Int, ready: Int, whileBusy: Bool)] = []
                var sawBusy = false
                for _ in 0..<200 where finished.load(ordering: .acquiring) == 0 && probes.count < 20 {
                    probe.send(Array("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
                    let ready = probe.response()?.status ?? 0
                    sawBusy = sawBusy || ready == 503
                    guard sawBusy else {
                        Thread.sleep(forTimeInterval: 0.02)
                        continue
                    }
                    probe.send(Array("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
                    let health = probe.response()?.status ?? 0
                    probe.send(Array("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
                    let head = probe.headResponseStatus()
                    probes.append((health, head, ready, finished.load(ordering: .acquiring) == 0))
                }
                done.wait()
                probe.send(Array("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
                return (probes, statuses.withLock { $0 }, probe.response()?.status ?? 0)
            }
        }
        #expect(heavy == [200, 200])
        #expect(!probes.isEmpty, "the computations ended before a probe saw every slot busy")
        #expect(probes.allSatisfy { $0.health == 200 && $0.head == 200 }, "\(probes)")
        #expect(probes.filter(\.whileBusy).count >= 1, "\(probes)")
        #expect(after == 200)
    }

    /// SRV-4: silent connections and connections that trickle their head are closed after the idle timeout.
    @Test func idleAndSlowConnectionsAreClosed() async throws {
        let outcome = try await Fixture.withLiveServer(Fixture.configuration(keys: nil, idleTimeout: 0.5)) { port, _ in
            try await offPool {
                let idle = try (0..<50).map { _ in try RawConnection(port: port) }
                let slow = try RawConnection(port: port)
                slow.send(Array("GET /healthz HTTP/1.1\r\nHost: x\r\n".utf8))
                let trickling = Atomic<Bool>(true)
                startThread {
                    // One header byte every 100 ms keeps the read-idle timer from ever firing.
                    for _ in 0..<100 where trickling.load(ordering: .relaxed) {
                        guard slow.send(Array("X".utf8)) else { break }
                        Thread.sleep(forTimeInterval: 0.1)
                    }
                }
                let start = Date()
                let idleClosed = idle.map { $0.waitForClose(timeoutSeconds: 20) }
                let slowClosed = slow.waitForClose(timeoutSeconds: 20)
                trickling.store(false, ordering: .relaxed)
                return (idleClosed, slowClosed, Date().timeIntervalSince(start))
            }
        }
        #expect(outcome.0.allSatisfy { $0 }, "idle connections left open: \(outcome.0.filter { !$0 }.count)")
        #expect(outcome.1, "a connection trickling its head stayed open")
    }

    /// SRV-5: an oversized head gets 431 with the JSON error body.
    @Test func oversizedHeadersGet431WithTheErrorBody() async throws {
        let response = try await Fixture.withLiveServer(Fixture.configuration(keys: nil)) { port, _ in
            try await offPool {
                let connection = try RawConnection(port: port)
                let filler = String(repeating: "a", count: 100 * 1024)
                connection.send(Array("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: \(filler)\r\n\r\n".utf8))
                return connection.response()
            }
        }
        #expect(response?.status == 431)
        #expect(response?.headers["content-type"] == "application/json")
        let error = try JSONParser.parse(try #require(response?.body))
        #expect(error[pointer: "/error/code"] == .string("headers_too_large"))
        #expect(error[pointer: "/error/status"] == .number(431))
    }

    static func headers(_ keys: TestKeys) -> [String: String] {
        ["X-Customer-Api-Id": keys.id, "X-Secret": keys.secret, "Content-Type": "application/json"]
    }
}

extension RawConnection {
    /// The status of an answer to HEAD: a head with no body, whatever its Content-Length says.
    func headResponseStatus() -> Int {
        var bytes: [UInt8] = []
        var byte: [UInt8] = [0]
        while !bytes.ends(with: Array("\r\n\r\n".utf8)) {
            let count = byte.withUnsafeMutableBytes { recv(socketDescriptor, $0.baseAddress, 1, 0) }
            guard count == 1 else { return 0 }
            bytes.append(byte[0])
        }
        return Int(String(decoding: bytes, as: UTF8.self).split(separator: " ")[1]) ?? 0
    }
}

extension Array where Element: Equatable {
    fileprivate func ends(with suffix: [Element]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
