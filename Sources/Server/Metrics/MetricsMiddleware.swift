import Engine
import Hummingbird
import NIOCore
import Reports
import Synchronization

/// Counts every request but `GET /metrics` itself (SRV-8): by endpoint and status, its latency, the body bytes
/// the service read, and the 503s by reason. It sits inside `ErrorMiddleware` so it sees our errors before they become
/// responses, and turns them into responses with that same middleware, so the status it counts is the status sent.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics
    let errors: ErrorMiddleware<Context>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let endpoint = Self.endpointLabel(forPath: request.uri.path) else { return try await next(request, context) }
        let clock = ContinuousClock()
        let start = clock.now
        let tally = ByteTally()
        var request = request
        request.body = RequestBody(asyncSequence: request.body.map { tally.counted($0) })
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = try await errors.handle(request, context: context) { _, _ in throw error }
        }
        metrics.requestAnswered(
            endpoint: endpoint, status: response.status.code, duration: start.duration(to: clock.now), bodyBytes: tally.total)
        return response
    }

    /// The `endpoint` label of a path: a known name or "other", so no client can add label values (or see its path,
    /// which may carry anything, in the metrics). Nil for `/metrics`, which is not counted: a scrape is no API request.
    static func endpointLabel(forPath path: String) -> String? {
        switch path {
        case "/metrics": return nil
        case "/healthz": return "healthz"
        case "/readyz": return "readyz"
        case "/openapi.json": return "openapi"
        default:
            let prefix = "/api/v1/ai/"
            guard path.hasPrefix(prefix), let endpoint = EndpointCatalog.named(String(path.dropFirst(prefix.count))) else { return "other" }
            return endpoint.name
        }
    }
}

/// The body bytes a request's handler actually read, chunk by chunk as they stream in.
private final class ByteTally: Sendable {
    private let count = Atomic<Int>(0)

    func counted(_ buffer: ByteBuffer) -> ByteBuffer {
        count.add(buffer.readableBytes, ordering: .relaxed)
        return buffer
    }

    var total: Int { count.load(ordering: .relaxed) }
}
