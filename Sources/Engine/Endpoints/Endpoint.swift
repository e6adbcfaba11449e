/// What every request is computed against besides its body: the date `today` defaults to (GEN-6) and the size
/// limits in force (VAL-11).
public struct ComputeContext: Sendable {
    public var today: Day
    public var limits: Limits
    /// Benchmarks shared by the endpoints of one job (nil: every request computes its own).
    package var segmentationMemo: SegmentationMemo?
    /// Customers a job already holds as checked models (`AnalysisJob`): readers take them in place of the body's
    /// `customers` array, so millions of transactions are not serialised only to be parsed back. Nil for requests.
    package var suppliedCustomers: SuppliedCustomers?

    public init(today: Day = .todayUTC(), limits: Limits = .default) {
        self.today = today
        self.limits = limits
    }
}

/// An endpoint's computation: how to read its request from JSON (collecting every problem) and how to answer it.
package protocol EndpointComputation: SendableMetatype {
    associatedtype Request: Sendable
    associatedtype Response: Encodable & Sendable

    static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request?
    /// Throws only for what can be known after computing, such as a segment the computed labelling lacks (SUB-3).
    static func respond(to request: Request, context: ComputeContext) throws(CintelError) -> Response
}

/// One endpoint family of the API: its name, where the source and our spec describe it, and, once implemented, its
/// computation. The one registry (`Endpoint.all`) serves the command line, and later the server and the
/// conformance runner, so a new endpoint appears everywhere by being listed once.
public struct Endpoint: Sendable {
    public let name: String
    /// The section of the source API that details it, or nil when the source only names it.
    public let sourceSection: String?
    /// The file of `spec/` that specifies it.
    public let specFile: String
    public let summary: String
    private let handler: (@Sendable (consuming JSONValue, ComputeContext) throws(CintelError) -> Rendering)?

    /// What a handler produces: JSON (GEN-4), or a finished document in another media type (REP-8).
    package enum Rendering {
        case json(JSONValue)
        case document(EndpointAnswer)
    }

    /// Whether this build of cintel computes the endpoint.
    public var isServed: Bool { handler != nil }

    package init<C: EndpointComputation>(_ name: String, source: String?, spec: String, summary: String, computation: C.Type) {
        self.name = name
        self.sourceSection = source
        self.specFile = spec
        self.summary = summary
        self.handler = { (body: consuming JSONValue, context: ComputeContext) throws(CintelError) in
            let reader = RequestReader(limits: context.limits)
            reader.supplied = context.suppliedCustomers
            reader.segmentationMemo = context.segmentationMemo
            let read = C.read(body, reader: reader, context: context)
            // The parsed body can be as large as the request's models: free it before computing.
            _ = consume body
            let request = try reader.finish(read)
            return .json(try OrderedJSONEncoder.encode(C.respond(to: request, context: context)))
        }
    }

    /// An endpoint whose answer is computed by `render` from the parsed body, such as a report pack rendered by a
    /// module above Engine (REP-8).
    package init(
        _ name: String, source: String?, spec: String, summary: String,
        render: @escaping @Sendable (consuming JSONValue, ComputeContext) throws(CintelError) -> Rendering
    ) {
        self.name = name
        self.sourceSection = source
        self.specFile = spec
        self.summary = summary
        self.handler = render
    }

    package init(_ name: String, source: String?, spec: String, summary: String) {
        self.name = name
        self.sourceSection = source
        self.specFile = spec
        self.summary = summary
        self.handler = nil
    }

    /// Answers a request body: the response JSON, or the error every interface reports (ERR-1).
    public func respond(to body: some Collection<UInt8>, context: ComputeContext = ComputeContext(), pretty: Bool = true) throws(CintelError)
        -> [UInt8]
    {
        try answer(to: body, context: context, pretty: pretty).bytes
    }

    /// Answers a request body with its media type: JSON for every endpoint but the report packs' HTML and XML.
    public func answer(to body: some Collection<UInt8>, context: ComputeContext = ComputeContext(), pretty: Bool = true) throws(CintelError)
        -> EndpointAnswer
    {
        Self.answer(try render(body, context: context), pretty: pretty)
    }

    /// Answers a body it takes over: the bytes are freed once the request is read, so that the body and the
    /// computation's memory never add up (SRV-6).
    public func answer(taking body: consuming [UInt8], context: ComputeContext = ComputeContext(), pretty: Bool = true) throws(CintelError)
        -> EndpointAnswer
    {
        guard let handler else { throw .notImplemented(name, spec: "spec/\(specFile)") }
        return Self.answer(try handler(Self.parse(taking: body, context: context), context), pretty: pretty)
    }

    private static func answer(_ rendering: Rendering, pretty: Bool) -> EndpointAnswer {
        switch rendering {
        case .json(let value): EndpointAnswer(mediaType: EndpointAnswer.json, bytes: JSONWriter(pretty: pretty).bytes(value))
        case .document(let document): document
        }
    }

    /// Answers a request body in pieces handed to `emit` as they are written (for large responses).
    public func respond(
        to body: some Collection<UInt8>, context: ComputeContext = ComputeContext(), pretty: Bool = true,
        emit: @escaping (ArraySlice<UInt8>) -> Void
    ) throws(CintelError) {
        switch try render(body, context: context) {
        case .json(let value): JSONWriter(pretty: pretty).stream(value, emit)
        case .document(let document): emit(document.bytes[...])
        }
    }

