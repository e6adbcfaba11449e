/// The request examples of the source API description (4.1.2–4.1.5), used as data: the OpenAPI document shows them
/// and tests replay them. Their expected answers are in spec/ (FEAT, LOY, RFM, CLVF worked examples).
package enum DocumentedExamples {
    package static func request(_ endpoint: String) -> JSONValue? {
        guard let text = texts[endpoint] else { return nil }
        return try? JSONParser.parse(Array(text.utf8))
    }

    private static let texts: [String: String] = [
        "customer_features": """
        {"today": "2025-04-24", "customers": [
          {"customer_id": "C-1001", "loyalty_score": 0.97, "transactions": [
            {"transaction_id": "T-001", "date": "2025-04-21", "amount": 520.55, "product_id": "P-01"},
            {"transaction_id": "T-002", "date": "2025-04-18", "amount": 398.40, "product_id": "P-02"},
            {"transaction_id": "T-003", "date": "2025-03-29", "amount": 310.00, "product_id": "P-01"}]},
          {"customer_id": "C-1002", "transactions": [
            {"transaction_id": "T-004", "date": "2025-01-05", "amount": 120.00, "product_id": "P-10"},
            {"transaction_id": "T-005", "date": "2024-12-19", "amount": 75.90, "product_id": "P-11"}]}]}
        """,
        "customer_loyalty": """
        {"weights": {"purchase_total": 0.25, "visit_frequency": 0.30, "avg_ticket": 0.10, "product_diversity": 0.15, "recency_days": 0.20},
         "customers": [{"customer_id": "C-1001", "features": {"purchase_total": 17850.55, "visit_frequency": 62, "avg_ticket": 287.27,
           "product_diversity": 36, "recency_days": 3}}]}
        """,
        "customer_rfm": """
        {"bins": 5, "today": "2025-04-24", "customers": [{"customer_id": "C-1001", "transactions": [
          {"date": "2025-04-21", "amount": 520.55}, {"date": "2025-03-29", "amount": 310.00}, {"date": "2025-02-10", "amount": 398.40}]}]}
        """,
        "customer_clv_features": """
        {"today": "2025-04-24", "customers": [{"customer_id": "C-1001", "transactions": [
          {"date": "2024-10-12", "amount": 520.55, "cost": 312.33}, {"date": "2025-02-20", "amount": 398.40, "cost": 210.00}]}]}
        """,
    ]
}
