/// `customer_clv_features.summary`: the BG/NBD statistics, churn flag, potential tier, sentence, explanations and
/// cohort summary, recomputed from the request (spec/customer_clv_features.md, CLVF-5 to CLVF-17).
enum CustomerCLVFeaturesOracle {
    static let summary = Oracle(
        name: "customer_clv_features.summary",
        summary: "Recomputes frequency, recency, T and monetary_value over merged purchase days (CLVF-5 to CLVF-11), churned "
            + "(CLVF-12), tiers from the written values (CLVF-13), interpretation (CLVF-14), explanations (CLVF-15) and summary (CLVF-16)."
    ) { request, response in
        check(request: request, response: response)
    }

    /// CLVF-3.
    static let defaultChurnThresholdDays = 90
    /// CLVF-16: the tiers in the order of `tier_counts`.
    static let tierNames = ["High", "Medium", "Low"]

    /// One customer's purchase days (CLVF-7): distinct dates ascending, with the summed value of each.
    struct History {
        var days: [Int] = []
        var dates: [String] = []
        var values: [Double] = []
    }

    static func history(_ customer: JSON, margin: Bool) -> History {
        // Merge same-day transactions, summing their values in request order (CLVF-6, CLVF-7).
        var valueByDay: [Int: Double] = [:]
        var dateByDay: [Int: String] = [:]
        for transaction in customer["transactions"]?.array ?? [] {
            guard let date = transaction["date"]?.string, let day = OracleDays.number(date) else { continue }
            var value = transaction["amount"]?.number ?? 0
            if margin { value -= transaction["cost"]?.number ?? 0 }
            valueByDay[day] = (valueByDay[day] ?? 0) + value
            dateByDay[day] = date
        }
        var history = History()
        for day in valueByDay.keys.sorted() {
            history.days.append(day)
            history.dates.append(dateByDay[day]!)
            history.values.append(valueByDay[day]!)
        }
        return history
    }

