/// `customer_features.rollup`: the six features of every customer, recomputed from the request's transactions
/// (spec/customer_features.md, FEAT-6 to FEAT-13).
enum CustomerFeaturesOracle {
    static let rollup = Oracle(
        name: "customer_features.rollup",
        summary: "Recomputes purchase_total, visit_frequency, avg_ticket, product_diversity, loyalty_score and recency_days "
            + "per customer from the request (FEAT-6 to FEAT-11), in request order with ids echoed (FEAT-13)."
    ) { request, response in
        check(request: request, response: response)
    }

    static let featureNames = ["purchase_total", "visit_frequency", "avg_ticket", "product_diversity", "loyalty_score", "recency_days"]

    static func check(request: JSON, response: JSON) -> [Finding] {
        var checker = Checker(response: response)
        // FEAT-11 needs `today`; fixtures always send it. Without it the answer depends on the server's day (FEAT-18),
        // so recency is not checked.
        let today = request["today"]?.string.flatMap(OracleDays.number)
        let customers = request["customers"]?.array ?? []

        // FEAT-13: exactly one entry per request customer, in request order.
        guard checker.array("FEAT-13", "/customers", count: customers.count, "one entry per request customer") != nil else {
            return checker.findings
        }
        for (index, customer) in customers.enumerated() {
            let entry = JSON.pointer("/customers", index)
            let features = JSON.pointer(entry, "features")
            checker.members("FEAT-13", entry, ["customer_id", "features"], "customer entry")
            checker.members("FEAT-13", features, featureNames, "the six features")
            checker.string(
                "FEAT-13", JSON.pointer(entry, "customer_id"), customer["customer_id"]?.string ?? "", "customer_id echoed in request order")

            let transactions = customer["transactions"]?.array ?? []
            var total = 0.0
            var products: Set<[Unicode.Scalar]> = []
            var latestDay: Int? = nil
            for transaction in transactions {
                // FEAT-6: Σ amount, accumulated in binary64 in request order.
                total += transaction["amount"]?.number ?? 0
                // FEAT-9: distinct product_id values, compared as sequences of Unicode scalars (no normalisation).
                if let product = transaction["product_id"]?.string {
                    products.insert(Array(product.unicodeScalars))
                }
                if let day = transaction["date"]?.string.flatMap(OracleDays.number) {
                    latestDay = max(latestDay ?? day, day)
                }
            }

            checker.rounded("FEAT-6", JSON.pointer(features, "purchase_total"), total, decimals: 2, "purchase_total = Σ amount")
            // FEAT-7: every transaction counts, same-day ones included.
            checker.integer("FEAT-7", JSON.pointer(features, "visit_frequency"), transactions.count, "visit_frequency = number of transactions")
            // FEAT-8: from the unrounded sum.
            if !transactions.isEmpty {
                checker.rounded(
                    "FEAT-8", JSON.pointer(features, "avg_ticket"), total / Double(transactions.count), decimals: 2,
                    "avg_ticket = purchase_total / visit_frequency")
            }
            checker.integer("FEAT-9", JSON.pointer(features, "product_diversity"), products.count, "product_diversity = distinct product_id")
            // FEAT-10: the request's value, or 0.0, not rescaled.
            checker.rounded(
                "FEAT-10", JSON.pointer(features, "loyalty_score"), customer["loyalty_score"]?.number ?? 0, decimals: 4,
                "loyalty_score echoed (0 when absent)")
            // FEAT-11: today − latest date (GEN-7).
            if let today, let latestDay {
                checker.integer("FEAT-11", JSON.pointer(features, "recency_days"), today - latestDay, "recency_days = today − latest date")
            }
        }
        return checker.findings
    }
}
