import Reports
import Testing

@testable import Engine

#if canImport(Glibc)
    import Glibc
#endif

/// The OpenAPI document stays true to the service: every conformance fixture the engine answers 200 has a request
/// that validates against the endpoint's request schema and an engine response that validates against its response
/// schema; every fixture the engine refuses gets an error body that validates against the error schema.
@Suite("Conformance fixtures against the OpenAPI schemas")
struct FixtureSchemaTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var path: String
        var endpoint: String
        var body: [UInt8]
        /// The fixture's `/expect/status`.
        var status: Int
        /// The runner pads the body with spaces to this many bytes (`/request/pad_to_bytes`).
        var padToBytes: Int?
        var testDescription: String { path }
    }

    static let root = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")

    static func cases() -> [Case] {
        var cases: [Case] = []
        for endpoint in EndpointCatalog.all {
            let folder = root + "/fixtures/" + endpoint.name
            guard let directory = opendir(folder) else { continue }
            defer { closedir(directory) }
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
                if name.hasSuffix(".json") { names.append(name) }
            }
            for name in names.sorted() {
                guard let fixture = try? JSONParser.parse(readBytes(folder + "/" + name), maxDepth: 64) else { continue }
                let body: [UInt8]
                if case .string(let text)? = fixture[pointer: "/request/body_text"] {
                    body = Array(text.utf8)
                } else if let value = fixture[pointer: "/request/body"] {
                    body = JSONWriter(pretty: false).bytes(value)
                } else {
                    continue
                }
                // 401 and 415 are the HTTP layer's answers (keys, media type); the engine never sees those requests.
                guard case .number(let status)? = fixture[pointer: "/expect/status"], status != 401, status != 415 else { continue }
                let pad = fixture[pointer: "/request/pad_to_bytes"]?.numberValue.map { Int($0) }
                cases.append(Case(path: endpoint.name + "/" + name, endpoint: endpoint.name, body: body, status: Int(status), padToBytes: pad))
            }
        }
        return cases
    }

    @Test func theCorpusIsThere() {
        #expect(Self.cases().count > 100)
    }

    @Test(arguments: cases())
    func fixtureExchangeValidates(_ example: Case) throws {
        let endpoint = try #require(EndpointCatalog.named(example.endpoint))
        let answer: EndpointAnswer
        do throws(CintelError) {
            var body = example.body
            if let pad = example.padToBytes, pad > body.count { body += [UInt8](repeating: 0x20, count: pad - body.count) }
            answer = try endpoint.answer(to: body, context: ComputeContext())
        } catch {
            #expect(error.status == example.status, "the fixture expects \(example.status); the engine answered \(error.status) \(error.code)")
            let failures = JSONSchemaValidator(schema: EndpointSchemas.error).validate(bytes: error.body)
            #expect(failures.isEmpty, "error body: \(failures.prefix(3))")
            return
        }
        #expect(example.status == 200, "the fixture expects \(example.status); the engine answered 200")
        let request = try JSONParser.parse(example.body)
        let requestSchema = JSONSchemaValidator(schema: try #require(EndpointCatalog.named(example.endpoint)?.requestSchema))
        let responseSchema = JSONSchemaValidator(schema: try #require(EndpointCatalog.named(example.endpoint)?.responseSchema))
        #expect(requestSchema.validate(request).isEmpty, "request: \(requestSchema.validate(request).prefix(3))")
        // The HTML deck and the XML pack are documents, checked against the XSD and the print check (ReportsTests).
        guard answer.mediaType == EndpointAnswer.json else { return }
        let failures = responseSchema.validate(bytes: answer.bytes)
        #expect(failures.isEmpty, "response: \(failures.prefix(3))")
    }
}

private func readBytes(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "r") else { return [] }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return bytes
}
