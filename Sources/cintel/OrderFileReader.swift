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

    @Option(help: "Skip and count up to this many bad rows instead of stopping at the first.")
    var maxBadRows: Int = 0

    func validate() throws {
        guard maxBadRows >= 0 else { throw ValidationError("--max-bad-rows must be 0 or more") }
    }

    func reader(_ path: String, progress: Progress) -> OrderFileReader {
        OrderFileReader(
            path: path, mapping: map, dateFormat: dateFormat, delimiter: delimiter, maxBadRows: maxBadRows, today: today, progress: progress)
    }
}

/// Streams an orders file into a customer base: CSV through `CSVTokenizer` in 1 MiB chunks, or JSON Lines line by
/// line; rows go straight into the ledger, so the file is never held whole. Stops at the first bad row (or after
/// `maxBadRows` skipped) with its file, line, column and reason.
struct OrderFileReader {
    let path: String
    let mapping: [String]
    let dateFormat: String
    let delimiter: String?
    let maxBadRows: Int
    let today: String?
    let progress: Progress

    func read() throws -> CustomerBase {
        let roles: [OrderColumns.Role: String]
        let format: OrderDateFormat
        do {
            roles = try OrderColumns.mapping(mapping)
            format = try OrderDateFormat(dateFormat)
        } catch let failure as OrderColumns.Failure {
            throw ValidationError(failure.description)
        } catch let failure as OrderDateFormat.Failure {
            throw ValidationError(failure.description)
        }
        var snapshot: Day?
        if let today {
            guard let day = Day(iso: today) else { throw ValidationError("--today must be a date in YYYY-MM-DD form") }
            snapshot = day
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { fail("cannot open \(path)") }
        defer { try? handle.close() }
        var ledger = OrderLedger(dateFormat: format, maxBadRows: maxBadRows)
        progress.say("reading \(path)")
        do {
            if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") {
                try readJSONLines(handle, roles: roles, into: &ledger)
            } else {
                try readCSV(handle, roles: roles, into: &ledger)
            }
        } catch let failure as OrderLedger.Failure {
            fail(failure.problems.map { "\(path): \($0)" }.joined(separator: "\n"))
        } catch let failure as CSVTokenizer.Failure {
            fail("\(path): \(failure)")
        }
        if !ledger.skipped.isEmpty {
            progress.say("skipped \(ledger.skipped.count) bad rows (--max-bad-rows \(maxBadRows)); first: \(ledger.skipped[0])")
        }
        if let snapshot, let latest = ledger.latest, latest > snapshot {
            fail("\(path): orders run until \(latest), after --today \(snapshot)")
        }
        guard let base = ledger.base(today: snapshot) else { fail("\(path): no orders (an empty file or a header alone)") }
        progress.say("read \(ledger.rows) orders of \(ledger.customerCount) customers")
        return base
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("cintel analyze: \(message)\n".utf8))
        Foundation.exit(1)
    }

    private func readCSV(_ handle: FileHandle, roles: [OrderColumns.Role: String], into ledger: inout OrderLedger) throws {
        var tokenizer: CSVTokenizer?
        var columns: OrderColumns?
        var names: [OrderColumns.Role: String] = [:]
        var pending: [UInt8] = []
        var reported = 0
        func take(_ record: CSVTokenizer.Record) throws {
            guard let columns else {
                do {
                    columns = try OrderColumns(header: record.fields, mapping: roles)
                } catch {
                    fail("\(path): \(error)")
                }
                for (role, index) in columns!.index { names[role] = OrderColumns.trimmed(record.fields[index]) }
                return
            }
            try ledger.add(line: record.line, names: names) { role in
                columns.index[role].flatMap { $0 < record.fields.count ? record.fields[$0] : nil }
            }
            if ledger.rows - reported >= 1_000_000 {
                reported = ledger.rows
                progress.say("read \(ledger.rows) orders")
            }
        }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            if tokenizer == nil {
                // The delimiter is the one given, or the most frequent candidate on the header line.
                pending += chunk
                guard pending.contains(10) || pending.count > 1 << 16 else { continue }
                tokenizer = CSVTokenizer(delimiter: try chooseDelimiter(Array(pending.prefix { $0 != 10 })))
                try tokenizer!.feed(pending, take)
                pending = []
                continue
            }
            try tokenizer!.feed(chunk, take)
        }
        if tokenizer == nil {
            tokenizer = CSVTokenizer(delimiter: try chooseDelimiter(pending))
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

    private func readJSONLines(_ handle: FileHandle, roles: [OrderColumns.Role: String], into ledger: inout OrderLedger) throws {
        var buffer: [UInt8] = []
        var line = 0
        var names: [OrderColumns.Role: String] = [:]
        for role in OrderColumns.Role.allCases { names[role] = roles[role] ?? role.rawValue }
        func handleLine(_ bytes: ArraySlice<UInt8>) throws {
            line += 1
            var text = bytes
            if line == 1, text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
            if text.last == 13 { text = text.dropLast() }
            guard text.contains(where: { $0 != 32 && $0 != 9 }) else { return }
            guard case .object(let members)? = try? JSONParser.parse(text, maxDepth: 8) else {
                fail("\(path): line \(line): not a JSON object")
            }
            try ledger.add(line: line, names: names) { role in
                guard let value = members.first(where: { $0.key == names[role] })?.value else { return nil }
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
