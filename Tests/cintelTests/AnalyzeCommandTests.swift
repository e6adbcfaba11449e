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

    /// Loyalty points (mapped columns, semicolons) and survey answers (JSON Lines) join the orders: scores from
    /// points over the cap, NPS by channel, and each side file's bad rows stop the run with their place.
    @Test func loyaltyAndSurveyFilesJoinTheOrders() throws {
        let dir = Self.folder()
        let orders = dir.appendingPathComponent("orders.csv")
        var lines = ["customer_id,date,amount"]
        for customer in 0..<12 {
            for order in 0..<(1 + customer % 3) { lines.append("C\(customer),2025-0\(1 + order * 2)-\(10 + customer),\(20 + customer * 3 + order)") }
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: orders)
        let loyalty = dir.appendingPathComponent("points.csv")
        try Data("member;balance\nC0;5000\nC1;25000\nX9;100\n".utf8).write(to: loyalty)
        let survey = dir.appendingPathComponent("survey.jsonl")
        let answers = (0..<30).map { #"{"nps": \#($0 % 11), "date": "2025-0\#(3 + $0 % 4)-15", "channel": "\#($0 % 2 == 0 ? "web" : "store")"}"# }
        try Data(answers.joined(separator: "\n").utf8).write(to: survey)
        let out = dir.appendingPathComponent("analysis")
        let outcome = try CommandLineTests.run([
            "analyze", orders.path, "--out", out.path, "--lang", "en", "--today", "2025-07-31", "--loyalty", loyalty.path, "--loyalty-map",
            "customer_id=member,points=balance",
            "--survey", survey.path, "--survey-map", "score=nps",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(
            outcome.stderr.contains(
                "2 customers scored, 10 without a balance (0.0), 1 balances of customers without orders ignored, 1 above the cap (1.0)"))
        #expect(outcome.stderr.contains("read 30 survey answers"))
        let features = try String(contentsOf: out.appendingPathComponent("responses/customer_features.json"), encoding: .utf8)
        #expect(features.contains("\"loyalty_score\": 0.5"))
        #expect(features.contains("\"loyalty_score\": 1"))
        let nps = try String(contentsOf: out.appendingPathComponent("responses/nps.json"), encoding: .utf8)
        #expect(nps.contains("\"segment\": \"store\"") && nps.contains("\"segment\": \"web\""))

        try Data("score,date\n9,2025-02-01\n12,2025-02-02\n".utf8).write(to: survey.deletingPathExtension().appendingPathExtension("csv"))
        let bad = try CommandLineTests.run([
            "analyze", orders.path, "--out", out.path, "--quiet", "--survey", survey.deletingPathExtension().appendingPathExtension("csv").path,
        ])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("survey.csv: line 3, column 'score': '12' is not a whole score from 0 to 10"))
        // The earlier, complete analysis is still there: a failed run replaces nothing.
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("responses/nps.json").path))

        let built = try CommandLineTests.run([
            "request", "nps", orders.path, "--today", "2025-07-31", "--survey", survey.path, "--survey-map", "score=nps", "--compact",
        ])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try CommandLineTests.run(["run", "nps"], stdin: built.stdout).status == 0)
    }
}
