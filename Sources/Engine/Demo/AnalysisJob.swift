/// What the analysis of one customer base starts from: every customer's history, the snapshot day, and optionally
/// the loyalty indicators and survey answers the data team has. The demo retailer is one; an orders file is another.
public struct CustomerBase: Sendable {
    public var today: Day
    public var customers: [CustomerHistory]
    /// One per customer in `customers` order, each in [0, 1] (FEAT-10); nil when the data has none.
    public var loyaltyScores: [Double?]?
    public var surveyAnswers: [SurveyAnswer]

    public struct SurveyAnswer: Sendable {
        public var customerId: String?
        public var score: Int
        public var date: Day
        public var channel: String?

        public init(customerId: String?, score: Int, date: Day, channel: String? = nil) {
            self.customerId = customerId
            self.score = score
            self.date = date
            self.channel = channel
        }
    }

    public init(today: Day, customers: [CustomerHistory], loyaltyScores: [Double?]? = nil, surveyAnswers: [SurveyAnswer] = []) {
        self.today = today
        self.customers = customers
        self.loyaltyScores = loyaltyScores
        self.surveyAnswers = surveyAnswers
    }

    public var transactionCount: Int { customers.reduce(0) { $0 + $1.transactions.count } }
}

/// The main job on a customer base: every endpoint this build serves, fed the way a data team would chain them
/// (transactions → features → loyalty and segmentation; transactions → RFM, CLV and churn; answers → NPS). Pure: it
/// returns the documents and the caller decides where they go.
public struct AnalysisJob: Sendable {
    public struct Step: Sendable {
        public var endpoint: String
        public var request: [UInt8]
        public var response: [UInt8]
        /// One line for people: what this step found.
        public var headline: String
    }

    /// A step as it finishes, for callers that write each answer out and let it go: the response as JSON and the
    /// request rebuilt only if asked for (a history request of millions of transactions is not kept around).
    package struct Stage {
        package var endpoint: String
        package var request: () -> JSONValue
        package var response: JSONValue
        package var headline: String
    }

    public let base: CustomerBase
    /// Told what the job starts next ("computing customer_rfm"), for progress on long runs.
    public var progress: (@Sendable (String) -> Void)?
    /// Months ahead for `customer_clv_forecast` (CLV-3).
    public var horizonMonths: Int?

    public init(base: CustomerBase) {
        self.base = base
    }

    public init(retailer: DemoRetailer = DemoRetailer()) {
        self.init(base: retailer.base)
    }

    /// Every step's request and response as bytes, in order (small bases: the demo, tests).
    public func run(limits: Limits = .default) throws(CintelError) -> [Step] {
        var steps: [Step] = []
        do {
            try run(context: ComputeContext(today: base.today, limits: limits)) { stage in
                steps.append(
                    Step(
                        endpoint: stage.endpoint, request: JSONWriter().bytes(stage.request()), response: JSONWriter().bytes(stage.response),
                        headline: stage.headline))
            }
        } catch let error as CintelError {
            throw error
        } catch {
            preconditionFailure("collecting steps does not throw: \(error)")
        }
        return steps
    }

