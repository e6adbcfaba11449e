import Testing

@testable import Engine

/// Orders files: RFC 4180 records in any chunking, column roles, date formats and the bad-row policy.
@Suite struct OrderIngestTests {
    static func records(_ text: String, delimiter: Character = ",", chunk: Int = 1) throws -> [[String]] {
        var tokenizer = CSVTokenizer(delimiter: delimiter.asciiValue!)
        var out: [[String]] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            try tokenizer.feed(bytes[start..<min(bytes.count, start + chunk)]) { out.append($0.fields) }
            start += chunk
        }
        try tokenizer.finish { out.append($0.fields) }
        return out
    }

    @Test(arguments: [1, 2, 3, 7, 1000])
    func quotingLineEndsAndBOMInAnyChunking(_ chunk: Int) throws {
        let text = "\u{FEFF}id;note;amount\r\n\"A;1\";\"say \"\"hi\"\"\";1.5\r\n\"B\";\"two\nlines\";2\n\nC;;3"
        #expect(
            try Self.records(text, delimiter: ";", chunk: chunk) == [
                ["id", "note", "amount"], ["A;1", "say \"hi\"", "1.5"], ["B", "two\nlines", "2"], ["C", "", "3"],
            ])
    }

    @Test func malformedQuotesAreReportedWithTheirPlace() throws {
        #expect(
            throws: CSVTokenizer.Failure(line: 2, column: 4, reason: "a quote inside an unquoted field; quote the whole field and double the quote")
        ) {
            _ = try Self.records("a,b\nx,y\"z\n", chunk: 4)
        }
        #expect(throws: CSVTokenizer.Failure.self) { _ = try Self.records("a,b\n\"open,1\n") }
        #expect(try Self.records("") == [])
    }

    @Test func recordsKnowTheirFirstLine() throws {
        var tokenizer = CSVTokenizer()
        var lines: [Int] = []
        try tokenizer.feed(Array("h\n\"a\nb\"\nc\n".utf8)) { lines.append($0.line) }
        try tokenizer.finish { lines.append($0.line) }
        #expect(lines == [1, 2, 4])
    }

    @Test func columnsByNameOrMapping() throws {
        let columns = try OrderColumns(header: [" Customer_ID ", "date", "Amount", "sku"], mapping: [.productId: "sku"])
        #expect(columns.index == [.customerId: 0, .date: 1, .amount: 2, .productId: 3])
        #expect(throws: OrderColumns.Failure.self) { try OrderColumns(header: ["cust", "date", "amount"]) }
        #expect(throws: OrderColumns.Failure.self) { try OrderColumns(header: ["customer_id", "date", "amount"], mapping: [.cost: "cogs"]) }
        #expect(
            try OrderColumns.mapping(["customer_id=cust,date=order_date", "amount = total"]) == [
                .customerId: "cust", .date: "order_date", .amount: "total",
            ])
        #expect(throws: OrderColumns.Failure.self) { try OrderColumns.mapping(["price=total"]) }
    }

    @Test func dateFormats() throws {
        #expect(OrderDateFormat.iso.day("2025-04-24") == Day(year: 2025, month: 4, day: 24))
        #expect(OrderDateFormat.iso.day("2025-04-24T10:30:00Z") == Day(year: 2025, month: 4, day: 24))
        #expect(OrderDateFormat.iso.day("2025-04-24 10:30") == Day(year: 2025, month: 4, day: 24))
        #expect(OrderDateFormat.iso.day("2025-02-30") == nil)
        #expect(OrderDateFormat.iso.day("2025-4-24") == nil)
        #expect(OrderDateFormat.iso.day("2025-04-245") == nil)
        #expect(try OrderDateFormat("compact").day("20250424") == Day(year: 2025, month: 4, day: 24))
        #expect(try OrderDateFormat("DD/MM/YYYY").day("24/04/2025") == Day(year: 2025, month: 4, day: 24))
        #expect(try OrderDateFormat("MM/DD/YYYY").day("04/24/2025") == Day(year: 2025, month: 4, day: 24))
        #expect(throws: OrderDateFormat.Failure.self) { try OrderDateFormat("DD/MM") }
    }

    @Test func decimalsReadAsDoubleReadsThem() {
        // Short decimals take the exact quotient path, long ones the general parse: both must equal Double(_:).
        var rng = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            let whole = String(rng.next() % 1_000_000_000)
            let fraction = String(rng.next() % 10_000_000_000).prefix(Int(rng.next() % 11))
            let sign = ["", "-", "+"][Int(rng.next() % 3)]
            let text = sign + whole + (fraction.isEmpty && rng.next() % 2 == 0 ? "" : "." + fraction)
            #expect(OrderLedger.decimal(text) == Double(text), "\(text)")
        }
        for text in ["0.1", "-0", "007.50", "5.", ".25", "123456789012345", "1234567890123456", "0.30000000000000004"] {
            #expect(OrderLedger.decimal(text) == Double(text), "\(text)")
        }
        #expect(OrderLedger.decimal(" 12.5\t") == 12.5)
        #expect(OrderLedger.decimal("-0")?.sign == .minus)
        for text in ["", "-", "+", ".", "1e5", "1,5", "1.2.3", "--1", "1-", "nan", "inf", "0x10"] {
            #expect(OrderLedger.decimal(text) == nil, "\(text)")
        }
    }

    static func add(_ ledger: inout OrderLedger, _ line: Int, _ values: [OrderRole: String]) throws(OrderLedger.Failure) {
        try ledger.add(line: line, names: [:]) { values[$0] }
    }

    @Test func badRowsStopTheRunOrAreSkippedAndCounted() throws {
        var strict = OrderLedger()
        #expect(throws: OrderLedger.Failure.self) { try Self.add(&strict, 2, [.customerId: "A", .date: "2025-01-01", .amount: "-5"]) }
        do {
            try Self.add(&strict, 3, [.customerId: "", .date: "01/01/2025", .amount: "1e3"])
        } catch {
            #expect(error.problems.map(\.column) == ["customer_id", "date", "amount"])
            #expect(error.problems.allSatisfy { $0.line == 3 })
        }
        var lenient = OrderLedger(maxBadRows: 1)
        try Self.add(&lenient, 2, [.customerId: "A", .date: "2025-01-01", .amount: "-5"])
        try Self.add(&lenient, 3, [.customerId: "B", .date: "2025-01-03", .amount: "7.25", .category: "toys"])
        try Self.add(&lenient, 4, [.customerId: "B", .date: "2025-01-02", .amount: "1", .transactionId: "T9", .productId: "p1"])
        #expect(lenient.skipped.count == 1 && lenient.rows == 2 && lenient.customerCount == 1)
        #expect(throws: OrderLedger.Failure.self) { try Self.add(&lenient, 5, [.customerId: "C", .date: "x", .amount: "1"]) }
        let base = try #require(lenient.base())
        #expect(base.today == Day(year: 2025, month: 1, day: 3))
        #expect(base.customers[0].transactions.map(\.transactionId) == ["L3", "T9"])
        #expect(base.customers[0].transactions.map(\.productId) == ["toys", "p1"])
        #expect(OrderLedger().base() == nil)
    }

    @Test func loyaltyBalancesBecomeScoresOverTheCap() throws {
        var ledger = LoyaltyLedger(pointsCap: 10_000, maxBadRows: 2)
        let names: [LoyaltyRole: String] = [.customerId: "member", .points: "balance"]
        func add(_ line: Int, _ id: String, _ points: String) throws(OrderLedger.Failure) {
            try ledger.add(line: line, names: names) { $0 == .customerId ? id : points }
        }
        try add(2, "A", "2500")
        try add(3, "B", "12000")
        try add(4, "Z", "10")
        try add(5, "A", "300")
        try add(6, "C", "-1")
        #expect(
            ledger.skipped.map(\.description) == [
                "line 5, column 'member': customer 'A' already has a balance on line 2", "line 6, column 'balance': negative balance -1",
            ])
        #expect(throws: OrderLedger.Failure.self) { try add(7, "D", "lots") }
        let customers = ["A", "B", "C"].map { CustomerHistory(customerId: $0, transactions: []) }
        let (scores, unmatched) = ledger.scores(for: customers)
        #expect(scores == [0.25, 1, nil])
        #expect(unmatched == 1 && ledger.aboveCap == 1 && ledger.rows == 3)
    }

    @Test func surveyAnswersAreWholeScoresUpToTheSnapshot() throws {
        let snapshot = Day(year: 2025, month: 6, day: 30)!
        var ledger = SurveyLedger(latest: snapshot, maxBadRows: 3)
        func add(_ line: Int, _ values: [SurveyRole: String]) throws(OrderLedger.Failure) {
            try ledger.add(line: line, names: [:]) { values[$0] }
        }
        try add(2, [.score: "10", .date: "2025-06-01", .customerId: "A", .channel: " web "])
        try add(3, [.score: " 0", .date: "2025-05-01"])
        try add(4, [.score: "11", .date: "2025-05-01"])
        try add(5, [.score: "7.5", .date: "2025-05-01"])
        try add(6, [.score: "8", .date: "2025-07-01"])
        #expect(ledger.skipped.map(\.column) == ["score", "score", "date"])
        #expect(ledger.skipped.last?.reason == "answered on 2025-07-01, after the snapshot day 2025-06-30")
        #expect(ledger.answers.map(\.score) == [10, 0])
        #expect(ledger.answers.map(\.customerId) == ["A", nil])
        #expect(ledger.answers.map(\.channel) == ["web", nil])
        #expect(throws: OrderLedger.Failure.self) { try add(7, [.score: "", .date: ""]) }
        let columns = try FileColumns<SurveyRole>(header: ["When", "NPS", "who"], mapping: [.date: "When", .score: "NPS", .customerId: "who"])
        #expect(columns.index == [.date: 0, .score: 1, .customerId: 2])
        #expect(
            throws: FileColumns<SurveyRole>.Failure(
                description: "no 'score' column: name it so in the header or map it (--survey-map score=COLUMN); the header has 'date', 'rating'")
        ) {
            try FileColumns<SurveyRole>(header: ["date", "rating"])
        }
    }

    @Test func customerTableQuotesWhatNeedsIt() {
        #expect(CSVCell.text("plain") == "plain")
        #expect(CSVCell.text("a,b") == "\"a,b\"")
        #expect(CSVCell.text("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }
}
