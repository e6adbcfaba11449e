import ArgumentParser
import Engine
import Foundation

/// How an orders file is read: shared by `cintel analyze` and `cintel request`.
struct OrderFileOptions: ParsableArguments {
    @Option(help: "Snapshot day (YYYY-MM-DD); default: the day of the latest order.")
    var today: String?

    @Option(
        parsing: .singleValue,
        help: "Column for a role: customer_id, date, amount, transaction_id, product_id, category, cost (role=column, repeatable).")
    var map: [String] = []

    @Option(help: "Date format: iso, compact (YYYYMMDD) or a pattern such as DD/MM/YYYY.")
    var dateFormat: String = "iso"

    @Option(help: "CSV delimiter: one character, or 'tab'; default: guessed from the header (comma, semicolon, tab, pipe).")
    var delimiter: String?

    @Option(help: "Skip and count up to this many bad rows (per file) instead of stopping at the first.")
    var maxBadRows: Int = 0

    @Option(help: "Loyalty points per customer (CSV or JSON Lines with customer_id and points): loyalty_score = points / --points-cap.")
    var loyalty: String?

    @Option(parsing: .singleValue, help: "Column for a role of the loyalty file: customer_id, points (role=column, repeatable).")
    var loyaltyMap: [String] = []

    @Option(help: "The loyalty programme's points cap: a balance of this many points or more scores 1.")
    var pointsCap: Double = 10_000

    @Option(help: "NPS survey answers (CSV or JSON Lines with score 0-10 and date; customer_id and channel optional).")
    var survey: String?

    @Option(parsing: .singleValue, help: "Column for a role of the survey file: score, date, customer_id, channel (role=column, repeatable).")
    var surveyMap: [String] = []

    func validate() throws {
        guard maxBadRows >= 0 else { throw ValidationError("--max-bad-rows must be 0 or more") }
        guard pointsCap > 0, pointsCap.isFinite else { throw ValidationError("--points-cap must be a positive number") }
    }

    /// `limits`: the count limits the endpoints will apply, checked as the rows arrive (ING-12).
    func reader(_ path: String, progress: Progress, limits: Limits = .default) -> OrderFileReader {
        OrderFileReader(options: self, path: path, progress: progress, limits: limits)
    }
}

/// Reads an orders file, and the loyalty and survey files when given, into a customer base. Each file streams
/// through `RecordFile`: rows go straight into their ledger, so no file is held whole. A read stops at the first bad
/// row (or after `--max-bad-rows` skipped) with its file, line, column and reason.
struct OrderFileReader {
    let options: OrderFileOptions
    let path: String
    let progress: Progress
    let limits: Limits

