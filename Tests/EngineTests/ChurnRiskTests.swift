import Testing

@testable import Engine

/// `churn_risk` (spec/churn_risk.md) beyond its worked example and fixtures: the blend of CHR-6 on a fitted cohort,
/// one-time buyers under the model (CHR-4), the zero weight that keeps the model visible (CHR-13) and the problems of
/// CHR-14.
@Suite("churn_risk")
struct ChurnRiskTests {
    static let retailer = DemoRetailer(customers: 200)
    static func body(_ members: String = "") -> String {
        let history = JSONWriter(pretty: false).string(OrderedJSONEncoder.encode(retailer.customers))
        return #"{"today": "\#(retailer.today)", \#(members.isEmpty ? "" : members + ", ")"customers": \#(history)}"#
    }

    @Test func theBlendMixesTheModelAndTheInactivityRatio() throws {
        let model = try respond("churn_risk", Self.body())
        #expect(model[pointer: "/model/status"] == .string("fitted") && model["method"] == .string("model"))
        let blend = try respond("churn_risk", Self.body(#""blend_weight": 0.25"#))
        #expect(blend["method"] == .string("blend") && blend["blend_weight_applied"]?.double == 0.25)
        // The same fit either way: one procedure, one P(alive) per customer.
        #expect(blend["model"] == model["model"])
        for (a, b) in zip(model["customers"]?.elements ?? [], blend["customers"]?.elements ?? []) {
            let q = try #require(a[pointer: "/drivers/model_churn_probability"]?.double)
            let rho = try #require(b[pointer: "/drivers/inactivity_ratio"]?.double)
            #expect(abs(try #require(b["churn_risk"]?.double) - (0.25 * q + 0.75 * rho)) <= 1.5e-4)
            if a[pointer: "/drivers/frequency"]?.double == 0 { #expect(a["churn_risk"]?.double == 0 && a["risk_band"] == .string("Low")) }
        }
        #expect(model["warnings"]?.elements.map { $0["code"] } == [.string("one_time_buyers_assumed_alive")])
    }

    @Test func aZeroWeightScoresByInactivityButShowsTheModel() throws {
        let response = try respond("churn_risk", Self.body(#""blend_weight": 0"#))
        #expect(response["method"] == .string("inactivity_only") && response["fallback_reason"] == .null)
        let first = try #require(response["customers"]?.elements.first)
        #expect(first[pointer: "/drivers/p_alive"] != .null && first[pointer: "/drivers/model_component"]?.double == 0)
        #expect(first["churn_risk"] == first[pointer: "/drivers/inactivity_ratio"])
        #expect(response["warnings"] == .array([]))
    }

    @Test func aPurchaseTodayIsNoSilence() throws {
        let body = #"{"today": "2025-04-24", "customers": [{"customer_id": "A", "transactions": [{"date": "2025-04-24", "amount": 5}]}]}"#
        let response = try respond("churn_risk", body)
        #expect(
            response[pointer: "/customers/0/drivers/inactivity_ratio"]?.double == 0 && response["fallback_reason"] == .string("too_few_customers"))
        #expect(response[pointer: "/warnings/0/message"] == .string("BG/NBD cannot be fitted to 1 customer; risk is the inactivity ratio alone."))
    }

    @Test func everyProblemIsListedAtItsPointer() throws {
        let body =
            #"{"today": "2025-04-24", "blend_weight": 1.5, "k": "2", "threshold_days": 0, "customers": [{"customer_id": "A", "transactions": [{"date": "2025-05-01", "amount": -1}]}]}"#
        let error = try #require(problems("churn_risk", body))
        for (pointer, code) in [
            ("/blend_weight", "maximum"), ("/k", "type"), ("/threshold_days", "minimum"), ("/customers/0/transactions/0/date", "after_today"),
            ("/customers/0/transactions/0/amount", "minimum"),
        ] {
            #expect(error.has(pointer, code), "\(pointer) \(code)")
        }
    }
}
