/// Orders read row by row into customer histories (GEN-10 transactions), in order of each customer's first row.
/// Every bad row is reported with its line, column and reason; up to `maxBadRows` are skipped and counted, one more
/// stops the run.
package struct OrderLedger {
    package struct BadRow: Sendable, Equatable, CustomStringConvertible {
        package var line: Int
        package var column: String
        package var reason: String
        package var description: String { "line \(line), column '\(column)': \(reason)" }
    }

    package struct Failure: Error, CustomStringConvertible {
        package var problems: [BadRow]
        package var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    /// The bad rows a read may skip (`maxBadRows`) and those it skipped; shared by every input file's ledger.
    package struct Allowance {
        package let maxBadRows: Int
        package private(set) var skipped: [BadRow] = []

        package init(maxBadRows: Int) { self.maxBadRows = maxBadRows }

        /// True for a row without problems; false for a bad row skipped (its first problem kept); throws with the
        /// last few skipped and this row's problems when it is one bad row too many.
        package mutating func admits(_ problems: [BadRow]) throws(Failure) -> Bool {
            guard !problems.isEmpty else { return true }
            if skipped.count + 1 > maxBadRows { throw Failure(problems: skipped.suffix(4) + problems) }
            skipped.append(contentsOf: problems.prefix(1))
            return false
        }
    }

    /// One row's problems as they are found, each named by its column as the file names it.
    package struct RowProblems<Role: ColumnRole> {
        let line: Int
        let names: [Role: String]
        package private(set) var list: [BadRow] = []

        package init(line: Int, names: [Role: String]) {
            self.line = line
            self.names = names
        }

        package mutating func add(_ role: Role, _ reason: String) {
            list.append(BadRow(line: line, column: names[role] ?? role.rawValue, reason: reason))
        }
    }

    package let dateFormat: OrderDateFormat
    package var maxBadRows: Int { allowance.maxBadRows }
    package private(set) var rows = 0
    package var skipped: [BadRow] { allowance.skipped }
    private var allowance: Allowance
    package private(set) var latest: Day?
    private var position: [String: Int] = [:]
    private var histories: [CustomerHistory] = []
    /// The last row's customer and its history: exports sorted or grouped by customer then skip the hash lookup.
    private var last: (customer: String, index: Int)?

    package init(dateFormat: OrderDateFormat = .iso, maxBadRows: Int = 0) {
        self.dateFormat = dateFormat
        allowance = Allowance(maxBadRows: maxBadRows)
    }

    /// Adds one row; `value(role)` is the row's text for a role, nil when the file has no such column.
    package mutating func add(line: Int, names: [OrderRole: String], _ value: (OrderRole) -> String?) throws(Failure) {
        var problems = RowProblems(line: line, names: names)

        let customer = value(.customerId).map(OrderColumns.trimmed) ?? ""
        if customer.isEmpty { problems.add(.customerId, "empty customer id") }
        let dateText = value(.date) ?? ""
        let day = dateFormat.day(dateText)
        if day == nil { problems.add(.date, "'\(dateText)' is not a date in the form \(dateFormat.pattern)") }
        let amount = Self.decimal(value(.amount) ?? "")
        if amount == nil {
            problems.add(.amount, "'\(value(.amount) ?? "")' is not a decimal number (digits with an optional '.')")
        } else if amount! < 0 {
            problems.add(.amount, "negative amount \(value(.amount)!): refunds are not orders; remove them or net them into their order")
        }
        var cost: Double?
        if let text = value(.cost), !text.isEmpty {
            cost = Self.decimal(text)
            if cost == nil || cost! < 0 { problems.add(.cost, "'\(text)' is not a non-negative decimal number") }
        }
        guard try allowance.admits(problems.list), let day, let amount else { return }
        let category = value(.category).flatMap { $0.isEmpty ? nil : $0 }
        let product = value(.productId).flatMap { $0.isEmpty ? nil : $0 } ?? category ?? "unknown"
        let id = value(.transactionId).flatMap { $0.isEmpty ? nil : $0 } ?? "L\(line)"
        let transaction = Transaction(transactionId: id, date: day, amount: amount, cost: cost, productId: product, category: category)
        if let last, last.customer == customer {
            histories[last.index].transactions.append(transaction)
        } else if let index = position[customer] {
            histories[index].transactions.append(transaction)
            last = (customer, index)
        } else {
            position[customer] = histories.count
            last = (customer, histories.count)
            histories.append(CustomerHistory(customerId: customer, transactions: [transaction]))
        }
        rows += 1
        if latest.map({ day > $0 }) ?? true { latest = day }
    }

    package var customerCount: Int { histories.count }

    /// The histories read, as a base to analyse at `today` (default: the day of the latest order).
    package func base(today: Day? = nil) -> CustomerBase? {
        guard let snapshot = today ?? latest, !histories.isEmpty else { return nil }
        return CustomerBase(today: snapshot, customers: histories)
    }

    /// A plain decimal: optional sign, digits, optional fraction; no exponent, no grouping, nothing non-finite.
    package static func decimal(_ text: String) -> Double? {
        var trimmed = OrderColumns.trimmed(text)
        guard let (mantissa, digits, fractionDigits, negative) = trimmed.withUTF8(plainDecimal) else { return nil }
        // Up to 15 digits the mantissa and the power of ten are exact doubles, so their correctly rounded quotient is
        // the correctly rounded value of the text: what `Double(_:)` returns, without its general parse.
        guard digits <= 15 else { return Double(trimmed) }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    /// The digits of a plain decimal (the first 15 as an integer), how many there are and follow the point, and
    /// the sign; nil for anything else.
    private static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, Int, Int, Bool)? {
        var digits = 0
        var fractionDigits = 0
        var point = false
        var negative = false
        var mantissa: UInt64 = 0
        for (offset, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                if offset != 0 { return nil }
                negative = byte == UInt8(ascii: "-")
            case UInt8(ascii: "."):
                if point { return nil }
                point = true
            case 48...57:
                digits += 1
                if point { fractionDigits += 1 }
                if digits <= 15 { mantissa = mantissa * 10 + UInt64(byte - 48) }
            default: return nil
            }
        }
        return digits > 0 ? (mantissa, digits, fractionDigits, negative) : nil
    }

    private static let powersOfTen: [Double] = (0...15).map { power in (0..<power).reduce(1.0) { value, _ in value * 10 } }
}
