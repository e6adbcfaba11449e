import Engine

/// Every endpoint of the API as this build serves it: Engine's registry with the endpoints that need a renderer
/// (the report packs, the drawn hierarchy chart) completed here, since Engine imports nothing above it.
public enum APIEndpoints {
    public static let all: [Endpoint] = Endpoint.all.map { endpoint in
        switch endpoint.name {
        case "segmentation_report": SegmentationReportEndpoint.endpoint(from: endpoint, i18n: false)
        case "segmentation_report_json_i18n": SegmentationReportEndpoint.endpoint(from: endpoint, i18n: true)
        case "segment_hierarchy_chart": HierarchyChartDrawing.endpoint(wrapping: endpoint)
        default: endpoint
        }
    }

    public static func named(_ name: String) -> Endpoint? {
        all.first { $0.name == name }
    }
}
