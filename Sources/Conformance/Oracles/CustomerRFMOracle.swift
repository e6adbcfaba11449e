/// `customer_rfm.scores` and `customer_rfm.tiers` (spec/customer_rfm.md): the metrics, cut points and scores
/// recomputed from the request, and the tiers and sentences derived from the written totals and scores.
enum CustomerRFMOracle {
    static let scores = Oracle(
        name: "customer_rfm.scores",
        summary: "Recomputes recency, frequency and monetary totals (RFM-5 to RFM-7), the cut points (RFM-8 to RFM-11), the "
            + "scores with ties and constant metrics (RFM-12 to RFM-15), rfm_class (RFM-16) and rfm_total (RFM-17)."
    ) { request, response in
        checkScores(request: request, response: response)
    }

    static let tiers = Oracle(
        name: "customer_rfm.tiers",
        summary: "Derives each rfm_tier from the written totals with GEN-9 shares and the median (RFM-18), tier_counts "
            + "(RFM-24) and the interpretation sentence (RFM-20 to RFM-22)."
    ) { request, response in
        checkTiers(request: request, response: response)
    }

    /// RFM-24: the tiers in the order of `tier_counts`.
    static let tierNames = ["Champion", "Loyal", "Potential", "Promising", "At-Risk"]

    /// RFM-3: `bins`, 5 when absent; nil when the request's value is not an integer in 2…10.
    static func bins(_ request: JSON) -> Int? {
        guard let b = Int(exactly: request["bins"]?.number ?? 5), b >= 2, b <= 10 else { return nil }
        return b
    }

    /// The finding for a request this oracle cannot judge (it is meant for valid requests only).
    static func invalidBins(_ request: JSON) -> [Finding] {
        [
            Finding(
                clause: "RFM-3", pointer: "", expected: "a request with bins an integer in 2…10",
                actual: request["bins"]?.text ?? "missing", message: "the request's bins is invalid: the oracle cannot check the response")
        ]
    }

    /// A written integer, or nil for a non-number, a fraction or a value beyond Int.
    static func writtenInteger(_ response: JSON, _ pointer: String) -> Int? {
        response[pointer: pointer]?.number.flatMap { Int(exactly: $0) }
    }

    /// One customer's metrics (RFM-5 to RFM-7), recency as a day number still to subtract from `today`.
    struct Metrics {
        var latestDay: Int
        var frequency: Int
        var monetary: Double
    }

    static func metrics(_ customer: JSON) -> Metrics {
        var latestDay: Int? = nil
        var monetary = 0.0
        let transactions = customer["transactions"]?.array ?? []
        for transaction in transactions {
            // RFM-7: Σ amount in binary64, request order.
            monetary += transaction["amount"]?.number ?? 0
            if let day = transaction["date"]?.string.flatMap(OracleDays.number) {
                latestDay = max(latestDay ?? day, day)
            }
        }
        // RFM-6: every transaction counts, same-day ones included.
        return Metrics(latestDay: latestDay ?? 0, frequency: transactions.count, monetary: monetary)
    }

    // MARK: - Scores

