import Testing

@testable import Engine

/// `churn_label` (spec/churn_label.md) beyond its worked example and fixtures: the rules of CHL-8 at their edges,
/// the percentile window's exact position, agreement with customer_clv_features' churn flag (CHL-8) and the
/// problems of CHL-9 and CHL-14.
@Suite("churn_label")
struct ChurnLabelTests {
    static func customer(_ id: String, _ dates: [String]) -> String {
        #"{"customer_id": "\#(id)", "transactions": [\#(dates.map { #"{"date": "\#($0)", "amount": 10}"# }.joined(separator: ", "))]}"#
    }

    static func body(_ customers: [String], _ members: String = "") -> String {
        #"{"today": "2025-04-24", \#(members.isEmpty ? "" : members + ", ")"customers": [\#(customers.joined(separator: ", "))]}"#
    }

    @Test func theFirstRuleThatAppliesDecides() throws {
        let customers = [
            Self.customer("exactly-at-threshold", ["2024-12-01", "2025-01-19"]),  // 90 days before as_of: not churned
            Self.customer("one-beyond", ["2024-12-01", "2025-01-18"]),
            Self.customer("young", ["2025-04-01"]),
            Self.customer("after-as-of", ["2025-04-20"]),
        ]
        let response = try respond("churn_label", Self.body(customers, #""as_of": "2025-04-19""#))
        let rows = response["customers"]?.elements ?? []
        #expect(rows.map { $0["label"]?.text } == ["active", "churned", "undetermined", "undetermined"])
        #expect(
            rows.map { $0["reason"]?.text } == [
                "active_within_threshold", "inactive_beyond_threshold", "younger_than_threshold", "no_purchase_by_as_of",
            ])
        #expect(rows[3]["days_since_last_purchase"] == .null && rows[3]["purchase_days"]?.double == 0)
        #expect(response["warnings"]?.elements.first?["code"] == .string("transactions_after_as_of_ignored"))
        #expect(response[pointer: "/summary/churn_rate"]?.double == 0.5)
    }

    @Test func thePercentileWindowIsTakenAtTheExactDecimalPosition() throws {
        // Eleven customers with one gap each: 1, 2, …, 11 days. The 0.9 percentile of 11 values sits exactly on the 10th.
        let customers = (1...11).map { Self.customer("G\($0)", ["2025-01-01", Day(iso: "2025-01-01")!.adding(days: $0).description]) }
        let response = try respond("churn_label", Self.body(customers, #""method": "percentile""#))
        #expect(response["cohort_gaps"]?.double == 11 && response["cohort_threshold_days"]?.double == 10)
        #expect(ChurnLabel.decimalFraction(0.9) == (9, 10) && ChurnLabel.decimalFraction(0.95) == (95, 100))
        #expect(ChurnLabel.decimalFraction(0.5) == (5, 10))
        let few = try respond("churn_label", Self.body(Array(customers.prefix(9)), #""method": "percentile""#))
        #expect(few["cohort_threshold_days"] == .null)
        #expect(
            few["customers"]?.elements.allSatisfy { $0["fallback"] == .string("too_few_cohort_gaps") && $0["method"] == .string("fixed") } == true)
    }

    @Test func fixedLabelsAgreeWithTheCLVFeaturesChurnFlag() throws {
        let retailer = DemoRetailer(customers: 150)
        let history = JSONWriter(pretty: false).string(OrderedJSONEncoder.encode(retailer.customers))
        let body = #"{"today": "\#(retailer.today)", "customers": \#(history)}"#
        let labels = try respond("churn_label", body)["customers"]?.elements ?? []
        let flags = try respond("customer_clv_features", body)["customers"]?.elements ?? []
        #expect(labels.count == 150 && flags.count == 150)
        for (label, flag) in zip(labels, flags) {
            #expect((label["label"] == .string("churned")) == (flag["churned"] == .bool(true)), "\(label["customer_id"]?.text ?? "")")
        }
    }

    @Test func parametersOfAnotherMethodAndBadValuesAreRefused() throws {
        let members = #""method": "fixed", "k": 2, "gap_percentile": 0.3, "min_threshold_days": 5, "as_of": "2025-05-01""#
        let error = try #require(problems("churn_label", Self.body([Self.customer("A", ["2025-01-01"])], members)))
        for (pointer, code) in [
            ("/k", "inconsistent"), ("/gap_percentile", "minimum"), ("/min_threshold_days", "inconsistent"), ("/as_of", "after_today"),
        ] {
            #expect(error.has(pointer, code), "\(pointer) \(code)")
        }
        let adaptive = try #require(
            problems("churn_label", Self.body([Self.customer("A", ["2025-01-01"])], #""gap_percentile": 0.9, "method": "adaptive""#)))
        #expect(adaptive.problems.map(\.code) == ["inconsistent"] && adaptive.pointers == ["/gap_percentile"])
        let unknown = try #require(problems("churn_label", Self.body([Self.customer("A", ["2025-01-01"])], #""method": "rolling""#)))
        #expect(unknown.has("/method", "enum"))
    }
}
