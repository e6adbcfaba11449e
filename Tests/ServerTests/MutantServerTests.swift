import Conformance
import Engine
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing

/// Deliberately wrong servers on loopback: the conformance runner, over HTTP, must fail the fixtures that check
/// what each one breaks, naming the clauses.
@Suite("Deliberately wrong servers are caught over HTTP")
struct MutantServerTests {
    enum Defect: Sendable {
        case offByOneRecency
        case serverErrorOnBadInput
    }

    /// A minimal service over the engine with one defect, on an ephemeral port for the duration of `body`.
    static func withMutant<T: Sendable>(_ defect: Defect, _ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/api/v1/ai/:endpoint") { request, context -> Response in
            let name = try context.parameters.require("endpoint")
            let bytes = Array(buffer: try await request.body.collect(upTo: 128 << 20))
            guard let endpoint = Engine.Endpoint.named(name) else { return Self.json(CintelError.unknownEndpoint(name).body, status: 404) }
            do throws(CintelError) {
                var value = try endpoint.respondValue(to: bytes, context: ComputeContext())
                if defect == .offByOneRecency, name == "customer_rfm" {
                    value = Self.shiftRecency(value)
                }
                return Self.json(JSONWriter(pretty: false).bytes(value), status: 200)
            } catch {
                return Self.json(error.body, status: defect == .serverErrorOnBadInput ? 500 : error.status)
            }
        }
        let port = Mutex<Int?>(nil)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } }, logger: Fixture.quietLogger)
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: Fixture.quietLogger)
        let server = Task { try await group.run() }
        while port.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
        let result = try await body("http://127.0.0.1:\(port.withLock { $0! })")
        await group.triggerGracefulShutdown()
        try await server.value
        return result
    }

    static func json(_ bytes: [UInt8], status: Int) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func shiftRecency(_ value: JSONValue) -> JSONValue {
        guard case .object(var members) = value, let index = members.firstIndex(where: { $0.key == "customers" }),
            case .array(let rows) = members[index].value
        else { return value }
        members[index].value = .array(
            rows.map { row in
                guard case .object(var fields) = row, let day = fields.firstIndex(where: { $0.key == "recency_days" }),
                    case .number(let days) = fields[day].value
                else { return row }
                fields[day].value = .number(days + 1)
                return .object(fields)
            })
        return .object(members)
    }

    static func failures(_ url: String, filter: [String]) async throws -> [CaseResult] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let corpus = try FixtureCorpus(root: root.appendingPathComponent("fixtures"))
        var options = ConformanceRunner.Options()
        options.filters = filter
        let runner = ConformanceRunner(options: options)
        let target = HTTPTarget(baseURL: url, headers: [], timeoutSeconds: 300)
        let results = await runner.run(try runner.select(corpus.fixtures), on: target)
        try await target.shutdown()
        #expect(
            !results.contains { $0.outcome == .error }, "\(results.filter { $0.outcome == .error }.map { "\($0.fixture.id): \($0.reason ?? "")" })")
        return results.filter { $0.outcome == .fail }
    }

    @Test func offByOneRecencyFailsTheRFMFixtures() async throws {
        let failed = try await Self.withMutant(.offByOneRecency) { url in try await Self.failures(url, filter: ["rfm-*"]) }
        #expect(failed.count > 5)
        let clauses = Set(failed.flatMap { $0.findings.compactMap(\.clause) })
        #expect(clauses.contains("RFM-5"), "\(clauses.sorted())")
    }

    @Test func serverErrorsOnBadInputFailTheNegativeFixtures() async throws {
        let failed = try await Self.withMutant(.serverErrorOnBadInput) { url in try await Self.failures(url, filter: ["negative"]) }
        #expect(failed.count > 20)
        #expect(failed.allSatisfy { $0.findings.contains { $0.message == "wrong HTTP status" } })
    }
}
