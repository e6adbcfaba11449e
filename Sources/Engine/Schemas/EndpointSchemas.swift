/// The JSON Schemas (draft 2020-12) of the bodies cintel exchanges: the request and 200 response of every served
/// endpoint, and the error body every failure shares (ERR-1). Each is a self-contained document in spec/schemas
/// (spec/README.md), embedded in the binary at build time and parsed once, at first use.
package enum EndpointSchemas {
    /// The `$schema` URI every document declares.
    static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// JSON Schema (2020-12) of the request body of `endpoint`, or nil when this build does not serve it.
    package static func request(_ endpoint: String) -> JSONValue? {
        documents["\(endpoint).request.json"]
    }

    /// JSON Schema of the 200 response body. The two report endpoints answer the same JSON pack.
    package static func response(_ endpoint: String) -> JSONValue? {
        documents["\(endpoint == "segmentation_report_json_i18n" ? "segmentation_report" : endpoint).response.json"]
    }

    /// JSON Schema of the error body (spec/general.md ERR-1).
    package static let error: JSONValue = {
        guard let error = documents["error.json"] else { preconditionFailure("spec/schemas/error.json is not embedded") }
        return error
    }()

    /// Every document by its file name in spec/schemas. A file that is not JSON is a defect of that file: it traps at
    /// first use, which `SchemaFilesTests` exercises for every file.
    static let documents: [String: JSONValue] = Dictionary(
        uniqueKeysWithValues: embedded.map { file, bytes in
            do {
                return (file, try JSONParser.parse(bytes, maxDepth: 64))
            } catch {
                preconditionFailure("spec/schemas/\(file) is not valid JSON: \(error)")
            }
        })

    /// The files of spec/schemas, each listed as an `.embedInCode` resource of Engine in Package.swift.
    private static let embedded: [(String, [UInt8])] = [
        ("churn_label.request.json", PackageResources.churn_label_request_json),
        ("churn_label.response.json", PackageResources.churn_label_response_json),
        ("churn_risk.request.json", PackageResources.churn_risk_request_json),
        ("churn_risk.response.json", PackageResources.churn_risk_response_json),
        ("customer_clv_features.request.json", PackageResources.customer_clv_features_request_json),
        ("customer_clv_features.response.json", PackageResources.customer_clv_features_response_json),
        ("customer_clv_forecast.request.json", PackageResources.customer_clv_forecast_request_json),
        ("customer_clv_forecast.response.json", PackageResources.customer_clv_forecast_response_json),
        ("customer_features.request.json", PackageResources.customer_features_request_json),
        ("customer_features.response.json", PackageResources.customer_features_response_json),
        ("customer_loyalty.request.json", PackageResources.customer_loyalty_request_json),
        ("customer_loyalty.response.json", PackageResources.customer_loyalty_response_json),
        ("customer_rfm.request.json", PackageResources.customer_rfm_request_json),
        ("customer_rfm.response.json", PackageResources.customer_rfm_response_json),
        ("customer_segmentation.request.json", PackageResources.customer_segmentation_request_json),
        ("customer_segmentation.response.json", PackageResources.customer_segmentation_response_json),
        ("error.json", PackageResources.error_json),
        ("nps.request.json", PackageResources.nps_request_json),
        ("nps.response.json", PackageResources.nps_response_json),
        ("purchasing_segmentation.request.json", PackageResources.purchasing_segmentation_request_json),
        ("purchasing_segmentation.response.json", PackageResources.purchasing_segmentation_response_json),
        ("segment_cluster_profiles.request.json", PackageResources.segment_cluster_profiles_request_json),
        ("segment_cluster_profiles.response.json", PackageResources.segment_cluster_profiles_response_json),
        ("segment_hierarchy_chart.request.json", PackageResources.segment_hierarchy_chart_request_json),
        ("segment_hierarchy_chart.response.json", PackageResources.segment_hierarchy_chart_response_json),
        ("segment_subsegment_explore.request.json", PackageResources.segment_subsegment_explore_request_json),
        ("segment_subsegment_explore.response.json", PackageResources.segment_subsegment_explore_response_json),
        ("segmentation_report.request.json", PackageResources.segmentation_report_request_json),
        ("segmentation_report.response.json", PackageResources.segmentation_report_response_json),
        ("segmentation_report_json_i18n.request.json", PackageResources.segmentation_report_json_i18n_request_json),
    ]
}
