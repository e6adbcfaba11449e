import Reports
import Testing

@testable import Engine

/// The JSON Schemas of the bodies (spec/schemas) against the spec and the engine: every served endpoint has
/// them, the validator checks what it claims to, every body the demo job and the spec's worked examples exchange
/// validates, every error body validates, and schema and engine agree on which requests are invalid.
@Suite("JSON Schemas of requests, responses and errors")
struct SchemaTests {
    /// One schema document, named for test output.
    struct Document: CustomTestStringConvertible, Sendable {
        var name: String
        var specFile: String
        var schema: JSONValue
        var testDescription: String { name }

        static func all() -> [Document] {
            var documents: [Document] = []
            // Every family, the report packs included: Engine embeds their schemas, Reports renders their answers.
            for endpoint in EndpointCatalog.all {
                documents.append(Document(name: "\(endpoint.name) request", specFile: endpoint.specFile, schema: endpoint.requestSchema))
                documents.append(Document(name: "\(endpoint.name) response", specFile: endpoint.specFile, schema: endpoint.responseSchema))
            }
            documents.append(Document(name: "error", specFile: "general.md", schema: EndpointSchemas.error))
            return documents
        }
    }

    static let context = ComputeContext(today: Day(iso: "2025-04-24")!)

    // MARK: Which schemas exist

    @Test(arguments: Document.all())
    func documentIsWellFormed(_ document: Document) throws {
        let schema = document.schema
        let validator = JSONSchemaValidator(schema: schema)
        #expect(schema["$schema"] == .string(EndpointSchemas.dialect))
        #expect(schema["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(schema["title"]?.text?.isEmpty == false)
        #expect(schema["description"]?.text?.contains("spec/\(document.specFile)") == true)
        #expect(schema["type"] == .string("object"))
        let problems = validator.lint()
        #expect(problems.isEmpty, Comment(rawValue: problems.joined(separator: "\n")))
        // Members cite their clauses, and every object schema that lists members closes the set (VAL-3).
        let clause = try Regex("[A-Z]+-[0-9]+")
        for (location, subschema) in JSONSchemaValidator.subschemas(of: schema, at: "") {
            if subschema["properties"] != nil {
                #expect(subschema["additionalProperties"] == .bool(false), "\(document.name) \(location)")
            }
            guard case .object(let properties)? = subschema["properties"] else { continue }
            for property in properties {
                let description = property.value["description"]?.text ?? ""
                #expect(description.firstMatch(of: clause) != nil, "\(document.name) \(location)/\(property.key) cites no clause")
            }
        }
    }

    @Test(arguments: Document.all())
    func examplesInsideTheSchemaValidate(_ document: Document) {
        let validator = JSONSchemaValidator(schema: document.schema)
        var count = 0
        for (location, subschema) in JSONSchemaValidator.subschemas(of: document.schema, at: "") {
            for example in subschema["examples"]?.elements ?? [] {
                count += 1
                let failures = validator.validate(example, against: subschema)
                #expect(failures.isEmpty, "\(document.name) \(location): \(JSONSchemaValidator.text(example)) \(failures)")
            }
        }
        #expect(count > 0)
    }

    // MARK: The validator itself

    /// One keyword check: `instance` against `schema` gives no failure (`keyword` nil) or only failures of `keyword`
    /// at `pointer`.
    struct KeywordCase: CustomTestStringConvertible, Sendable {
        var schema: String
        var instance: String
        var keyword: String?
        var pointer = ""
        var testDescription: String { "\(schema) ⟵ \(instance) → \(keyword ?? "valid")" }

        static func valid(_ schema: String, _ instance: String) -> KeywordCase { KeywordCase(schema: schema, instance: instance, keyword: nil) }
        static func invalid(_ schema: String, _ instance: String, _ keyword: String, at pointer: String = "") -> KeywordCase {
            KeywordCase(schema: schema, instance: instance, keyword: keyword, pointer: pointer)
        }
    }

