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
            Issue.record("a row with three bad cells was read")
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

/// The file-reading rules of spec/ingest.md, each test citing its clause.
extension OrderIngestTests {
    static let june30 = Day(year: 2025, month: 6, day: 30)!

    /// CSV bytes through the tokenizer (in `chunk`-byte pieces) into `ledger`, the way `cintel analyze` reads a file.
    static func read(_ bytes: [UInt8], into ledger: inout OrderLedger, chunk: Int = 2) throws {
        var tokenizer = CSVTokenizer()
        var columns: OrderColumns?
        func take(_ record: CSVTokenizer.Record) throws {
            guard let columns else {
                columns = try OrderColumns(header: record.fields)
                return
            }
            let slots = columns.index
            let invalid = slots.filter { record.invalidUTF8.contains($0.value) }.map(\.key)
            try ledger.add(line: record.line, names: [:], invalidUTF8: invalid) { role in
                slots[role].flatMap { $0 < record.fields.count ? record.fields[$0] : nil }
            }
        }
        var start = 0
        while start < bytes.count {
            try tokenizer.feed(bytes[start..<min(bytes.count, start + chunk)], take)
            start += chunk
        }
        try tokenizer.finish(take)
    }

    static func csv(_ lines: [String], header: String = "customer_id,date,amount") -> [UInt8] {
        Array(([header] + lines).joined(separator: "\n").utf8) + [10]
    }

    /// `text` with `bytes` in place of each `~`.
    static func bytes(_ text: String, _ bytes: [UInt8]) -> [UInt8] {
        Array(Array(text.utf8).split(separator: UInt8(ascii: "~"), omittingEmptySubsequences: false).joined(separator: bytes))
    }

    @Test func ing3CustomerIdsNotUTF8AreBadRowsNeverMerged() throws {
        let file = Self.bytes("customer_id,date,amount\nA~,2025-01-01,5\n", [0xFF]) + Self.bytes("A~,2025-01-02,7\nB,2025-01-03,1\n", [0xFE])
        var strict = OrderLedger()
        do {
            try Self.read(file, into: &strict)
            Issue.record("a customer id not UTF-8 was read")
        } catch let failure as OrderLedger.Failure {
            #expect(failure.problems.count == 1)
            #expect(failure.problems[0].line == 2 && failure.problems[0].column == "customer_id")
            #expect(failure.problems[0].reason.hasPrefix("not valid UTF-8"))
        }
        var lenient = OrderLedger(maxBadRows: 2)
        try Self.read(file, into: &lenient)
        #expect(lenient.skipped.map(\.line) == [2, 3])
        #expect(lenient.skipped.allSatisfy { $0.column == "customer_id" && $0.reason.hasPrefix("not valid UTF-8") })
        #expect(lenient.customerCount == 1 && lenient.rows == 1)
        #expect(try #require(lenient.base()).customers.map(\.customerId) == ["B"])
    }

    @Test(arguments: [1, 2, 5, 1000])
    func ing3TheTokenizerNamesFieldsNotUTF8InAnyChunking(_ chunk: Int) throws {
        // é split across chunks is still valid; a lone continuation byte or a truncated sequence is not.
        var tokenizer = CSVTokenizer()
        var invalid: [[Int]] = []
        let text = Self.bytes("é,\"~x\",ok\n", [0x80]) + Self.bytes("a,b,c~\n", [0xE6, 0x97])
        var start = 0
        while start < text.count {
            try tokenizer.feed(text[start..<min(text.count, start + chunk)]) { invalid.append($0.invalidUTF8) }
            start += chunk
        }
        try tokenizer.finish { invalid.append($0.invalidUTF8) }
        #expect(invalid == [[1], [2]])
    }

    @Test func ing3OnlyTheColumnsTheHeaderNamesAreChecked() throws {
        var tokenizer = CSVTokenizer { header in header.map { $0 == "id" } }
        var invalid: [[Int]] = []
        try tokenizer.feed(Self.bytes("id,note\n~,~\nok,~\n", [0xFF])) { invalid.append($0.invalidUTF8) }
        #expect(invalid == [[], [0], []])
    }

    @Test func ing3TheValidatorAgreesWithTheStandardLibrary() {
        let edges: [UInt8] = [
            0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5,
            0xFF,
        ]
        var sequences: [[UInt8]] = (0...255).map { [UInt8($0)] }
        for a in 0...255 { for b in edges { sequences.append([UInt8(a), b]) } }
        for a in edges {
            for b in edges { for c in edges { sequences.append([a, b, c]); sequences.append([a, b, c, 0x80]); sequences.append([a, b, c, 0x41]) } }
        }
        for sequence in sequences {
            let expected = String(validating: sequence, as: UTF8.self) != nil
            #expect(sequence.withUnsafeBufferPointer(CSVTokenizer.isValidUTF8) == expected, "\(sequence)")
        }
    }

