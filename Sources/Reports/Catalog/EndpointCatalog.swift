import Engine

/// Every endpoint of the API, in the source's order (spec/README.md). It lives here, the lowest module that sees
/// every definition (the report packs and the drawn chart need renderers that Engine does not import). The command
/// line, the server, OpenAPI and the conformance runner all read this one array.
public enum EndpointCatalog {
    public static let all: [Endpoint] = [
        Endpoint(PurchasingSegmentation.self),
        Endpoint(SegmentationReportEndpoint.self),
        Endpoint(SegmentationReportI18nEndpoint.self),
        Endpoint(SegmentHierarchyChartEndpoint.self),
        Endpoint(SegmentSubsegmentExplore.self),
        Endpoint(SegmentClusterProfiles.self),
        Endpoint(CustomerSegmentation.self),
        Endpoint(CustomerFeatures.self),
        Endpoint(CustomerLoyalty.self),
        Endpoint(CustomerRFM.self),
        Endpoint(CustomerCLVFeatures.self),
        Endpoint(CustomerCLVForecast.self),
        Endpoint(ChurnRisk.self),
        Endpoint(NetPromoterScore.self),
        Endpoint(ChurnLabel.self),
    ]

    public static func named(_ name: String) -> Endpoint? {
        all.first { $0.name == name }
    }
}
