/// One row per customer with every score, tier, segment and prediction the analysis produced: the table a CRM
/// import wants, as RFC 4180 CSV (comma, CRLF-free LF lines, fields quoted when they need it).
package enum CustomerTable {
    /// (CSV column, endpoint, pointer inside that endpoint's row for the customer).
    static let columns: [(name: String, endpoint: String, path: [String])] = [
        ("purchase_total", "customer_features", ["features", "purchase_total"]),
        ("visit_frequency", "customer_features", ["features", "visit_frequency"]),
        ("avg_ticket", "customer_features", ["features", "avg_ticket"]),
        ("product_diversity", "customer_features", ["features", "product_diversity"]),
        ("recency_days", "customer_features", ["features", "recency_days"]),
        ("loyalty_index", "customer_loyalty", ["loyalty_score"]),
        ("loyalty_tier", "customer_loyalty", ["segment"]),
        ("rfm_class", "customer_rfm", ["rfm_class"]),
        ("rfm_tier", "customer_rfm", ["rfm_tier"]),
        ("clv_potential_tier", "customer_clv_features", ["clv_potential_tier"]),
        ("churned_flag", "customer_clv_features", ["churned"]),
        ("churn_label", "churn_label", ["label"]),
        ("churn_risk", "churn_risk", ["churn_risk"]),
        ("churn_risk_band", "churn_risk", ["risk_band"]),
        ("predicted_clv", "customer_clv_forecast", ["predicted_clv"]),
        ("clv_tier", "customer_clv_forecast", ["clv_tier"]),
        ("segment_id", "purchasing_segmentation", ["cluster_id"]),
    ]

    /// The CSV of `customers` (in their order) from the job's responses by endpoint name.
    package static func csv(customers: [String], responses: [String: JSONValue]) -> [UInt8] {
        // Each endpoint's per-customer rows, found by customer id.
        var rows: [String: [String: JSONValue]] = [:]
        for endpoint in Set(columns.map(\.endpoint)) {
            let list = endpoint == "purchasing_segmentation" ? responses[endpoint]?["customer_labels"] : responses[endpoint]?["customers"]
            var byID: [String: JSONValue] = [:]
            for row in list?.elements ?? [] {
                if let id = row["customer_id"]?.stringValue { byID[id] = row }
            }
            rows[endpoint] = byID
        }
        var personas: [Int: String] = [:]
        for cluster in responses["purchasing_segmentation"]?["clusters"]?.elements ?? [] {
            if let id = cluster["cluster_id"]?.numberValue, let name = cluster["persona"]?["name"]?.stringValue { personas[Int(id)] = name }
        }
        var out: [UInt8] = []
        out.reserveCapacity(customers.count * 160)
        out += Array((["customer_id"] + columns.map(\.name) + ["persona"]).joined(separator: ",").utf8)
        out.append(10)
        for id in customers {
            var fields = [field(id)]
            for column in columns {
                var value = rows[column.endpoint]?[id]
                for key in column.path { value = value?[key] }
                fields.append(value.map(text) ?? "")
            }
            let segment = rows["purchasing_segmentation"]?[id]?["cluster_id"]?.numberValue
            fields.append(segment.flatMap { personas[Int($0)] }.map(field) ?? "")
            out += Array(fields.joined(separator: ",").utf8)
            out.append(10)
        }
        return out
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): field(string)
        case .number(let number): JSONWriter.number(number)
        case .bool(let flag): flag ? "true" : "false"
        default: ""
        }
    }

    /// RFC 4180: quoted when it holds a comma, a quote or a line break, quotes doubled.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
