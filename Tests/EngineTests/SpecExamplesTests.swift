import Reports
import Testing

@testable import Engine

#if canImport(Glibc)
    import Glibc
#endif

/// The spec is the test: every worked example in a served endpoint's spec file — a request block followed by its
/// response block — must be what the engine answers, value for value.
@Suite("Worked examples of spec/")
struct SpecExamplesTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var file: String
        var line: Int
        var request: JSONValue
        var response: JSONValue
        var testDescription: String { "\(file):\(line)" }
    }

    static func examples() -> [Example] {
        var examples: [Example] = []
        for endpoint in EndpointCatalog.all {
            guard let text = readSpec(endpoint.specFile) else { continue }
            var blocks: [(line: Int, value: JSONValue)] = []
            var current: [Substring]?
            var start = 0
            for (number, fullLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                // A fence may be indented under a list item (CommonMark); the JSON inside does not mind the indent.
                let line = fullLine.drop { $0 == " " }
                if current == nil, line.hasPrefix("```json") {
                    current = []
                    start = number + 1
                } else if current != nil, line.hasPrefix("```") {
                    if let value = try? JSONParser.parse(Array(current!.joined(separator: "\n").utf8)) { blocks.append((start, value)) }
                    current = nil
                } else {
                    current?.append(line)
                }
            }
            // A request is a block the endpoint accepts; the block right after it is its response.
            var index = 0
            while index + 1 < blocks.count {
                let request = blocks[index].value
                if (try? endpoint.respondValue(to: JSONWriter().bytes(request), context: context)) != nil {
                    examples.append(Example(file: endpoint.specFile, line: blocks[index].line, request: request, response: blocks[index + 1].value))
                    index += 2
                } else {
                    index += 1
                }
            }
        }
        return examples
    }

    /// Examples without `today` are computed as of this date; their responses must not depend on it.
    static let context = ComputeContext(today: Day(iso: "2025-04-24")!)

    @Test func everyServedEndpointHasWorkedExamples() {
        let files = Set(Self.examples().map(\.file))
        // A report pack is checked by its golden files (ReportsTests), not by a worked example.
        #expect(files == Set(EndpointCatalog.all.map(\.specFile)).subtracting(["segmentation_report.md"]))
    }

    @Test(arguments: examples())
    func exampleHolds(_ example: Example) throws {
        let endpoint = try #require(EndpointCatalog.all.first { $0.specFile == example.file })
        let actual = try endpoint.respondValue(to: JSONWriter().bytes(example.request), context: Self.context)
        var differences: [String] = []
        compare(actual, example.response, at: "", into: &differences)
        #expect(differences.isEmpty, Comment(rawValue: "\(example.file):\(example.line)\n" + differences.prefix(10).joined(separator: "\n")))
    }

    private func compare(_ actual: JSONValue, _ expected: JSONValue, at pointer: String, into differences: inout [String]) {
        switch (actual, expected) {
        case (.object(let a), .object(let e)):
            if a.map(\.key) != e.map(\.key) { differences.append("\(pointer): keys \(a.map(\.key)) ≠ \(e.map(\.key))") }
            for member in e {
                if let value = a.first(where: { $0.key == member.key })?.value {
                    compare(value, member.value, at: pointer + "/" + member.key, into: &differences)
                }
            }
        case (.array(let a), .array(let e)):
            if a.count != e.count { differences.append("\(pointer): \(a.count) items ≠ \(e.count)") }
            for (index, (x, y)) in zip(a, e).enumerated() { compare(x, y, at: "\(pointer)/\(index)", into: &differences) }
        default:
            if actual != expected {
                differences.append("\(pointer): \(JSONWriter(pretty: false).string(actual)) ≠ \(JSONWriter(pretty: false).string(expected))")
            }
        }
    }
}

private func readSpec(_ name: String) -> String? {
    let root = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
    guard let file = fopen(root + "/spec/" + name, "r") else { return nil }
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