    /// Runs every step against `context` (give it a `SegmentationMemo` to segment the same rows once) and hands each
    /// one to `each` as it finishes; stops at the first error, the endpoint's or `each`'s.
    package func run(context: ComputeContext, each: (Stage) throws -> Void) throws {
        // The histories are checked once, by the endpoints' own reader, and then handed to each endpoint as models.
        progress?("checking \(base.customers.count) customers' \(base.transactionCount) transactions")
        var typed = context
        typed.suppliedCustomers = try SuppliedCustomers.checked(
            base.customers, loyaltyScores: base.loyaltyScores, today: base.today, limits: context.limits)

        // The feature-chained steps hold a million-row JSON or two; they are released when that function returns.
        try runFeatureChain(typed: typed, context: context, each)
        context.segmentationMemo?.forgetRows()

        // The same customers straight from their transactions: one call instead of features + segmentation (CSEG-2).
        try step(CustomerSegmentation.self, { featuresRequest() }, computing: featuresRequest(.supplied), typed, each) { response in
            let rows = response["customers"]?.elementCount ?? 0
            return "\(rows) customers segmented from their transactions; best: "
                + (response["best_algorithm"]?.stringValue ?? "none") + " "
                + JSONWriter(pretty: false).string(response["best_params"] ?? .null)
        }
        // No later step segments: the benchmarks' labels and trees can go.
        context.segmentationMemo?.removeAll()

        try step(CustomerRFM.self, { historyRequest() }, computing: historyRequest(.supplied), typed, each) {
            "RFM tiers: " + Self.counts($0["tier_counts"])
        }
        try step(CustomerCLVFeatures.self, { historyRequest() }, computing: historyRequest(.supplied), typed, each) { response in
            let summary = response["summary"]
            let repeatBuyers = summary?["repeat_buyers"].map { JSONWriter(pretty: false).string($0) } ?? "?"
            let churned = summary?["churned"].map { JSONWriter(pretty: false).string($0) } ?? "?"
            return "\(repeatBuyers) repeat buyers, \(churned) churned; CLV potential: " + Self.counts(summary?["tier_counts"])
        }
        // Rule-based churn labels on the same history, each customer judged against their own rhythm (CHL-5).
        try step(ChurnLabel.self, { churnRequest() }, computing: churnRequest(.supplied), typed, each) { response in
            let summary = response["summary"]
            let text = { (value: JSONValue?) in value.map { JSONWriter(pretty: false).string($0) } ?? "?" }
            return "adaptive labels: \(text(summary?["churned"])) churned, \(text(summary?["active"])) active, "
                + "\(text(summary?["undetermined"])) undetermined; churn rate \(text(summary?["churn_rate"]))"
        }

        // Model-based churn risk: 1 − P(alive) from the cohort's BG/NBD fit (CHR-3).
        try step(ChurnRisk.self, { historyRequest() }, computing: historyRequest(.supplied), typed, each) { response in
            let text = { (value: JSONValue?) in value.map { JSONWriter(pretty: false).string($0) } ?? "?" }
            let model = response["model"]
            return "BG/NBD \(model?["status"]?.stringValue ?? "?") (r \(text(model?["parameters"]?["r"]))), bands "
                + Self.counts(response["summary"]?["band_counts"])
                + "; expected inactive \(text(response["summary"]?["expected_inactive_customers"]))"
        }

        // Discounted CLV (12 months unless asked): BG/NBD + Gamma-Gamma against the booster in a backtest (CLV-28).
        try step(CustomerCLVForecast.self, { forecastRequest() }, computing: forecastRequest(.supplied), typed, each) { response in
            let text = { (value: JSONValue?) in value.map { JSONWriter(pretty: false).string($0) } ?? "?" }
            return "\(response["best_algorithm"]?.stringValue ?? "?") by \(text(response["selection"]?["method"])) "
                + "(MAE \(text(response["evaluation_mae"]))); total \(text(response["horizon_months"]))-month CLV \(text(response["summary"]?["total_predicted_clv"])); tiers "
                + Self.counts(response["summary"]?["tier_counts"])
        }

        // The post-purchase survey: NPS overall, by channel and month, last full month against the one before.
        guard let npsRequest else { return }
        try step(NetPromoterScore.self, { npsRequest }, context, each) { response in
            let overall = response["overall"]
            let text = { (value: JSONValue?) in value.map { JSONWriter(pretty: false).string($0) } ?? "?" }
            let comparison = response["comparison"]
            return "NPS \(text(overall?["nps"])) (95 % \(text(overall?["interval"]?["lower"]))…\(text(overall?["interval"]?["upper"]))) from "
                + "\(text(overall?["responses"])) answers; last month vs the one before: \(text(comparison?["difference"])) points, "
                + "p = \(text(comparison?["p_value"]))"
        }
    }

