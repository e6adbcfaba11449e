import Engine
import Foundation
import Testing

@testable import Reports

/// Small deterministic request bodies for the report tests: three well-separated groups of customers.
enum ReportBodies {
    /// A linear congruential generator, so bodies never change between runs or platforms.
    struct Sequence {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    static let categories = ["Electronics", "Home & Garden", "Books", "Toys", "Fashion", "Beauty"]

    /// The 4.1.7 dialect with `extra` members (JSON text, e.g. `"format": "html"`) and optional hostile strings.
    static func customers(_ n: Int = 60, hostile: Bool = false, extra: String = "") -> String {
        var random = Sequence(state: 11)
        var rows: [String] = []
        for i in 0..<n {
            let group = i % 3
            let frequency = [2, 12, 30][group] + Int(random.next() * 3)
            let amount = [80.0, 900.0, 4000.0][group] * (0.9 + 0.2 * random.next())
            var id = "C-\(1000 + i)"
            var types = [categories[(i + group) % 6], categories[(i * 7 + 1) % 6]]
            if hostile {
                switch i {
                case 0: id = "<script>alert(1)</script>"
                case 1: id = #"a&b"c'd"#
                case 2: id = "bell\u{7}id"
                case 3: id = "\u{202E}evil"
                default: break
                }
                if group == 0 { types = ["<script>alert(1)</script>", #"a&b"c'd"#] }
            }
            let typeList = types.map { "\"\(escape($0))\"" }.joined(separator: ", ")
            rows.append(
                #"{"id": "\#(escape(id))", "frequency": \#(frequency), "amount_spent": \#(rounded(amount, 2)), "product_types": [\#(typeList)]}"#)
        }
        return #"{"customers": [\#(rows.joined(separator: ",\n"))], "k_range": [2, 3, 4]\#(extra.isEmpty ? "" : ", " + extra)}"#
    }

    /// The 4.1.1 dialect.
    static func features(_ n: Int = 45, extra: String = "") -> String {
        var random = Sequence(state: 5)
        var rows: [String] = []
        for i in 0..<n {
            let group = i % 3
            let total = [150.0, 1200.0, 5200.0][group] * (0.9 + 0.2 * random.next())
            let visits = [3, 10, 25][group] + Int(random.next() * 2)
            let recency = [120, 30, 5][group] + Int(random.next() * 5)
            rows.append(
                #"{"customer_id": "F-\#(i)", "features": {"purchase_total": \#(rounded(total, 2)), "visit_frequency": \#(visits), "#
                    + #""avg_ticket": \#(rounded(total / Double(visits), 2)), "product_diversity": \#(group + 1), "loyalty_score": \#(rounded(0.2 + 0.3 * Double(group), 2)), "#
                    + #""recency_days": \#(recency)}}"#)
        }
        return #"{"data": [\#(rows.joined(separator: ",\n"))], "max_clusters": 4\#(extra.isEmpty ? "" : ", " + extra)}"#
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func answer(_ endpoint: String, _ body: String) throws -> EndpointAnswer {
        let found = try #require(EndpointCatalog.named(endpoint))
        return try found.answer(to: Array(body.utf8), context: ComputeContext(today: Day(iso: "2025-04-24")!))
    }

    static func text(_ endpoint: String, _ body: String) throws -> String {
        String(decoding: try answer(endpoint, body).bytes, as: UTF8.self)
    }

    /// The error an invalid body gets.
    static func problems(_ endpoint: String, _ body: String) -> [Problem]? {
        do {
            _ = try EndpointCatalog.named(endpoint)!.answer(to: Array(body.utf8))
            return nil
        } catch {
            return error.problems
        }
    }
}

/// Golden files under Tests/ReportsTests/Snapshots, re-recorded with CINTEL_RECORD_SNAPSHOTS=1.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func assertMatches(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CINTEL_RECORD_SNAPSHOTS"] == "1" {
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let line =
                zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(expectedLines.count, actualLines.count)
            let was = line < expectedLines.count ? String(expectedLines[line]) : "(end)"
            let now = line < actualLines.count ? String(actualLines[line]) : "(end)"
            let message =
                "\(name) differs from its snapshot at line \(line + 1): expected \(was), got \(now). Re-record with CINTEL_RECORD_SNAPSHOTS=1 if intended."
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }
}
