import Engine

/// A report computed once and rendered in any languages and formats: what `cintel report` and `cintel demo` use to
/// write several documents from one segmentation run.
public struct SegmentationReport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case html, xml, json
    }

    private let pack: ReportPack
    private let options: ReportOptions

    /// Reads a `segmentation_report` body (a `purchasing_segmentation` body, report members optional) and runs the
    /// segmentation; throws the API's error for an invalid body.
    public init(body: some Collection<UInt8>, context: ComputeContext = ComputeContext()) throws(CintelError) {
        try self.init(json: Endpoint.parse(body, context: context), context: context)
    }

    /// The same from a parsed body; a context with a `SegmentationMemo` reuses a segmentation already run on the
    /// same rows (how `cintel analyze` writes its packs without segmenting again).
    package init(json: JSONValue, context: ComputeContext) throws(CintelError) {
        let reader = RequestReader(limits: context.limits)
        reader.segmentationMemo = context.segmentationMemo
        let read = SegmentationReportEndpoint.read(json, reader: reader, i18n: false)
        let (request, options) = try reader.finish(read)
        self.options = options
        let clock = ContinuousClock()
        let start = clock.now
        let result = context.segmentation(PurchasingSegmentation.setup(for: request, context: context))
        let segmented = clock.now
        pack = ReportPack(result: result, request: request)
        segmentationSeconds = Self.seconds(start.duration(to: segmented))
        packSeconds = Self.seconds(segmented.duration(to: clock.now))
    }

    /// Time spent segmenting (SEG's own work) and building the pack from it, for `cintel report --timings`.
    public let segmentationSeconds: Double
    public let packSeconds: Double

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The languages the body asked for (REP-2), `en` by default.
    public var requestedLanguages: [String] { options.languages.map(\.rawValue) }

    /// The report in `languages` (codes `en`, `es`, `pt`; each language's locale as the body chose or its default).
    public func render(languages: [String], format: Format) -> EndpointAnswer {
        var options = self.options
        let chosen = Dictionary(uniqueKeysWithValues: self.options.locales.map { ($0.language, $0) })
        options.languages = languages.compactMap(ReportLanguage.init(rawValue:))
        options.locales = options.languages.map { chosen[$0] ?? $0.defaultLocale }
        options.format = format
        switch SegmentationReportEndpoint.render(pack: pack, options: options) {
        case .json(let value): return EndpointAnswer(mediaType: EndpointAnswer.json, bytes: JSONWriter().bytes(value))
        case .document(let document): return document
        }
    }
}
