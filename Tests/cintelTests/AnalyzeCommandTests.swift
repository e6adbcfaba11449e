import Foundation
import Testing

/// `cintel analyze` end to end on small hostile files: every output written, or nothing.
@Suite struct AnalyzeCommandTests {
    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cintel-analyze-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Semicolons, a BOM, CRLF, quoted delimiters, quotes and a line break inside a field, mapped column names.
    static let orders: String = {
        var lines = ["\u{FEFF}Kunde;Datum;Summe;Artikel;Kategorie"]
        let categories = ["\"Home; Garden\"", "\"Kids' \"\"fun\"\"\"", "Books", "\"two\r\nlines\""]
        for customer in 0..<8 {
            for order in 0..<(1 + customer % 4) {
                let day = 1 + (customer * 3 + order * 7) % 27
                lines.append(
                    "\"C;\(customer)\";\(String(format: "%02d", day))/0\(1 + order % 9)/2025;\(10 + customer * 7 + order).5;P\(order);\(categories[(customer + order) % 4])"
                )
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }()

    @Test func analyzesAHostileCSVIntoEveryOutput() throws {
        let dir = Self.folder()
        let file = dir.appendingPathComponent("orders.csv")
        try Data(Self.orders.utf8).write(to: file)
        let out = dir.appendingPathComponent("analysis")
        let outcome = try CommandLineTests.run([
            "analyze", file.path, "--out", out.path, "--quiet", "--date-format", "DD/MM/YYYY",
            "--map", "customer_id=Kunde,date=Datum,amount=Summe,product_id=Artikel,category=Kategorie", "--lang", "es,pt",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let table = try String(contentsOf: out.appendingPathComponent("customers.csv"), encoding: .utf8)
        let rows = table.split(separator: "\n")
        #expect(rows.count == 9)
        #expect(rows[0].hasPrefix("customer_id,purchase_total,visit_frequency"))
        #expect(rows[1].hasPrefix("C;0,"))
        for name in [
            "responses/customer_features.json", "responses/customer_clv_forecast.json", "reports/report-es.html", "reports/report-pt.html",
            "reports/report.xml",
        ] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("reports/report-en.html").path))
    }

    @Test func aBadRowStopsWithItsPlaceAndWritesNothing() throws {
        let dir = Self.folder()
        let file = dir.appendingPathComponent("orders.csv")
        try Data("customer_id,date,amount\nA,2025-01-01,5\nB,2025-02-30,7\n".utf8).write(to: file)
        let out = dir.appendingPathComponent("analysis")
        let outcome = try CommandLineTests.run(["analyze", file.path, "--out", out.path, "--quiet"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("line 3, column 'date': '2025-02-30' is not a date"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let empty = dir.appendingPathComponent("empty.csv")
        try Data().write(to: empty)
        #expect(try CommandLineTests.run(["analyze", empty.path, "--out", out.path, "--quiet"]).status == 1)
    }

    @Test func jsonLinesWithASkippedRow() throws {
        let dir = Self.folder()
        let file = dir.appendingPathComponent("orders.jsonl")
        let lines = [
            #"{"customer_id": "A", "date": "2025-01-01", "amount": 5, "product_id": "p"}"#,
            #"{"customer_id": "A", "date": "2025-01-09", "amount": -1}"#,
            #"{"customer_id": "B", "date": "2025-01-03", "amount": 12.5}"#,
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let out = dir.appendingPathComponent("analysis")
        let outcome = try CommandLineTests.run(["analyze", file.path, "--out", out.path, "--max-bad-rows", "1", "--lang", "en"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("skipped 1 bad rows"))
        #expect(outcome.stderr.contains("computing customer_clv_forecast"))
        let table = try String(contentsOf: out.appendingPathComponent("customers.csv"), encoding: .utf8)
        #expect(table.split(separator: "\n").count == 3)
    }

    /// `cintel request` builds what `cintel run` (or a remote instance) accepts, for history and feature endpoints.
    @Test func requestBodiesAreAcceptedByTheirEndpoints() throws {
        let dir = Self.folder()
        let file = dir.appendingPathComponent("orders.csv")
        try Data("customer_id,date,amount,product_id\nA,2025-01-05,10.5,p1\nA,2025-02-05,20,p2\nB,2025-02-01,7,p1\n".utf8).write(to: file)
        for endpoint in ["customer_rfm", "churn_label", "customer_clv_forecast", "customer_loyalty", "segment_cluster_profiles"] {
            let built = try CommandLineTests.run(["request", endpoint, file.path, "--compact"])
            #expect(built.status == 0, "\(endpoint): \(built.stderr)")
            #expect(built.stdout.contains("\"A\""), "\(endpoint)")
            let answered = try CommandLineTests.run(["run", endpoint], stdin: built.stdout)
            #expect(answered.status == 0, "\(endpoint): \(answered.stderr)")
        }
        #expect(try CommandLineTests.run(["request", "nps", file.path]).status == 2)
    }
}
