/// `customer_clv_features` (spec/customer_clv_features.md): the BG/NBD summary statistics per customer (lifetimes
/// conventions, one period = one day), a churn flag and a CLV potential tier.
public enum CustomerCLVFeatures: EndpointDefinition, EndpointComputation {
    package static let name = "customer_clv_features"
    package static let sourceSection: String? = "4.1.5"
    package static let specFile = "customer_clv_features.md"
    package static let summary = "BG/NBD summary statistics, churn flag and CLV potential tier"
    package static let requestSchema = EndpointSchemas.document(
        PackageResources.customer_clv_features_request_json, file: "customer_clv_features.request.json")
    package static let responseSchema = EndpointSchemas.document(
        PackageResources.customer_clv_features_response_json, file: "customer_clv_features.response.json")
    package static let documentedExample = DocumentedExamples.customerCLVFeatures

    public static let defaultChurnThresholdDays = 90

    public enum Tier: String, CaseIterable, Sendable, Codable {
        case high = "High"
        case medium = "Medium"
        case low = "Low"
    }

    public struct Request: Codable, Sendable {
        public var today: Day?
        public var churnThresholdDays: Int
        public var customers: [CustomerHistory]

        public init(today: Day? = nil, churnThresholdDays: Int = CustomerCLVFeatures.defaultChurnThresholdDays, customers: [CustomerHistory]) {
            self.today = today
            self.churnThresholdDays = churnThresholdDays
            self.customers = customers
        }

        enum CodingKeys: String, CodingKey {
            case today
            case churnThresholdDays = "churn_threshold_days"
            case customers
        }
    }

    public struct Response: Codable, Sendable {
        public var customers: [Row]
        public var summary: Summary

        public struct Row: Codable, Sendable {
            public var customerId: String
            public var frequency: Int
            public var recency: Double
            public var T: Double
            public var monetaryValue: Double
            public var churned: Bool
            public var clvPotentialTier: Tier
            public var interpretation: String
            public var explanations: Explanations

            enum CodingKeys: String, CodingKey {
                case customerId = "customer_id"
                case frequency, recency, T
                case monetaryValue = "monetary_value"
                case churned
                case clvPotentialTier = "clv_potential_tier"
                case interpretation, explanations
            }
        }

        public struct Explanations: Codable, Sendable {
            public var purchaseDays: Int
            public var firstPurchase: Day
            public var lastPurchase: Day
            public var daysSinceLastPurchase: Int
            public var churnThresholdDays: Int
            public var monetaryBasis: String
            public var shareWithHigherValue: Double

            enum CodingKeys: String, CodingKey {
                case purchaseDays = "purchase_days"
                case firstPurchase = "first_purchase"
                case lastPurchase = "last_purchase"
                case daysSinceLastPurchase = "days_since_last_purchase"
                case churnThresholdDays = "churn_threshold_days"
                case monetaryBasis = "monetary_basis"
                case shareWithHigherValue = "share_with_higher_value"
            }
        }

        public struct Summary: Codable, Sendable {
            public var customers: Int
            public var repeatBuyers: Int
            public var churned: Int
            public var monetaryBasis: String
            public var meanFrequency: Double
            public var meanRecency: Double
            public var meanT: Double
            public var meanMonetaryValueRepeat: Double
            public var tierCounts: TierCounts<Tier>

            enum CodingKeys: String, CodingKey {
                case customers
                case repeatBuyers = "repeat_buyers"
                case churned
                case monetaryBasis = "monetary_basis"
                case meanFrequency = "mean_frequency"
                case meanRecency = "mean_recency"
                case meanT = "mean_T"
                case meanMonetaryValueRepeat = "mean_monetary_value_repeat"
                case tierCounts = "tier_counts"
            }
        }
    }

    package static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request? {
        guard let root = reader.object(body, allowed: ["today", "churn_threshold_days", "customers"]) else { return nil }
        let today = reader.today(root, default: context.today)
        let threshold = reader.field(root, "churn_threshold_days", required: false) { reader.integer($0, min: 1, max: 3650) }
        let customers = reader.customerHistories(root, today: today)
        guard let customers, reader.problems.isEmpty else { return nil }
        _ = reader.checkCostsConsistent(customers)
        guard reader.problems.isEmpty, !(root.has("churn_threshold_days") && threshold == nil) else { return nil }
        return Request(today: today, churnThresholdDays: threshold ?? defaultChurnThresholdDays, customers: customers)
    }

    /// The lifetimes summary of one customer: purchases merged per day, the first day excluded from the mean.
    public struct LifetimeSummary: Sendable, Equatable {
        public var frequency: Int
        public var recency: Int
        public var T: Int
        public var monetaryValue: Double
        public var first: Day
        public var last: Day
    }

    public static func lifetimeSummary(of transactions: [Transaction], today: Day, useMargin: Bool) -> LifetimeSummary {
        let ordered = transactions.sorted { $0.date < $1.date }
        var days = 0
        var repeatTotal = 0.0
        var index = 0
        while index < ordered.count {
            let day = ordered[index].date
            var value = 0.0
            while index < ordered.count, ordered[index].date == day {
                value += useMargin ? ordered[index].margin : ordered[index].amount
                index += 1
            }
            if days > 0 { repeatTotal += value }
            days += 1
        }
        let first = ordered[0].date
        let last = ordered[ordered.count - 1].date
        let frequency = days - 1
        return LifetimeSummary(
            frequency: frequency,
            recency: first.days(until: last),
            T: first.days(until: today),
            monetaryValue: frequency > 0 ? repeatTotal / Double(frequency) : 0,
            first: first,
            last: last
        )
    }

