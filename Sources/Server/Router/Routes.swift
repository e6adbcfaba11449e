import Engine
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Reports

/// The routes. Endpoints come from `EndpointCatalog.all`: a family appears here by being listed there once.
enum Routes {
    static func register(on router: Router<BasicRequestContext>, configuration: ServerConfiguration, keys: KeyStore?, metrics: ServerMetrics? = nil) {
        let gate = ComputeGate(
            limit: configuration.maxConcurrentRequests, deadlineSeconds: configuration.deadlineSeconds, clock: configuration.deadlineClock,
            metrics: metrics)
        let computation = configuration.computation
        let openAPI = OpenAPIDocument.bytes(metrics: metrics != nil)

        // SRV-2: liveness answers from the handler alone, whatever the computations are doing.
        router.get("/healthz") { _, _ in
            jsonResponse(Array(#"{"status":"ok"}"#.utf8))
        }
        router.head("/healthz") { _, _ in
            jsonResponse(Array(#"{"status":"ok"}"#.utf8))
        }
        // SRV-3: readiness says whether a computation would be taken now.
        router.get("/readyz") { _, _ in
            guard gate.isSaturated else { return jsonResponse(Array(#"{"status":"ready"}"#.utf8)) }
            var busy = jsonResponse(Array(#"{"status":"busy","reason":"every compute slot is taken"}"#.utf8), status: .serviceUnavailable)
            busy.headers[.retryAfter] = "1"
            return busy
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
            guard let endpoint = EndpointCatalog.named(name) else { throw CintelError.unknownEndpoint(name) }
            guard isJSON(request.headers[.contentType]) else { throw ServiceError.unsupportedMediaType }
            let limits = configuration.limits
            let declared = request.headers[.contentLength].flatMap { Int($0) }
            let body = RequestBytes(try await readBody(request.body, declaredLength: declared, limits: limits))
            let requestContext = ComputeContext(today: configuration.fixedToday ?? .todayUTC(), limits: limits)
            let answer = try await gate.run { () throws(CintelError) in
                return try computation.answer(endpoint, body: body.take(), context: requestContext)
            }
            return response(answer.bytes, mediaType: answer.mediaType)
        }
    }

    /// The body, with the byte limit and the count limits checked as each chunk arrives (VAL-11, VAL-12): a body over
    /// either is refused without being read to its end.
    /// The declared length, when within the limit, is reserved at once: growing by doubling would hold up to twice
    /// the body, and both copies while it moves (SRV-6).
    static func readBody(_ body: RequestBody, declaredLength: Int? = nil, limits: Limits) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        if let declaredLength, declaredLength > 0, declaredLength <= limits.maxBodyBytes { bytes.reserveCapacity(declaredLength) }
        var counts = BodyCountGuard(limits: limits)
        for try await chunk in body {
            guard bytes.count + chunk.readableBytes <= limits.maxBodyBytes else { throw CintelError.payloadTooLarge(limit: limits.maxBodyBytes) }
            try chunk.withUnsafeReadableBytes { buffer throws(CintelError) in
                try counts.feed(buffer)
                bytes.append(contentsOf: buffer)
            }
        }
        return bytes
    }

    /// The methods a path answers, for 405 responses to the others; nil for paths that do not exist (404).
    static func allowedMethods(forPath path: String, metrics: Bool = false) -> String? {
        if path == "/healthz" { return "GET, HEAD" }
        if path == "/readyz" || path == "/openapi.json" || (metrics && path == "/metrics") { return "GET" }
        let prefix = "/api/v1/ai/"
        if path.hasPrefix(prefix), EndpointCatalog.named(String(path.dropFirst(prefix.count))) != nil { return "POST" }
        return nil
    }

    /// GEN-2: `application/json`; a `charset` parameter, if any, must name UTF-8 (RFC 8259 §8.1: JSON exchanged
    /// between systems is UTF-8, and a body declared otherwise would be read as something it is not).
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard parts.first == "application/json" else { return false }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0] == "charset" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            guard value == "utf-8" || value == "utf8" else { return false }
        }
        return true
    }

    static func jsonResponse(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        response(bytes, mediaType: EndpointAnswer.json, status: status)
    }

    /// REP-8: the report packs answer in HTML or XML; every other body is JSON.
    /// SRV-7: no answer is sniffed as another type, and an HTML deck may neither run a script nor load anything
    /// (its styles and SVG charts are inline).
    static func response(_ bytes: [UInt8], mediaType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers: HTTPFields = [.contentType: mediaType, .contentLength: String(bytes.count), xContentTypeOptions: "nosniff"]
        if mediaType.hasPrefix("text/html") { headers[.contentSecurityPolicy] = htmlPolicy }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let htmlPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}
