/// `customer_rfm` (spec/customer_rfm.md): quantile recency/frequency/monetary scores, class, total and tier.
public enum CustomerRFM: EndpointDefinition, EndpointComputation {
    package static let name = "customer_rfm"
    package static let sourceSection: String? = "4.1.4"
    package static let specFile = "customer_rfm.md"
    package static let summary = "Quantile RFM scores, classes and tiers"
    package static let requestSchema = EndpointSchemas.document(PackageResources.customer_rfm_request_json, file: "customer_rfm.request.json")
    package static let responseSchema = EndpointSchemas.document(PackageResources.customer_rfm_response_json, file: "customer_rfm.response.json")
    package static let documentedExample = DocumentedExamples.customerRFM

    public enum Tier: String, CaseIterable, Sendable, Codable {
        case champion = "Champion"
        case loyal = "Loyal"
        case potential = "Potential"
        case promising = "Promising"
        case atRisk = "At-Risk"
    }

    public struct Request: Codable, Sendable {
        public var bins: Int
        public var today: Day?
        public var customers: [CustomerHistory]

        public init(bins: Int = 5, today: Day? = nil, customers: [CustomerHistory]) {
            self.bins = bins
            self.today = today
            self.customers = customers
        }
    }

    public struct Response: Codable, Sendable {
        public var customers: [Row]
        public var thresholds: Thresholds
        public var tierCounts: TierCounts<Tier>

        enum CodingKeys: String, CodingKey {
            case customers, thresholds
            case tierCounts = "tier_counts"
        }

        public struct Row: Codable, Sendable {
            public var customerId: String
            public var recencyDays: Int
            public var frequency: Int
            public var monetaryTotal: Double
            public var recencyScore: Int
            public var frequencyScore: Int
            public var monetaryScore: Int
            public var rfmClass: String
            public var rfmTotal: Int
            public var rfmTier: Tier
            public var interpretation: String

            enum CodingKeys: String, CodingKey {
                case customerId = "customer_id"
                case recencyDays = "recency_days"
                case frequency
                case monetaryTotal = "monetary_total"
                case recencyScore = "recency_score"
                case frequencyScore = "frequency_score"
                case monetaryScore = "monetary_score"
                case rfmClass = "rfm_class"
                case rfmTotal = "rfm_total"
                case rfmTier = "rfm_tier"
                case interpretation
            }
        }

        public struct Thresholds: Codable, Sendable {
            public var recency: [Double]
            public var frequency: [Double]
            public var monetary: [Double]
        }
    }

    package static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request? {
        guard let root = reader.object(body, allowed: ["bins", "today", "customers"]) else { return nil }
        let bins = reader.field(root, "bins", required: false) { reader.integer($0, min: 2, max: 10) }
        let today = reader.today(root, default: context.today)
        let customers = reader.customerHistories(root, today: today)
        guard let customers, reader.problems.isEmpty, !(root.has("bins") && bins == nil) else { return nil }
        return Request(bins: bins ?? 5, today: today, customers: customers)
    }

    public static func respond(to request: Request, context: ComputeContext) -> Response {
        let today = request.today ?? context.today
        let bins = request.bins
        let n = request.customers.count
        var recency = [Double](repeating: 0, count: n)
        var frequency = [Double](repeating: 0, count: n)
        var monetary = [Double](repeating: 0, count: n)
        for (index, customer) in request.customers.enumerated() {
            var latest = customer.transactions[0].date
            var total = 0.0
            for transaction in customer.transactions {
                latest = max(latest, transaction.date)
                total += transaction.amount
            }
            recency[index] = Double(latest.days(until: today))
            frequency[index] = Double(customer.transactions.count)
            monetary[index] = total
        }
        let recencyScale = QuantileScale(recency, bins: bins, descending: true)
        let frequencyScale = QuantileScale(frequency, bins: bins, descending: false)
        let monetaryScale = QuantileScale(monetary, bins: bins, descending: false)

        var scores: [(r: Int, f: Int, m: Int)] = []
        scores.reserveCapacity(n)
        for index in 0..<n {
            scores.append((recencyScale.score(recency[index]), frequencyScale.score(frequency[index]), monetaryScale.score(monetary[index])))
        }
        let totals = scores.map { Double($0.r + $0.f + $0.m) }
        let ranks = RankCounts(totals)
        let median = percentile(sorted: ranks.sorted, numerator: 1, denominator: 2)
        var counts = [Int](repeating: 0, count: Tier.allCases.count)
        var rows: [Response.Row] = []
        rows.reserveCapacity(n)
        for (index, customer) in request.customers.enumerated() {
            let (r, f, m) = scores[index]
            let total = r + f + m
            let tier: Tier
            if total >= 3 * bins - 2 {
                tier = .champion
            } else if ranks.inTop(Double(total), share: 0.3) {
                tier = .loyal
            } else if ranks.inBottom(Double(total), share: 0.2) {
                tier = .atRisk
            } else if Double(total) >= median {
                tier = .potential
            } else {
                tier = .promising
            }
            counts[Tier.allCases.firstIndex(of: tier)!] += 1
            rows.append(
                Response.Row(
                    customerId: customer.customerId,
                    recencyDays: Int(recency[index]),
                    frequency: Int(frequency[index]),
                    monetaryTotal: money(monetary[index]),
                    recencyScore: r,
                    frequencyScore: f,
                    monetaryScore: m,
                    rfmClass: bins <= 9 ? "\(r)\(f)\(m)" : "\(r)-\(f)-\(m)",
                    rfmTotal: total,
                    rfmTier: tier,
                    interpretation: interpretation(tier: tier, r: r, f: f, m: m, bins: bins)
                ))
        }
        return Response(
            customers: rows,
            thresholds: .init(
                recency: recencyScale.cuts.map { money($0) },
                frequency: frequencyScale.cuts.map { money($0) },
                monetary: monetaryScale.cuts.map { money($0) }
            ),
            tierCounts: TierCounts(zip(Tier.allCases, counts).map { ($0, $1) })
        )
    }