    static let keywordCases: [KeywordCase] = [
        .valid(#"{"type": "integer"}"#, "3"),
        .valid(#"{"type": "integer"}"#, "3.0"),
        .valid(#"{"type": "integer"}"#, "-2e3"),
        .invalid(#"{"type": "integer"}"#, "3.5", "type"),
        .invalid(#"{"type": "integer"}"#, #""3""#, "type"),
        .valid(#"{"type": "number"}"#, "1e15"),
        .invalid(#"{"type": "number"}"#, #""12.5""#, "type"),
        .invalid(#"{"type": "number"}"#, "null", "type"),
        .valid(#"{"type": ["string", "null"]}"#, "null"),
        .invalid(#"{"type": ["string", "null"]}"#, "1", "type"),
        .valid(#"{"type": "boolean"}"#, "false"),
        .invalid(#"{"type": "boolean"}"#, "0", "type"),
        .invalid(#"{"type": "object"}"#, "[]", "type"),
        .invalid(#"{"type": "array"}"#, "{}", "type"),
        .invalid(#"{"type": "string"}"#, "{}", "type"),
        .invalid(#"{"type": "null"}"#, "false", "type"),
        .valid(#"{"properties": {"a": {"type": "string"}}}"#, #"{"a": "x", "b": 1}"#),
        .invalid(#"{"properties": {"a": {"type": "string"}}}"#, #"{"a": 1}"#, "type", at: "/a"),
        .valid(#"{"properties": {"a": {"type": "string"}}}"#, "[1]"),
        .invalid(#"{"properties": {"a": false}}"#, #"{"a": 1}"#, "false", at: "/a"),
        .valid(#"{"required": ["a"]}"#, #"{"a": null}"#),
        .invalid(#"{"required": ["a"]}"#, #"{"b": 1}"#, "required"),
        .valid(#"{"required": ["a"]}"#, #""not an object""#),
        .valid(#"{"properties": {"a": true}, "additionalProperties": false}"#, #"{"a": 1}"#),
        .invalid(#"{"properties": {"a": true}, "additionalProperties": false}"#, #"{"a": 1, "b": 2}"#, "additionalProperties", at: "/b"),
        .invalid(#"{"additionalProperties": false}"#, #"{"a/b~c": 1}"#, "additionalProperties", at: "/a~1b~0c"),
        .valid(#"{"items": {"type": "integer"}}"#, "[]"),
        .valid(#"{"items": {"type": "integer"}}"#, "[1, 2.0]"),
        .invalid(#"{"items": {"type": "integer"}}"#, #"[1, 2, "x"]"#, "type", at: "/2"),
        .valid(#"{"minItems": 1}"#, "[0]"),
        .invalid(#"{"minItems": 1}"#, "[]", "minItems"),
        .valid(#"{"maxItems": 2}"#, "[1, 2]"),
        .invalid(#"{"maxItems": 2}"#, "[1, 2, 3]", "maxItems"),
        .valid(#"{"minimum": 0}"#, "0"),
        .valid(#"{"minimum": 0}"#, #""-1""#),
        .invalid(#"{"minimum": 0}"#, "-0.01", "minimum"),
        .valid(#"{"maximum": 1e15}"#, "1e15"),
        .invalid(#"{"maximum": 1e15}"#, "1000000000000000.2", "maximum"),
        .valid(#"{"exclusiveMinimum": 0}"#, "0.001"),
        .invalid(#"{"exclusiveMinimum": 0}"#, "0", "exclusiveMinimum"),
        .valid(#"{"enum": ["a", 1]}"#, "1.0"),
        .invalid(#"{"enum": ["a", 1]}"#, #""b""#, "enum"),
        .invalid(#"{"enum": ["a", 1]}"#, #""A""#, "enum"),
        .valid(#"{"const": {"a": [1, 2], "b": true}}"#, #"{"b": true, "a": [1, 2]}"#),
        .invalid(#"{"const": {"a": [1, 2]}}"#, #"{"a": [2, 1]}"#, "const"),
        .valid(#"{"pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}"#, #""2025-04-24""#),
        .invalid(#"{"pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}"#, #""2025-4-24""#, "pattern"),
        .invalid(#"{"pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}"#, #""2025-04-24T00:00""#, "pattern"),
        .valid(#"{"pattern": "b+"}"#, #""abbc""#),
        .invalid(#"{"pattern": "b+"}"#, #""ac""#, "pattern"),
        .valid(#"{"pattern": "^x$"}"#, "7"),
        .valid(#"{"minLength": 1}"#, #""a""#),
        .invalid(#"{"minLength": 1}"#, #""""#, "minLength"),
        .valid(#"{"maxLength": 3}"#, #""ééé""#),
        .invalid(#"{"maxLength": 3}"#, #""abcd""#, "maxLength"),
        .invalid(#"{"maxLength": 2}"#, #""e\u0301e""#, "maxLength"),
        .valid(#"{"format": "date"}"#, #""2024-02-29""#),
        .invalid(#"{"format": "date"}"#, #""2025-02-29""#, "format"),
        .invalid(#"{"format": "date"}"#, #""1899-12-31""#, "format"),
        .invalid(#"{"format": "date"}"#, #""2025-04-24Z""#, "format"),
        .valid(#"{"format": "date"}"#, "20250424"),
        .valid(#"{"format": "email"}"#, #""not checked""#),
        .valid(##"{"$defs": {"d": {"type": "string"}}, "$ref": "#/$defs/d"}"##, #""x""#),
        .invalid(##"{"$defs": {"d": {"type": "string"}}, "$ref": "#/$defs/d"}"##, "1", "type"),
        .invalid(##"{"$defs": {"o": {"properties": {"a": true}}}, "$ref": "#/$defs/o", "required": ["a"]}"##, "{}", "required"),
        .invalid(##"{"$defs": {"a/b": {"const": 1}}, "$ref": "#/$defs/a~1b"}"##, "2", "const"),
        .invalid(##"{"$ref": "#/$defs/missing"}"##, "1", "$ref"),
        .invalid(#"{"$ref": "https://example.com/schema"}"#, "1", "$ref"),
        .valid(#"{"oneOf": [{"type": "string"}, {"type": "integer"}]}"#, "1"),
        .invalid(#"{"oneOf": [{"type": "number"}, {"type": "integer"}]}"#, "1", "oneOf"),
        .invalid(#"{"oneOf": [{"type": "string"}, {"type": "boolean"}]}"#, "1", "oneOf"),
        .invalid(#"{"anyOf": [true]}"#, "1", "anyOf"),
        .invalid(#"{"minimum": "0"}"#, "1", "minimum"),
        .valid(#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "t", "description": "d", "examples": [1]}"#, #""any""#),
        .valid("true", "[1]"),
        .invalid("false", "[1]", "false"),
    ]

    @Test(arguments: keywordCases)
    func validatorKeyword(_ testCase: KeywordCase) throws {
        let validator = JSONSchemaValidator(schema: try JSONParser.parse(Array(testCase.schema.utf8)))
        let failures = validator.validate(try JSONParser.parse(Array(testCase.instance.utf8)))
        if let keyword = testCase.keyword {
            #expect(!failures.isEmpty)
            #expect(failures.allSatisfy { $0.keyword == keyword && $0.instancePointer == testCase.pointer }, "\(failures)")
        } else {
            #expect(failures.isEmpty, "\(failures)")
        }
    }

    @Test func validatorCoversEveryKeywordOfTheSubsetBothWays() {
        var passing: Set<String> = []
        var failing: Set<String> = []
        for testCase in Self.keywordCases {
            guard let schema = try? JSONParser.parse(Array(testCase.schema.utf8)), case .object(let members) = schema else { continue }
            let assertions = members.map(\.key).filter(JSONSchemaValidator.assertionKeywords.contains)
            if testCase.keyword == nil {
                passing.formUnion(assertions)
            } else if assertions.count == 1 {
                failing.insert(assertions[0])
            }
        }
        #expect(
            JSONSchemaValidator.assertionKeywords.subtracting(passing).isEmpty,
            "never passing: \(JSONSchemaValidator.assertionKeywords.subtracting(passing))")
        #expect(
            JSONSchemaValidator.assertionKeywords.subtracting(failing).isEmpty,
            "never failing: \(JSONSchemaValidator.assertionKeywords.subtracting(failing))")
    }

    @Test func validatorReportsEveryFailureWithItsPointer() throws {
        let schema = try JSONParser.parse(
            Array(
                #"""
                {"type": "object", "required": ["a", "z"], "additionalProperties": false,
                 "properties": {"a": {"type": "array", "items": {"$ref": "#/$defs/n"}}, "b": {"type": "string", "minLength": 2}},
                 "$defs": {"n": {"type": "number", "minimum": 0, "maximum": 10}}}
                """#.utf8))
        let failures = JSONSchemaValidator(schema: schema).validate(try JSONParser.parse(Array(#"{"a": [1, -1, 11, "x"], "b": "", "c~": 0}"#.utf8)))
        let found = Set(failures.map { "\($0.instancePointer) \($0.keyword)" })
        #expect(found == ["/a/1 minimum", "/a/2 maximum", "/a/3 type", "/b minLength", "/c~0 additionalProperties", " required"])
        #expect(failures.first { $0.keyword == "required" }?.message.contains("'z'") == true)
    }

    @Test func lintFindsProblemsInASchemaDocument() throws {
        let broken = try JSONParser.parse(
            Array(
                #"""
                {"type": "object", "required": ["a", "missing"], "additionalProperties": false,
                 "properties": {"a": {"$ref": "#/$defs/nowhere", "description": "A-1"}, "b": {"anyOf": [true]}},
                 "$defs": {"unused": {"type": "string"}}}
                """#.utf8))
        let problems = JSONSchemaValidator(schema: broken).lint()
        #expect(problems.count == 5, Comment(rawValue: problems.joined(separator: "\n")))
        for fragment in ["'missing'", "nowhere", "anyOf", "/properties/b: no description", "unused"] {
            #expect(problems.contains { $0.contains(fragment) }, "\(fragment)")
        }
        let clean = try JSONParser.parse(
            Array(
                ##"{"properties": {"a": {"$ref": "#/$defs/d", "description": "X-1"}}, "required": ["a"], "$defs": {"d": {"type": "string"}}}"##.utf8))
        #expect(JSONSchemaValidator(schema: clean).lint().isEmpty)
    }

    // MARK: Bodies the engine exchanges

    @Test func everyRequestAndResponseOfTheAnalysisJobValidates() throws {
        let steps = try AnalysisJob(retailer: DemoRetailer(customers: 300)).run()
        // The job writes the report packs as files, not as steps.
        #expect(Set(steps.map(\.endpoint)) == Set(EndpointCatalog.all.map(\.name).filter { !$0.hasPrefix("segmentation_report") }))
        for step in steps {
            let requestValidator = JSONSchemaValidator(schema: try #require(EndpointCatalog.named(step.endpoint)?.requestSchema))
            let responseValidator = JSONSchemaValidator(schema: try #require(EndpointCatalog.named(step.endpoint)?.responseSchema))
            // Bodies of 300 customers: report the first few failures, not thousands.
            let requestFailures = requestValidator.validate(bytes: step.request)
            let requestValid = requestFailures.isEmpty
            #expect(requestValid, "\(step.endpoint) request: \(requestFailures.count) failures, first \(requestFailures.prefix(5))")
            let responseFailures = responseValidator.validate(bytes: step.response)
            let responseValid = responseFailures.isEmpty
            #expect(responseValid, "\(step.endpoint) response: \(responseFailures.count) failures, first \(responseFailures.prefix(5))")
            let order = orderViolations(try JSONParser.parse(step.response), responseValidator.root, responseValidator)
            let ordered = order.isEmpty
            #expect(ordered, "\(step.endpoint): \(order.prefix(3))")
        }
        // FEAT-15, VAL-3: a customer_features response body is a valid customer_loyalty request as it stands.
        let features = try #require(steps.first { $0.endpoint == "customer_features" })
        let loyaltyRequest = JSONSchemaValidator(schema: try #require(EndpointCatalog.named("customer_loyalty")?.requestSchema))
        let chainFailures = loyaltyRequest.validate(bytes: features.response)
        let chains = chainFailures.isEmpty
        #expect(chains, "\(chainFailures.prefix(5))")
    }

    @Test func specExamplesCoverEveryServedEndpoint() {
        #expect(Set(SpecExamplesTests.examples().map(\.file)) == Set(EndpointCatalog.all.map(\.specFile)).subtracting(["segmentation_report.md"]))
    }

    @Test(arguments: SpecExamplesTests.examples())
    func specExampleValidates(_ example: SpecExamplesTests.Example) throws {
        let endpoint = try #require(EndpointCatalog.all.first { $0.specFile == example.file })
        let request = JSONSchemaValidator(schema: endpoint.requestSchema)
        let response = JSONSchemaValidator(schema: endpoint.responseSchema)
        let requestFailures = request.validate(example.request)
        #expect(requestFailures.isEmpty, "\(example.testDescription) request: \(requestFailures)")
        let responseFailures = response.validate(example.response)
        #expect(responseFailures.isEmpty, "\(example.testDescription) response: \(responseFailures)")
        let order = orderViolations(example.response, response.root, response)
        #expect(order.isEmpty, "\(example.testDescription): \(order)")
    }

    // MARK: Error bodies

    @Test func errorBodiesOfTheEngineValidate() throws {
        var errors: [CintelError] = []
        func capture(_ name: String, _ body: String, limits: Limits = .default) {
            do {
                _ = try EndpointCatalog.named(name)!.respond(to: Array(body.utf8), context: ComputeContext(today: Self.context.today, limits: limits))
                Issue.record("\(name) accepted \(body)")
            } catch {
                errors.append(error)
            }
        }
        let twoCustomers = #"{"customers": [\#(customer("C-1", [tx("2025-04-01", 10)])), \#(customer("C-2", [tx("2025-04-02", 20)]))]}"#
        capture("customer_rfm", #"{"bins": 99}"#)
        capture("customer_features", #"{"customers": [1, {"customer_id": "", "transactions": []}], "x~/y": null}"#)
        capture("customer_loyalty", #"{"weights": {}, "segment_thresholds": {"Gold": 0.9}, "customers": [{"customer_id": "C", "features": {}}]}"#)
        capture("customer_rfm", #"{"bins": 5,"#)
        capture("customer_loyalty", #"{"weights": NaN}"#)
        capture("customer_rfm", twoCustomers, limits: Limits(maxCustomers: 1))
        capture("customer_clv_features", twoCustomers, limits: Limits(maxTotalTransactions: 1))
        capture("customer_rfm", twoCustomers, limits: Limits(maxBodyBytes: 8))
        errors += [.unknownEndpoint("no_such_endpoint"), .internalFailure]

        let validator = JSONSchemaValidator(schema: EndpointSchemas.error)
        for error in errors {
            let failures = validator.validate(bytes: error.body)
            #expect(failures.isEmpty, "\(error.code): \(failures)")
            let order = orderViolations(try JSONParser.parse(error.body), validator.root, validator)
            #expect(order.isEmpty, "\(error.code): \(order)")
        }
        // Every status and code of ERR-2 the schema admits that the engine can answer was produced above; the
        // server's own (ServiceErrorTests) are the rest, so the enums are exact, not loose.
        let codes = EndpointSchemas.error[pointer: "/properties/error/properties/code/enum"]?.elements.compactMap(\.text) ?? []
        let statuses = EndpointSchemas.error[pointer: "/properties/error/properties/status/enum"]?.elements.compactMap(\.double) ?? []
        let serviceCodes: Set = [
            "unauthorized", "method_not_allowed", "unsupported_media_type", "headers_too_large", "overloaded", "deadline_exceeded",
        ]
        #expect(Set(codes) == Set(errors.map(\.code)).union(serviceCodes))
        #expect(Set(statuses.map(Int.init)) == Set(errors.map(\.status)).union([401, 405, 415, 431, 503]))
        #expect(errors.contains { $0.problems.isEmpty } && errors.contains { $0.problems.count > 3 })
        #expect(errors.flatMap(\.problems).contains { $0.pointer == "/x~0~1y" })
    }

    @Test(arguments: [
        #"{"error": {"status": 200, "code": "invalid_request", "message": "m", "problems": []}}"#,
        #"{"error": {"status": 422.5, "code": "invalid_request", "message": "m", "problems": []}}"#,
        #"{"error": {"status": 422, "code": "teapot", "message": "m", "problems": []}}"#,
        #"{"error": {"status": 422, "code": "invalid_request", "message": "m"}}"#,
        #"{"error": {"status": 422, "code": "invalid_request", "message": "", "problems": []}}"#,
        #"{"error": {"status": 422, "code": "invalid_request", "message": "m", "problems": [], "detail": "x"}}"#,
        #"{"error": {"status": 422, "code": "invalid_request", "message": "m", "problems": [{"pointer": "bins", "code": "maximum", "message": "m"}]}}"#,
        #"{"error": {"status": 422, "code": "invalid_request", "message": "m", "problems": [{"pointer": "/a~2", "code": "maximum", "message": "m"}]}}"#,
        #"{"error": {"status": 422, "code": "invalid_request", "message": "m", "problems": [{"pointer": "/a", "code": "bad", "message": "m"}]}}"#,
        #"{"error": {"status": 422, "code": "invalid_request", "message": "m", "problems": [{"pointer": "/a", "code": "type"}]}}"#,
        #"{"status": 422, "code": "invalid_request", "message": "m", "problems": []}"#,
    ])
    func errorSchemaRejectsBrokenBodies(_ body: String) {
        #expect(!JSONSchemaValidator(schema: EndpointSchemas.error).validate(bytes: Array(body.utf8)).isEmpty)
    }

    // MARK: Schema and engine agree

    struct RequestCase: CustomTestStringConvertible, Sendable {
        var endpoint: String
        var body: String
        /// For requests only the engine refuses: the problem code and the clause the schema's description cites.
        var code: String? = nil
        var clause: String? = nil
        var testDescription: String { "\(endpoint) \(body.count > 120 ? String(body.prefix(117)) + "…" : body)" }
    }

    static let one = customer("C-1", [tx("2025-04-01", 10)])
    static let oneFull = customer("C-1", [tx("2025-04-01", 10, id: "T-1", product: "P-1")])

    /// Requests the engine refuses with 422 and the schema rejects at the same pointers.
    static let rejectedByBoth: [RequestCase] = [
        RequestCase(endpoint: "customer_rfm", body: #"{"customers": [\#(one)], "bin": 4}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"bins": 11, "customers": [\#(one)]}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"bins": 1, "customers": [\#(one)]}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"bins": 4.5, "customers": [\#(one)]}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"bins": "5", "customers": [\#(one)]}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"customers": [\#(customer("C-1", [tx("2025-04-01", -1)]))]}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"customers": [\#(customer("C-1", [tx("2025-04-01", 2e15)]))]}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"customers": [\#(customer("C-1", [tx("2025-4-01", 10)]))]}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"customers": [\#(customer("C-1", [tx("2025-02-29", 10)]))]}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"today": "24/04/2025", "customers": [\#(one)]}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"today": null, "customers": [\#(one)]}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"customers": []}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"bins": 5}"#),
        RequestCase(endpoint: "customer_rfm", body: #"[]"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"customers": [\#(customer("", [tx("2025-04-01", 10)]))]}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"customers": [\#(customer(String(repeating: "é", count: 257), [tx("2025-04-01", 10)]))]}"#),
        RequestCase(
            endpoint: "customer_rfm", body: #"{"customers": [\#(customer("C-1", [tx("2025-04-01", 10)], extra: #""loyalty_score": 0.5, "#))]}"#),
        RequestCase(
            endpoint: "customer_rfm",
            body: #"{"customers": [{"customer_id": "C-1", "transactions": [{"date": "2025-04-01", "amount": 1, "qty": 2}]}]}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"customers": [{"customer_id": "C-1", "transactions": [{"date": "2025-04-01"}]}]}"#),
        RequestCase(
            endpoint: "customer_clv_features",
            body: #"{"customers": [{"customer_id": "C-1", "transactions": [{"date": "2025-04-01", "amount": 1, "category": ""}]}]}"#),
        RequestCase(endpoint: "customer_rfm", body: #"{"customers": [{"customer_id": 7, "transactions": {}}]}"#),
        RequestCase(
            endpoint: "customer_rfm", body: #"{"bins": 11, "customers": [{"customer_id": "", "transactions": []}, \#(one)], "extra": 1}"#),
        RequestCase(endpoint: "customer_features", body: #"{"customers": [\#(one)]}"#),
        RequestCase(endpoint: "customer_features", body: #"{"customers": [\#(customer("C-1", [tx("2025-04-01", 10, id: "T-1")]))]}"#),
        RequestCase(
            endpoint: "customer_features",
            body: #"{"customers": [\#(customer("C-1", [tx("2025-04-01", 10, id: "T-1", product: "P")], extra: #""loyalty_score": 1.5, "#))]}"#
        ),
        RequestCase(endpoint: "customer_features", body: #"{"customers": [{"customer_id": "C-1", "transactions": []}]}"#),
        RequestCase(
            endpoint: "customer_features", body: #"{"customers": [\#(customer("C-1", [tx("2025-04-01", 10, id: "", product: "P", cost: -2)]))]}"#),
        RequestCase(endpoint: "customer_loyalty", body: #"{"weights": {"avg_ticket": -1}, "customers": [\#(features())]}"#),
        RequestCase(endpoint: "customer_loyalty", body: #"{"weights": {"visit_frequency": 1, "loyalty": 1}, "customers": [\#(features())]}"#),
        RequestCase(endpoint: "customer_loyalty", body: #"{"weights": null, "customers": [\#(features())]}"#),
        RequestCase(endpoint: "customer_loyalty", body: #"{"segment_thresholds": {"At-Risk": 0.1}, "customers": [\#(features())]}"#),
        RequestCase(endpoint: "customer_loyalty", body: #"{"segment_thresholds": {"Gold": 1.2}, "customers": [\#(features())]}"#),
        RequestCase(endpoint: "customer_loyalty", body: #"{"customers": [\#(features(#""recency_days": 3"#, #""recency_days": 3, "tenure": 9"#))]}"#),
        RequestCase(endpoint: "customer_loyalty", body: #"{"customers": [\#(features(#", "recency_days": 3"#, ""))]}"#),
        RequestCase(endpoint: "customer_loyalty", body: #"{"customers": [\#(features(#""purchase_total": 10"#, #""purchase_total": "12.5""#))]}"#),
        RequestCase(
            endpoint: "customer_loyalty", body: #"{"customers": [\#(features(#""recency_days": 3"#, #""recency_days": 3, "loyalty_score": -0.1"#))]}"#
        ),
        RequestCase(endpoint: "customer_clv_features", body: #"{"churn_threshold_days": 0, "customers": [\#(one)]}"#),
        RequestCase(endpoint: "customer_clv_features", body: #"{"churn_threshold_days": 3651, "customers": [\#(one)]}"#),
        RequestCase(endpoint: "customer_clv_features", body: #"{"churn_threshold_days": 90.5, "customers": [\#(one)]}"#),
        RequestCase(endpoint: "customer_clv_features", body: #"{"customers": [\#(customer("C-1", [tx("2025-04-01", 10, cost: 2e15)]))]}"#),
    ]

    /// Which schema keywords express each problem code of the engine (ERR-3).
    static let keywordsForCode: [String: Set<String>] = [
        "unknown_member": ["additionalProperties"], "required": ["required"], "type": ["type"], "minimum": ["minimum", "exclusiveMinimum"],
        "maximum": ["maximum"], "min_items": ["minItems"], "max_items": ["maxItems"], "min_length": ["minLength"], "max_length": ["maxLength"],
        "enum": ["enum", "const"], "date": ["pattern", "format"],
    ]

    @Test(arguments: rejectedByBoth)
    func schemaAndEngineRejectTheSameProblems(_ testCase: RequestCase) throws {
        let error = try #require(problems(testCase.endpoint, testCase.body))
        #expect(error.status == 422)
        let failures = JSONSchemaValidator(schema: try #require(EndpointCatalog.named(testCase.endpoint)?.requestSchema)).validate(
            bytes: Array(testCase.body.utf8))
        #expect(Set(error.pointers) == Set(failures.map(\.instancePointer)), "engine: \(error.problems)\nschema: \(failures)")
        for problem in error.problems {
            let keywords = try #require(Self.keywordsForCode[problem.code], "\(problem.code) has no schema keyword")
            #expect(failures.contains { $0.instancePointer == problem.pointer && keywords.contains($0.keyword) }, "\(problem) vs \(failures)")
        }
    }

    /// Requests whose shape is valid but that break a rule relating several values: the engine alone refuses them,
    /// and the schema's descriptions say so, citing the clause.
    static let rejectedByTheEngineOnly: [RequestCase] = [
        RequestCase(endpoint: "customer_rfm", body: #"{"customers": [\#(one), \#(one)]}"#, code: "duplicate_id", clause: "VAL-7"),
        RequestCase(
            endpoint: "customer_rfm", body: #"{"customers": [\#(customer("C-1", [tx("2025-04-01", 1, id: "T"), tx("2025-04-02", 2, id: "T")]))]}"#,
            code: "duplicate_id", clause: "GEN-12"),
        RequestCase(endpoint: "customer_features", body: #"{"customers": [\#(oneFull), \#(oneFull)]}"#, code: "duplicate_id", clause: "VAL-7"),
        RequestCase(
            endpoint: "customer_clv_features", body: #"{"today": "2025-04-24", "customers": [\#(customer("C-1", [tx("2025-05-01", 10)]))]}"#,
            code: "after_today", clause: "VAL-8"),
        RequestCase(
            endpoint: "customer_clv_features", body: #"{"customers": [\#(customer("C-1", [tx("2025-04-01", 10, cost: 4), tx("2025-04-02", 10)]))]}"#,
            code: "inconsistent", clause: "GEN-11"),
        RequestCase(endpoint: "customer_loyalty", body: #"{"weights": {}, "customers": [\#(features())]}"#, code: "not_all_zero", clause: "LOY-6"),
        RequestCase(
            endpoint: "customer_loyalty", body: #"{"segment_thresholds": {"Gold": 0.9}, "customers": [\#(features())]}"#, code: "order",
            clause: "LOY-8"),
        RequestCase(endpoint: "customer_rfm", body: #"{"bins": 5, "bins": 6, "customers": [\#(one)]}"#, code: "duplicate_member", clause: "VAL-4"),
    ]

    @Test(arguments: rejectedByTheEngineOnly)
    func rulesAcrossValuesAreTheEnginesAlone(_ testCase: RequestCase) throws {
        let schema = try #require(EndpointCatalog.named(testCase.endpoint)?.requestSchema)
        let failures = JSONSchemaValidator(schema: schema).validate(bytes: Array(testCase.body.utf8))
        #expect(failures.isEmpty, "\(failures)")
        let error = try #require(problems(testCase.endpoint, testCase.body))
        #expect(error.status == 422 && error.problems.map(\.code) == [testCase.code], "\(error.problems)")
        #expect(schema["description"]?.text?.contains(try #require(testCase.clause)) == true)
    }

    /// Requests using every optional member and the integer spellings VAL-5 allows: both accept them.
    static let acceptedByBoth: [RequestCase] = [
        RequestCase(
            endpoint: "customer_features",
            body:
                #"{"today": "2025-04-24", "customers": [\#(customer("C-1", [tx("2025-04-01", 0, id: "T-1", product: "P-1", cost: 12)], extra: #""loyalty_score": 1, "#))]}"#
        ),
        RequestCase(
            endpoint: "customer_rfm",
            body:
                #"{"bins": 4.0, "today": "2025-04-24", "customers": [\#(customer("C-1", [tx("2025-04-24", 1e15, id: "T", product: "P", cost: 0)]))]}"#
        ),
        RequestCase(
            endpoint: "customer_loyalty",
            body:
                #"{"weights": {"recency_days": 2}, "segment_thresholds": {"Platinum": 1, "Bronze": 0}, "customers": [\#(features(#""recency_days": 3"#, #""recency_days": 3, "loyalty_score": 0"#))]}"#
        ),
        RequestCase(
            endpoint: "customer_clv_features",
            body:
                #"{"today": "2025-04-24", "churn_threshold_days": 3650.0, "customers": [{"customer_id": "C-1", "transactions": [{"transaction_id": "T", "date": "2025-04-01", "amount": 5, "cost": 9, "product_id": "P", "category": "Tea"}]}]}"#
        ),
    ]

    @Test(arguments: acceptedByBoth)
    func optionalMembersAreAcceptedByBoth(_ testCase: RequestCase) throws {
        let schema = try #require(EndpointCatalog.named(testCase.endpoint)?.requestSchema)
        let failures = JSONSchemaValidator(schema: schema).validate(bytes: Array(testCase.body.utf8))
        #expect(failures.isEmpty, "\(failures)")
        let response = try respond(testCase.endpoint, testCase.body)
        let responseSchema = JSONSchemaValidator(schema: try #require(EndpointCatalog.named(testCase.endpoint)?.responseSchema))
        #expect(responseSchema.validate(response).isEmpty)
    }
}

/// A customer_loyalty customer with the five features; `replacing` swaps a piece of the features text.
private func features(_ target: String = "", _ replacement: String = "") -> String {
    var text = #""purchase_total": 10, "visit_frequency": 2, "avg_ticket": 5, "product_diversity": 1, "recency_days": 3"#
    if !target.isEmpty, let range = text.firstRange(of: target) { text.replaceSubrange(range, with: replacement) }
    return #"{"customer_id": "C-1", "features": {\#(text)}}"#
}

/// GEN-5: the members of every response object come in the order its schema lists them.
private func orderViolations(_ instance: JSONValue, _ schema: JSONValue, _ validator: JSONSchemaValidator, at pointer: String = "") -> [String] {
    var violations: [String] = []
    switch instance {
    case .object(let members):
        guard let properties = validator.properties(of: schema) else { return [] }
        let order = properties.map(\.key)
        let positions = members.compactMap { member in order.firstIndex(of: member.key) }
        if positions != positions.sorted() { violations.append("\(pointer): \(members.map(\.key)) is not in the order \(order)") }
        for member in members {
            if let property = properties.first(where: { $0.key == member.key }) {
                violations += orderViolations(member.value, property.value, validator, at: pointer + "/" + JSONSchemaValidator.escape(member.key))
            }
        }
    case .array(let elements):
        guard let items = validator.items(of: schema) else { return [] }
        for (index, element) in elements.enumerated() { violations += orderViolations(element, items, validator, at: "\(pointer)/\(index)") }
    default:
        break
    }
    return violations
}
