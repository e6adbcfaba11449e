/// `customer_loyalty.scores`: the min-max or percentile-rank loyalty index, tiers, cohort summary and warning,
/// recomputed from the request (spec/customer_loyalty.md, LOY-4 to LOY-20, LOY-27 to LOY-31).
enum CustomerLoyaltyOracle {
    static let scores = Oracle(
        name: "customer_loyalty.scores",
        summary: "Recomputes applied weights (LOY-9, LOY-10), min-max or mid-rank scores with inverted recency (LOY-11 to "
            + "LOY-13, LOY-28), tiers from the written scores (LOY-14), the summary (LOY-16 to LOY-19, LOY-30) and the "
            + "dominant_tier warning (LOY-31)."
    ) { request, response in
        check(request: request, response: response)
    }

    /// The five weighted features in their fixed order.
    static let featureNames = ["purchase_total", "visit_frequency", "avg_ticket", "product_diversity", "recency_days"]
    /// LOY-5.
    static let defaultWeights = [0.25, 0.30, 0.10, 0.15, 0.20]
    /// LOY-7: the tiers with a lower bound, in testing order, and their default bounds.
    static let tierNames = ["Platinum", "Gold", "Silver", "Bronze"]
    static let defaultThresholds = [0.85, 0.70, 0.50, 0.30]
    /// LOY-17: every segment, in the order of `segment_counts`.
    static let segmentNames = ["Platinum", "Gold", "Silver", "Bronze", "At-Risk"]

