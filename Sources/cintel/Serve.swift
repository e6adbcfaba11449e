import ArgumentParser
import Engine
import Foundation
import Hummingbird
import Logging
import Server

/// `cintel serve`: the HTTP service. Options fall back to CINTEL_* environment variables; SIGINT/SIGTERM finish
/// in-flight requests before exiting; SIGHUP re-reads the key file.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve every endpoint over HTTP.")

    @Option(help: "Address to listen on (env CINTEL_HOST).")
    var host: String = ProcessInfo.processInfo.environment["CINTEL_HOST"] ?? "127.0.0.1"

    @Option(help: "Port to listen on (env CINTEL_PORT).")
    var port: Int = Int(ProcessInfo.processInfo.environment["CINTEL_PORT"] ?? "") ?? 8080

    @Option(help: "Key file made by `cintel keys add` (env CINTEL_KEYS_FILE).")
    var keys: String? = ProcessInfo.processInfo.environment["CINTEL_KEYS_FILE"]

    @Flag(help: "Serve without authentication (local experiments only).")
    var noAuth = false

    @Option(help: "Requests computing at once before answering 503 (env CINTEL_MAX_CONCURRENT).")
    var maxConcurrent: Int = Int(ProcessInfo.processInfo.environment["CINTEL_MAX_CONCURRENT"] ?? "") ?? 4

    @Option(help: "Seconds a computation may take before the request is answered 503 (env CINTEL_DEADLINE_SECONDS).")
    var deadlineSeconds: Double = Double(ProcessInfo.processInfo.environment["CINTEL_DEADLINE_SECONDS"] ?? "") ?? 60

    @Option(help: "Seconds a connection may stay silent, or take to send its request head, before it is closed (env CINTEL_IDLE_TIMEOUT_SECONDS).")
    var idleTimeoutSeconds: Double = Double(ProcessInfo.processInfo.environment["CINTEL_IDLE_TIMEOUT_SECONDS"] ?? "") ?? 30

    @Option(help: "Log level (env LOG_LEVEL).")
    var logLevel: Logger.Level = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "") ?? .info

    @Flag(help: "Serve Prometheus metrics at GET /metrics, without a key (env CINTEL_METRICS=1).")
    var metrics = false

    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        if keys == nil && !noAuth { throw ValidationError("give --keys FILE (or CINTEL_KEYS_FILE), or --no-auth for a local experiment") }
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1–65535") }
        guard maxConcurrent >= 1, deadlineSeconds > 0, idleTimeoutSeconds > 0 else {
            throw ValidationError("--max-concurrent, --deadline-seconds and --idle-timeout-seconds must be positive")
        }
        if let text = ProcessInfo.processInfo.environment["LOG_LEVEL"], Logger.Level(rawValue: text) == nil {
            throw ValidationError("unknown LOG_LEVEL \(text)")
        }
    }

    func run() async throws {
        var logger = Logger(label: "cintel")
        logger.logLevel = logLevel
        let configuration = ServerConfiguration(
            host: host, port: port, keysFile: noAuth ? nil : keys, limits: limitOptions.limits, maxConcurrentRequests: maxConcurrent,
            deadlineSeconds: deadlineSeconds, idleTimeoutSeconds: idleTimeoutSeconds,
            metrics: metrics || ProcessInfo.processInfo.environment["CINTEL_METRICS"] == "1")
        let app = try CintelApplication.build(configuration, logger: logger)
        try await app.runService()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