    static func check(request: JSON, response: JSON) -> [Finding] {
        var checker = Checker(response: response)
        let customers = request["customers"]?.array ?? []
        let n = customers.count
        guard checker.array("CLVF-17", "/customers", count: n, "one entry per request customer") != nil, n > 0 else {
            return checker.findings
        }
        guard let threshold = Int(exactly: request["churn_threshold_days"]?.number ?? Double(defaultChurnThresholdDays)) else {
            return checker.findings
        }

        // CLVF-5: the margin basis when the request's transactions carry cost (all or none, GEN-11).
        var margin = false
        for customer in customers {
            for transaction in customer["transactions"]?.array ?? [] where transaction["cost"] != nil { margin = true }
        }
        let basis = margin ? "margin" : "amount"

        var histories: [History] = []
        for customer in customers {
            let history = history(customer, margin: margin)
            if history.days.isEmpty { return checker.findings }  // not a valid request: nothing to check against
            histories.append(history)
        }
        // `today` from the request; fixtures always send it. Without it (GEN-6) the first customer's written T fixes
        // the day, and every other customer is checked against that.
        var today = request["today"]?.string.flatMap(OracleDays.number)
        if today == nil, let t = response[pointer: "/customers/0/T"]?.number.flatMap({ Int(exactly: $0) }) {
            today = histories[0].days[0] + t
        }
        guard let today else { return checker.findings }

        // CLVF-8 to CLVF-12 per customer.
        var frequency: [Int] = []
        var recency: [Int] = []
        var age: [Int] = []
        var monetary: [Double] = []
        var daysSince: [Int] = []
        var churned: [Bool] = []
        for history in histories {
            let x = history.days.count - 1
            frequency.append(x)
            recency.append(history.days[x] - history.days[0])
            age.append(today - history.days[0])
            // CLVF-11: mean of the repeat purchase days, ascending, first day excluded; 0 for a one-time buyer.
            var repeatSum = 0.0
            for i in 1..<history.days.count { repeatSum += history.values[i] }
            monetary.append(x == 0 ? 0 : repeatSum / Double(x))
            daysSince.append(today - history.days[x])
            // CLVF-12: churned strictly beyond the threshold.
            churned.append(today - history.days[x] > threshold)
        }

        // CLVF-13: shares over the WRITTEN monetary values of all n customers.
        var written: [Double] = []
        for c in 0..<n {
            if let value = response[pointer: JSON.pointer(JSON.pointer("/customers", c), "monetary_value")]?.number {
                written.append(value)
            }
        }
        let allWritten = written.count == n
        var tiers: [String] = []
        var higher: [Int] = []
        if allWritten {
            for c in 0..<n {
                let h = OracleMath.countHigher(than: written[c], in: written)
                higher.append(h)
                if frequency[c] >= 1 && 10 * h < 3 * n {
                    tiers.append("High")
                } else if frequency[c] >= 1 && 10 * h < 7 * n {
                    tiers.append("Medium")
                } else {
                    tiers.append("Low")
                }
            }
        }

        for c in 0..<n {
            let entry = JSON.pointer("/customers", c)
            checker.members(
                "CLVF-17", entry,
                [
                    "customer_id", "frequency", "recency", "T", "monetary_value", "churned", "clv_potential_tier", "interpretation",
                    "explanations",
                ], "customer entry")
            checker.string(
                "CLVF-17", JSON.pointer(entry, "customer_id"), customers[c]["customer_id"]?.string ?? "", "customer_id echoed in request order")
            checker.integer("CLVF-8", JSON.pointer(entry, "frequency"), frequency[c], "frequency = purchase days − 1")
            checker.integer("CLVF-9", JSON.pointer(entry, "recency"), recency[c], "recency = last − first purchase day")
            checker.integer("CLVF-10", JSON.pointer(entry, "T"), age[c], "T = today − first purchase day")
            checker.rounded(
                "CLVF-11", JSON.pointer(entry, "monetary_value"), monetary[c], decimals: 2,
                "monetary_value = mean \(basis) of the repeat purchase days")
            checker.bool(
                "CLVF-12", JSON.pointer(entry, "churned"), churned[c],
                "churned: \(daysSince[c]) days since the last purchase vs threshold \(threshold)")
            if allWritten {
                checker.string(
                    "CLVF-13", JSON.pointer(entry, "clv_potential_tier"), tiers[c],
                    "tier: frequency \(frequency[c]), \(higher[c]) of \(n) customers with a higher written monetary_value")
            }

            // CLVF-14: the sentence for the tier, frequency, churn flag and days as written, so that a wrong
            // value is reported once, where it is written (falling back to the recomputed ones).
            let writtenTier = response[pointer: JSON.pointer(entry, "clv_potential_tier")]?.string ?? (allWritten ? tiers[c] : "")
            let writtenChurned = response[pointer: JSON.pointer(entry, "churned")]?.bool ?? churned[c]
            let writtenFrequency = response[pointer: JSON.pointer(entry, "frequency")]?.number ?? Double(frequency[c])
            let writtenDays =
                response[pointer: JSON.pointer(entry, "explanations/days_since_last_purchase")]?.number.flatMap { Int(exactly: $0) } ?? daysSince[c]
            if let sentence = interpretation(tier: writtenTier, oneTime: writtenFrequency == 0, churned: writtenChurned, days: writtenDays) {
                checker.string("CLVF-14", JSON.pointer(entry, "interpretation"), sentence, "interpretation sentence")
            }

            // CLVF-15: the facts behind the flags.
            let explanations = JSON.pointer(entry, "explanations")
            checker.members(
                "CLVF-15", explanations,
                [
                    "purchase_days", "first_purchase", "last_purchase", "days_since_last_purchase", "churn_threshold_days", "monetary_basis",
                    "share_with_higher_value",
                ], "explanations")
            let history = histories[c]
            checker.integer("CLVF-15", JSON.pointer(explanations, "purchase_days"), history.days.count, "purchase_days = x + 1")
            checker.string("CLVF-15", JSON.pointer(explanations, "first_purchase"), history.dates[0], "first purchase day")
            checker.string("CLVF-15", JSON.pointer(explanations, "last_purchase"), history.dates[history.dates.count - 1], "last purchase day")
            checker.integer(
                "CLVF-15", JSON.pointer(explanations, "days_since_last_purchase"), daysSince[c],
                "days_since_last_purchase = today − last purchase day")
            checker.integer("CLVF-15", JSON.pointer(explanations, "churn_threshold_days"), threshold, "churn_threshold_days in force")
            checker.string("CLVF-15", JSON.pointer(explanations, "monetary_basis"), basis, "monetary_basis")
            if allWritten {
                checker.rounded(
                    "CLVF-15", JSON.pointer(explanations, "share_with_higher_value"), Double(higher[c]) / Double(n), decimals: 4,
                    "share_with_higher_value = higher / n")
            }
        }

        // CLVF-16: the cohort summary; sums in request order.
        checker.members(
            "CLVF-16", "/summary",
            [
                "customers", "repeat_buyers", "churned", "monetary_basis", "mean_frequency", "mean_recency", "mean_T",
                "mean_monetary_value_repeat", "tier_counts",
            ], "summary")
        var repeatBuyers = 0
        var churnedCount = 0
        var frequencySum = 0.0
        var recencySum = 0.0
        var ageSum = 0.0
        for c in 0..<n {
            if frequency[c] >= 1 { repeatBuyers += 1 }
            if churned[c] { churnedCount += 1 }
            frequencySum += Double(frequency[c])
            recencySum += Double(recency[c])
            ageSum += Double(age[c])
        }
        checker.integer("CLVF-16", "/summary/customers", n, "customers = n")
        checker.integer("CLVF-16", "/summary/repeat_buyers", repeatBuyers, "customers with frequency ≥ 1")
        checker.integer("CLVF-16", "/summary/churned", churnedCount, "customers churned")
        checker.string("CLVF-16", "/summary/monetary_basis", basis, "monetary_basis")
        checker.rounded("CLVF-16", "/summary/mean_frequency", frequencySum / Double(n), decimals: 4, "mean frequency")
        checker.rounded("CLVF-16", "/summary/mean_recency", recencySum / Double(n), decimals: 2, "mean recency")
        checker.rounded("CLVF-16", "/summary/mean_T", ageSum / Double(n), decimals: 2, "mean T")
        if allWritten {
            // The mean of the WRITTEN monetary values over the repeat buyers; 0 when there are none.
            var repeatSum = 0.0
            for c in 0..<n where frequency[c] >= 1 { repeatSum += written[c] }
            checker.rounded(
                "CLVF-16", "/summary/mean_monetary_value_repeat", repeatBuyers == 0 ? 0 : repeatSum / Double(repeatBuyers), decimals: 2,
                "mean written monetary_value of the repeat buyers")
            checker.members("CLVF-16", "/summary/tier_counts", tierNames, "tier_counts")
            for name in tierNames {
                var count = 0
                for tier in tiers where tier == name { count += 1 }
                checker.integer("CLVF-16", JSON.pointer("/summary/tier_counts", name), count, "customers in tier \(name)")
            }
        }
        return checker.findings
    }

    /// CLVF-14: the sentence for a tier, whether the customer is a one-time buyer, and the churn flag; nil for an
    /// unknown tier (reported at the tier).
    static func interpretation(tier: String, oneTime: Bool, churned: Bool, days: Int) -> String? {
        switch (tier, churned) {
        case ("High", false): "High-potential repeat buyer who is still active. Focus on VIP retention & upsell."
        case ("High", true): "High-value repeat buyer gone quiet for \(days) days. Prioritise a personal win-back."
        case ("Medium", false): "Steady repeat buyer with mid-range spend. Nurture with cross-sell and loyalty perks."
        case ("Medium", true): "Mid-value repeat buyer inactive for \(days) days. Send a targeted reactivation offer."
        case ("Low", false):
            oneTime
                ? "One-time buyer so far. Encourage a second purchase with onboarding offers."
                : "Repeat buyer with low spend per order. Test bundles to lift basket value."
        case ("Low", true):
            oneTime
                ? "One-time buyer inactive for \(days) days. Consider automated win-back."
                : "Low-value repeat buyer inactive for \(days) days. Consider automated win-back."
        default: nil
        }
    }
}
