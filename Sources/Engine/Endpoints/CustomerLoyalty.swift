/// `customer_loyalty` (spec/customer_loyalty.md): a weighted loyalty index in [0, 1], min-max or percentile-rank
/// scaled (LOY-27), and its tier.
public enum CustomerLoyalty: EndpointDefinition, EndpointComputation {
    package static let name = "customer_loyalty"
    package static let sourceSection: String? = "4.1.3"
    package static let specFile = "customer_loyalty.md"
    package static let summary = "Weighted min-max or percentile-rank loyalty index and tiers"
    package static let requestSchema = EndpointSchemas.document(PackageResources.customer_loyalty_request_json, file: "customer_loyalty.request.json")
    package static let responseSchema = EndpointSchemas.document(
        PackageResources.customer_loyalty_response_json, file: "customer_loyalty.response.json")
    package static let documentedExample = DocumentedExamples.customerLoyalty

    /// The five weighable features, in the fixed order the response lists them.
    public enum Feature: String, CaseIterable, Sendable, Codable {
        case purchaseTotal = "purchase_total"
        case visitFrequency = "visit_frequency"
        case avgTicket = "avg_ticket"
        case productDiversity = "product_diversity"
        case recencyDays = "recency_days"

        /// Recency counts inversely: fewer days since the last order is more loyal.
        var isInverse: Bool { self == .recencyDays }

        func value(in features: FeatureVector) -> Double {
            switch self {
            case .purchaseTotal: features.purchaseTotal
            case .visitFrequency: features.visitFrequency
            case .avgTicket: features.avgTicket
            case .productDiversity: features.productDiversity
            case .recencyDays: features.recencyDays
            }
        }
    }

    public enum Tier: String, CaseIterable, Sendable, Codable {
        case platinum = "Platinum"
        case gold = "Gold"
        case silver = "Silver"
        case bronze = "Bronze"
        case atRisk = "At-Risk"
    }

    /// How each kept feature is rescaled to [0, 1] (LOY-27): the source's min-max, or the mid-rank percentile.
    public enum Normalization: String, CaseIterable, Sendable, Codable {
        case minmax
        case rank
    }

    /// Per-feature weights, in `Feature` order (LOY default: the source example's weights).
    public static let defaultWeights: [Double] = [0.25, 0.30, 0.10, 0.15, 0.20]
    /// Lower bounds of Platinum, Gold, Silver and Bronze.
    public static let defaultThresholds: [Double] = [0.85, 0.70, 0.50, 0.30]

    public struct Request: Sendable {
        public var weights: [Double]
        public var thresholds: [Double]
        public var normalization: Normalization
        public var customers: [Customer]

        public init(
            weights: [Double] = CustomerLoyalty.defaultWeights, thresholds: [Double] = CustomerLoyalty.defaultThresholds,
            normalization: Normalization = .minmax, customers: [Customer]
        ) {
            self.weights = weights
            self.thresholds = thresholds
            self.normalization = normalization
            self.customers = customers
        }

        public struct Customer: Codable, Sendable {
            public var customerId: String
            public var features: FeatureVector

            public init(customerId: String, features: FeatureVector) {
                self.customerId = customerId
                self.features = features
            }

            enum CodingKeys: String, CodingKey {
                case customerId = "customer_id"
                case features
            }
        }
    }

    public struct Response: Codable, Sendable {
        public var customers: [Row]
        public var summary: Summary
        /// LOY-31: empty, or the one `dominant_tier` warning.
        public var warnings: [Warning]

        public struct Warning: Codable, Sendable {
            public var code: String
            public var message: String
        }

        public struct Row: Codable, Sendable {
            public var customerId: String
            public var loyaltyScore: Double
            public var segment: Tier

            enum CodingKeys: String, CodingKey {
                case customerId = "customer_id"
                case loyaltyScore = "loyalty_score"
                case segment
            }
        }

        public struct Summary: Codable, Sendable {
            public var meanScore: Double
            public var medianScore: Double
            public var topDecileThreshold: Double
            public var segmentCounts: TierCounts<Tier>
            public var weightsApplied: WeightTable
            public var constantFeatures: [Feature]
            public var normalization: Normalization

            enum CodingKeys: String, CodingKey {
                case meanScore = "mean_score"
                case medianScore = "median_score"
                case topDecileThreshold = "top_decile_threshold"
                case segmentCounts = "segment_counts"
                case weightsApplied = "weights_applied"
                case constantFeatures = "constant_features"
                case normalization
            }
        }
    }

