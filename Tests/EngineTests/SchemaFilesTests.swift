import Foundation
import Reports
import Testing

@testable import Engine

/// The files of spec/schemas against what Engine embeds: the same files, each one the schema of some body, each
/// written exactly as `JSONWriter(pretty: true)` writes its value, so a hand edit keeps the one format.
@Suite("JSON Schema files in spec/schemas")
struct SchemaFilesTests {
    static let directory =
        String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/") + "/spec/schemas"

    static func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test func theDirectoryHoldsExactlyTheEmbeddedDocuments() throws {
        #expect(try Set(Self.files()) == Set(EndpointSchemas.documents.keys), "list every file in Package.swift and EndpointSchemas")
    }

    @Test func everyDocumentIsTheSchemaOfSomeBody() {
        var used = [EndpointSchemas.error]
        for endpoint in EndpointCatalog.all {
            used += [EndpointSchemas.request(endpoint.name), EndpointSchemas.response(endpoint.name)].compactMap { $0 }
        }
        for (file, document) in EndpointSchemas.documents {
            #expect(used.contains(document), "spec/schemas/\(file) is no endpoint's request or response schema nor the error schema")
        }
    }

    @Test(arguments: try files())
    func fileIsTheEmbeddedDocumentCanonicallyWritten(_ file: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.directory + "/" + file)))
        let document = try JSONParser.parse(bytes, maxDepth: 64)
        #expect(document == EndpointSchemas.documents[file], "rebuild after editing spec/schemas/\(file): it is embedded at build time")
        #expect(document["$schema"] == .string(EndpointSchemas.dialect))
        #expect(
            String(decoding: bytes, as: UTF8.self) == JSONWriter(pretty: true).string(document),
            "spec/schemas/\(file) is not written as JSONWriter(pretty: true) writes it (2-space indent, scalar arrays on one line)")
    }
}