    func read() throws -> CustomerBase {
        let format: OrderDateFormat
        do {
            format = try OrderDateFormat(options.dateFormat)
        } catch {
            throw ValidationError(error.description)
        }
        var snapshot: Day?
        if let today = options.today {
            guard let day = Day(iso: today) else { throw ValidationError("--today must be a date in YYYY-MM-DD form") }
            snapshot = day
        }
        var ledger = OrderLedger(dateFormat: format, maxBadRows: options.maxBadRows, limits: limits, today: snapshot)
        try file(path).read(mapping: OrderColumns.mapping(options.map), noun: "orders") { line, names, invalid, value throws(OrderLedger.Failure) in
            try ledger.add(line: line, names: names, invalidUTF8: invalid, value)
        }
        report(skipped: ledger.skipped, in: path)
        guard var base = ledger.base(today: snapshot) else { fail("\(path): no orders (an empty file or a header alone)") }
        progress.say("read \(ledger.rows) orders of \(ledger.customerCount) customers")

        if let loyaltyPath = options.loyalty {
            var points = LoyaltyLedger(pointsCap: options.pointsCap, maxBadRows: options.maxBadRows)
            try file(loyaltyPath).read(mapping: FileColumns<LoyaltyRole>.mapping(options.loyaltyMap), noun: "loyalty balances") {
                line, names, invalid, value throws(OrderLedger.Failure) in
                try points.add(line: line, names: names, invalidUTF8: invalid, value)
            }
            report(skipped: points.skipped, in: loyaltyPath)
            let (scores, unmatched) = points.scores(for: base.customers)
            base.loyaltyScores = scores
            let scored = scores.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
            progress.say(
                "read \(points.rows) loyalty balances: \(scored) customers scored, \(base.customers.count - scored) without a balance (0.0), "
                    + "\(unmatched) balances of customers without orders ignored, \(points.aboveCap) above the cap (1.0)")
        }
        if let surveyPath = options.survey {
            var answers = SurveyLedger(dateFormat: format, latest: base.today, maxBadRows: options.maxBadRows, limits: limits, today: snapshot)
            try file(surveyPath).read(mapping: FileColumns<SurveyRole>.mapping(options.surveyMap), noun: "survey answers") {
                line, names, invalid, value throws(OrderLedger.Failure) in
                try answers.add(line: line, names: names, invalidUTF8: invalid, value)
            }
            report(skipped: answers.skipped, in: surveyPath)
            guard !answers.answers.isEmpty else { fail("\(surveyPath): no survey answers (an empty file or a header alone)") }
            base.surveyAnswers = answers.answers
            progress.say("read \(answers.answers.count) survey answers")
        }
        return base
    }

    private func file(_ path: String) -> RecordFile {
        RecordFile(path: path, delimiter: options.delimiter, progress: progress)
    }

    private func report(skipped: [OrderLedger.BadRow], in path: String) {
        guard !skipped.isEmpty else { return }
        progress.say("\(path): skipped \(skipped.count) bad rows (--max-bad-rows \(options.maxBadRows)); first: \(skipped[0])")
    }
}

/// One input file of records, CSV (RFC 4180 through `CSVTokenizer`, 1 MiB chunks) or JSON Lines (`.jsonl`,
/// `.ndjson`), whose columns are found by role; each row is handed over with its line, the file's name of each role,
/// the roles whose bytes are not UTF-8 (ING-3) and a lookup by role.
struct RecordFile {
    typealias Row<Role: ColumnRole> = (Int, [Role: String], [Role], (Role) -> String?) throws(OrderLedger.Failure) -> Void

    let path: String
    let delimiter: String?
    let progress: Progress

    func read<Role: ColumnRole>(
        mapping: @autoclosure () throws(FileColumns<Role>.Failure) -> [Role: String], noun: String,
        _ row: Row<Role>
    ) throws {
        let roles: [Role: String]
        do {
            roles = try mapping()
        } catch {
            throw ValidationError(error.description)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { fail("cannot open \(path)") }
        defer { try? handle.close() }
        progress.say("reading \(path)")
        do {
            if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") {
                try readJSONLines(handle, roles: roles, row)
            } else {
                try readCSV(handle, roles: roles, noun: noun, row)
            }
        } catch let failure as OrderLedger.Failure {
            fail(failure.problems.map { "\(path): \($0)" }.joined(separator: "\n"))
        } catch let failure as CSVTokenizer.Failure {
            fail("\(path): \(failure)")
        }
    }