    @Test func ing3ProductCategoryAndTransactionIdsNotUTF8AreBadRows() throws {
        let header = "customer_id,date,amount,transaction_id,product_id,category"
        var ledger = OrderLedger(maxBadRows: 3)
        let rows = [
            Self.bytes("A,2025-01-01,5,T~,p,c", [0xC3]), Self.bytes("A,2025-01-02,5,T2,p~,c", [0xFF]),
            Self.bytes("A,2025-01-03,5,T3,p,c~", [0xED, 0xA0, 0x80]), Array("A,2025-01-04,5,T4,p,c".utf8),
        ]
        try Self.read(Array(header.utf8) + [10] + rows.joined(separator: [10]) + [10], into: &ledger)
        #expect(ledger.skipped.map(\.column) == ["transaction_id", "product_id", "category"])
        #expect(ledger.skipped.map(\.line) == [2, 3, 4])
        #expect(ledger.skipped.allSatisfy { $0.reason.hasPrefix("not valid UTF-8") })
        #expect(ledger.rows == 1)
    }

    @Test func ing3ValidNonASCIIIdsAreKeptExactly() throws {
        let ids = ["é", "日本", "🛒👍🏽", "café", "cafe\u{301}"]
        var ledger = OrderLedger()
        try Self.read(
            Self.csv(
                ids.enumerated().map { "\($1),2025-01-0\($0 + 1),\($0 + 1),T\($0),\($1)" },
                header: "customer_id,date,amount,transaction_id,product_id"),
            into: &ledger)
        let base = try #require(ledger.base())
        // Ids are compared by their exact scalars (VAL-7): café spelt with U+00E9 and with e + U+0301 are two customers.
        #expect(base.customers.map { Array($0.customerId.unicodeScalars) } == ids.map { Array($0.unicodeScalars) })
        #expect(base.customers.map { Array($0.transactions[0].productId!.utf8) } == ids.map { Array($0.utf8) })
    }

    @Test func ing4JSONLinesStringsNotUTF8AreNamedByMember() throws {
        let line = Self.bytes(#"{"customer_id": "A~", "note": {"customer_id": "~"}, "product_id": "p\"~", "x": ["~"], "date": "2025-01-01"}"#, [0xFF])
        let object = try #require(JSONLine.parse(line))
        #expect(object.invalidUTF8 == ["customer_id", "product_id"])
        #expect(object.members.first?.value == .string("A\u{FFFD}"))
        #expect(object.members.last?.value == .string("2025-01-01"))
        #expect(try #require(JSONLine.parse(Self.bytes(#"{"k~": 1}"#, [0xFE]))).invalidUTF8 == [])
        #expect(try #require(JSONLine.parse(Array(#"{"customer_id": "日本"}"#.utf8))).invalidUTF8 == [])
        #expect(JSONLine.parse(Array("[1]".utf8)) == nil)
        #expect(JSONLine.parse(Self.bytes(#"{"a": "~", }"#, [0xFF])) == nil)
        #expect(JSONLine.parse(Array(#"{"a": "\ud800"}"#.utf8)) == nil)
    }

    @Test func ing6DatesInTheFutureOrAfterTodayAreBadRows() throws {
        var ledger = OrderLedger(maxBadRows: 5, currentDay: Self.june30)
        try Self.read(Self.csv(["A,2025-07-01,1", "A,2025-07-02,1", "B,9999-12-31,1", "C,2025-06-30,1"]), into: &ledger)
        #expect(ledger.skipped.map(\.line) == [3, 4])
        #expect(ledger.skipped.allSatisfy { $0.column == "date" && $0.reason.hasPrefix("date in the future") })
        #expect(ledger.skipped[1].reason.contains("9999-12-31 is after 2025-07-01"))
        #expect(ledger.latest == Day(year: 2025, month: 7, day: 1))

        var asOf = OrderLedger(maxBadRows: 5, today: Day(year: 2025, month: 3, day: 1), currentDay: Self.june30)
        try Self.read(Self.csv(["A,2025-03-01,1", "A,2025-03-02,1"]), into: &asOf)
        #expect(asOf.skipped == [OrderLedger.BadRow(line: 3, column: "date", reason: "2025-03-02 is after --today 2025-03-01")])
    }

    @Test func ing7DatesBefore1900AreBadRows() throws {
        var ledger = OrderLedger(maxBadRows: 1)
        try Self.read(Self.csv(["A,1899-12-31,1", "A,1900-01-01,1"]), into: &ledger)
        #expect(ledger.skipped.map(\.description) == ["line 2, column 'date': 1899-12-31 is before 1900-01-01, the first day a date may name"])
    }

    @Test func ing8AmountsCostsAndACustomersTotalStayWithin1e15() throws {
        var ledger = OrderLedger(maxBadRows: 3)
        // Line 6 leaves A's total at 1e15 in binary64, within the bound; line 7 takes it beyond.
        let rows = [
            "A,2025-01-01,600000000000000,1", "B,2025-01-01,2000000000000000,1", "B,2025-01-02,1,2000000000000000",
            "A,2025-01-02,400000000000000,1", "A,2025-01-03,0.01,1", "A,2025-01-04,1,1",
        ]
        try Self.read(Self.csv(rows, header: "customer_id,date,amount,cost"), into: &ledger)
        #expect(ledger.skipped.map(\.line) == [3, 4, 7])
        #expect(ledger.skipped.map(\.column) == ["amount", "cost", "amount"])
        #expect(ledger.skipped[0].reason == "amount 2000000000000000 is beyond 1e15")
        #expect(
            ledger.skipped[2].reason == "customer 'A' (first row: line 2) reaches a purchase total of 1000000000000001 with this order, beyond 1e15")
        #expect(ledger.rows == 3)
    }