    static func checkScores(request: JSON, response: JSON) -> [Finding] {
        var checker = Checker(response: response)
        guard let b = bins(request) else { return invalidBins(request) }
        let customers = request["customers"]?.array ?? []
        let n = customers.count
        guard checker.array("RFM-23", "/customers", count: n, "one entry per request customer") != nil, n > 0 else {
            return checker.findings
        }

        var all: [Metrics] = []
        for customer in customers { all.append(metrics(customer)) }
        // `today` from the request; fixtures always send it. Without it (GEN-6) the first customer's written
        // recency_days fixes the day, and every other customer is checked against that.
        var today = request["today"]?.string.flatMap(OracleDays.number)
        if today == nil, let first = writtenInteger(response, "/customers/0/recency_days") {
            today = all[0].latestDay + first
        }
        guard let today else { return checker.findings }

        var recency: [Double] = []
        var frequency: [Double] = []
        var monetary: [Double] = []
        for m in all {
            recency.append(Double(today - m.latestDay))
            frequency.append(Double(m.frequency))
            monetary.append(m.monetary)
        }

        // RFM-8 to RFM-10: b − 1 cut points per metric, exact positions; recency at (b − i)/b, descending.
        let sortedRecency = recency.sorted()
        let sortedFrequency = frequency.sorted()
        let sortedMonetary = monetary.sorted()
        var recencyCuts: [Double] = []
        var frequencyCuts: [Double] = []
        var monetaryCuts: [Double] = []
        for i in 1..<b {
            recencyCuts.append(OracleMath.percentile(sortedRecency, b - i, b))
            frequencyCuts.append(OracleMath.percentile(sortedFrequency, i, b))
            monetaryCuts.append(OracleMath.percentile(sortedMonetary, i, b))
        }
        // RFM-11: every cut point written with 2 decimals, even for a constant metric.
        checker.members("RFM-23", "/thresholds", ["recency", "frequency", "monetary"], "thresholds")
        let written: [(clause: String, name: String, cuts: [Double])] = [
            ("RFM-10", "recency", recencyCuts), ("RFM-9", "frequency", frequencyCuts), ("RFM-9", "monetary", monetaryCuts),
        ]
        for metric in written {
            let pointer = JSON.pointer("/thresholds", metric.name)
            if checker.array("RFM-11", pointer, count: b - 1, "b − 1 \(metric.name) cut points") != nil {
                for i in 0..<(b - 1) {
                    checker.rounded(
                        metric.clause, JSON.pointer(pointer, i), metric.cuts[i], decimals: 2,
                        "\(metric.name) cut point \(i + 1) of \(b - 1)")
                }
            }
        }

        // RFM-15: a metric constant over the request (unrounded values) gives everybody the middle score ⌈b/2⌉.
        let middle = (b + 1) / 2
        let recencyConstant = sortedRecency.first == sortedRecency.last
        let frequencyConstant = sortedFrequency.first == sortedFrequency.last
        let monetaryConstant = sortedMonetary.first == sortedMonetary.last

        for c in 0..<n {
            let entry = JSON.pointer("/customers", c)
            checker.members(
                "RFM-23", entry,
                [
                    "customer_id", "recency_days", "frequency", "monetary_total", "recency_score", "frequency_score", "monetary_score",
                    "rfm_class", "rfm_total", "rfm_tier", "interpretation",
                ], "customer entry")
            checker.string(
                "RFM-23", JSON.pointer(entry, "customer_id"), customers[c]["customer_id"]?.string ?? "", "customer_id echoed in request order")
            checker.integer("RFM-5", JSON.pointer(entry, "recency_days"), Int(recency[c]), "recency_days = today − latest date")
            checker.integer("RFM-6", JSON.pointer(entry, "frequency"), Int(frequency[c]), "frequency = number of transactions")
            checker.rounded("RFM-7", JSON.pointer(entry, "monetary_total"), monetary[c], decimals: 2, "monetary_total = Σ amount")

            // RFM-13: 1 + #{cut points c : recency < c}; RFM-12: 1 + #{cut points c : value > c}. Strict (RFM-14).
            // Scored against the recomputed UNROUNDED cut points, as RFM-11 requires: the written ones are rounded to
            // cents and would flip ties (a total of 0.1 + 0.2 = 0.30000000000000004 that IS a cut point would pass
            // the cut point written 0.3); a written cut point that is off is reported above, at the threshold.
            var recencyScore = 1
            var frequencyScore = 1
            var monetaryScore = 1
            for cut in recencyCuts where recency[c] < cut { recencyScore += 1 }
            for cut in frequencyCuts where frequency[c] > cut { frequencyScore += 1 }
            for cut in monetaryCuts where monetary[c] > cut { monetaryScore += 1 }
            if recencyConstant { recencyScore = middle }
            if frequencyConstant { frequencyScore = middle }
            if monetaryConstant { monetaryScore = middle }
            checker.integer(
                recencyConstant ? "RFM-15" : "RFM-13", JSON.pointer(entry, "recency_score"), recencyScore,
                "recency_score of \(OracleFormat.number(recency[c])) days")
            checker.integer(
                frequencyConstant ? "RFM-15" : "RFM-12", JSON.pointer(entry, "frequency_score"), frequencyScore,
                "frequency_score of \(OracleFormat.number(frequency[c])) transactions")
            checker.integer(
                monetaryConstant ? "RFM-15" : "RFM-12", JSON.pointer(entry, "monetary_score"), monetaryScore,
                "monetary_score of \(OracleFormat.number(monetary[c]))")

            // RFM-16 and RFM-17 from the scores as written, so that a wrong score is reported once, at the score.
            let r = writtenInteger(response, JSON.pointer(entry, "recency_score"))
            let f = writtenInteger(response, JSON.pointer(entry, "frequency_score"))
            let m = writtenInteger(response, JSON.pointer(entry, "monetary_score"))
            if let r, let f, let m {
                let digits = [String(r), String(f), String(m)]
                let rfmClass = b == 10 ? digits.joined(separator: "-") : digits.joined()
                checker.string("RFM-16", JSON.pointer(entry, "rfm_class"), rfmClass, "rfm_class from the written R, F, M scores")
                checker.integer("RFM-17", JSON.pointer(entry, "rfm_total"), r + f + m, "rfm_total = R + F + M as written")
            }
        }
        return checker.findings
    }

