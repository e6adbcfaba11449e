import Testing

@testable import Engine

@Suite("customer_rfm (spec/customer_rfm.md)")
struct CustomerRFMTests {
    static let documented = """
        {"bins": 5, "today": "2025-04-24", "customers": [{"customer_id": "C-1001", "transactions": [
          {"date": "2025-04-21", "amount": 520.55}, {"date": "2025-03-29", "amount": 310.00}, {"date": "2025-02-10", "amount": 398.40}]}]}
        """

    @Test("RFM: the documented request alone scores every constant metric in the middle")
    func documentedRequest() throws {
        let response = try respond("customer_rfm", Self.documented)
        #expect(response[pointer: "/customers/0/recency_days"]?.double == 3)
        #expect(response[pointer: "/customers/0/frequency"]?.double == 3)
        #expect(response[pointer: "/customers/0/monetary_total"]?.double == 1228.95)
        #expect(response[pointer: "/customers/0/rfm_class"] == .string("333"))
        #expect(response[pointer: "/customers/0/rfm_total"]?.double == 9)
        #expect(response[pointer: "/customers/0/rfm_tier"] == .string("Loyal"))
        #expect(response[pointer: "/thresholds/monetary"] == .array(Array(repeating: .number(1228.95), count: 4)))
    }

    @Test("RFM: the documented response's scores follow from its thresholds")
    func documentedThresholds() {
        let recency = QuantileScale(cuts: [66.6, 24.2, 2.6, 1.8], descending: true)
        let frequency = QuantileScale(cuts: [2.4, 2.8, 3.2, 3.6], descending: false)
        let monetary = QuantileScale(cuts: [381.54, 567.18, 773.79, 1001.37], descending: false)
        #expect(recency.score(3) == 3)
        #expect(frequency.score(3) == 3)
        #expect(monetary.score(1228.95) == 5)
        #expect(
            CustomerRFM.interpretation(tier: .loyal, r: 3, f: 3, m: 5, bins: 5)
                == "Loyal customer – last purchase was recent, buys with high frequency and has very high spending.")
    }

    /// Customer i (1…5) has i orders worth 100 each, the last 60 − 10·i days before today.
    static func ladder(bins: Int = 5) -> String {
        let today = Day(iso: "2025-04-24")!
        let customers = (1...5).map { i in
            let last = today.adding(days: -(60 - 10 * i))
            return customer("C\(i)", (0..<i).map { k in tx(last.adding(days: -k).description, 100) })
        }
        return #"{"bins": \#(bins), "today": "2025-04-24", "customers": [\#(customers.joined(separator: ", "))]}"#
    }

    @Test("RFM: quantile cut points, reversed recency and the five tiers")
    func ladderCohort() throws {
        let response = try respond("customer_rfm", Self.ladder())
        #expect(response[pointer: "/thresholds/frequency"] == .array([1.8, 2.6, 3.4, 4.2].map { .number($0) }))
        #expect(response[pointer: "/thresholds/recency"] == .array([42, 34, 26, 18].map { .number($0) }))
        #expect(response[pointer: "/thresholds/monetary"] == .array([180, 260, 340, 420].map { .number($0) }))
        let classes = (0..<5).map { response[pointer: "/customers/\($0)/rfm_class"]?.text }
        #expect(classes == ["111", "222", "333", "444", "555"])
        let tiers = (0..<5).map { response[pointer: "/customers/\($0)/rfm_tier"]?.text }
        #expect(tiers == ["At-Risk", "Promising", "Potential", "Loyal", "Champion"])
        #expect(response[pointer: "/tier_counts/Champion"]?.double == 1)
        #expect(response[pointer: "/customers/4/interpretation"]?.text?.hasPrefix("Champion customer – last purchase was very recent") == true)
    }

    @Test("RFM: a value equal to a cut point takes the lower score")
    func rightClosedBins() {
        let scale = QuantileScale([1, 2, 3], bins: 2, descending: false)
        #expect(scale.cuts == [2])
        #expect(scale.score(2) == 1)
        #expect(scale.score(3) == 2)
        let recency = QuantileScale([1, 2, 3], bins: 2, descending: true)
        #expect(recency.score(2) == 1)
        #expect(recency.score(1) == 2)
    }

    @Test("RFM: ten bins write the class with separators")
    func tenBins() throws {
        let response = try respond("customer_rfm", Self.ladder(bins: 10))
        #expect(response[pointer: "/customers/4/rfm_class"] == .string("10-10-10"))
        #expect(response[pointer: "/thresholds/recency"]?.elements.count == 9)
    }

    @Test("RFM: bins must be an integer from 2 to 10", arguments: ["1", "11", "2.5", "\"5\""])
    func binsValidated(bins: String) throws {
        let body = #"{"bins": \#(bins), "customers": [\#(customer("A", [tx("2025-04-01", 1)]))]}"#
        let error = try #require(problems("customer_rfm", body))
        #expect(error.pointers == ["/bins"])
    }

    @Test("RFM: transaction members other endpoints use are accepted and ignored")
    func sharedTransactionObject() throws {
        let body = #"{"customers": [\#(customer("A", [tx("2025-04-01", 1, id: "T", product: "P", cost: 0.5)]))]}"#
        #expect(try respond("customer_rfm", body)[pointer: "/customers/0/monetary_total"]?.double == 1)
    }
}
