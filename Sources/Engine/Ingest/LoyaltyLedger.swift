/// Loyalty points read row by row, one balance per customer, turned into the `loyalty_score` of FEAT-3 the way the
/// source's recipe does: points divided by the programme's cap, at most 1 (a balance above the cap is a full score).
package struct LoyaltyLedger {
    package let pointsCap: Double
    package private(set) var rows = 0
    /// Customers whose balance exceeded the cap (scored 1).
    package private(set) var aboveCap = 0
    package var skipped: [OrderLedger.BadRow] { allowance.skipped }
    private var allowance: OrderLedger.Allowance
    /// Balances by exact customer id (VAL-7), as the orders' customers are keyed.
    private var scores: [ExactText: Double] = [:]
    private var lineOf: [ExactText: Int] = [:]

    package init(pointsCap: Double, maxBadRows: Int = 0) {
        precondition(pointsCap > 0, "a points cap is positive")
        self.pointsCap = pointsCap
        allowance = OrderLedger.Allowance(maxBadRows: maxBadRows)
    }

    package mutating func add(
        line: Int, names: [LoyaltyRole: String], invalidUTF8: [LoyaltyRole] = [], _ value: (LoyaltyRole) -> String?
    ) throws(OrderLedger.Failure) {
        var problems = OrderLedger.RowProblems(line: line, names: names, invalidUTF8: invalidUTF8)
        let customer = value(.customerId).map(OrderColumns.trimmed) ?? ""
        if customer.isEmpty {
            problems.add(.customerId, "empty customer id")
        } else if !problems.identifier(.customerId, customer, maxLength: .max) {
            // A balance of an id that is not UTF-8 could only be matched to a customer by guessing.
        } else if let first = lineOf[ExactText(customer)] {
            problems.add(.customerId, "customer '\(customer)' already has a balance on line \(first)")
        }
        let text = value(.points) ?? ""
        let points = OrderLedger.decimal(text)
        if points == nil {
            problems.add(.points, "'\(text)' is not a decimal number (digits with an optional '.')")
        } else if points! < 0 {
            problems.add(.points, "negative balance \(text)")
        }
        guard try allowance.admits(problems.list), let points else { return }
        if points > pointsCap { aboveCap += 1 }
        scores[ExactText(customer)] = min(points / pointsCap, 1)
        lineOf[ExactText(customer)] = line
        rows += 1
    }

    /// One score per customer of `customers`, nil for a customer without a balance (FEAT-10 then writes 0.0), and
    /// how many balances belong to nobody in `customers`.
    package func scores(for customers: [CustomerHistory]) -> (scores: [Double?], unmatched: Int) {
        let scored = customers.map { scores[ExactText($0.customerId)] }
        let matched = scored.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
        return (scored, scores.count - matched)
    }
}