    /// The loyalty step's request: the features rows scored by percentile rank (LOY-28), because real bases have a few
    /// customers who spend and visit far beyond the rest, and min-max would press everybody else into At-Risk.
    static func loyaltyRequest(_ rows: JSONValue) -> JSONValue {
        .object([.init("normalization", .string(CustomerLoyalty.Normalization.rank.rawValue)), .init("customers", rows)])
    }

    /// Features, then what is computed from their rows: loyalty, the segmentation, its profiles, the sub-segments of
    /// the largest segment and the Ward tree.
    private func runFeatureChain(typed: ComputeContext, context: ComputeContext, _ each: (Stage) throws -> Void) throws {
        let retailer = base
        let features = try step(CustomerFeatures.self, { featuresRequest() }, computing: featuresRequest(.supplied), typed, each) { response in
            let rows = response["customers"].flatMap { if case .array(let rows) = $0 { rows } else { nil } } ?? []
            return "\(rows.count) customers rolled up from \(retailer.transactionCount) transactions"
        }

        // The features response's rows are valid loyalty customers: post them as they are (LOY chaining).
        let rows = features["customers"] ?? .array([])
        try step(CustomerLoyalty.self, { Self.loyaltyRequest(rows) }, context, each) { response in
            "loyalty tiers (\(response["summary"]?["normalization"]?.stringValue ?? "?") normalization): "
                + Self.counts(response["summary"]?["segment_counts"])
        }

        // …and valid rows of the segmentation's features dialect (SEG-10).
        let segmentation = try step(PurchasingSegmentation.self, { Self.segmentationRequest(rows) }, context, each) { response in
            guard let algorithm = response["best_algorithm"]?.stringValue, case .array(let clusters)? = response["clusters"] else {
                return "no model qualified: one segment"
            }
            let names = clusters.map { cluster in
                "\(cluster["persona"]?["name"]?.stringValue ?? "?") \(JSONWriter(pretty: false).string(cluster["size"] ?? .null))"
            }
            return "\(algorithm) \(JSONWriter(pretty: false).string(response["best_params"] ?? .null)): " + names.joined(separator: ", ")
        }

        // The segments just found, profiled: the same rows with the answer's labels as cluster_id (PROF-2).
        let labelledRows = Self.labelled(rows, by: segmentation["customer_labels"])
        try step(SegmentClusterProfiles.self, { .object([.init("data", labelledRows)]) }, context, each) { response in
            let clusters = response["clusters"]?.elementCount ?? 0
            return
                "\(clusters) segment profiles with quartiles and lift against \(response["population"]?["size"].map { JSONWriter(pretty: false).string($0) } ?? "?") customers"
        }

        // The largest segment, segmented again within itself (SUB-4).
        let largest = Self.largestSegment(segmentation["clusters"])
        try step(
            SegmentSubsegmentExplore.self, { .object([.init("parent_id", .number(Double(largest))), .init("data", labelledRows)]) }, context, each
        ) {
            response in
            let names = (response["subsegments"]?.elements ?? []).map { sub in
                "\(sub["id"]?.stringValue ?? "?") \(sub["persona"]?["name"]?.stringValue ?? "?") \(JSONWriter(pretty: false).string(sub["size"] ?? .null))"
            }
            return "segment \(largest) split into " + names.joined(separator: ", ")
        }

        // The Ward tree of the same rows, cut where the agglomerative models choose and truncated for a chart.
        try step(SegmentHierarchyChart.self, { .object([.init("data", rows), .init("p", .number(12))]) }, context, each) { response in
            let cut = response["cut"]
            let k = cut?["k"].map { JSONWriter(pretty: false).string($0) } ?? "no"
            let height = cut?["height"].map { JSONWriter(pretty: false).string($0) } ?? "-"
            return
                "Ward tree of \(JSONWriter(pretty: false).string(response["n_leaves"] ?? .null)) leaves: \(k) segments, cut at height \(height)"
        }
    }

    // MARK: Requests

