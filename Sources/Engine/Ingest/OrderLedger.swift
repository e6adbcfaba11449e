/// Orders read row by row into customer histories (GEN-10 transactions), in order of each customer's first row.
/// Every bad row is reported with its line, column and reason; up to `maxBadRows` are skipped and counted, one more
/// stops the run.
package struct OrderLedger {
    package struct BadRow: Sendable, Equatable, CustomStringConvertible {
        package var line: Int
        /// The column as the file names it; empty for a problem of the whole row (a count limit).
        package var column: String
        package var reason: String
        package var description: String { column.isEmpty ? "line \(line): \(reason)" : "line \(line), column '\(column)': \(reason)" }
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
        /// The roles whose bytes in this row are not valid UTF-8 (ING-3).
        let invalidUTF8: [Role]
        package private(set) var list: [BadRow] = []

        package init(line: Int, names: [Role: String], invalidUTF8: [Role] = []) {
            self.line = line
            self.names = names
            self.invalidUTF8 = invalidUTF8
        }

        package mutating func add(_ role: Role, _ reason: String) {
            list.append(BadRow(line: line, column: names[role] ?? role.rawValue, reason: reason))
        }

        /// Checks a non-empty identifier (VAL-7): its bytes valid UTF-8 (ING-3), at most `maxLength` Unicode scalars
        /// (ING-9). Returns whether it passed.
        @discardableResult
        package mutating func identifier(_ role: Role, _ text: String, maxLength: Int) -> Bool {
            if !invalidUTF8.isEmpty, invalidUTF8.contains(role) {
                add(role, "not valid UTF-8 (read as '\(text)', each bad byte sequence shown as U+FFFD); export the file as UTF-8")
                return false
            }
            // Scalars never outnumber bytes: the count of scalars is only needed for a long id.
            if text.utf8.count > maxLength, text.unicodeScalars.count > maxLength {
                add(role, "'\(text.prefix(40))…' has \(text.unicodeScalars.count) characters; an id has at most \(maxLength)")
                return false
            }
            return true
        }

        /// Checks the role's text as an identifier when it is there and not empty; returns it then, nil otherwise.
        package mutating func optionalIdentifier(_ role: Role, _ text: String?, maxLength: Int) -> String? {
            guard let text, !text.isEmpty else { return nil }
            identifier(role, text, maxLength: maxLength)
            return text
        }
    }

    package let dateFormat: OrderDateFormat
    package let limits: Limits
    package let days: DayRange
    package var maxBadRows: Int { allowance.maxBadRows }
    package private(set) var rows = 0
    package var skipped: [BadRow] { allowance.skipped }
    private var allowance: Allowance
    package private(set) var latest: Day?
    /// Customers by their exact id (VAL-7: no normalisation, so `café` spelt two ways is two customers).
    private var position: [ExactText: Int] = [:]
    private var histories: [CustomerHistory] = []
    /// Per customer, the line of its first row and the running sum of its amounts (ING-8).
    private var firstLine: [Int] = []
    private var totals: [Double] = []
    /// The transaction ids of customers with many orders, where a scan of their orders would be slow (ING-10).
    private var manyOrders: [Int: Set<ExactText>] = [:]
    /// Whether the first row taken had a cost, and its line: every other row must agree (GEN-11, ING-11).
    private var costs: (given: Bool, line: Int)?
    /// The last row's customer and its history: exports sorted or grouped by customer then skip the hash lookup.
    private var last: (customer: String, index: Int)?

    /// `today`: the `--today` given; `currentDay`: the current UTC date (ING-6), injectable for tests.
    package init(
        dateFormat: OrderDateFormat = .iso, maxBadRows: Int = 0, limits: Limits = .default, today: Day? = nil, currentDay: Day = .todayUTC()
    ) {
        self.dateFormat = dateFormat
        self.limits = limits
        days = DayRange(today: today, currentDay: currentDay)
        allowance = Allowance(maxBadRows: maxBadRows)
    }

    /// Adds one row; `value(role)` is the row's text for a role, nil when the file has no such column;
    /// `invalidUTF8` the roles whose bytes are not UTF-8.
    package mutating func add(
        line: Int, names: [OrderRole: String], invalidUTF8: [OrderRole] = [], _ value: (OrderRole) -> String?
    ) throws(Failure) {
        var problems = RowProblems(line: line, names: names, invalidUTF8: invalidUTF8)
        let maxLength = limits.maxStringLength

        let customer = value(.customerId).map(OrderColumns.trimmed) ?? ""
        if customer.isEmpty {
            problems.add(.customerId, "empty customer id")
        } else {
            problems.identifier(.customerId, customer, maxLength: maxLength)
        }
        let dateText = value(.date) ?? ""
        let day = dateFormat.day(dateText)
        if let day {
            if let problem = days.problem(day) { problems.add(.date, problem) }
        } else {
            problems.add(.date, "'\(dateText)' is not a date in the form \(dateFormat.pattern)")
        }
        let amount = Self.number(value(.amount), .amount, "amount", &problems)
        var cost: Double?
        let costText = value(.cost).flatMap { $0.isEmpty ? nil : $0 }
        if costText != nil { cost = Self.number(costText, .cost, "cost", &problems) }
        if let costs, costs.given != (costText != nil) {
            problems.add(
                .cost,
                costs.given
                    ? "no cost, while line \(costs.line) has one: give a cost on every row or on none"
                    : "a cost, while line \(costs.line) has none: give a cost on every row or on none")
        }
        let category = problems.optionalIdentifier(.category, value(.category), maxLength: maxLength)
        let product = problems.optionalIdentifier(.productId, value(.productId), maxLength: maxLength) ?? category ?? "unknown"
        let givenId = value(.transactionId)
        let id = problems.optionalIdentifier(.transactionId, givenId, maxLength: maxLength) ?? "L\(line)"

        // What depends on the customer's other orders, once the row itself is sound.
        var index: Int?
        if problems.list.isEmpty, let amount {
            index = self.index(of: customer)
            if let index {
                if givenId != nil, hasOrder(id, customer: index) {
                    problems.add(
                        .transactionId,
                        "customer '\(customer)' already has an order '\(id)' (first row: line \(firstLine[index])); one row per order: "
                            + "add up the lines of an order first")
                }
                let total = totals[index] + amount
                if money(total) > RequestReader.maxMagnitude {
                    problems.add(
                        .amount,
                        "customer '\(customer)' (first row: line \(firstLine[index])) reaches a purchase total of \(JSONWriter.number(total)) "
                            + "with this order, beyond 1e15")
                }
            }
        }
        guard try allowance.admits(problems.list), let day, let amount else { return }
        try checkLimits(line: line, names: names, customer: customer, index: index)
        if costs == nil { costs = (cost != nil, line) }
        let transaction = Transaction(transactionId: id, date: day, amount: amount, cost: cost, productId: product, category: category)
        let at: Int
        if let index {
            at = index
            histories[index].transactions.append(transaction)
            totals[index] += amount
        } else {
            at = histories.count
            position[ExactText(customer)] = at
            histories.append(CustomerHistory(customerId: customer, transactions: [transaction]))
            firstLine.append(line)
            totals.append(amount)
        }
        last = (customer, at)
        if givenId != nil { noteOrder(id, customer: at) }
        rows += 1
        if latest.map({ day > $0 }) ?? true { latest = day }
    }

    /// The customer's place among the histories, nil for a customer not seen yet.
    private func index(of customer: String) -> Int? {
        if let last, ExactText.sameBytes(last.customer, customer) { return last.index }
        return position[ExactText(customer)]
    }

    /// Orders a customer may have before their ids are kept in a set rather than found by a scan.
    private static let scanLimit = 16

    /// Whether customer `index` already has an order with transaction id `id` (compared exactly, VAL-7).
    private func hasOrder(_ id: String, customer index: Int) -> Bool {
        let orders = histories[index].transactions
        if orders.count > Self.scanLimit, let ids = manyOrders[index] { return ids.contains(ExactText(id)) }
        return orders.contains { order in order.transactionId.map { ExactText.sameBytes($0, id) } ?? false }
    }

    private mutating func noteOrder(_ id: String, customer index: Int) {
        let orders = histories[index].transactions
        guard orders.count > Self.scanLimit else { return }
        if manyOrders[index] != nil {
            manyOrders[index]!.insert(ExactText(id))
        } else {
            manyOrders[index] = Set(orders.compactMap { $0.transactionId.map(ExactText.init) })
        }
    }

    /// VAL-11's count limits, at the row that would cross one (ING-12): the run stops, whatever `maxBadRows` allows.
    private func checkLimits(line: Int, names: [OrderRole: String], customer: String, index: Int?) throws(Failure) {
        var column = names[.customerId] ?? OrderRole.customerId.rawValue
        var reason: String?
        if rows >= limits.maxTotalTransactions {
            reason = "order \(rows + 1) of the file, beyond --max-total-transactions \(limits.maxTotalTransactions)"
            column = ""
        } else if let index, histories[index].transactions.count >= limits.maxTransactionsPerCustomer {
            reason =
                "customer '\(customer)' (first row: line \(firstLine[index])) has more than \(limits.maxTransactionsPerCustomer) orders "
                + "(--max-transactions-per-customer)"
        } else if index == nil, histories.count >= limits.maxCustomers {
            reason = "customer '\(customer)' is customer \(histories.count + 1) of the file, beyond --max-customers \(limits.maxCustomers)"
        }
        if let reason { throw Failure(problems: [BadRow(line: line, column: column, reason: reason)]) }
    }

    /// An amount or a cost: a plain decimal, not negative, at most 1e15 (VAL-10).
    private static func number(_ text: String?, _ role: OrderRole, _ noun: String, _ problems: inout RowProblems<OrderRole>) -> Double? {
        let text = text ?? ""
        guard let number = decimal(text) else {
            problems.add(role, "'\(text)' is not a decimal number (digits with an optional '.')")
            return nil
        }
        if number < 0 {
            problems.add(
                role,
                role == .amount
                    ? "negative amount \(text): refunds are not orders; remove them or net them into their order" : "negative \(noun) \(text)")
        } else if number > RequestReader.maxMagnitude {
            problems.add(role, "\(noun) \(text) is beyond 1e15")
        } else {
            return number
        }
        return nil
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
