import Testing

@testable import Engine

/// The rows that build their own JSON, each held to its Codable encoding: same keys, same order, same values.
@Suite struct JSONRepresentableTests {
    /// Hides a model's `JSONRepresentable` conformance, so that the encoder goes through its `encode(to:)`.
    struct ThroughCodable<Model: Encodable>: Encodable {
        let model: Model
        func encode(to encoder: any Encoder) throws { try model.encode(to: encoder) }
    }

    static func codable(_ model: some Encodable) -> JSONValue { OrderedJSONEncoder.encode(ThroughCodable(model: model)) }

    @Test func customerCLVFeaturesRows() throws {
        let explanations = CustomerCLVFeatures.Response.Explanations(
            purchaseDays: 5, firstPurchase: try #require(Day(iso: "2024-08-28")), lastPurchase: try #require(Day(iso: "2025-07-11")),
            daysSinceLastPurchase: 142, churnThresholdDays: 90, monetaryBasis: "margin", shareWithHigherValue: 0.2256)
        let row = CustomerCLVFeatures.Response.Row(
            customerId: "C0000000", frequency: 4, recency: 317, T: 459, monetaryValue: 21.44, churned: true, clvPotentialTier: .high,
            interpretation: "High-value repeat buyer gone quiet.", explanations: explanations)
        #expect(Self.codable(explanations) == explanations.json)
        #expect(Self.codable(row) == row.json)
        #expect(OrderedJSONEncoder.encode([row]) == .array([Self.codable(row)]))
    }

    @Test func customerRFMRows() {
        let row = CustomerRFM.Response.Row(
            customerId: "A", recencyDays: 12, frequency: 3, monetaryTotal: 120.5, recencyScore: 5, frequencyScore: 3, monetaryScore: 4,
            rfmClass: "534", rfmTotal: 12, rfmTier: .atRisk, interpretation: "Recent, frequent, high spend.")
        #expect(Self.codable(row) == row.json)
    }

    @Test(arguments: [nil, 0.75] as [Double?])
    func customerFeaturesAndLoyaltyRows(loyalty: Double?) {
        let vector = FeatureVector(
            purchaseTotal: 250.5, visitFrequency: 4, avgTicket: 62.625, productDiversity: 3, loyaltyScore: loyalty, recencyDays: 17)
        let row = CustomerFeatures.Response.Row(customerId: "B", features: vector)
        #expect(Self.codable(vector) == vector.json)
        #expect(Self.codable(row) == row.json)
        let loyaltyRow = CustomerLoyalty.Response.Row(customerId: "B", loyaltyScore: 0.42, segment: .atRisk)
        #expect(Self.codable(loyaltyRow) == loyaltyRow.json)
    }
}