    /// The `customers` a request carries: every history as JSON (what is written, and what `cintel request` prints),
    /// or an empty array when the job supplies them as models (`SuppliedCustomers`).
    private enum Customers { case json, supplied }

    /// Every customer's history with the loyalty indicators, as `customer_features` (and `customer_segmentation`) take it.
    private func featuresRequest(_ customers: Customers = .json) -> JSONValue {
        let list: JSONValue =
            customers == .supplied
            ? .array([])
            : .array(
                base.customers.indices.map { index in
                    var members: [JSONValue.Member] = [.init("customer_id", .string(base.customers[index].customerId))]
                    if let score = base.loyaltyScores?[index] ?? nil { members.append(.init("loyalty_score", .number(score))) }
                    members.append(.init("transactions", .array(base.customers[index].transactions.map(\.json))))
                    return .object(members)
                })
        return .object([.init("today", .string(base.today.description)), .init("customers", list)])
    }

    private func histories(_ customers: Customers) -> JSONValue {
        guard customers == .json else { return .array([]) }
        return .array(
            base.customers.map {
                .object([.init("customer_id", .string($0.customerId)), .init("transactions", .array($0.transactions.map(\.json)))])
            })
    }

    /// `today` and the histories: RFM, CLV features and churn risk.
    private func historyRequest(_ customers: Customers = .json) -> JSONValue {
        .object([.init("today", .string(base.today.description)), .init("customers", histories(customers))])
    }

    /// Churn labels against each customer's own rhythm (CHL-5).
    private func churnRequest(_ customers: Customers = .json) -> JSONValue {
        .object([
            .init("today", .string(base.today.description)), .init("method", .string("adaptive")),
            .init("min_threshold_days", .number(30)), .init("customers", histories(customers)),
        ])
    }

    /// The history with the horizon when one is asked for (CLV-2).
    private func forecastRequest(_ customers: Customers = .json) -> JSONValue {
        guard let horizonMonths, case .object(var members) = historyRequest(customers) else { return historyRequest(customers) }
        members.insert(.init("horizon_months", .number(Double(horizonMonths))), at: 1)
        return .object(members)
    }

    /// The survey answers with the last full month compared against the one before (NPS-2, NPS-12); nil without answers.
    private var npsRequest: JSONValue? {
        let answers = base.surveyAnswers
        guard !answers.isEmpty else { return nil }
        let (year, month, _) = base.today.components
        let thisMonth = Day(year: year, month: month, day: 1)!
        let lastMonth = thisMonth.adding(days: -1)
        let (lastYear, lastMonthNumber, _) = lastMonth.components
        let lastMonthStart = Day(year: lastYear, month: lastMonthNumber, day: 1)!
        let previousStart = Day(
            year: lastMonthStart.adding(days: -1).components.year, month: lastMonthStart.adding(days: -1).components.month, day: 1)!
        func period(_ from: Day, _ to: Day) -> JSONValue {
            .object([.init("from", .string(from.description)), .init("to", .string(to.description))])
        }
        // Months before 1900 cannot be named in a request (VAL-6) and hold no answers (ING-7): no comparison then.
        let compare: [JSONValue.Member] =
            previousStart < DayRange.first
            ? []
            : [
                .init(
                    "compare",
                    .object([
                        .init("baseline", period(previousStart, lastMonthStart.adding(days: -1))),
                        .init("current", period(lastMonthStart, lastMonth)),
                    ]))
            ]
        return JSONValue.object(
            [
                .init("today", .string(base.today.description)),
                .init(
                    "responses",
                    .array(
                        answers.map {
                            .object(
                                [.init("score", .number(Double($0.score)))]
                                    + ($0.customerId.map { [.init("customer_id", .string($0))] } ?? [])
                                    + [.init("date", .string($0.date.description))]
                                    + ($0.channel.map { [.init("segment", .string($0))] } ?? []))
                        })),
            ] + compare)
    }

