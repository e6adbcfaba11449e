import Engine
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the HTTP service: every served endpoint under `/api/v1/ai/`, `/healthz` and `/openapi.json`.
public enum CintelApplication {
    public static func build(
        _ configuration: ServerConfiguration,
        logger: Logger = Logger(label: "cintel"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let keys = try configuration.keysFile.map { try KeyStore(path: $0, logger: logger) }
        let router = Router()
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: ErrorMiddleware(metricsRoute: configuration.metrics))
        let metrics = configuration.metrics ? ServerMetrics() : nil
        if let metrics { router.add(middleware: MetricsMiddleware(metrics: metrics, errors: ErrorMiddleware(metricsRoute: true))) }
        Routes.register(on: router, configuration: configuration, keys: keys, metrics: metrics)
        var services: [any Service] = []
        if let keys { services.append(KeyReloadService(keys: keys)) }
        let idle = TimeAmount.nanoseconds(Int64(configuration.idleTimeoutSeconds * 1e9))
        let overflowBody = ServiceError.headersTooLarge.body
        return Application(
            router: router,
            // SRV-4: the framework's idle timer counts from the last whole HTTP part, so a head that trickles in
            // byte by byte is closed too. SRV-5: oversized heads are answered 431.
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [HeaderOverflowHandler(body: overflowBody)],
                    idleTimeout: idle)),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "cintel"),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger
        )
    }
}
