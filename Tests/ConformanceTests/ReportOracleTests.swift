import Engine
import Foundation
import Reports
import Testing

@testable import Conformance

/// The report oracles and the companion checks find wrong packs, decks and XML (they are tested by corrupting our
/// own answers, as every oracle is).
@Suite("Report oracles catch wrong answers")
struct ReportOracleTests {
    static func customer(_ i: Int) -> JSON {
        let frequency = Double([2, 12, 30][i % 3] + i % 2)
        let amount = [80.0, 900, 4000][i % 3] + Double(i)
        let category = JSON.string(["a", "b", "c"][i % 3])
        return .object([
            "id": .string("C\(i)"), "frequency": .number(frequency), "amount_spent": .number(amount), "product_types": .array([category]),
        ])
    }

    static let body = JSON.object([
        "customers": .array((0..<30).map(customer)),
        "k_range": .array([.number(2), .number(3)]),
        "languages": .array([.string("en"), .string("es")]),
    ])

    static func answer(_ body: JSON) throws -> String {
        let bytes = try JSONEncoder().encode(body)
        return String(decoding: try EndpointCatalog.named("segmentation_report")!.answer(to: Array(bytes)).bytes, as: UTF8.self)
    }

    static func pack() throws -> JSON { JSON.parse(Data(try answer(body).utf8))! }

    static func findings(_ oracle: String, _ response: JSON, request: JSON = body) -> [Finding] {
        OracleCatalog.named(oracle)!.run(request: request, response: response)
    }

    static func changed(_ value: JSON, _ path: [String], to new: JSON) -> JSON {
        guard let key = path.first else { return new }
        switch value {
        case .object(var members):
            members[key] = changed(members[key] ?? .null, Array(path.dropFirst()), to: new)
            return .object(members)
        case .array(var items):
            let index = Int(key)!
            items[index] = changed(items[index], Array(path.dropFirst()), to: new)
            return .array(items)
        default: return value
        }
    }

    @Test func ourPackPasses() throws {
        #expect(Self.findings("segmentation_report.pack", try Self.pack()) == [])
    }

    @Test(arguments: [
        (["verdicts", "overall"], JSON.string("poor"), "REP-18"),
        (["kpis", "total_spend"], JSON.number(1), "REP-15"),
        (["charts", "cluster_sizes", "0", "share"], JSON.number(0.9), "REP-22"),
        (["text", "es", "personas", "0", "name"], JSON.string("__english__"), "REP-24"),
        (["text", "es", "kpis", "0", "value"], JSON.string("30.0"), "REP-41"),
        (["verdicts", "advice"], JSON.array([]), "REP-20"),
    ])
    func corruptedPacksAreCaught(_ path: [String], _ value: JSON, _ clause: String) throws {
        var pack = try Self.pack()
        if value == .string("__english__") {
            pack = Self.changed(pack, path, to: pack[pointer: "/text/en/personas/0/name"]!)
        } else {
            pack = Self.changed(pack, path, to: value)
        }
        #expect(Self.findings("segmentation_report.pack", pack).contains { $0.clause == clause }, "\(path) not caught")
    }

    @Test func htmlAndXMLRules() throws {
        var html = JSON.object(["customers": Self.body["customers"]!, "format": .string("html")])
        let deck = try Self.answer(html)
        html = .object(["customers": Self.body["customers"]!])
        #expect(Self.findings("segmentation_report.html", .string(deck), request: html) == [])
        let scripted = deck.replacingOccurrences(of: "</body>", with: "<script>alert(1)</script></body>")
        #expect(Self.findings("segmentation_report.html", .string(scripted), request: html).contains { $0.clause == "REP-63" })
        let sized = deck.replacingOccurrences(of: "role=\"img\"", with: "role=\"img\" width=\"900\"")
        #expect(Self.findings("segmentation_report.html", .string(sized), request: html).contains { $0.clause == "REP-27" })

        let xml = try Self.answer(.object(["customers": Self.body["customers"]!, "format": .string("xml")]))
        #expect(Self.findings("segmentation_report.xml", .string(xml), request: html) == [])
        let broken = xml.replacingOccurrences(of: "<meta>", with: "<meta><unclosed>")
        #expect(Self.findings("segmentation_report.xml", .string(broken), request: html).contains { $0.clause == "REP-58" })
        let exponent = xml.replacingOccurrences(of: "<schema_version>1</schema_version>", with: "<schema_version>1e0</schema_version>")
        #expect(Self.findings("segmentation_report.xml", .string(exponent), request: html).contains { $0.clause == "REP-59" })
    }

    @Test func agreementComparesStarredArrays() {
        let answer = JSON.object(["a": .array([.object(["x": .number(1)]), .object(["x": .number(2)])])])
        let same = JSON.object(["b": .array([.object(["y": .number(1)]), .object(["y": .number(2.0)])])])
        let other = JSON.object(["b": .array([.object(["y": .number(1)]), .object(["y": .number(3)])])])
        let shorter = JSON.object(["b": .array([.object(["y": .number(1)])])])
        #expect(AssertionEvaluator.agreement([["/a/*/x", "/b/*/y"]], answer: answer, companion: same, clause: "T-1").isEmpty)
        #expect(AssertionEvaluator.agreement([["/a/*/x", "/b/*/y"]], answer: answer, companion: other, clause: "T-1").map(\.pointer) == ["/a/1/x"])
        #expect(AssertionEvaluator.agreement([["/a/*/x", "/b/*/y"]], answer: answer, companion: shorter, clause: "T-1").map(\.pointer) == ["/a"])
    }
}