    /// The request the job would send to `endpoint`, built from the base alone where it can be and otherwise after
    /// computing what it depends on (features for the segmentation family, the segmentation for profiles): what a
    /// caller of a remote instance posts (`cintel request`). Nil for an endpoint the job does not call.
    package func request(for endpoint: String, limits: Limits = .default) throws(CintelError) -> JSONValue? {
        let context = ComputeContext(today: base.today, limits: limits)
        switch endpoint {
        case "customer_features", "customer_segmentation": return featuresRequest()
        case "customer_rfm", "customer_clv_features", "churn_risk": return historyRequest()
        case "churn_label": return churnRequest()
        case "customer_clv_forecast": return forecastRequest()
        case "nps": return npsRequest
        case "customer_loyalty", "purchasing_segmentation", "segmentation_report", "segment_hierarchy_chart",
            "segment_cluster_profiles", "segment_subsegment_explore":
            break
        default: return nil
        }
        let rows = try CustomerFeatures.compute(featuresRequest(), context: context)["customers"] ?? .array([])
        switch endpoint {
        case "customer_loyalty": return Self.loyaltyRequest(rows)
        case "purchasing_segmentation", "segmentation_report": return Self.segmentationRequest(rows)
        case "segment_hierarchy_chart": return .object([.init("data", rows), .init("p", .number(12))])
        default: break
        }
        let segmentation = try PurchasingSegmentation.compute(Self.segmentationRequest(rows), context: context)
        let labelled = Self.labelled(rows, by: segmentation["customer_labels"])
        if endpoint == "segment_cluster_profiles" { return .object([.init("data", labelled)]) }
        return .object([.init("parent_id", .number(Double(Self.largestSegment(segmentation["clusters"])))), .init("data", labelled)])
    }

    /// The segmentation the job runs on the features rows (SEG-10): the defaults, with SEG-74's stability, so that
    /// the per-customer table and the reports say how much the segments can be trusted.
    static func segmentationRequest(_ rows: JSONValue) -> JSONValue {
        .object([.init("data", rows), .init("stability", .bool(true))])
    }

    /// Computes one endpoint on the request `request` builds, hands the stage to `each` and returns the response.
    /// `body`, when given, is what is computed instead: the request without its customers, which `context` supplies.
    @discardableResult
    private func step<E: EndpointDefinition & EndpointComputation>(
        _ endpoint: E.Type, _ request: @escaping () -> JSONValue, computing body: JSONValue? = nil, _ context: ComputeContext,
        _ each: (Stage) throws -> Void, headline: (JSONValue) -> String
    ) throws -> JSONValue {
        progress?("computing \(E.name)")
        // In-process: the parsed request goes straight to the endpoint, without the text round trip.
        let response = try E.compute(body ?? request(), context: context)
        try each(Stage(endpoint: E.name, request: request, response: response, headline: headline(response)))
        return response
    }

    /// The rows with each one's `cluster_id` from `labels` (`[{customer_id, cluster_id}]`, same order).
    private static func labelled(_ rows: JSONValue?, by labels: JSONValue?) -> JSONValue {
        guard case .array(let rows)? = rows, case .array(let labels)? = labels, rows.count == labels.count else { return rows ?? .array([]) }
        return .array(
            zip(rows, labels).map { row, label in
                guard case .object(let members) = row else { return row }
                return .object(members + [.init("cluster_id", label["cluster_id"] ?? .null)])
            })
    }

    /// The id of the largest segment of a features-dialect answer (ties: the lowest id).
    private static func largestSegment(_ clusters: JSONValue?) -> Int {
        var best: (id: Int, size: Double) = (0, -1)
        for cluster in clusters?.elements ?? [] {
            guard case .number(let id)? = cluster["cluster_id"], case .number(let size)? = cluster["size"] else { continue }
            if size > best.size { best = (Int(id), size) }
        }
        return best.id
    }

    private static func counts(_ value: JSONValue?) -> String {
        guard case .object(let members)? = value else { return "" }
        return members.map { "\($0.key) \(JSONWriter(pretty: false).string($0.value))" }.joined(separator: ", ")
    }
}
