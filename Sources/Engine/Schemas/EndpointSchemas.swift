/// The JSON Schemas (draft 2020-12) of the bodies cintel exchanges. Each is a self-contained document in spec/schemas
/// (spec/README.md), listed as an `.embedInCode` resource of Engine in Package.swift and parsed once, at first use:
/// every endpoint's definition holds its request and response schema (`EndpointDefinition`), so a missing file is a
/// compile error. The error body every failure shares (ERR-1) and the report endpoints' documents are here.
package enum EndpointSchemas {
    /// The `$schema` URI every document declares.
    static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// JSON Schema of the error body (spec/general.md ERR-1).
    package static let error = document(PackageResources.error_json, file: "error.json")

    /// `segmentation_report`'s request; its types live in Reports, which renders them.
    package static let segmentationReportRequest = document(
        PackageResources.segmentation_report_request_json, file: "segmentation_report.request.json")
    package static let segmentationReportI18nRequest = document(
        PackageResources.segmentation_report_json_i18n_request_json, file: "segmentation_report_json_i18n.request.json")
    /// The JSON pack both report endpoints answer with.
    package static let segmentationReportResponse = document(
        PackageResources.segmentation_report_response_json, file: "segmentation_report.response.json")

    /// One embedded file. A file that is not JSON is a defect of that file: it traps at first use, which
    /// `SchemaFilesTests` exercises for every file.
    package static func document(_ bytes: [UInt8], file: String) -> JSONValue {
        do {
            return try JSONParser.parse(bytes, maxDepth: 64)
        } catch {
            preconditionFailure("spec/schemas/\(file) is not valid JSON: \(error)")
        }
    }
}
