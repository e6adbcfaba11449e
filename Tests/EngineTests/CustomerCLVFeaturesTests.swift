import Testing

@testable import Engine

@Suite("customer_clv_features (spec/customer_clv_features.md)")
struct CustomerCLVFeaturesTests {
    static let documented = """
        {"today": "2025-04-24", "customers": [{"customer_id": "C-1001", "transactions": [
          {"date": "2024-10-12", "amount": 520.55, "cost": 312.33}, {"date": "2025-02-20", "amount": 398.40, "cost": 210.00}]}]}
        """

    @Test("CLVF: the documented 4.1.5 example is reproduced exactly")
    func documentedExample() throws {
        let response = try respond("customer_clv_features", Self.documented, today: "2030-01-01")
        #expect(response[pointer: "/customers/0/frequency"]?.double == 1)
        #expect(response[pointer: "/customers/0/recency"]?.double == 131)
        #expect(response[pointer: "/customers/0/T"]?.double == 194)
        #expect(response[pointer: "/customers/0/monetary_value"]?.double == 188.40)
        #expect(response[pointer: "/customers/0/churned"] == .bool(false))
        #expect(response[pointer: "/customers/0/clv_potential_tier"] == .string("High"))
        #expect(response[pointer: "/customers/0/interpretation"]?.text?.hasSuffix("Focus on VIP retention & upsell.") == true)
        #expect(response[pointer: "/customers/0/explanations/days_since_last_purchase"]?.double == 63)
        #expect(response[pointer: "/customers/0/explanations/monetary_basis"] == .string("margin"))
        #expect(response[pointer: "/summary/repeat_buyers"]?.double == 1)
    }

    @Test("CLVF: same-day purchases merge into one period; the first period is excluded from the mean")
    func periodsAndRepeatMean() throws {
        let body = #"{"customers": [\#(customer("A", [tx("2025-01-01", 1000), tx("2025-01-05", 30), tx("2025-01-05", 20), tx("2025-01-09", 10)]))]}"#
        let response = try respond("customer_clv_features", body, today: "2025-01-31")
        #expect(response[pointer: "/customers/0/frequency"]?.double == 2)
        #expect(response[pointer: "/customers/0/recency"]?.double == 8)
        #expect(response[pointer: "/customers/0/T"]?.double == 30)
        #expect(response[pointer: "/customers/0/monetary_value"]?.double == 30)
        #expect(response[pointer: "/customers/0/explanations/monetary_basis"] == .string("amount"))
    }

    @Test("CLVF: one-time buyers have zero recency and value and are always Low")
    func oneTimeBuyer() throws {
        let body = #"{"customers": [\#(customer("A", [tx("2025-01-01", 5000), tx("2025-01-01", 10)]))]}"#
        let response = try respond("customer_clv_features", body, today: "2025-01-31")
        #expect(response[pointer: "/customers/0/frequency"]?.double == 0)
        #expect(response[pointer: "/customers/0/recency"]?.double == 0)
        #expect(response[pointer: "/customers/0/monetary_value"]?.double == 0)
        #expect(response[pointer: "/customers/0/clv_potential_tier"] == .string("Low"))
        #expect(response[pointer: "/customers/0/interpretation"]?.text?.hasPrefix("One-time buyer so far") == true)
    }

    @Test("CLVF: churned is strictly more inactive days than the threshold")
    func churnThreshold() throws {
        let body = #"{"churn_threshold_days": 30, "customers": [\#(customer("A", [tx("2025-01-01", 1)])), \#(customer("B", [tx("2024-12-31", 1)]))]}"#
        let response = try respond("customer_clv_features", body, today: "2025-01-31")
        #expect(response[pointer: "/customers/0/churned"] == .bool(false))
        #expect(response[pointer: "/customers/1/churned"] == .bool(true))
        #expect(response[pointer: "/summary/churned"]?.double == 1)
        #expect(
            problems("customer_clv_features", #"{"churn_threshold_days": 0, "customers": [\#(customer("A", [tx("2025-01-01", 1)]))]}"#)?.pointers == [
                "/churn_threshold_days"
            ])
    }

    @Test("CLVF: potential tiers rank repeat buyers by value with GEN-9 shares")
    func tiers() throws {
        // Ten repeat buyers with repeat values 10…100, one one-time buyer.
        let repeatBuyers = (1...10).map { i in customer("R\(i)", [tx("2025-01-01", 1), tx("2025-01-02", Double(i * 10))]) }
        let body = #"{"customers": [\#((repeatBuyers + [customer("O", [tx("2025-01-03", 999)])]).joined(separator: ", "))]}"#
        let response = try respond("customer_clv_features", body, today: "2025-01-31")
        let tiers = (0..<11).map { response[pointer: "/customers/\($0)/clv_potential_tier"]?.text ?? "" }
        // n = 11: High when fewer than 3.3 customers are above (the top 4), Medium when fewer than 7.7 are (the next 4).
        #expect(tiers == ["Low", "Low", "Medium", "Medium", "Medium", "Medium", "High", "High", "High", "High", "Low"])
        #expect(response[pointer: "/summary/tier_counts/High"]?.double == 4)
    }

    @Test("GEN-11: costs on all transactions or none")
    func costConsistency() throws {
        let body =
            #"{"customers": [\#(customer("A", [tx("2025-01-01", 10, cost: 4), tx("2025-01-02", 10)])), \#(customer("B", [tx("2025-01-01", 10)]))]}"#
        let error = try #require(problems("customer_clv_features", body, today: "2025-01-31"))
        #expect(error.pointers == ["/customers/0/transactions/1", "/customers/1/transactions/0"])
        #expect(error.problems.allSatisfy { $0.code == "inconsistent" })
    }

    @Test("CLVF: a cost above the amount gives a negative margin")
    func negativeMargin() throws {
        let body = #"{"customers": [\#(customer("A", [tx("2025-01-01", 10, cost: 4), tx("2025-01-02", 10, cost: 15)]))]}"#
        #expect(try respond("customer_clv_features", body, today: "2025-01-31")[pointer: "/customers/0/monetary_value"]?.double == -5)
    }
}
