/// `churn_label.labels` (spec/churn_label.md): every customer's quantities, threshold and label, the cohort window,
/// the summary and the warning codes, recomputed from the request.
enum ChurnLabelOracle {
    static let labels = Oracle(
        name: "churn_label.labels",
        summary: "Purchase days, recency, age and typical gap as of as_of (CHL-3), the threshold of each method with its "
            + "fallbacks (CHL-4 to CHL-7), the label from the written threshold (CHL-8), the summary (CHL-11) and the "
            + "warning codes in order (CHL-12)."
    ) { request, response in
        check(request: request, response: response)
    }

    /// A percentile written as a decimal, as the fraction it denotes (0.9 → 9/10, GEN-8).
    static func fraction(_ value: Double) -> (Int, Int) {
        let text = String(value)
        guard let dot = text.firstIndex(of: "."), !text.contains("e"), let whole = Int(text[..<dot]),
            let digits = Int(text[text.index(after: dot)...])
        else { return (Int(value), 1) }
        var denominator = 1
        for _ in text[text.index(after: dot)...] { denominator *= 10 }
        return (whole * denominator + digits, denominator)
    }

    static func check(request: JSON, response: JSON) -> [Finding] {
        var checker = Checker(response: response)
        let customers = request["customers"]?.array ?? []
        guard checker.array("CHL-10", "/customers", count: customers.count, "one entry per request customer") != nil, !customers.isEmpty,
            let asOfText = request["as_of"]?.string ?? request["today"]?.string ?? response["as_of"]?.string,
            let asOf = OracleDays.number(asOfText)
        else { return checker.findings }
        checker.string("CHL-2", "/as_of", asOfText, "as_of")
        let method = request["method"]?.string ?? "fixed"
        let fixed = request["threshold_days"]?.number ?? 90
        let k = request["k"]?.number ?? 2.5
        let floor = request["min_threshold_days"]?.number ?? 0
        let p = fraction(request["gap_percentile"]?.number ?? 0.9)

        // CHL-3: distinct purchase days up to as_of, and their gaps.
        var ignored = 0
        let days = customers.map { customer -> [Int] in
            var set = Set<Int>()
            for transaction in customer["transactions"]?.array ?? [] {
                guard let day = transaction["date"]?.string.flatMap(OracleDays.number) else { continue }
                if day <= asOf { set.insert(day) } else { ignored += 1 }
            }
            return set.sorted()
        }
        let gaps = days.map { d in d.count < 2 ? [Double]() : (1..<d.count).map { Double(d[$0] - d[$0 - 1]) } }
        let pooled = gaps.flatMap { $0 }.sorted()
        checker.integer("CHL-10", "/cohort_gaps", pooled.count, "pooled gaps")
        var cohort: Double?
        if method == "percentile" && pooled.count >= 10 {
            cohort = max(OracleMath.percentile(pooled, p.0, p.1), floor)
            checker.rounded("CHL-6", "/cohort_threshold_days", cohort!, decimals: 2, "cohort window")
        } else if let value = checker.value("CHL-6", "/cohort_threshold_days", "cohort window"), value != .null {
            checker.report("CHL-6", "/cohort_threshold_days", expected: "null", actual: value.text, "no cohort window for this request")
        }

        var counts = (churned: 0, active: 0, undetermined: 0, fallback: 0)
        for (i, purchase) in days.enumerated() {
            let base = JSON.pointer("/customers", i)
            let median = gaps[i].isEmpty ? nil : OracleMath.percentile(gaps[i].sorted(), 1, 2)
            var threshold = fixed
            var applied = "fixed"
            var fallback: String?
            if method == "adaptive" {
                if let median { (threshold, applied) = (max(k * median, floor), "adaptive") } else { fallback = "fewer_than_two_purchase_days" }
            } else if method == "percentile" {
                if let cohort { (threshold, applied) = (cohort, "percentile") } else { fallback = "too_few_cohort_gaps" }
            }
            checker.rounded("CHL-7", JSON.pointer(base, "threshold_applied"), threshold, decimals: 2, "threshold")
            checker.string("CHL-5", JSON.pointer(base, "method"), applied, "the method that set the threshold")
            // CHL-7, NUM-3: the label follows from the threshold as written.
            let written = response[pointer: JSON.pointer(base, "threshold_applied")]?.number ?? threshold
            let label: String
            let reason: String
            if let first = purchase.first, let last = purchase.last {
                checker.integer("CHL-3", JSON.pointer(base, "days_since_last_purchase"), asOf - last, "days since last purchase")
                checker.integer("CHL-3", JSON.pointer(base, "age_days"), asOf - first, "age")
                if Double(asOf - last) > written {
                    (label, reason) = ("churned", "inactive_beyond_threshold")
                } else if Double(asOf - first) < written {
                    (label, reason) = ("undetermined", "younger_than_threshold")
                } else {
                    (label, reason) = ("active", "active_within_threshold")
                }
            } else {
                (label, reason) = ("undetermined", "no_purchase_by_as_of")
            }
            checker.string("CHL-8", JSON.pointer(base, "label"), label, "label")
            checker.string("CHL-8", JSON.pointer(base, "reason"), reason, "reason")
            checker.integer("CHL-3", JSON.pointer(base, "purchase_days"), purchase.count, "purchase days")
            if let median { checker.rounded("CHL-3", JSON.pointer(base, "typical_gap_days"), median, decimals: 2, "typical gap") }
            if let actual = checker.value("CHL-5", JSON.pointer(base, "fallback"), "fallback"), actual != (fallback.map { JSON.string($0) } ?? .null)
            {
                checker.report("CHL-5", JSON.pointer(base, "fallback"), expected: fallback ?? "null", actual: actual.text, "fallback")
            }
            switch label {
            case "churned": counts.churned += 1
            case "active": counts.active += 1
            default: counts.undetermined += 1
            }
            if fallback != nil { counts.fallback += 1 }
        }
        for (member, count) in [
            ("customers", customers.count), ("churned", counts.churned), ("active", counts.active), ("undetermined", counts.undetermined),
            ("fallback_customers", counts.fallback),
        ] {
            checker.integer("CHL-11", JSON.pointer("/summary", member), count, "summary \(member)")
        }
        let determined = counts.churned + counts.active
        if determined > 0 {
            checker.rounded("CHL-11", "/summary/churn_rate", Double(counts.churned) / Double(determined), decimals: 4, "churn rate")
        }
        var codes: [String] = []
        if ignored > 0 { codes.append("transactions_after_as_of_ignored") }
        if counts.fallback > 0 { codes.append("fixed_threshold_fallback") }
        if determined == 0 { codes.append("no_determinable_customer") }
        let actual = (response["warnings"]?.array ?? []).compactMap { $0["code"]?.string }
        if actual != codes {
            checker.report("CHL-12", "/warnings", expected: codes.joined(separator: ", "), actual: actual.joined(separator: ", "), "warning codes")
        }
        return checker.findings
    }
}
