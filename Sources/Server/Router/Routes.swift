import Engine
import HTTPTypes
import Hummingbird
import NIOCore
import Reports

/// The routes. Endpoints come from `APIEndpoints.all`: a family appears here by being registered once, nowhere else.
enum Routes {
    static func register(on router: Router<BasicRequestContext>, configuration: ServerConfiguration, keys: KeyStore?, metrics: ServerMetrics? = nil) {
        let gate = ComputeGate(limit: configuration.maxConcurrentRequests, deadlineSeconds: configuration.deadlineSeconds)
        let openAPI = OpenAPIDocument.bytes(metrics: metrics != nil)

        router.get("/healthz") { _, _ in
            jsonResponse(Array(#"{"status":"ok"}"#.utf8))
        }
        router.get("/openapi.json") { _, _ in
            jsonResponse(openAPI)
        }
        if let metrics {
            router.get("/metrics") { _, _ in response(metrics.exposition(), mediaType: ServerMetrics.contentType) }
        }

        let api = router.group("/api/v1/ai")
        if let keys { api.add(middleware: AuthenticationMiddleware(keys: keys)) }
        api.post(":endpoint") { request, context -> Response in
            let name = try context.parameters.require("endpoint")
            guard let endpoint = APIEndpoints.named(name) else { throw CintelError.unknownEndpoint(name) }
            guard endpoint.isServed else { throw CintelError.notImplemented(name, spec: "spec/\(endpoint.specFile)") }
            guard isJSON(request.headers[.contentType]) else { throw CintelError.unsupportedMediaType }
            let limits = configuration.limits
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: limits.maxBodyBytes)
            } catch is NIOTooManyBytesError {
                throw CintelError.payloadTooLarge(limit: limits.maxBodyBytes)
            }
            let bytes = Array(buffer: body)
            let requestContext = ComputeContext(today: configuration.fixedToday ?? .todayUTC(), limits: limits)
            let answer = try await gate.run { () throws(CintelError) in
                // Until the gate reports to `ServerMetrics` itself: this closure runs only once a slot is granted.
                metrics?.computationStarted()
                defer { metrics?.computationEnded() }
                return try endpoint.answer(to: bytes, context: requestContext, pretty: false)
            }
            return response(answer.bytes, mediaType: answer.mediaType)
        }
    }

    /// The methods a path answers, for 405 responses to the others; nil for paths that do not exist (404).
    static func allowedMethods(forPath path: String, metrics: Bool = false) -> String? {
        if path == "/healthz" || path == "/openapi.json" || (metrics && path == "/metrics") { return "GET" }
        let prefix = "/api/v1/ai/"
        if path.hasPrefix(prefix), APIEndpoints.named(String(path.dropFirst(prefix.count))) != nil { return "POST" }
        return nil
    }

    /// GEN-2: `application/json`, parameters such as `charset=utf-8` allowed.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return mediaType == "application/json"
    }

    static func jsonResponse(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        response(bytes, mediaType: EndpointAnswer.json, status: status)
    }

    /// REP-8: the report packs answer in HTML or XML; every other body is JSON.
    static func response(_ bytes: [UInt8], mediaType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: mediaType, .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
