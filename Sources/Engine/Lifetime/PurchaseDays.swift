/// Every customer's purchase days in one flat, date-ordered store (CLV-7): for each distinct purchase date its day
/// value in the request's basis, the sum of its amounts and margins and its transaction count. Summaries and booster
/// features at any snapshot are prefixes of it, so the calibration and full-history views share one pass over the
/// transactions.
package struct PurchaseDays: Sendable {
    /// Customer i's days are `start[i]..<start[i + 1]`.
    package private(set) var start: [Int] = [0]
    package private(set) var day: [Int] = []
    package private(set) var value: [Double] = []
    private(set) var amount: [Double] = []
    private(set) var margin: [Double] = []
    private(set) var transactions: [Int] = []
    package let useMargin: Bool

    package init(_ customers: [CustomerHistory], useMargin: Bool) {
        self.useMargin = useMargin
        for customer in customers {
            let ordered = customer.transactions.sorted { $0.date < $1.date }
            for transaction in ordered {
                let ordinal = transaction.date.ordinal
                if day.count == start[start.count - 1] || day[day.count - 1] != ordinal {
                    day.append(ordinal)
                    value.append(0)
                    amount.append(0)
                    margin.append(0)
                    transactions.append(0)
                }
                let last = day.count - 1
                value[last] += useMargin ? transaction.margin : transaction.amount
                amount[last] += transaction.amount
                margin[last] += transaction.margin
                transactions[last] += 1
            }
            start.append(day.count)
        }
    }

    package var customerCount: Int { start.count - 1 }

    /// The index one past customer i's last purchase day dated ≤ s (equal to start[i] when there is none).
    package func end(_ i: Int, snapshot s: Int) -> Int {
        var k = start[i + 1]
        while k > start[i] && day[k - 1] > s { k -= 1 }
        return k
    }

    /// CLV-7 at snapshot s: x, t_x, T and m; nil when the customer has no purchase day ≤ s.
    package func summary(_ i: Int, snapshot s: Int) -> Summary? {
        let first = start[i]
        let end = end(i, snapshot: s)
        guard end > first else { return nil }
        var repeatTotal = 0.0
        for k in (first + 1)..<end { repeatTotal += value[k] }
        let x = end - first - 1
        return Summary(x: Double(x), tx: Double(day[end - 1] - day[first]), T: Double(s - day[first]), m: x > 0 ? repeatTotal / Double(x) : 0)
    }

    /// The value of customer i's purchase days in (from, through].
    package func value(_ i: Int, after from: Int, through: Int) -> Double {
        var total = 0.0
        for k in start[i]..<start[i + 1] where day[k] > from && day[k] <= through { total += value[k] }
        return total
    }

    /// CLV-17's features 1–11 at snapshot s (the summary must exist), written into `row`.
    package func features(_ i: Int, snapshot s: Int, into row: inout ArraySlice<Double>) {
        let first = start[i]
        let end = end(i, snapshot: s)
        let summary = summary(i, snapshot: s)!
        var total = 0.0
        var amounts = 0.0
        var margins = 0.0
        var count = 0
        for k in first..<end {
            total += value[k]
            amounts += amount[k]
            margins += margin[k]
            count += transactions[k]
        }
        var gaps: [Double] = []
        for k in (first + 1)..<max(end, first + 1) { gaps.append(Double(day[k] - day[k - 1])) }
        let base = row.startIndex
        row[base] = summary.x
        row[base + 1] = summary.tx
        row[base + 2] = summary.T
        row[base + 3] = summary.T - summary.tx
        row[base + 4] = summary.m
        row[base + 5] = total
        row[base + 6] = amounts / Double(count)
        row[base + 7] = useMargin ? (amounts == 0 ? 0 : margins / amounts) : 1
        row[base + 8] = summary.x > 0 ? summary.tx / summary.x : 0
        row[base + 9] = gaps.isEmpty ? 0 : percentile(sorted: gaps.sorted(), numerator: 1, denominator: 2)
        row[base + 10] = gaps.last ?? 0
    }

    package struct Summary: Sendable, Equatable {
        package var x: Double
        package var tx: Double
        package var T: Double
        package var m: Double
    }
}
