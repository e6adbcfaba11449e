import Testing

@testable import Engine

@Suite("customer_loyalty (spec/customer_loyalty.md)")
struct CustomerLoyaltyTests {
    static func row(_ id: String, _ total: Double, _ visits: Double, _ ticket: Double, _ diversity: Double, _ recency: Double) -> String {
        #"{"customer_id": "\#(id)", "features": {"purchase_total": \#(total), "visit_frequency": \#(visits), "avg_ticket": \#(ticket), "product_diversity": \#(diversity), "recency_days": \#(recency)}}"#
    }

    static let cohort = [row("A", 100, 10, 10, 5, 0), row("B", 50, 5, 10, 1, 10), row("C", 0, 0, 10, 3, 20)].joined(separator: ", ")

    @Test("LOY: hand-computed cohort with a constant feature left out and recency inverted")
    func handComputed() throws {
        let response = try respond("customer_loyalty", #"{"customers": [\#(Self.cohort)]}"#)
        // avg_ticket is constant, so 0.25/0.30/0.15/0.20 renormalise over 0.90.
        #expect(response[pointer: "/customers/0/loyalty_score"]?.double == 1)
        #expect(response[pointer: "/customers/0/segment"] == .string("Platinum"))
        #expect(response[pointer: "/customers/1/loyalty_score"]?.double == 0.4167)  // 0.375 / 0.9
        #expect(response[pointer: "/customers/1/segment"] == .string("Bronze"))
        #expect(response[pointer: "/customers/2/loyalty_score"]?.double == 0.0833)  // 0.075 / 0.9
        #expect(response[pointer: "/customers/2/segment"] == .string("At-Risk"))
        #expect(response[pointer: "/summary/mean_score"]?.double == 0.5)
        #expect(response[pointer: "/summary/median_score"]?.double == 0.4167)
        #expect(response[pointer: "/summary/top_decile_threshold"]?.double == 0.8833)
        #expect(response[pointer: "/summary/segment_counts/Platinum"]?.double == 1)
        #expect(response[pointer: "/summary/segment_counts/Gold"]?.double == 0)
        #expect(response[pointer: "/summary/segment_counts/At-Risk"]?.double == 1)
        #expect(response[pointer: "/summary/weights_applied/avg_ticket"]?.double == 0)
        #expect(response[pointer: "/summary/weights_applied/visit_frequency"]?.double == 0.3333)
        #expect(response[pointer: "/summary/constant_features"] == .array([.string("avg_ticket")]))
    }

    @Test("LOY: custom weights are normalised; unweighted features are ignored")
    func customWeights() throws {
        let body = #"{"weights": {"recency_days": 3}, "customers": [\#(Self.cohort)]}"#
        let response = try respond("customer_loyalty", body)
        #expect(response[pointer: "/customers/1/loyalty_score"]?.double == 0.5)
        #expect(response[pointer: "/summary/weights_applied/recency_days"]?.double == 1)
        #expect(response[pointer: "/summary/constant_features"] == .array([]))
    }

    @Test("LOY: one customer alone has no contrast and scores 0.5")
    func singleCustomer() throws {
        let response = try respond("customer_loyalty", #"{"customers": [\#(Self.row("C-1001", 17850.55, 62, 287.27, 36, 3))]}"#)
        #expect(response[pointer: "/customers/0/loyalty_score"]?.double == 0.5)
        #expect(response[pointer: "/customers/0/segment"] == .string("Silver"))
        #expect(response[pointer: "/summary/constant_features"]?.elements.count == 5)
    }

    @Test("NUM-3: tiers are read from the score as written")
    func tierFromRoundedScore() throws {
        // B's raw score is 0.41666…, written 0.4167: a Bronze bound of 0.4167 must include it.
        let body = #"{"segment_thresholds": {"Bronze": 0.4167}, "customers": [\#(Self.cohort)]}"#
        let response = try respond("customer_loyalty", body)
        #expect(response[pointer: "/customers/1/segment"] == .string("Bronze"))
    }

    @Test("LOY: thresholds can be overridden but must decrease strictly")
    func thresholdOverride() throws {
        let response = try respond("customer_loyalty", #"{"segment_thresholds": {"Platinum": 1.0, "Gold": 0.9}, "customers": [\#(Self.cohort)]}"#)
        #expect(response[pointer: "/customers/0/segment"] == .string("Platinum"))
        let error = try #require(problems("customer_loyalty", #"{"segment_thresholds": {"Gold": 0.9}, "customers": [\#(Self.cohort)]}"#))
        #expect(error.has("/segment_thresholds", "order"))
        #expect(
            problems("customer_loyalty", #"{"segment_thresholds": {"Gold": 1.2, "Iron": 0.1}, "customers": [\#(Self.cohort)]}"#)?.pointers == [
                "/segment_thresholds/Iron", "/segment_thresholds/Gold",
            ])
    }

    @Test("LOY: weights are validated")
    func weightValidation() throws {
        #expect(
            problems("customer_loyalty", #"{"weights": {"recency_days": 0}, "customers": [\#(Self.cohort)]}"#)?.has("/weights", "not_all_zero")
                == true)
        #expect(
            problems("customer_loyalty", #"{"weights": {"recency_days": -1}, "customers": [\#(Self.cohort)]}"#)?.has(
                "/weights/recency_days", "minimum") == true)
        #expect(
            problems("customer_loyalty", #"{"weights": {"loyalty_score": 1}, "customers": [\#(Self.cohort)]}"#)?.has(
                "/weights/loyalty_score", "unknown_member") == true)
    }

