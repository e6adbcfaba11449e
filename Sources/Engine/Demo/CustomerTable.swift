/// One row per customer with every score, tier, segment and prediction the analysis produced: the table a CRM
/// import wants, as RFC 4180 CSV (comma, CRLF-free LF lines, fields quoted when they need it; text cells made safe
/// for spreadsheets by `CSVCell`, spec/output.md OUT-13 to OUT-15). Filled one response at a time, keeping only its cells, so a job can let each response go once it is written.
package struct CustomerTable {
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

    private let customers: [String]
    private let rowOf: [String: Int]
    /// Column-major cells, already CSV text; "" where an endpoint said nothing of the customer.
    private var cells: [[String]]
    private var personas: [String]

    /// An empty table of `customers`, in their order.
    package init(customers: [String]) {
        self.customers = customers
        var rowOf: [String: Int] = [:]
        rowOf.reserveCapacity(customers.count)
        for (row, id) in customers.enumerated() where rowOf[id] == nil { rowOf[id] = row }
        self.rowOf = rowOf
        cells = Array(repeating: Array(repeating: "", count: customers.count), count: Self.columns.count)
        personas = Array(repeating: "", count: customers.count)
    }

    /// Keeps the cells `endpoint`'s response holds for the table's customers; other endpoints' responses are ignored.
    package mutating func take(_ endpoint: String, response: JSONValue) {
        let wanted = Self.columns.indices.filter { Self.columns[$0].endpoint == endpoint }
        guard !wanted.isEmpty else { return }
        let list = endpoint == "purchasing_segmentation" ? response["customer_labels"] : response["customers"]
        var personaOf: [Int: String] = [:]
        if endpoint == "purchasing_segmentation" {
            for cluster in response["clusters"]?.elements ?? [] {
                if let id = cluster["cluster_id"]?.numberValue, let name = cluster["persona"]?["name"]?.stringValue { personaOf[Int(id)] = name }
            }
        }
        guard case .array(let rows)? = list else { return }
        for row in rows {
            guard let id = row["customer_id"]?.stringValue, let index = rowOf[id] else { continue }
            for column in wanted {
                var value: JSONValue? = row
                for key in Self.columns[column].path { value = value?[key] }
                cells[column][index] = value.map(Self.text) ?? ""
            }
            if endpoint == "purchasing_segmentation", let segment = row["cluster_id"]?.numberValue {
                personas[index] = personaOf[Int(segment)].map(CSVCell.text) ?? ""
            }
        }
    }

    /// The CSV, handed to `emit` in pieces of about `chunk` bytes.
    package func csv(chunk: Int = 1 << 20, _ emit: ([UInt8]) throws -> Void) rethrows {
        var out: [UInt8] = []
        out.reserveCapacity(chunk + 4096)
        out += Array((["customer_id"] + Self.columns.map(\.name) + ["persona"]).joined(separator: ",").utf8)
        out.append(10)
        for row in customers.indices {
            out += CSVCell.text(customers[row]).utf8
            for column in cells.indices {
                out.append(44)
                out += cells[column][row].utf8
            }
            out.append(44)
            out += personas[row].utf8
            out.append(10)
            if out.count >= chunk {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        if !out.isEmpty { try emit(out) }
    }

    /// The whole CSV at once (small tables).
    package func csv() -> [UInt8] {
        var all: [UInt8] = []
        csv { all += $0 }
        return all
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): CSVCell.text(string)
        case .number(let number): JSONWriter.number(number)
        case .bool(let flag): flag ? "true" : "false"
        default: ""
        }
    }
}
