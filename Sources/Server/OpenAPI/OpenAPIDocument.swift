import Engine
import Reports

/// The OpenAPI 3.1 description of the running build: one POST operation per served endpoint with its request and
/// response JSON Schemas (from Engine, the same ones the tests check responses against), the source's documented
/// request as the example, and the shared error body for every failure status.
enum OpenAPIDocument {
    static func bytes(metrics: Bool = false) -> [UInt8] { JSONWriter().bytes(document(metrics: metrics)) }

    static func document(metrics: Bool = false) -> JSONValue {
        var components: [JSONValue.Member] = []
        func component(_ name: String, _ schema: JSONValue) {
            let (main, definitions) = hoist(schema, prefix: name)
            components.append(.init(name, main))
            components.append(contentsOf: definitions)
        }
        component("Error", EndpointSchemas.error)
        var paths: [JSONValue.Member] = []
        for endpoint in EndpointCatalog.all {
            let requestName = "\(endpoint.name)_request"
            let responseName = "\(endpoint.name)_response"
            component(requestName, endpoint.requestSchema)
            component(responseName, endpoint.responseSchema)
            let example = object(["summary": .string("The documented request"), "value": endpoint.documentedExample])
            let content: [JSONValue.Member] = [.init("schema", ref(requestName)), .init("examples", object(["documented": example]))]
            let section = endpoint.sourceSection.map { "source section \($0), " } ?? ""
            let operation = object([
                "operationId": .string(endpoint.name),
                "summary": .string(endpoint.summary),
                "description": .string("Specified by spec/\(endpoint.specFile) (\(section)clause IDs cited in the schema)."),
                "requestBody": object(["required": .bool(true), "content": object(["application/json": .object(content)])]),
                "responses": .object(
                    [
                        .init(
                            "200",
                            object(["description": .string("The computed response."), "content": responseContent(endpoint.name, ref(responseName))]))
                    ]
                        + errorResponses()),
            ])
            paths.append(.init("/api/v1/ai/\(endpoint.name)", object(["post": operation])))
        }
        let health = "Liveness: answers while the process serves requests, even with every compute slot busy (SRV-2)."
        paths.append(.init("/healthz", object(["get": plainGet("health", health), "head": plainGet("healthHead", health)])))
        let readiness = plainGet(
            "ready", "Readiness: 200 while a compute slot is free, 503 with Retry-After while all are busy (SRV-3).",
            statuses: [("200", "A slot is free."), ("503", "Every slot is busy.")])
        paths.append(.init("/readyz", object(["get": readiness])))
        paths.append(.init("/openapi.json", object(["get": plainGet("openapi", "This document.")])))
        if metrics { paths.append(.init("/metrics", object(["get": metricsGet()]))) }
        return .object([
            .init("openapi", .string("3.1.0")),
            .init(
                "info",
                object([
                    "title": .string("cintel customer-intelligence API"),
                    "version": .string("1.0.0"),
                    "description": .string("Segmentation, RFM, loyalty, CLV, churn and NPS. Normative spec: spec/ in the cintel repository."),
                ])),
            .init("security", .array([object(["apiId": .array([]), "apiSecret": .array([])])])),
            .init("paths", .object(paths)),
            .init(
                "components",
                .object([
                    .init(
                        "securitySchemes",
                        object([
                            "apiId": object(["type": .string("apiKey"), "in": .string("header"), "name": .string("X-Customer-Api-Id")]),
                            "apiSecret": object(["type": .string("apiKey"), "in": .string("header"), "name": .string("X-Secret")]),
                        ])),
                    .init("schemas", .object(components)),
                ])),
        ])
    }

    private static let failures: [(String, String)] = [
        ("400", "Malformed JSON (VAL-1)."), ("401", "Missing or invalid credentials (GEN-3)."), ("404", "Unknown or unserved endpoint."),
        ("405", "Only POST is allowed."), ("413", "Body or count over a limit (VAL-11, VAL-12)."),
        ("415", "Not application/json, or a charset other than UTF-8 (GEN-2)."), ("431", "Header fields over the server's limits (SRV-5)."),
        ("422", "Invalid request: every problem with its JSON Pointer (VAL-2)."), ("503", "Overloaded or over the deadline; see Retry-After."),
    ]

    private static func errorResponses() -> [JSONValue.Member] {
        failures.map { .init($0.0, object(["description": .string($0.1), "content": json(ref("Error"))])) }
    }

    private static func plainGet(_ id: String, _ description: String, statuses: [(String, String)] = [("200", "OK")]) -> JSONValue {
        let body = json(object(["type": .string("object")]))
        let responses = statuses.map { JSONValue.Member($0.0, object(["description": .string($0.1), "content": body])) }
        return object([
            "operationId": .string(id), "description": .string(description), "security": .array([]), "responses": .object(responses),
        ])
    }

    /// SRV-8: served only with `cintel serve --metrics`, and then listed here.
    private static func metricsGet() -> JSONValue {
        let text = object(["text/plain; version=0.0.4": object(["schema": object(["type": .string("string")])])])
        return object([
            "operationId": .string("metrics"), "description": .string("Prometheus metrics of this server (spec SRV-8)."),
            "security": .array([]), "responses": object(["200": object(["description": .string("OK"), "content": text])]),
        ])
    }

    private static func json(_ schema: JSONValue) -> JSONValue { object(["application/json": object(["schema": schema])]) }

    /// REP-8: the report endpoint also answers an HTML deck or an XML pack, as its body's `format` asks.
    private static func responseContent(_ endpoint: String, _ schema: JSONValue) -> JSONValue {
        guard endpoint == "segmentation_report" else { return json(schema) }
        let document = object(["type": .string("string")])
        return object([
            "application/json": object(["schema": schema]),
            "text/html": object(["schema": document]),
            "application/xml": object(["schema": document]),
        ])
    }
    private static func ref(_ name: String) -> JSONValue { object(["$ref": .string("#/components/schemas/\(name)")]) }

    /// An object from pairs, in the order given (dictionary literals would lose it).
    private static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue { .object(pairs.map { .init($0.key, $0.value) }) }

    /// In OpenAPI a "#/…" reference resolves against the whole document, so each schema's local `$defs` move to
    /// components (named `<prefix>_<def>`) and its references are rewritten to point there.
    private static func hoist(_ schema: JSONValue, prefix: String) -> (schema: JSONValue, definitions: [JSONValue.Member]) {
        func rewrite(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let members):
                return .object(
                    members.compactMap { member in
                        if member.key == "$defs" || member.key == "$schema" { return nil }
                        if member.key == "$ref", case .string(let target) = member.value, target.hasPrefix("#/$defs/") {
                            return .init("$ref", .string("#/components/schemas/\(prefix)_\(target.dropFirst(8))"))
                        }
                        return .init(member.key, rewrite(member.value))
                    })
            case .array(let elements): return .array(elements.map(rewrite))
            default: return value
            }
        }
        var definitions: [JSONValue.Member] = []
        if case .object(let members)? = schema["$defs"] {
            definitions = members.map { .init("\(prefix)_\($0.key)", rewrite($0.value)) }
        }
        return (rewrite(schema), definitions)
    }
}
