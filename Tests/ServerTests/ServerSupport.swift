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

/// A key file in a temporary folder with one live key, for authenticated tests.
struct TestKeys {
    let path: String
    let id: String
    let secret: String

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cintel-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("keys.json").path
        var file = KeyFile()
        (id, secret) = file.add(label: "test")
        try file.save(path: path)
    }

    var headers: HTTPFields {
        [HTTPField.Name("X-Customer-Api-Id")!: id, HTTPField.Name("X-Secret")!: secret, .contentType: "application/json"]
    }
}

enum Fixture {
    static let today = Day(iso: "2025-04-24")!

    /// Connections stay open for minutes unless a test asks otherwise: on a loaded CI machine a test's client can be
    /// quiet for longer than the service's 30-s idle timeout (SRV-4), which only its own tests exercise.
    static func configuration(
        keys: TestKeys?, limits: Limits = .default, maxConcurrent: Int = 4, deadline: Double = 60, idleTimeout: Double = 300
    ) -> ServerConfiguration {
        ServerConfiguration(
            host: "127.0.0.1", port: 0, keysFile: keys?.path, limits: limits, maxConcurrentRequests: maxConcurrent, deadlineSeconds: deadline,
            idleTimeoutSeconds: idleTimeout, fixedToday: today)
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "cintel-test")
        logger.logLevel = .critical
        return logger
    }

    static func app(keys: TestKeys?, limits: Limits = .default, maxConcurrent: Int = 4, deadline: Double = 60) throws -> some ApplicationProtocol {
        try CintelApplication.build(configuration(keys: keys, limits: limits, maxConcurrent: maxConcurrent, deadline: deadline), logger: quietLogger)
    }

    static func body(_ value: JSONValue) -> ByteBuffer { ByteBuffer(bytes: JSONWriter(pretty: false).bytes(value)) }
    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    static func json(_ buffer: ByteBuffer) throws -> JSONValue { try JSONParser.parse(Array(buffer: buffer)) }

    /// A demo payload big enough to keep a debug build busy for a while.
    static func heavyRFMRequest(customers: Int) -> ByteBuffer {
        let retailer = DemoRetailer(customers: customers)
        let request = JSONValue.object([
            .init("today", .string(retailer.today.description)), .init("customers", OrderedJSONEncoder.encode(retailer.customers)),
        ])
        return body(request)
    }

    /// Runs the service on an ephemeral loopback port inside a service group, hands the port to `body`, then shuts
    /// the group down gracefully.
    static func withLiveServer<T: Sendable>(
        _ configuration: ServerConfiguration, _ body: @Sendable (Int, ServiceGroup) async throws -> T
    ) async throws -> T {
        let port = Mutex<Int?>(nil)
        let app = try CintelApplication.build(configuration, logger: quietLogger) { value in port.withLock { $0 = value } }
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: quietLogger)
        let server = Task { try await group.run() }
        while port.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
        do {
            let result = try await body(port.withLock { $0! }, group)
            await group.triggerGracefulShutdown()
            try await server.value
            return result
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await server.value
            throw error
        }
    }
}

extension JSONValue {
    subscript(pointer pointer: String) -> JSONValue? {
        var current: JSONValue? = self
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch current {
            case .object: current = current?[key]
            case .array(let elements): current = Int(token).flatMap { $0 < elements.count ? elements[$0] : nil }
            default: return nil
            }
        }
        return current
    }
}
