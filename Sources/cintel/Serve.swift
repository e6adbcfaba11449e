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
    var port: Int = EnvironmentDefaults.port.optionDefault

    @Option(help: "Key file made by `cintel keys add` (env CINTEL_KEYS_FILE).")
    var keys: String? = ProcessInfo.processInfo.environment["CINTEL_KEYS_FILE"]

    @Flag(help: "Serve without authentication (local experiments only).")
    var noAuth = false

    @Option(help: "Requests computing at once before answering 503 (env CINTEL_MAX_CONCURRENT).")
    var maxConcurrent: Int = EnvironmentDefaults.maxConcurrent.optionDefault

    @Option(help: "Seconds a computation may take before the request is answered 503 (env CINTEL_DEADLINE_SECONDS).")
    var deadlineSeconds: Double = EnvironmentDefaults.deadlineSeconds.optionDefault

    @Option(help: "Seconds a connection may stay silent, or take to send its request head, before it is closed (env CINTEL_IDLE_TIMEOUT_SECONDS).")
    var idleTimeoutSeconds: Double = EnvironmentDefaults.idleTimeoutSeconds.optionDefault

    @Option(help: "Log level (env LOG_LEVEL).")
    var logLevel: Logger.Level = EnvironmentDefaults.logLevel.optionDefault

    @Flag(help: "Serve Prometheus metrics at GET /metrics, without a key (env CINTEL_METRICS=1).")
    var metrics = false

    @OptionGroup var limitOptions: LimitOptions

    /// The variables standing in for absent options; each says once what it and its option accept.
    enum EnvironmentDefaults {
        static let port = EnvironmentDefault("CINTEL_PORT", default: 8080, expected: "an integer from 1 to 65535") { (1...65535).contains($0) }
        static let maxConcurrent = EnvironmentDefault("CINTEL_MAX_CONCURRENT", default: 4, expected: "an integer of at least 1") { $0 >= 1 }
        static let deadlineSeconds = EnvironmentDefault("CINTEL_DEADLINE_SECONDS", default: 60.0, expected: "a number of seconds above 0") { $0 > 0 }
        static let idleTimeoutSeconds = EnvironmentDefault("CINTEL_IDLE_TIMEOUT_SECONDS", default: 30.0, expected: "a number of seconds above 0") {
            $0 > 0
        }
        static let logLevel = EnvironmentDefault("LOG_LEVEL", default: Logger.Level.info)
        static let metrics = EnvironmentDefault(
            variable: "CINTEL_METRICS", builtIn: false, expected: "1 or 0", parse: { ["1": true, "0": false][$0] }, accepts: { _ in true })
        static let all: [any EnvironmentVariable] = [port, maxConcurrent, deadlineSeconds, idleTimeoutSeconds, logLevel, metrics]
    }

    func validate() throws {
        for variable in EnvironmentDefaults.all { try variable.refuseJunk(in: ProcessInfo.processInfo.environment) }
        if keys == nil && !noAuth { throw ValidationError("give --keys FILE (or CINTEL_KEYS_FILE), or --no-auth for a local experiment") }
        try EnvironmentDefaults.port.check(port, option: "--port")
        try EnvironmentDefaults.maxConcurrent.check(maxConcurrent, option: "--max-concurrent")
        try EnvironmentDefaults.deadlineSeconds.check(deadlineSeconds, option: "--deadline-seconds")
        try EnvironmentDefaults.idleTimeoutSeconds.check(idleTimeoutSeconds, option: "--idle-timeout-seconds")
    }

    func run() async throws {
        var logger = Logger(label: "cintel")
        logger.logLevel = logLevel
        let configuration = ServerConfiguration(
            host: host, port: port, keysFile: noAuth ? nil : keys, limits: limitOptions.limits, maxConcurrentRequests: maxConcurrent,
            deadlineSeconds: deadlineSeconds, idleTimeoutSeconds: idleTimeoutSeconds, metrics: metrics || EnvironmentDefaults.metrics.optionDefault)
        let app = try CintelApplication.build(configuration, logger: logger)
        try await app.runService()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