    /// The JSON response of an endpoint that answers in JSON.
    package func respondValue(to body: some Collection<UInt8>, context: ComputeContext) throws(CintelError) -> JSONValue {
        switch try render(body, context: context) {
        case .json(let value): value
        case .document(let document): .string(String(decoding: document.bytes, as: UTF8.self))
        }
    }

    /// Answers an already parsed body (for endpoints that wrap another, such as the drawn hierarchy chart).
    package func render(json: consuming JSONValue, context: ComputeContext) throws(CintelError) -> Rendering {
        guard let handler else { throw .notImplemented(name, spec: "spec/\(specFile)") }
        return try handler(json, context)
    }

    private func render(_ body: some Collection<UInt8>, context: ComputeContext) throws(CintelError) -> Rendering {
        guard let handler else { throw .notImplemented(name, spec: "spec/\(specFile)") }
        return try handler(Self.parse(body, context: context), context)
    }

    /// A request body as JSON under the deployment's limits: 413 above the byte limit, 400 when malformed (ERR-3).
    /// The elements of its top-level arrays are deferred: readers build one customer at a time (SRV-6).
    package static func parse(_ body: some Collection<UInt8>, context: ComputeContext) throws(CintelError) -> JSONValue {
        try parse(taking: Array(body), context: context)
    }

    /// The same for a body handed over: its bytes are freed with the last deferred element.
    package static func parse(taking body: consuming [UInt8], context: ComputeContext) throws(CintelError) -> JSONValue {
        if body.count > context.limits.maxBodyBytes { throw .payloadTooLarge(limit: context.limits.maxBodyBytes, bytes: body.count) }
        do {
            return try JSONParser.parseDeferringElements(body, maxDepth: context.limits.maxDepth)
        } catch {
            throw .malformedJSON(offset: error.offset, reason: error.reason)
        }
    }

    /// Every endpoint family the source names, in the source's order (spec/README.md).
    public static let all: [Endpoint] = [
        Endpoint(
            "purchasing_segmentation", source: "4.1.1, 4.1.7", spec: "purchasing_segmentation.md",
            summary: "Benchmark clustering algorithms and return segments with personas", computation: PurchasingSegmentation.self),
        Endpoint(
            "segmentation_report", source: nil, spec: "segmentation_report.md",
            summary: "Segmentation as a slide-ready report pack (HTML, XML or JSON)"),
        Endpoint(
            "segmentation_report_json_i18n", source: nil, spec: "segmentation_report.md",
            summary: "The JSON report pack in English, Spanish and Portuguese"),
        Endpoint(
            "segment_hierarchy_chart", source: nil, spec: "segment_hierarchy_chart.md", summary: "Ward dendrogram data with the cut for the chosen k",
            computation: SegmentHierarchyChart.self),
        Endpoint(
            "segment_subsegment_explore", source: nil, spec: "segment_subsegment_explore.md", summary: "Re-segment one cluster into sub-segments",
            computation: SegmentSubsegmentExplore.self),
        Endpoint(
            "segment_cluster_profiles", source: nil, spec: "segment_cluster_profiles.md",
            summary: "Per-cluster statistics, lift, personas and actions", computation: SegmentClusterProfiles.self),
        Endpoint(
            "customer_segmentation", source: nil, spec: "customer_segmentation.md", summary: "Segment customers straight from their transactions",
            computation: CustomerSegmentation.self),
        Endpoint(
            "customer_features", source: "4.1.2", spec: "customer_features.md", summary: "Roll transactions up into six features per customer",
            computation: CustomerFeatures.self),
        Endpoint(
            "customer_loyalty", source: "4.1.3", spec: "customer_loyalty.md", summary: "Weighted min-max or percentile-rank loyalty index and tiers",
            computation: CustomerLoyalty.self),
        Endpoint(
            "customer_rfm", source: "4.1.4", spec: "customer_rfm.md", summary: "Quantile RFM scores, classes and tiers", computation: CustomerRFM.self
        ),
        Endpoint(
            "customer_clv_features", source: "4.1.5", spec: "customer_clv_features.md",
            summary: "BG/NBD summary statistics, churn flag and CLV potential tier", computation: CustomerCLVFeatures.self),
        Endpoint(
            "customer_clv_forecast", source: "4.1.6", spec: "customer_clv_forecast.md",
            summary: "Forecast discounted CLV with backtested model selection", computation: CustomerCLVForecast.self),
        Endpoint(
            "churn_risk", source: nil, spec: "churn_risk.md", summary: "Churn probability per customer from the cohort's BG/NBD fit",
            computation: ChurnRisk.self),
        Endpoint(
            "nps", source: nil, spec: "nps.md", summary: "Net Promoter Score with intervals, breakdowns and tests", computation: NetPromoterScore.self
        ),
        Endpoint(
            "churn_label", source: nil, spec: "churn_label.md", summary: "Label customers churned, active or undetermined as of a date",
            computation: ChurnLabel.self),
    ]

    public static func named(_ name: String) -> Endpoint? {
        all.first { $0.name == name }
    }
}

/// A response body and its media type.
public struct EndpointAnswer: Sendable {
    public static let json = "application/json"

    public var mediaType: String
    public var bytes: [UInt8]

    public init(mediaType: String, bytes: [UInt8]) {
        self.mediaType = mediaType
        self.bytes = bytes
    }
}