    /// The normalised weights as an object keyed by feature, in the fixed feature order.
    public struct WeightTable: Codable, Sendable {
        public var weights: [Double]

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: DynamicKey.self)
            for (feature, weight) in zip(Feature.allCases, weights) {
                try container.encode(weight, forKey: DynamicKey(feature.rawValue))
            }
        }

        public init(weights: [Double]) {
            self.weights = weights
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: DynamicKey.self)
            weights = try Feature.allCases.map { try container.decode(Double.self, forKey: DynamicKey($0.rawValue)) }
        }
    }

    package static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request? {
        guard let root = reader.object(body, allowed: ["weights", "segment_thresholds", "normalization", "customers"]) else { return nil }
        let featureNames = Feature.allCases.map(\.rawValue)
        let weights =
            reader.field(root, "weights", required: false) { value -> [Double]? in
                guard let object = reader.object(value, allowed: featureNames) else { return nil }
                var weights = [Double](repeating: 0, count: featureNames.count)
                var complete = true
                for (index, name) in featureNames.enumerated() where object.has(name) {
                    if let weight = reader.field(object, name, { reader.number($0, min: 0) }) { weights[index] = weight } else { complete = false }
                }
                guard complete else { return nil }
                if weights.allSatisfy({ $0 == 0 }) {
                    reader.report("not_all_zero", "at least one weight must be greater than 0")
                    return nil
                }
                return weights
            } ?? defaultWeights
        let tierNames = Tier.allCases.dropLast().map(\.rawValue)
        let thresholds =
            reader.field(root, "segment_thresholds", required: false) { value -> [Double]? in
                guard let object = reader.object(value, allowed: tierNames) else { return nil }
                var thresholds = defaultThresholds
                var complete = true
                for (index, name) in tierNames.enumerated() where object.has(name) {
                    if let bound = reader.field(object, name, { reader.number($0, min: 0, max: 1) }) {
                        thresholds[index] = bound
                    } else {
                        complete = false
                    }
                }
                guard complete else { return nil }
                for index in 1..<thresholds.count where thresholds[index] >= thresholds[index - 1] {
                    reader.report(
                        "order",
                        "thresholds must decrease strictly from Platinum to Bronze; \(tierNames[index]) (\(JSONWriter.number(thresholds[index]))) is not below \(tierNames[index - 1]) (\(JSONWriter.number(thresholds[index - 1])))"
                    )
                    return nil
                }
                return thresholds
            } ?? defaultThresholds
        let normalization =
            reader.field(root, "normalization", required: false) { value -> Normalization? in
                guard let name = reader.string(value) else { return nil }
                guard let normalization = Normalization(rawValue: name) else {
                    reader.report("enum", "'\(name)' is not one of minmax, rank")
                    return nil
                }
                return normalization
            } ?? .minmax
        let customers = reader.customers(
            root,
            { object -> (id: String?, value: Request.Customer?)? in
                let id = reader.field(object, "customer_id") { reader.identifier($0) }
                let features = reader.field(object, "features") { value -> FeatureVector? in
                    guard let fields = reader.object(value, allowed: featureNames + ["loyalty_score"]) else { return nil }
                    let values = featureNames.map { name in reader.field(fields, name) { reader.number($0, min: 0) } }
                    let loyalty = reader.field(fields, "loyalty_score", required: false) { reader.number($0, min: 0, max: 1) }
                    guard values.allSatisfy({ $0 != nil }), !(fields.has("loyalty_score") && loyalty == nil) else { return nil }
                    let v = values.map { $0! }
                    return FeatureVector(
                        purchaseTotal: v[0], visitFrequency: v[1], avgTicket: v[2], productDiversity: v[3], loyaltyScore: loyalty, recencyDays: v[4])
                }
                guard let id, let features else { return (id, nil) }
                return (id, Request.Customer(customerId: id, features: features))
            }, allowed: ["customer_id", "features"])
        guard let customers, reader.problems.isEmpty else { return nil }
        return Request(weights: weights, thresholds: thresholds, normalization: normalization, customers: customers)
    }

    public static func respond(to request: Request, context: ComputeContext) -> Response {
        let customers = request.customers
        let features = Feature.allCases
        // Min and max per feature over the cohort; constant features carry no information and are left out (LOY).
        var lows = [Double](repeating: .infinity, count: features.count)
        var highs = [Double](repeating: -.infinity, count: features.count)
        for customer in customers {
            for (index, feature) in features.enumerated() {
                let value = feature.value(in: customer.features)
                lows[index] = min(lows[index], value)
                highs[index] = max(highs[index], value)
            }
        }
        var weights = request.weights
        var constant: [Feature] = []
        for (index, feature) in features.enumerated() where highs[index] == lows[index] {
            if weights[index] > 0 { constant.append(feature) }
            weights[index] = 0
        }
        let weightSum = weights.reduce(0, +)
        let informative = weightSum > 0
        if informative { weights = weights.map { $0 / weightSum } }

        // LOY-28: under rank, each kept feature's mid-rank percentiles, in request order.
        let ranks: [[Double]?] = features.enumerated().map { index, feature in
            guard request.normalization == .rank, weights[index] > 0 else { return nil }
            return midRankPercentiles(customers.map { feature.value(in: $0.features) }, inverse: feature.isInverse)
        }

        var rows: [Response.Row] = []
        rows.reserveCapacity(customers.count)
        var scores: [Double] = []
        scores.reserveCapacity(customers.count)
        var counts = [Int](repeating: 0, count: Tier.allCases.count)
        for (position, customer) in customers.enumerated() {
            var raw = 0.5  // no weighted feature varies: no contrast between customers (LOY)
            if informative {
                raw = 0
                for (index, feature) in features.enumerated() where weights[index] > 0 {
                    let normalised: Double
                    if let column = ranks[index] {
                        normalised = column[position]
                    } else {
                        let value = feature.value(in: customer.features)
                        let span = highs[index] - lows[index]
                        normalised = feature.isInverse ? (highs[index] - value) / span : (value - lows[index]) / span
                    }
                    raw += weights[index] * normalised
                }
            }
            let written = score(min(1, max(0, raw)))
            let tierIndex = request.thresholds.firstIndex { written >= $0 } ?? Tier.allCases.count - 1
            counts[tierIndex] += 1
            scores.append(written)
            rows.append(Response.Row(customerId: customer.customerId, loyaltyScore: written, segment: Tier.allCases[tierIndex]))
        }
        let sorted = scores.sorted()
        let summary = Response.Summary(
            meanScore: score(scores.reduce(0, +) / Double(scores.count)),
            medianScore: score(percentile(sorted: sorted, numerator: 1, denominator: 2)),
            topDecileThreshold: score(percentile(sorted: sorted, numerator: 9, denominator: 10)),
            segmentCounts: TierCounts(zip(Tier.allCases, counts).map { ($0, $1) }),
            weightsApplied: WeightTable(weights: weights.map { score($0) }),
            constantFeatures: constant,
            normalization: request.normalization
        )
        return Response(customers: rows, summary: summary, warnings: dominantTierWarning(counts, normalization: request.normalization))
    }

    /// LOY-28: per value, `(2·beaten + tied − 1) / (2·(n − 1))`, where `beaten` counts the customers strictly below
    /// (strictly above when `inverse`) and `tied` those with the same value, the customer included. Needs n ≥ 2.
    static func midRankPercentiles(_ values: [Double], inverse: Bool) -> [Double] {
        let n = values.count
        let order = values.indices.sorted { inverse ? values[$0] > values[$1] : values[$0] < values[$1] }
        var result = [Double](repeating: 0, count: n)
        let denominator = Double(2 * (n - 1))
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end share one value: `start` customers beat, `end − start` tied.
            let percentile = Double(2 * start + (end - start) - 1) / denominator
            for position in start..<end { result[order[position]] = percentile }
            start = end
        }
        return result
    }

    /// Customers a warning needs before a tier's share says anything (LOY-31, CLV-9's cohort floor).
    static let warningFloor = 20

    /// LOY-31: the tier holding more than 70 % of a cohort of at least 20, with the remedy for the scaling in force.
    static func dominantTierWarning(_ counts: [Int], normalization: Normalization) -> [Response.Warning] {
        let n = counts.reduce(0, +)
        guard n >= warningFloor, let index = counts.firstIndex(where: { 10 * $0 > 7 * n }) else { return [] }
        let share = JSONWriter.number(rounded(Double(100 * counts[index]) / Double(n), 1))
        let remedy =
            switch normalization {
            case .minmax:
                "min-max scaling lets a few extreme values press the others together; \"normalization\": \"rank\" spreads them by percentile."
            case .rank: "many customers share the same feature values, or segment_thresholds do not suit this base."
            }
        return [
            Response.Warning(code: "dominant_tier", message: "\(Tier.allCases[index].rawValue) holds \(share) % of the \(n) customers: " + remedy)
        ]
    }
}

