import Reports
import Testing

@testable import Engine

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Endpoint registry and error shape (GEN-1, ERR-1)")
struct EndpointRegistryTests {
    /// The families the source names at its top, in its order.
    static let sourceFamilies = [
        "purchasing_segmentation", "segmentation_report", "segmentation_report_json_i18n", "segment_hierarchy_chart", "segment_subsegment_explore",
        "segment_cluster_profiles", "customer_segmentation", "customer_features", "customer_loyalty", "customer_rfm", "customer_clv_features",
        "customer_clv_forecast", "churn_risk", "nps", "churn_label",
    ]

    @Test func everyFamilyIsRegisteredOnce() {
        #expect(EndpointCatalog.all.map(\.name) == Self.sourceFamilies)
    }

    @Test func everyFamilyHasASpecFileWithClauseIDs() throws {
        // This file is <root>/Tests/EngineTests/EndpointRegistryTests.swift.
        let root = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
        for endpoint in EndpointCatalog.all {
            let path = root + "/spec/" + endpoint.specFile
            let text = try #require(readText(path) as String?, "missing \(path)")
            #expect(text.contains("- **"), "\(endpoint.specFile) has no clauses")
        }
    }

    @Test func errorBodyHasTheOneShape() throws {
        let error = CintelError.invalid([Problem(pointer: "/bins", code: "maximum", message: "must be ≤ 10")])
        let body = try JSONParser.parse(error.body)
        #expect(body[pointer: "/error/status"]?.double == 422)
        #expect(body[pointer: "/error/code"] == .string("invalid_request"))
        #expect(body[pointer: "/error/problems/0/pointer"] == .string("/bins"))
        #expect(body[pointer: "/error/problems/0/code"] == .string("maximum"))
        #expect(CintelError.internalFailure.status == 500)
        #expect(try JSONParser.parse(CintelError.internalFailure.body)[pointer: "/error/problems"] == .array([]))
    }

    @Test func pointersEscapeTildeAndSlash() {
        #expect(JSONPointer([.key("a/b"), .index(3), .key("m~n")]).string == "/a~1b/3/m~0n")
        #expect(JSONPointer().string == "")
    }
}

private func readText(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}