    private func readCSV<Role: ColumnRole>(
        _ handle: FileHandle, roles: [Role: String], noun: String, _ row: Row<Role>
    ) throws {
        var tokenizer: CSVTokenizer?
        var columns: FileColumns<Role>?
        var names: [Role: String] = [:]
        var slots: [(role: Role, column: Int)] = []
        var pending: [UInt8] = []
        var rows = 0
        func take(_ record: CSVTokenizer.Record) throws {
            guard let columns else {
                do {
                    columns = try FileColumns<Role>(header: record.fields, mapping: roles)
                } catch {
                    fail("\(path): \(error)")
                }
                for (role, index) in columns!.index { names[role] = OrderColumns.trimmed(record.fields[index]) }
                slots = columns!.index.map { (role: $0.key, column: $0.value) }
                return
            }
            // Roles not UTF-8 are looked for only in the rare record with such a field.
            let invalid = record.invalidUTF8.isEmpty ? [] : slots.filter { record.invalidUTF8.contains($0.column) }.map(\.role)
            // A scan of a few roles: a dictionary would hash a role's name for every field of every row.
            try row(record.line, names, invalid) { role in
                slots.first { $0.role == role }.flatMap { $0.column < record.fields.count ? record.fields[$0.column] : nil }
            }
            rows += 1
            if rows % 1_000_000 == 0 { progress.say("read \(rows) \(noun)") }
        }
        // Only the identifier columns are checked for UTF-8 (ING-3); the others are only decoded.
        func checked(_ header: [String]) -> [Bool] {
            let index = (try? FileColumns<Role>(header: header, mapping: roles))?.index ?? [:]
            return header.indices.map { column in index.contains { $0.key.isIdentifier && $0.value == column } }
        }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            if tokenizer == nil {
                // The delimiter is the one given, or the most frequent candidate on the header line.
                pending += chunk
                guard pending.contains(10) || pending.count > 1 << 16 else { continue }
                tokenizer = CSVTokenizer(delimiter: try chooseDelimiter(Array(pending.prefix { $0 != 10 })), checking: checked)
                try tokenizer!.feed(pending, take)
                pending = []
                continue
            }
            try chunk.withUnsafeBytes { try tokenizer!.feed($0, take) }
        }
        if tokenizer == nil {
            tokenizer = CSVTokenizer(delimiter: try chooseDelimiter(pending), checking: checked)
            try tokenizer!.feed(pending, take)
        }
        try tokenizer!.finish(take)
    }

    private func chooseDelimiter(_ header: [UInt8]) throws -> UInt8 {
        if let delimiter {
            if delimiter == "tab" || delimiter == "\\t" { return 9 }
            guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first, byte != 34, byte != 10, byte != 13 else {
                throw ValidationError("--delimiter takes one ASCII character (or 'tab'), not a quote or a line break")
            }
            return byte
        }
        let candidates: [UInt8] = [44, 59, 9, 124]
        return candidates.max { a, b in header.filter { $0 == a }.count < header.filter { $0 == b }.count } ?? 44
    }

    private func readJSONLines<Role: ColumnRole>(
        _ handle: FileHandle, roles: [Role: String], _ row: Row<Role>
    ) throws {
        var buffer: [UInt8] = []
        var line = 0
        var names: [Role: String] = [:]
        for role in Role.allCases { names[role] = roles[role] ?? role.rawValue }
        func handleLine(_ bytes: ArraySlice<UInt8>) throws {
            line += 1
            var text = bytes
            if line == 1, text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
            if text.last == 13 { text = text.dropLast() }
            guard text.contains(where: { $0 != 32 && $0 != 9 }) else { return }
            guard let object = JSONLine.parse(text) else { fail("\(path): line \(line): not a JSON object") }
            let invalid = object.invalidUTF8.isEmpty ? [] : Role.allCases.filter { object.invalidUTF8.contains(names[$0]!) }
            try row(line, names, invalid) { role in
                guard let value = object.members.first(where: { $0.key == names[role] })?.value else { return nil }
                switch value {
                case .string(let string): return string
                case .number(let number): return JSONWriter.number(number)
                default: return ""
                }
            }
        }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            buffer += chunk
            var start = 0
            while let newline = buffer[start...].firstIndex(of: 10) {
                try handleLine(buffer[start..<newline])
                start = newline + 1
            }
            buffer.removeFirst(start)
        }
        if !buffer.isEmpty { try handleLine(buffer[...]) }
    }
}

/// Ends the command over an input file that cannot be read: the message on standard error, status 1.
private func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("cintel: \(message)\n".utf8))
    Foundation.exit(1)
}