    @Test func ing9IdsLongerThanTheLimitAreBadRows() throws {
        var limits = Limits.default
        limits.maxStringLength = 3
        var ledger = OrderLedger(maxBadRows: 2, limits: limits)
        try Self.read(
            Self.csv(["日本語,2025-01-01,1,x", "ABCD,2025-01-01,1,y", "A,2025-01-01,1,wxyz"], header: "customer_id,date,amount,category"), into: &ledger)
        #expect(ledger.skipped.map(\.column) == ["customer_id", "category"])
        #expect(ledger.skipped[0].reason == "'ABCD…' has 4 characters; an id has at most 3")
    }

    @Test func ing10ATransactionIdRepeatedForACustomerIsABadRow() throws {
        var rows = (0..<20).map { "A,2025-01-01,1,T\($0)" }
        rows += ["B,2025-01-01,1,T0", "A,2025-01-02,1,T19", "A,2025-01-02,1,T3", "B,2025-01-02,1,T0"]
        var ledger = OrderLedger(maxBadRows: 3)
        try Self.read(Self.csv(rows, header: "customer_id,date,amount,transaction_id"), into: &ledger)
        #expect(ledger.skipped.map(\.line) == [23, 24, 25])
        #expect(ledger.skipped.allSatisfy { $0.column == "transaction_id" })
        #expect(ledger.skipped[2].reason.hasPrefix("customer 'B' already has an order 'T0' (first row: line 22)"))
        #expect(ledger.rows == 21)
    }

    @Test func ing11CostsOnEveryRowOrNone() throws {
        var ledger = OrderLedger(maxBadRows: 2)
        try Self.read(Self.csv(["A,2025-01-01,1,", "A,2025-01-02,1,0.5", "B,2025-01-01,1,"], header: "customer_id,date,amount,cost"), into: &ledger)
        #expect(
            ledger.skipped == [
                OrderLedger.BadRow(line: 3, column: "cost", reason: "a cost, while line 2 has none: give a cost on every row or on none")
            ])
    }

    @Test func ing12CountLimitsStopTheRunAtTheRowThatCrossesThem() throws {
        func failure(_ rows: [String], _ change: (inout Limits) -> Void) throws -> String {
            var limits = Limits.default
            change(&limits)
            var ledger = OrderLedger(maxBadRows: 10, limits: limits)
            do {
                try Self.read(Self.csv(rows), into: &ledger)
            } catch let failure as OrderLedger.Failure {
                return failure.description
            }
            return "read"
        }
        let rows = ["A,2025-01-01,1", "B,2025-01-01,1", "A,2025-01-02,1", "C,2025-01-01,1"]
        #expect(
            try failure(rows) { $0.maxCustomers = 2 }
                == "line 5, column 'customer_id': customer 'C' is customer 3 of the file, beyond --max-customers 2")
        #expect(
            try failure(rows) { $0.maxTransactionsPerCustomer = 1 }
                == "line 4, column 'customer_id': customer 'A' (first row: line 2) has more than 1 orders (--max-transactions-per-customer)")
        #expect(try failure(rows) { $0.maxTotalTransactions = 3 } == "line 5: order 4 of the file, beyond --max-total-transactions 3")
        #expect(try failure(rows) { _ in } == "read")
    }

    @Test func ing3And6SurveyAndLoyaltyFilesFollowTheSameRules() throws {
        var answers = SurveyLedger(latest: Self.june30, maxBadRows: 3, currentDay: Self.june30)
        try answers.add(line: 2, names: [:], invalidUTF8: [.channel]) { [.score: "9", .date: "2025-06-01", .channel: "w\u{FFFD}"][$0] }
        try answers.add(line: 3, names: [:]) { [.score: "9", .date: "9999-12-31"][$0] }
        try answers.add(line: 4, names: [:]) { [.score: "9", .date: "2025-06-01", .customerId: String(repeating: "x", count: 257)][$0] }
        #expect(answers.skipped.map(\.column) == ["channel", "date", "customer_id"])
        #expect(answers.skipped[1].reason.hasPrefix("date in the future: 9999-12-31"))
        #expect(answers.answers.isEmpty)

        var points = LoyaltyLedger(pointsCap: 100, maxBadRows: 1)
        try points.add(line: 2, names: [:], invalidUTF8: [.customerId]) { $0 == .customerId ? "A\u{FFFD}" : "5" }
        #expect(points.skipped.map(\.reason.isEmpty) == [false])
        #expect(points.skipped[0].reason.hasPrefix("not valid UTF-8"))
        #expect(points.rows == 0)
    }
}
