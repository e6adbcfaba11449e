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

    /// Writes `bytes` as `name` in a new folder and runs `cintel analyze` on it with `options`.
    static func analyze(_ bytes: [UInt8], named name: String = "orders.csv", _ options: [String] = []) throws -> (CommandLineTests.Outcome, URL) {
        let dir = folder()
        let file = dir.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        let out = dir.appendingPathComponent("analysis")
        return (try CommandLineTests.run(["analyze", file.path, "--out", out.path, "--lang", "en"] + options), out)
    }

    /// ING-3: `A\xff` and `A\xfe` are bad rows with their place; skipped, they are counted and never merged.
    @Test func ing3CustomerIdsNotUTF8AreBadRowsNeverMerged() throws {
        var bytes = Array("customer_id,date,amount\nA".utf8) + [0xFF] + Array(",2025-01-01,5\nA".utf8) + [0xFE]
        bytes += Array(",2025-01-02,7\nB,2025-01-03,1\nC,2025-01-04,2\nB,2025-01-09,4\n".utf8)
        let (strict, strictOut) = try Self.analyze(bytes, ["--quiet"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("orders.csv: line 2, column 'customer_id': not valid UTF-8"), "\(strict.stderr)")
        #expect(!FileManager.default.fileExists(atPath: strictOut.path))
        let (lenient, out) = try Self.analyze(bytes, ["--max-bad-rows", "2"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("skipped 2 bad rows (--max-bad-rows 2); first: line 2, column 'customer_id': not valid UTF-8"))
        let table = try String(contentsOf: out.appendingPathComponent("customers.csv"), encoding: .utf8)
        #expect(table.split(separator: "\n").dropFirst().map { $0.prefix(2) } == ["B,", "C,"])
    }

    /// ING-4: a JSON Lines string that is not UTF-8 is a bad row at its member, not a replaced character.
    @Test func ing4JSONLinesStringsNotUTF8AreBadRows() throws {
        let good = #"{"customer_id": "A", "date": "2025-01-01", "amount": 5, "product_id": "p"}"#
        let bytes =
            Array((good + "\n" + #"{"customer_id": "A", "date": "2025-01-02", "amount": 5, "product_id": "p"#).utf8) + [0xC3] + Array("\"}\n".utf8)
        let (outcome, _) = try Self.analyze(bytes, named: "orders.jsonl", ["--quiet"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("orders.jsonl: line 2, column 'product_id': not valid UTF-8"), "\(outcome.stderr)")
    }

    /// ING-6: a date in the future, or after --today, is a bad row with its line and column.
    @Test func ing6FutureDatesAreBadRows() throws {
        let rows = "customer_id,date,amount\nA,2025-01-01,5\nB,9999-12-31,5\n"
        let (future, _) = try Self.analyze(Array(rows.utf8), ["--quiet"])
        #expect(future.status == 1)
        #expect(future.stderr.contains("orders.csv: line 3, column 'date': date in the future: 9999-12-31 is after "), "\(future.stderr)")
        let (late, _) = try Self.analyze(
            Array("customer_id,date,amount\nA,2025-01-01,5\nB,2025-02-01,5\n".utf8), ["--quiet", "--today", "2025-01-31"])
        #expect(late.status == 1)
        #expect(late.stderr.contains("orders.csv: line 3, column 'date': 2025-02-01 is after --today 2025-01-31"), "\(late.stderr)")
    }

    /// ING-14 (with ING-7 to ING-12): what the endpoints would refuse in the histories built from a file is reported
    /// against the file's line and column, never as a pointer into a request.
    @Test(arguments: [
        (
            "A,2025-01-01,600000000000000\nA,2025-01-02,400000000000001\n", [String](),
            "line 3, column 'amount': customer 'A' (first row: line 2) reaches"
        ),
        ("A,2025-01-01,2000000000000000\n", [], "line 2, column 'amount': amount 2000000000000000 is beyond 1e15"),
        ("A,1899-12-31,5\n", [], "line 2, column 'date': 1899-12-31 is before 1900-01-01"),
        ("\(String(repeating: "x", count: 257)),2025-01-01,5\n", [], "line 2, column 'customer_id': 'xxxx"),
        ("A,2025-01-01,5,T1\nA,2025-01-02,5,T1\n", ["--map", "transaction_id=t"], "line 3, column 't': customer 'A' already has an order 'T1'"),
        ("A,2025-01-01,5,1\nA,2025-01-02,5,\n", ["--map", "cost=t"], "line 3, column 't': no cost, while line 2 has one"),
        ("A,2025-01-01,5\nB,2025-01-02,5\n", ["--max-customers", "1"], "line 3, column 'customer_id': customer 'B' is customer 2 of the file"),
        (
            "A,2025-01-01,5\nA,2025-01-02,5\n", ["--max-transactions-per-customer", "1"],
            "line 3, column 'customer_id': customer 'A' (first row: line 2)"
        ),
        ("A,2025-01-01,5\nB,2025-01-02,5\n", ["--max-total-transactions", "1"], "line 3: order 2 of the file, beyond --max-total-transactions 1"),
    ])
    func ing14ProblemsPointIntoTheFile(_ rows: String, _ options: [String], _ expected: String) throws {
        let header = options.contains("transaction_id=t") || options.contains("cost=t") ? "customer_id,date,amount,t\n" : "customer_id,date,amount\n"
        let (outcome, _) = try Self.analyze(Array((header + rows).utf8), ["--quiet"] + options)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("orders.csv: \(expected)"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("/customers"))
    }

    /// ING-14: a snapshot in January 1900 leaves NPS's month comparison out instead of naming months before 1900.
    @Test func ing14ASnapshotIn1900NeedsNoMonthsBeforeIt() throws {
        let dir = Self.folder()
        let survey = dir.appendingPathComponent("survey.csv")
        try Data("score,date\n9,1900-01-01\n".utf8).write(to: survey)
        let (outcome, out) = try Self.analyze(
            Array("customer_id,date,amount\nA,1900-01-01,5\nB,1900-01-02,7\n".utf8), ["--quiet", "--survey", survey.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("responses/nps.json").path))
    }
}
