/// The request examples of the source API description (4.1.2–4.1.7), used as data, and for the endpoints the
/// source only names, the example of their spec file: each endpoint's definition carries its own
/// (`EndpointDefinition.documentedExample`); the OpenAPI document shows them and tests replay them. Their expected
/// answers are in spec/ and in the fixtures.
package enum DocumentedExamples {
    package static let customerFeatures = parse(
        """
        {"today": "2025-04-24", "customers": [
          {"customer_id": "C-1001", "loyalty_score": 0.97, "transactions": [
            {"transaction_id": "T-001", "date": "2025-04-21", "amount": 520.55, "product_id": "P-01"},
            {"transaction_id": "T-002", "date": "2025-04-18", "amount": 398.40, "product_id": "P-02"},
            {"transaction_id": "T-003", "date": "2025-03-29", "amount": 310.00, "product_id": "P-01"}]},
          {"customer_id": "C-1002", "transactions": [
            {"transaction_id": "T-004", "date": "2025-01-05", "amount": 120.00, "product_id": "P-10"},
            {"transaction_id": "T-005", "date": "2024-12-19", "amount": 75.90, "product_id": "P-11"}]}]}
        """)

    package static let customerLoyalty = parse(
        """
        {"weights": {"purchase_total": 0.25, "visit_frequency": 0.30, "avg_ticket": 0.10, "product_diversity": 0.15, "recency_days": 0.20},
         "customers": [{"customer_id": "C-1001", "features": {"purchase_total": 17850.55, "visit_frequency": 62, "avg_ticket": 287.27,
           "product_diversity": 36, "recency_days": 3}}]}
        """)

    package static let customerRFM = parse(
        """
        {"bins": 5, "today": "2025-04-24", "customers": [{"customer_id": "C-1001", "transactions": [
          {"date": "2025-04-21", "amount": 520.55}, {"date": "2025-03-29", "amount": 310.00}, {"date": "2025-02-10", "amount": 398.40}]}]}
        """)

    package static let customerCLVFeatures = parse(
        """
        {"today": "2025-04-24", "customers": [{"customer_id": "C-1001", "transactions": [
          {"date": "2024-10-12", "amount": 520.55, "cost": 312.33}, {"date": "2025-02-20", "amount": 398.40, "cost": 210.00}]}]}
        """)

    package static let customerCLVForecast = parse(
        """
        {"horizon_months": 6, "today": "2025-04-24", "customers": [{"customer_id": "C-1001", "transactions": [
          {"date": "2024-01-15", "amount": 250, "cost": 140}, {"date": "2024-05-10", "amount": 480, "cost": 270},
          {"date": "2024-10-12", "amount": 520, "cost": 312}, {"date": "2025-02-20", "amount": 398, "cost": 210}]}]}
        """)

    package static let purchasingSegmentation = parse(
        #"""
        {"customers": [{"id": "C001", "frequency": 28, "amount_spent": 4120.75, "product_types": ["laptop", "mouse", "keyboard", "monitor"]}], "k_range": [3, 4, 5, 6]}
        """#)

    package static let customerSegmentation = parse(
        #"""
        {"today": "2025-04-24", "max_clusters": 2, "customers": [{"customer_id": "C-2001", "loyalty_score": 0.91, "transactions": [{"transaction_id": "T-1", "date": "2025-04-20", "amount": 310.0, "product_id": "P-1", "category": "electronics"}, {"transaction_id": "T-2", "date": "2025-04-02", "amount": 185.5, "product_id": "P-2", "category": "electronics"}, {"transaction_id": "T-3", "date": "2025-03-15", "amount": 220.0, "product_id": "P-3", "category": "home"}, {"transaction_id": "T-4", "date": "2025-02-27", "amount": 149.9, "product_id": "P-4", "category": "garden"}]}, {"customer_id": "C-2002", "transactions": [{"transaction_id": "T-5", "date": "2025-04-11", "amount": 95.0, "product_id": "P-5", "category": "grocery"}, {"transaction_id": "T-6", "date": "2025-03-30", "amount": 80.4, "product_id": "P-5", "category": "grocery"}, {"transaction_id": "T-7", "date": "2025-03-02", "amount": 102.1, "product_id": "P-6", "category": "grocery"}]}, {"customer_id": "C-2003", "loyalty_score": 0.35, "transactions": [{"transaction_id": "T-8", "date": "2024-11-05", "amount": 60.0, "product_id": "P-7", "category": "books"}]}, {"customer_id": "C-2004", "loyalty_score": 0.88, "transactions": [{"transaction_id": "T-9", "date": "2025-04-22", "amount": 410.0, "product_id": "P-1", "category": "electronics"}, {"transaction_id": "T-10", "date": "2025-04-01", "amount": 260.0, "product_id": "P-8", "category": "home"}, {"transaction_id": "T-11", "date": "2025-03-10", "amount": 199.0, "product_id": "P-9", "category": "garden"}]}, {"customer_id": "C-2005", "transactions": [{"transaction_id": "T-12", "date": "2024-12-18", "amount": 45.5, "product_id": "P-10", "category": "books"}, {"transaction_id": "T-13", "date": "2024-10-30", "amount": 38.0, "product_id": "P-7", "category": "books"}]}, {"customer_id": "C-2006", "loyalty_score": 0.4, "transactions": [{"transaction_id": "T-14", "date": "2025-04-15", "amount": 120.0, "product_id": "P-5", "category": "grocery"}, {"transaction_id": "T-15", "date": "2025-04-01", "amount": 88.25, "product_id": "P-6", "category": "grocery"}, {"transaction_id": "T-16", "date": "2025-03-18", "amount": 97.6, "product_id": "P-11"}]}]}
        """#)

    package static let segmentHierarchyChart = parse(
        #"""
        {"k": 3, "p": 4, "customers": \#(shoppers)}
        """#)

    package static let segmentClusterProfiles = parse(
        #"""
        {"customers": [{"id": "C001", "frequency": 28, "amount_spent": 4120.75, "product_types": ["laptop", "mouse", "keyboard", "monitor"], "cluster_id": 1}, {"id": "C002", "frequency": 6, "amount_spent": 540.2, "product_types": ["wine", "cheese"], "cluster_id": 0}, {"id": "C004", "frequency": 9, "amount_spent": 612.4, "product_types": ["wine", "cheese", "diapers"], "cluster_id": 0}, {"id": "C005", "frequency": 30, "amount_spent": 4522.6, "product_types": ["laptop", "monitor", "docking-station", "mouse"], "cluster_id": 1}, {"id": "C006", "frequency": 8, "amount_spent": 575.0, "product_types": ["diapers", "wine"], "cluster_id": 0}, {"id": "C010", "frequency": 7, "amount_spent": 498.0, "product_types": ["wine"], "cluster_id": 0}]}
        """#)

    package static let segmentSubsegmentExplore = parse(
        #"""
        {"parent_id": 1, "k_range": [2, 3], "customers": [{"id": "C001", "frequency": 28, "amount_spent": 4120.75, "product_types": ["laptop", "mouse", "keyboard", "monitor"], "cluster_id": 1}, {"id": "C002", "frequency": 6, "amount_spent": 540.2, "product_types": ["wine", "cheese"], "cluster_id": 0}, {"id": "C003", "frequency": 25, "amount_spent": 2610.0, "product_types": ["smart-tv", "soundbar", "hdmi-cable"], "cluster_id": 1}, {"id": "C004", "frequency": 9, "amount_spent": 612.4, "product_types": ["wine", "cheese", "diapers"], "cluster_id": 0}, {"id": "C005", "frequency": 30, "amount_spent": 4522.6, "product_types": ["laptop", "monitor", "docking-station", "mouse"], "cluster_id": 1}, {"id": "C006", "frequency": 8, "amount_spent": 575.0, "product_types": ["diapers", "wine"], "cluster_id": 0}, {"id": "C007", "frequency": 22, "amount_spent": 2544.9, "product_types": ["smart-tv", "soundbar"], "cluster_id": 1}, {"id": "C008", "frequency": 11, "amount_spent": 630.1, "product_types": ["cheese", "diapers", "wine"], "cluster_id": 0}, {"id": "C009", "frequency": 21, "amount_spent": 2480.35, "product_types": ["smart-tv", "hdmi-cable"], "cluster_id": 1}, {"id": "C010", "frequency": 7, "amount_spent": 498.0, "product_types": ["wine"], "cluster_id": 0}]}
        """#)

    package static let netPromoterScore = parse(
        #"""
        {"today": "2025-04-24", "responses": [{"score": 10, "date": "2025-03-03", "segment": "online", "customer_id": "C-1001"}, {"score": 9, "date": "2025-03-05", "segment": "store"}, {"score": 6, "date": "2025-03-09", "segment": "online"}, {"score": 8, "date": "2025-03-14", "segment": "store"}, {"score": 3, "date": "2025-03-20", "segment": "store", "customer_id": "C-1002"}, {"score": 10, "date": "2025-03-28", "segment": "online"}, {"score": 9, "date": "2025-04-02", "segment": "online", "customer_id": "C-1001"}, {"score": 10, "date": "2025-04-04", "segment": "online"}, {"score": 7, "date": "2025-04-08", "segment": "store"}, {"score": 9, "date": "2025-04-11", "segment": "store"}, {"score": 10, "date": "2025-04-15", "segment": "online"}, {"score": 5, "date": "2025-04-18", "segment": "store"}], "compare": {"baseline": {"from": "2025-03-01", "to": "2025-03-31"}, "current": {"from": "2025-04-01", "to": "2025-04-30"}}}
        """#)

    package static let churnLabel = parse(
        #"""
        {"today": "2025-04-24", "method": "adaptive", "customers": [{"customer_id": "C-1001", "transactions": [{"date": "2024-01-15", "amount": 250}, {"date": "2024-05-10", "amount": 480}, {"date": "2024-10-12", "amount": 520}, {"date": "2025-02-20", "amount": 398}]}, {"customer_id": "C-1002", "transactions": [{"date": "2025-01-05", "amount": 120.0}, {"date": "2024-12-19", "amount": 75.9}]}, {"customer_id": "C-1003", "transactions": [{"date": "2025-03-01", "amount": 64.5}]}, {"customer_id": "C-1004", "transactions": [{"date": "2024-11-02", "amount": 212.0}]}]}
        """#)

    package static let segmentationReport = parse(
        #"""
        {"k_range": [2, 3], "languages": ["en"], "format": "json", "customers": \#(shoppers)}
        """#)

    package static let segmentationReportI18n = parse(
        #"""
        {"k_range": [2, 3], "report_date": "2025-04-24", "customers": \#(shoppers)}
        """#)

    package static let churnRisk = parse(
        #"""
        {"today": "2025-04-24", "customers": [{"customer_id": "C-1001", "transactions": [{"date": "2024-01-15", "amount": 250}, {"date": "2024-05-10", "amount": 480}, {"date": "2024-10-12", "amount": 520}, {"date": "2025-02-20", "amount": 398}]}, {"customer_id": "C-1002", "transactions": [{"date": "2025-01-05", "amount": 120.0}, {"date": "2024-12-19", "amount": 75.9}]}, {"customer_id": "C-1003", "transactions": [{"date": "2025-03-01", "amount": 64.5}]}, {"customer_id": "C-1004", "transactions": [{"date": "2024-11-02", "amount": 212.0}]}]}
        """#)

    /// A literal of this file; one that is not JSON is a defect here, which every test of the catalog exercises.
    private static func parse(_ text: String) -> JSONValue {
        do {
            return try JSONParser.parse(Array(text.utf8))
        } catch {
            preconditionFailure("a documented example is not JSON: \(error)")
        }
    }

    /// Ten shoppers of three kinds (electronics, home cinema, wine and nappies): the segmentation family's example.
    private static let shoppers = #"""
        [{"id": "C001", "frequency": 28, "amount_spent": 4120.75, "product_types": ["laptop", "mouse", "keyboard", "monitor"]}, {"id": "C002", "frequency": 6, "amount_spent": 540.2, "product_types": ["wine", "cheese"]}, {"id": "C003", "frequency": 25, "amount_spent": 2610.0, "product_types": ["smart-tv", "soundbar", "hdmi-cable"]}, {"id": "C004", "frequency": 9, "amount_spent": 612.4, "product_types": ["wine", "cheese", "diapers"]}, {"id": "C005", "frequency": 30, "amount_spent": 4522.6, "product_types": ["laptop", "monitor", "docking-station", "mouse"]}, {"id": "C006", "frequency": 8, "amount_spent": 575.0, "product_types": ["diapers", "wine"]}, {"id": "C007", "frequency": 22, "amount_spent": 2544.9, "product_types": ["smart-tv", "soundbar"]}, {"id": "C008", "frequency": 11, "amount_spent": 630.1, "product_types": ["cheese", "diapers", "wine"]}, {"id": "C009", "frequency": 21, "amount_spent": 2480.35, "product_types": ["smart-tv", "hdmi-cable"]}, {"id": "C010", "frequency": 7, "amount_spent": 498.0, "product_types": ["wine"]}]
        """#
}