    // MARK: - Tiers

    static func checkTiers(request: JSON, response: JSON) -> [Finding] {
        var checker = Checker(response: response)
        guard let b = bins(request) else { return invalidBins(request) }
        let n = request["customers"]?.array?.count ?? 0
        guard checker.array("RFM-23", "/customers", count: n, "one entry per request customer") != nil, n > 0 else {
            return checker.findings
        }
        // The written totals; without all of them no tier can be derived.
        var totals: [Double] = []
        for c in 0..<n {
            guard let total = checker.number("RFM-17", JSON.pointer(JSON.pointer("/customers", c), "rfm_total"), "rfm_total") else {
                return checker.findings
            }
            totals.append(total)
        }
        // RFM-18: the median is the RFM-8 percentile with p = 1/2 of all n totals.
        let median = OracleMath.percentile(totals.sorted(), 1, 2)

        var counts = [Int](repeating: 0, count: tierNames.count)
        for c in 0..<n {
            let entry = JSON.pointer("/customers", c)
            // RFM-18: first match; shares per GEN-9 in integers (10·higher < 3n, 10·lower < 2n).
            let higher = OracleMath.countHigher(than: totals[c], in: totals)
            let lower = OracleMath.countLower(than: totals[c], in: totals)
            let tier: String
            if totals[c] >= Double(3 * b - 2) {
                tier = "Champion"
            } else if 10 * higher < 3 * n {
                tier = "Loyal"
            } else if 10 * lower < 2 * n {
                tier = "At-Risk"
            } else if totals[c] >= median {
                tier = "Potential"
            } else {
                tier = "Promising"
            }
            counts[tierNames.firstIndex(of: tier)!] += 1
            checker.string(
                "RFM-18", JSON.pointer(entry, "rfm_tier"), tier,
                "tier of total \(OracleFormat.number(totals[c])): \(higher) higher, \(lower) lower, median \(OracleFormat.number(median))")

            // RFM-20 to RFM-22: the sentence from the tier and the scores as written.
            let writtenTier = response[pointer: JSON.pointer(entry, "rfm_tier")]?.string ?? tier
            let r = writtenInteger(response, JSON.pointer(entry, "recency_score"))
            let f = writtenInteger(response, JSON.pointer(entry, "frequency_score"))
            let m = writtenInteger(response, JSON.pointer(entry, "monetary_score"))
            if let r, let f, let m {
                let sentence =
                    "\(writtenTier) customer – last purchase was \(recencyWords(level(r, b))), buys with "
                    + "\(amountWords(level(f, b))) frequency and has \(amountWords(level(m, b))) spending."
                checker.string("RFM-22", JSON.pointer(entry, "interpretation"), sentence, "interpretation sentence")
            }
        }
        // RFM-24: all five tiers, zeros included.
        checker.members("RFM-24", "/tier_counts", tierNames, "tier_counts")
        for t in 0..<tierNames.count {
            checker.integer("RFM-24", JSON.pointer("/tier_counts", tierNames[t]), counts[t], "customers in tier \(tierNames[t])")
        }
        return checker.findings
    }

    /// RFM-20: level 4 at the top score, 3 from half way, 2 from a quarter, else 1 (in integers).
    static func level(_ score: Int, _ b: Int) -> Int {
        if score == b { return 4 }
        if 2 * (score - 1) >= b - 1 { return 3 }
        if 4 * (score - 1) >= b - 1 { return 2 }
        return 1
    }

    /// RFM-21.
    static func recencyWords(_ level: Int) -> String {
        switch level {
        case 4: "very recent"
        case 3: "recent"
        case 2: "a while ago"
        default: "long ago"
        }
    }

    /// RFM-21, frequency and monetary.
    static func amountWords(_ level: Int) -> String {
        switch level {
        case 4: "very high"
        case 3: "high"
        case 2: "moderate"
        default: "low"
        }
    }
}