    /// RFM interpretation: the tier, then a word for each score's level.
    static func interpretation(tier: Tier, r: Int, f: Int, m: Int, bins: Int) -> String {
        func level(_ score: Int) -> Int {
            let fraction = Double(score - 1) / Double(bins - 1)
            if fraction >= 1 { return 4 }
            if fraction >= 0.5 { return 3 }
            if fraction >= 0.25 { return 2 }
            return 1
        }
        let recencyWords = ["long ago", "a while ago", "recent", "very recent"]
        let amountWords = ["low", "moderate", "high", "very high"]
        return
            "\(tier.rawValue) customer – last purchase was \(recencyWords[level(r) - 1]), buys with \(amountWords[level(f) - 1]) frequency and has \(amountWords[level(m) - 1]) spending."
    }
}

/// Quantile cut points of one RFM metric and the score they give (RFM thresholds and scores).
struct QuantileScale {
    /// bins − 1 cut points, ascending for frequency and monetary, descending for recency.
    let cuts: [Double]
    let descending: Bool
    let constant: Bool
    let bins: Int

    init(_ values: [Double], bins: Int, descending: Bool) {
        let sorted = values.sorted()
        self.bins = bins
        self.descending = descending
        constant = sorted.first == sorted.last
        cuts = (1..<bins).map { i in
            percentile(sorted: sorted, numerator: descending ? bins - i : i, denominator: bins)
        }
    }

    /// A scale with given cut points, as another cohort produced them (the source's 4.1.4 example).
    init(cuts: [Double], descending: Bool) {
        self.cuts = cuts
        self.descending = descending
        self.bins = cuts.count + 1
        constant = false
    }

    /// Right-closed bins: a value equal to a cut point takes the lower score; a constant metric gives every customer
    /// the middle score ⌈bins/2⌉.
    func score(_ value: Double) -> Int {
        if constant { return (bins + 1) / 2 }
        var score = 1
        for cut in cuts where descending ? value < cut : value > cut { score += 1 }
        return score
    }
}

extension CustomerRFM.Response.Row: JSONRepresentable {
    package var json: JSONValue {
        typealias Key = CodingKeys
        return .object([
            .init(Key.customerId.stringValue, .string(customerId)), .init(Key.recencyDays.stringValue, .number(Double(recencyDays))),
            .init(Key.frequency.stringValue, .number(Double(frequency))), .init(Key.monetaryTotal.stringValue, .number(monetaryTotal)),
            .init(Key.recencyScore.stringValue, .number(Double(recencyScore))),
            .init(Key.frequencyScore.stringValue, .number(Double(frequencyScore))),
            .init(Key.monetaryScore.stringValue, .number(Double(monetaryScore))), .init(Key.rfmClass.stringValue, .string(rfmClass)),
            .init(Key.rfmTotal.stringValue, .number(Double(rfmTotal))), .init(Key.rfmTier.stringValue, .string(rfmTier.rawValue)),
            .init(Key.interpretation.stringValue, .string(interpretation)),
        ])
    }
}
