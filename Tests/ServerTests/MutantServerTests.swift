import Conformance
import Engine
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Reports
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
        /// DBSCAN run on the caller's raw units instead of the z-scores of SEG-18.
        case unscaledDBSCAN
        /// Segments 0 and 1 swapped in the labels, everything else left as computed.
        case swappedLabels
    }

    /// A minimal service over the engine with one defect, on an ephemeral port for the duration of `body`.
    static func withMutant<T: Sendable>(_ defect: Defect, _ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/api/v1/ai/:endpoint") { request, context -> Response in
            let name = try context.parameters.require("endpoint")
            let bytes = Array(buffer: try await request.body.collect(upTo: 128 << 20))
            guard let endpoint = EndpointCatalog.named(name) else { return Self.json(CintelError.unknownEndpoint(name).body, status: 404) }
            do throws(CintelError) {
                let answer = try await endpoint.answerOnComputeThread(to: bytes, context: ComputeContext(), pretty: false)
                guard answer.mediaType == EndpointAnswer.json, var value = try? JSONParser.parse(answer.bytes) else {
                    return Response(
                        status: .ok, headers: [.contentType: answer.mediaType], body: .init(byteBuffer: ByteBuffer(bytes: answer.bytes)))
                }
                if defect == .offByOneRecency, name == "customer_rfm" {
                    value = Self.shiftRecency(value)
                }
                if name == "purchasing_segmentation", defect == .unscaledDBSCAN {
                    value = Self.unscaledDBSCAN(value, request: (try? JSONParser.parse(bytes)) ?? .null)
                }
                if name == "purchasing_segmentation", defect == .swappedLabels {
                    value = Self.swapLabels(value)
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

    /// Rewrites the DBSCAN row as DBSCAN on unscaled features would have it.
    static func unscaledDBSCAN(_ value: JSONValue, request: JSONValue) -> JSONValue {
        let benchmark = request["customers"] != nil
        let rows = (request[benchmark ? "customers" : "data"]?.elements ?? []).map { row -> [Double] in
            if benchmark {
                let types = Set((row["product_types"]?.elements ?? []).compactMap(\.stringValue))
                return [row["frequency"]?.number ?? 0, row["amount_spent"]?.number ?? 0, Double(types.count)]
            }
            return PurchasingSegmentation.featureNames.map { row["features"]?[$0]?.number ?? 0 }
        }
        let eps = request["dbscan_eps"]?.number ?? 0.4
        let minSamples = Int(request["dbscan_min_samples"]?.number ?? 5)
        let raw = DBSCAN(FeatureMatrix(rows), eps: eps, minSamples: minSamples)
        let member = benchmark ? "benchmark" : "evaluation_metrics"
        return value.replacing(member) { table in
            .array(
                table.elements.map { row in
                    guard row[benchmark ? "algo" : "algorithm"]?.stringValue?.lowercased() == "dbscan" else { return row }
                    return row.replacing("n_clusters") { _ in .number(Double(raw.clusterCount)) }
                        .replacing("noise_ratio") { _ in .number(Double(raw.noiseCount) / Double(max(1, rows.count))) }
                })
        }
    }

    /// Swaps segments 0 and 1 in `labels` or `customer_labels`.
    static func swapLabels(_ value: JSONValue) -> JSONValue {
        func swapped(_ label: JSONValue) -> JSONValue {
            switch label.number {
            case 0: .number(1)
            case 1: .number(0)
            default: label
            }
        }
        if value["labels"] != nil {
            return value.replacing("labels") { labels in
                guard case .object(let members) = labels else { return labels }
                return .object(members.map { .init($0.key, swapped($0.value)) })
            }
        }
        return value.replacing("customer_labels") { rows in
            .array(rows.elements.map { row in row.replacing("cluster_id", swapped) })
        }
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

    @Test func unscaledDBSCANFailsTheSegmentationFixtures() async throws {
        // The fixtures whose answer involves DBSCAN's clusters (a debug build runs the whole corpus slowly).
        let filter = ["seg-edge-dbscan-*", "seg-generated-benchmark-120", "seg-spec-example-*"]
        let failed = try await Self.withMutant(.unscaledDBSCAN) { url in try await Self.failures(url, filter: filter) }
        #expect(failed.count >= 3, "\(failed.map(\.fixture.id))")
        #expect(failed.contains { $0.fixture.id == "seg-edge-dbscan-wins-border-and-noise" })
    }

    @Test func swappedLabelsFailTheSegmentationFixtures() async throws {
        let filter = ["seg-spec-example-*", "seg-edge-*", "seg-source-*"]
        let failed = try await Self.withMutant(.swappedLabels) { url in try await Self.failures(url, filter: filter) }
        #expect(failed.count >= 10, "\(failed.map(\.fixture.id))")
        #expect(failed.contains { $0.fixture.id == "seg-spec-example-benchmark-dialect" })
        #expect(failed.contains { $0.fixture.id == "seg-spec-example-features-dialect" })
    }

    @Test func serverErrorsOnBadInputFailTheNegativeFixtures() async throws {
        let failed = try await Self.withMutant(.serverErrorOnBadInput) { url in try await Self.failures(url, filter: ["negative"]) }
        #expect(failed.count > 20)
        #expect(failed.allSatisfy { $0.findings.contains { $0.message == "wrong HTTP status" } })
    }
}

extension JSONValue {
    var number: Double? { if case .number(let value) = self { value } else { nil } }

    /// The object with member `key`'s value replaced by `transform` of it (unchanged when absent).
    func replacing(_ key: String, _ transform: (JSONValue) -> JSONValue) -> JSONValue {
        guard case .object(var members) = self, let index = members.firstIndex(where: { $0.key == key }) else { return self }
        members[index].value = transform(members[index].value)
        return .object(members)
    }
}