    @Test("LOY: a customer_features response chains in unchanged")
    func chainsFromFeatures() throws {
        let features = try respond("customer_features", CustomerFeaturesTests.documented)
        let body = JSONWriter().string(.object([.init("customers", try #require(features["customers"]))]))
        let response = try respond("customer_loyalty", body)
        #expect(response[pointer: "/customers/0/loyalty_score"]?.double == 1)
        #expect(response[pointer: "/customers/1/loyalty_score"]?.double == 0)
    }

    @Test("VAL: missing and mistyped features are listed")
    func featureProblems() throws {
        let body =
            #"{"customers": [{"customer_id": "A", "features": {"purchase_total": -1, "visit_frequency": "3", "avg_ticket": 1, "product_diversity": 1}}]}"#
        let error = try #require(problems("customer_loyalty", body))
        #expect(error.has("/customers/0/features/purchase_total", "minimum"))
        #expect(error.has("/customers/0/features/visit_frequency", "type"))
        #expect(error.has("/customers/0/features", "required"))
    }

    /// A big spender and three ordinary customers (LOY-28).
    static let whale = [
        row("W", 1000, 50, 20, 10, 1), row("X", 30, 3, 10, 3, 10), row("Y", 20, 2, 10, 2, 30), row("Z", 10, 1, 10, 1, 90),
    ].joined(separator: ", ")

    @Test("LOY-28: percentile ranks ignore how far the big spender is ahead")
    func rankHandComputed() throws {
        let weights = #""weights": {"purchase_total": 1, "recency_days": 1}"#
        let ranked = try respond("customer_loyalty", #"{"normalization": "rank", \#(weights), "customers": [\#(Self.whale)]}"#)
        // n = 4: denominators 2·3 = 6; X beats two of three others on spend and on recency: (2·2 + 1 − 1)/6 = 2/3.
        #expect(ranked[pointer: "/customers/0/loyalty_score"]?.double == 1)
        #expect(ranked[pointer: "/customers/1/loyalty_score"]?.double == 0.6667)
        #expect(ranked[pointer: "/customers/2/loyalty_score"]?.double == 0.3333)
        #expect(ranked[pointer: "/customers/3/loyalty_score"]?.double == 0)
        #expect(ranked[pointer: "/summary/mean_score"]?.double == 0.5)
        #expect(ranked[pointer: "/summary/normalization"] == .string("rank"))
        // Min-max: X's spend (30 − 10)/990 is near 0 although X is the second best spender.
        let scaled = try respond("customer_loyalty", #"{\#(weights), "customers": [\#(Self.whale)]}"#)
        #expect(scaled[pointer: "/customers/1/loyalty_score"]?.double == 0.4595)  // 0.5·20/990 + 0.5·80/89 ≈ 0.459539
        #expect(scaled[pointer: "/summary/normalization"] == .string("minmax"))
        #expect(scaled[pointer: "/warnings"] == .array([]))
    }

    @Test("LOY-28: tied values share their mid-rank; recency counts from the other end")
    func rankTies() throws {
        let values: [Double] = [3, 1, 3, 2]
        let sixths: [Double] = [5, 0, 5, 2].map { $0 / 6 }
        let inverted: [Double] = [1, 6, 1, 4].map { $0 / 6 }
        #expect(CustomerLoyalty.midRankPercentiles(values, inverse: false) == sixths)
        #expect(CustomerLoyalty.midRankPercentiles(values, inverse: true) == inverted)
        let tied = [
            Self.row("A", 1, 1, 1, 1, 1), Self.row("B", 1, 1, 1, 1, 1), Self.row("C", 1, 1, 1, 1, 1), Self.row("D", 1, 4, 1, 1, 1),
        ].joined(separator: ", ")
        let response = try respond("customer_loyalty", #"{"normalization": "rank", "weights": {"visit_frequency": 1}, "customers": [\#(tied)]}"#)
        // Three tied at the bottom: (0 + 3 − 1)/6 each; the mean stays exactly 1/2.
        #expect(response[pointer: "/customers/0/loyalty_score"]?.double == 0.3333)
        #expect(response[pointer: "/customers/2/segment"] == .string("Bronze"))
        #expect(response[pointer: "/customers/3/loyalty_score"]?.double == 1)
        #expect(response[pointer: "/summary/mean_score"]?.double == 0.5)
    }

    @Test("LOY-31: more than 70 % in one tier of at least 20 customers is warned about, with the remedy in force")
    func dominantTierWarning() throws {
        func cohort(_ n: Int) -> String {
            ((1..<n).map { Self.row("C\($0)", 10, 1, 10, 1, 200) } + [Self.row("BIG", 5000, 90, 55, 30, 2)]).joined(separator: ", ")
        }
        let minmax = try respond("customer_loyalty", #"{"customers": [\#(cohort(20))]}"#)
        #expect(minmax[pointer: "/warnings/0/code"] == .string("dominant_tier"))
        #expect(
            minmax[pointer: "/warnings/0/message"]
                == .string(
                    #"At-Risk holds 95 % of the 20 customers: min-max scaling lets a few extreme values press the others together; "normalization": "rank" spreads them by percentile."#
                ))
        let ranked = try respond("customer_loyalty", #"{"normalization": "rank", "customers": [\#(cohort(20))]}"#)
        // 19 tied customers score 18/38 ≈ 0.4737: Bronze.
        #expect(
            ranked[pointer: "/warnings/0/message"]
                == .string(
                    "Bronze holds 95 % of the 20 customers: many customers share the same feature values, or segment_thresholds do not suit this base."
                ))
        let small = try respond("customer_loyalty", #"{"customers": [\#(cohort(19))]}"#)
        #expect(small[pointer: "/warnings"] == .array([]))
        #expect(
            CustomerLoyalty.dominantTierWarning([1, 0, 0, 6, 23], normalization: .minmax).first?.message.hasPrefix("At-Risk holds 76.7 % of the 30")
                == true)
        #expect(CustomerLoyalty.dominantTierWarning([0, 0, 0, 9, 21], normalization: .minmax).isEmpty)  // exactly 70 %
    }

    @Test("LOY-27: normalization is one of two case-sensitive names")
    func normalizationProblems() throws {
        #expect(problems("customer_loyalty", #"{"normalization": "log1p", "customers": [\#(Self.cohort)]}"#)?.has("/normalization", "enum") == true)
        #expect(problems("customer_loyalty", #"{"normalization": "Rank", "customers": [\#(Self.cohort)]}"#)?.has("/normalization", "enum") == true)
        #expect(problems("customer_loyalty", #"{"normalization": 1, "customers": [\#(Self.cohort)]}"#)?.has("/normalization", "type") == true)
    }
}