/// Counts per tier written as an object in the tiers' fixed order, zeros included.
public struct TierCounts<Tier: RawRepresentable & CaseIterable & Sendable>: Codable, Sendable where Tier.RawValue == String {
    public var counts: [(Tier, Int)]

    public init(_ counts: [(Tier, Int)]) {
        self.counts = counts
    }

    public subscript(tier: Tier) -> Int {
        counts.first { $0.0.rawValue == tier.rawValue }?.1 ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        for (tier, count) in counts {
            try container.encode(count, forKey: DynamicKey(tier.rawValue))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DynamicKey.self)
        counts = try Tier.allCases.map { ($0, try container.decodeIfPresent(Int.self, forKey: DynamicKey($0.rawValue)) ?? 0) }
    }
}

/// A coding key made from any string, for objects whose keys are data (tier names, feature names).
package struct DynamicKey: CodingKey {
    package var stringValue: String
    package var intValue: Int? { nil }
    package init(_ string: String) { stringValue = string }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }
}

extension CustomerLoyalty.Response.Row: JSONRepresentable {
    package var json: JSONValue {
        .object([
            .init(CodingKeys.customerId.stringValue, .string(customerId)), .init(CodingKeys.loyaltyScore.stringValue, .number(loyaltyScore)),
            .init(CodingKeys.segment.stringValue, .string(segment.rawValue)),
        ])
    }
}
