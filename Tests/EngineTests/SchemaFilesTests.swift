import Foundation
import Reports
import Testing

@testable import Engine

/// The files of spec/schemas against the catalog: each one the embedded schema of some body, each written exactly as
/// `JSONWriter(pretty: true)` writes its value, so a hand edit keeps the one format.
@Suite("JSON Schema files in spec/schemas")
struct SchemaFilesTests {
    static let directory =
        String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/") + "/spec/schemas"

    static func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    /// What each file must hold: an endpoint's request or response schema (the two report endpoints share one
    /// response file), or the error body's.
    static func expected() -> [String: JSONValue] {
        var documents = ["error.json": EndpointSchemas.error]
        for endpoint in EndpointCatalog.all {
            documents[endpoint.name + ".request.json"] = endpoint.requestSchema
            if endpoint.name != "segmentation_report_json_i18n" { documents[endpoint.name + ".response.json"] = endpoint.responseSchema }
        }
        return documents
    }

    @Test func theDirectoryHoldsExactlyTheCatalogsDocuments() throws {
        #expect(try Set(Self.files()) == Set(Self.expected().keys), "one request and one response file per endpoint, and error.json")
    }

    @Test(arguments: try files())
    func fileIsTheEmbeddedDocumentCanonicallyWritten(_ file: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.directory + "/" + file)))
        let document = try JSONParser.parse(bytes, maxDepth: 64)
        #expect(document == Self.expected()[file], "rebuild after editing spec/schemas/\(file): it is embedded at build time")
        #expect(document["$schema"] == .string(EndpointSchemas.dialect))
        #expect(
            String(decoding: bytes, as: UTF8.self) == JSONWriter(pretty: true).string(document),
            "spec/schemas/\(file) is not written as JSONWriter(pretty: true) writes it (2-space indent, scalar arrays on one line)")
    }
}