    public static func respond(to request: Request, context: ComputeContext) -> Response {
        let today = request.today ?? context.today
        let useMargin = request.customers.contains { $0.transactions.contains { $0.cost != nil } }
        let basis = useMargin ? "margin" : "amount"
        let summaries = request.customers.map { lifetimeSummary(of: $0.transactions, today: today, useMargin: useMargin) }
        // Ranks use the values as written (CLVF): customers whose values print alike never split on an artefact.
        let values = summaries.map { money($0.monetaryValue) }
        let ranks = RankCounts(values)
        let n = Double(summaries.count)
        var counts = [Int](repeating: 0, count: Tier.allCases.count)
        var churnedCount = 0
        var rows: [Response.Row] = []
        rows.reserveCapacity(summaries.count)
        for (index, (customer, summary)) in zip(request.customers, summaries).enumerated() {
            let value = values[index]
            let inactive = summary.last.days(until: today)
            let churned = inactive > request.churnThresholdDays
            let tier: Tier
            if summary.frequency >= 1 && ranks.inTop(value, share: 0.3) {
                tier = .high
            } else if summary.frequency >= 1 && ranks.inTop(value, share: 0.7) {
                tier = .medium
            } else {
                tier = .low
            }
            counts[Tier.allCases.firstIndex(of: tier)!] += 1
            if churned { churnedCount += 1 }
            rows.append(
                Response.Row(
                    customerId: customer.customerId,
                    frequency: summary.frequency,
                    recency: Double(summary.recency),
                    T: Double(summary.T),
                    monetaryValue: value,
                    churned: churned,
                    clvPotentialTier: tier,
                    interpretation: interpretation(tier: tier, repeatBuyer: summary.frequency >= 1, churned: churned, inactiveDays: inactive),
                    explanations: .init(
                        purchaseDays: summary.frequency + 1,
                        firstPurchase: summary.first,
                        lastPurchase: summary.last,
                        daysSinceLastPurchase: inactive,
                        churnThresholdDays: request.churnThresholdDays,
                        monetaryBasis: basis,
                        shareWithHigherValue: score(Double(ranks.above(value)) / n)
                    )
                ))
        }
        let repeatBuyers = summaries.filter { $0.frequency >= 1 }
        let frequencySum = summaries.reduce(0) { $0 + $1.frequency }
        let recencySum = summaries.reduce(0) { $0 + $1.recency }
        let ageSum = summaries.reduce(0) { $0 + $1.T }
        let repeatValueSum = zip(summaries, values).reduce(0.0) { $0 + ($1.0.frequency >= 1 ? $1.1 : 0) }
        let cohort = Response.Summary(
            customers: summaries.count,
            repeatBuyers: repeatBuyers.count,
            churned: churnedCount,
            monetaryBasis: basis,
            meanFrequency: score(Double(frequencySum) / n),
            meanRecency: money(Double(recencySum) / n),
            meanT: money(Double(ageSum) / n),
            meanMonetaryValueRepeat: repeatBuyers.isEmpty ? 0 : money(repeatValueSum / Double(repeatBuyers.count)),
            tierCounts: TierCounts(zip(Tier.allCases, counts).map { ($0, $1) })
        )
        return Response(customers: rows, summary: cohort)
    }

    static func interpretation(tier: Tier, repeatBuyer: Bool, churned: Bool, inactiveDays: Int) -> String {
        switch (tier, repeatBuyer, churned) {
        case (.high, _, false): "High-potential repeat buyer who is still active. Focus on VIP retention & upsell."
        case (.high, _, true): "High-value repeat buyer gone quiet for \(inactiveDays) days. Prioritise a personal win-back."
        case (.medium, _, false): "Steady repeat buyer with mid-range spend. Nurture with cross-sell and loyalty perks."
        case (.medium, _, true): "Mid-value repeat buyer inactive for \(inactiveDays) days. Send a targeted reactivation offer."
        case (.low, false, false): "One-time buyer so far. Encourage a second purchase with onboarding offers."
        case (.low, false, true): "One-time buyer inactive for \(inactiveDays) days. Consider automated win-back."
        case (.low, true, false): "Repeat buyer with low spend per order. Test bundles to lift basket value."
        case (.low, true, true): "Low-value repeat buyer inactive for \(inactiveDays) days. Consider automated win-back."
        }
    }
}

extension CustomerCLVFeatures.Response.Row: JSONRepresentable {
    package var json: JSONValue {
        typealias Key = CodingKeys
        return .object([
            .init(Key.customerId.stringValue, .string(customerId)), .init(Key.frequency.stringValue, .number(Double(frequency))),
            .init(Key.recency.stringValue, .number(recency)), .init(Key.T.stringValue, .number(T)),
            .init(Key.monetaryValue.stringValue, .number(monetaryValue)), .init(Key.churned.stringValue, .bool(churned)),
            .init(Key.clvPotentialTier.stringValue, .string(clvPotentialTier.rawValue)),
            .init(Key.interpretation.stringValue, .string(interpretation)),
            .init(Key.explanations.stringValue, explanations.json),
        ])
    }
}

extension CustomerCLVFeatures.Response.Explanations: JSONRepresentable {
    package var json: JSONValue {
        typealias Key = CodingKeys
        return .object([
            .init(Key.purchaseDays.stringValue, .number(Double(purchaseDays))),
            .init(Key.firstPurchase.stringValue, .string(firstPurchase.description)),
            .init(Key.lastPurchase.stringValue, .string(lastPurchase.description)),
            .init(Key.daysSinceLastPurchase.stringValue, .number(Double(daysSinceLastPurchase))),
            .init(Key.churnThresholdDays.stringValue, .number(Double(churnThresholdDays))),
            .init(Key.monetaryBasis.stringValue, .string(monetaryBasis)),
            .init(Key.shareWithHigherValue.stringValue, .number(shareWithHigherValue)),
        ])
    }
}
