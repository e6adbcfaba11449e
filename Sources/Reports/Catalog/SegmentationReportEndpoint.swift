import Engine

/// `segmentation_report` (spec/segmentation_report.md): a SEG body plus the report's members, answered as the JSON
/// pack, the XML pack or the HTML deck.
enum SegmentationReportEndpoint: EndpointDefinition {
    static let name = "segmentation_report"
    static let sourceSection: String? = nil
    static let specFile = "segmentation_report.md"
    static let summary = "Segmentation as a slide-ready report pack (HTML, XML or JSON)"
    static let requestSchema = EndpointSchemas.segmentationReportRequest
    static let responseSchema = EndpointSchemas.segmentationReportResponse
    static let documentedExample = DocumentedExamples.segmentationReport

    static func render(_ body: consuming JSONValue, context: ComputeContext) throws(CintelError) -> Endpoint.Rendering {
        try render(body, context: context, i18n: false)
    }

    static func render(_ body: consuming JSONValue, context: ComputeContext, i18n: Bool) throws(CintelError) -> Endpoint.Rendering {
        let reader = RequestReader(limits: context.limits)
        let read = read(body, reader: reader, i18n: i18n)
        _ = consume body
        let (request, options) = try reader.finish(read)
        return render(request, options: options, context: context)
    }

    /// REP-4: SEG's members with SEG's rules, then the report's own (REP-5), problems in schema order.
    static func read(_ body: JSONValue, reader: RequestReader, i18n: Bool) -> (PurchasingSegmentation.Request, ReportOptions)? {
        guard let dialect = PurchasingSegmentation.dialect(of: body, reader: reader) else { return nil }
        let extra = i18n ? ReportOptions.i18nMembers : ReportOptions.reportMembers
        guard let root = reader.object(body, allowed: PurchasingSegmentation.members(of: dialect) + extra) else { return nil }
        let segmentation = PurchasingSegmentation.readBody(root, dialect: dialect, reader: reader)
        let options = ReportOptions.read(
            root, reader: reader, allowed: extra, defaults: i18n ? (ReportLanguage.allCases, .json) : ([.en], .json))
        guard let segmentation, let options, reader.problems.isEmpty else { return nil }
        return (segmentation.request, options)
    }

    static func render(_ request: PurchasingSegmentation.Request, options: ReportOptions, context: ComputeContext) -> Endpoint.Rendering {
        render(pack: ReportPack(segmentation: request, context: context), options: options)
    }

    static func render(pack: ReportPack, options: ReportOptions) -> Endpoint.Rendering {
        let texts = options.locales.map { ReportText(pack: pack, locale: $0, currency: options.currency, reportDate: options.reportDate) }
        switch options.format {
        case .json:
            return .json(pack.json(options: options, texts: texts))
        case .xml:
            let xml = XMLPack.render(pack.json(options: options, texts: texts))
            return .document(EndpointAnswer(mediaType: "application/xml", bytes: Array(xml.utf8)))
        case .html:
            let html = HTMLDeck.render(pack: pack, texts: texts, currency: options.currency)
            return .document(EndpointAnswer(mediaType: "text/html; charset=utf-8", bytes: Array(html.utf8)))
        }
    }
}

/// `segmentation_report_json_i18n` (spec/segmentation_report.md): the JSON pack in every report language at once.
enum SegmentationReportI18nEndpoint: EndpointDefinition {
    static let name = "segmentation_report_json_i18n"
    static let sourceSection: String? = nil
    static let specFile = "segmentation_report.md"
    static let summary = "The JSON report pack in English, Spanish and Portuguese"
    static let requestSchema = EndpointSchemas.segmentationReportI18nRequest
    static let responseSchema = EndpointSchemas.segmentationReportResponse
    static let documentedExample = DocumentedExamples.segmentationReportI18n

    static func render(_ body: consuming JSONValue, context: ComputeContext) throws(CintelError) -> Endpoint.Rendering {
        try SegmentationReportEndpoint.render(body, context: context, i18n: true)
    }
}