    static func check(request: JSON, response: JSON) -> [Finding] {
        var checker = Checker(response: response)
        let customers = request["customers"]?.array ?? []
        let n = customers.count

        // LOY-4, LOY-5: the request's weights (a feature absent from a given object weighs 0), or the defaults.
        var weights = defaultWeights
        if let given = request["weights"]?.object {
            for f in 0..<featureNames.count {
                weights[f] = given[featureNames[f]]?.number ?? 0
            }
        }
        // LOY-7: thresholds merged member by member over the defaults.
        var thresholds = defaultThresholds
        if let given = request["segment_thresholds"]?.object {
            for t in 0..<tierNames.count {
                if let value = given[tierNames[t]]?.number { thresholds[t] = value }
            }
        }

        // values[f][c]: feature f of customer c, as the request gives it.
        var values: [[Double]] = []
        for name in featureNames {
            var column: [Double] = []
            for customer in customers {
                column.append(customer["features"]?[name]?.number ?? 0)
            }
            values.append(column)
        }

        // LOY-9: weighted features that are constant are left out; the others are kept.
        var kept = [Bool](repeating: false, count: featureNames.count)
        // LOY-27: minmax unless the request names rank.
        let rank = request["normalization"]?.string == "rank"
        var constantFeatures: [String] = []
        var lows = [Double](repeating: 0, count: featureNames.count)
        var highs = [Double](repeating: 0, count: featureNames.count)
        for f in 0..<featureNames.count where weights[f] > 0 && n > 0 {
            lows[f] = values[f].min()!
            highs[f] = values[f].max()!
            if highs[f] == lows[f] {
                constantFeatures.append(featureNames[f])
            } else {
                kept[f] = true
            }
        }

        // LOY-10: applied weights w'_f = w_f / Σ_{g∈K} w_g, 0 for every other feature.
        var keptSum = 0.0
        for f in 0..<featureNames.count where kept[f] { keptSum += weights[f] }
        var applied = [Double](repeating: 0, count: featureNames.count)
        for f in 0..<featureNames.count where kept[f] { applied[f] = weights[f] / keptSum }

        // LOY-28: counted pairwise, the share of the other customers each one beats, a tie counting half.
        func midRank(_ f: Int, _ c: Int) -> Double {
            var beaten = 0
            var tied = 0
            let inverse = featureNames[f] == "recency_days"
            for other in values[f] {
                if other == values[f][c] {
                    tied += 1
                } else if inverse ? other > values[f][c] : other < values[f][c] {
                    beaten += 1
                }
            }
            return Double(2 * beaten + tied - 1) / Double(2 * (n - 1))
        }

        // LOY-11, LOY-12: raw index per customer; 0.5 for everybody when no feature is kept.
        var raw: [Double] = []
        for c in 0..<n {
            if keptSum == 0 {
                raw.append(0.5)
                continue
            }
            var s = 0.0
            for f in 0..<featureNames.count where kept[f] {
                let norm: Double
                if rank {
                    norm = midRank(f, c)
                } else if featureNames[f] == "recency_days" {
                    norm = (highs[f] - values[f][c]) / (highs[f] - lows[f])
                } else {
                    norm = (values[f][c] - lows[f]) / (highs[f] - lows[f])
                }
                s += applied[f] * norm
            }
            raw.append(s)
        }

        // LOY-20: the three top-level members; one entry per request customer, in request order.
        checker.members("LOY-20", "", ["customers", "summary", "warnings"], "response")
        guard checker.array("LOY-20", "/customers", count: n, "one entry per request customer") != nil else {
            return checker.findings
        }
        var written: [Double] = []
        var allWritten = true
        for c in 0..<n {
            let entry = JSON.pointer("/customers", c)
            checker.members("LOY-20", entry, ["customer_id", "loyalty_score", "segment"], "customer entry")
            checker.string(
                "LOY-20", JSON.pointer(entry, "customer_id"), customers[c]["customer_id"]?.string ?? "", "customer_id echoed in request order")
            // LOY-13 (LOY-12 when every weighted feature is constant).
            let clause = keptSum == 0 ? "LOY-12" : "LOY-13"
            checker.rounded(clause, JSON.pointer(entry, "loyalty_score"), raw[c], decimals: 4, "loyalty_score = Σ w'_f · norm_f")
            if let score = response[pointer: JSON.pointer(entry, "loyalty_score")]?.number {
                written.append(score)
            } else {
                allWritten = false
            }
        }

        // LOY-14: segments from the WRITTEN scores (NUM-3); LOY-17 counts them.
        var counts = [Int](repeating: 0, count: segmentNames.count)
        if allWritten {
            for c in 0..<n {
                var segment = segmentNames.count - 1  // At-Risk
                for t in 0..<tierNames.count where written[c] >= thresholds[t] {
                    segment = t
                    break
                }
                counts[segment] += 1
                checker.string(
                    "LOY-14", JSON.pointer(JSON.pointer("/customers", c), "segment"), segmentNames[segment],
                    "segment from the written score \(OracleFormat.number(written[c]))")
            }
        }

        checker.members(
            "LOY-20", "/summary",
            ["mean_score", "median_score", "top_decile_threshold", "segment_counts", "weights_applied", "constant_features", "normalization"],
            "summary")
        checker.string("LOY-30", "/summary/normalization", rank ? "rank" : "minmax", "normalization applied")
        // LOY-16: mean (summed in request order), median and 90th percentile of the written scores.
        if allWritten && n > 0 {
            var sum = 0.0
            for score in written { sum += score }
            let sorted = written.sorted()
            checker.rounded("LOY-16", "/summary/mean_score", sum / Double(n), decimals: 4, "mean of the written scores")
            checker.rounded("LOY-16", "/summary/median_score", OracleMath.percentile(sorted, 1, 2), decimals: 4, "median of the written scores")
            checker.rounded(
                "LOY-16", "/summary/top_decile_threshold", OracleMath.percentile(sorted, 9, 10), decimals: 4,
                "90th percentile of the written scores")
            // LOY-17: all five segments, zeros included.
            checker.members("LOY-17", "/summary/segment_counts", segmentNames, "segment_counts")
            for s in 0..<segmentNames.count {
                checker.integer(
                    "LOY-17", JSON.pointer("/summary/segment_counts", segmentNames[s]), counts[s], "customers in segment \(segmentNames[s])")
            }
            // LOY-31: one dominant_tier warning when a cohort of at least 20 has more than 70 % in one segment.
            let dominant = n >= 20 ? counts.firstIndex { 10 * $0 > 7 * n } : nil
            if let warnings = checker.array("LOY-31", "/warnings", count: dominant == nil ? 0 : 1, "warnings"), let dominant {
                checker.string("LOY-31", "/warnings/0/code", "dominant_tier", "warning code")
                if let message = warnings[0]["message"]?.string, !message.hasPrefix("\(segmentNames[dominant]) holds ") {
                    checker.report(
                        "LOY-31", "/warnings/0/message", expected: "\(segmentNames[dominant]) holds …", actual: message, "the warning names the tier")
                }
            }
        }
        // LOY-18: applied weights, all five.
        checker.members("LOY-18", "/summary/weights_applied", featureNames, "weights_applied")
        for f in 0..<featureNames.count {
            checker.rounded(
                "LOY-18", JSON.pointer("/summary/weights_applied", featureNames[f]), applied[f], decimals: 4, "applied weight of \(featureNames[f])")
        }
        // LOY-19: weighted features left out because constant, in the fixed order.
        checker.strings("LOY-19", "/summary/constant_features", constantFeatures, "weighted features that were constant")
        return checker.findings
    }
}
