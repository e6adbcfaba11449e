/// `segmentation_report` and `segmentation_report_json_i18n` (spec/segmentation_report.md): SEG's body plus the
/// report's members, and the JSON pack. The HTML and XML answers are documents (REP-8); the XML one has its XSD.
extension EndpointSchemas {
    static let segmentationReportRequest = segmentationRequest(
        title: "segmentation_report request",
        description:
            "Request body of POST /api/v1/ai/segmentation_report (spec/segmentation_report.md): a purchasing_segmentation body in either dialect (REP-2, REP-4) plus languages, format, locales, currency and report_date (REP-2, REP-5). Checked by the engine only: a locale for a language not requested (REP-5), SEG's own engine-only rules.",
        extraProperties: reportMembers(languagesAndFormat: true))

    static let segmentationReportI18nRequest = segmentationRequest(
        title: "segmentation_report_json_i18n request",
        description:
            "Request body of POST /api/v1/ai/segmentation_report_json_i18n (spec/segmentation_report.md, REP-3): a purchasing_segmentation body plus locales, currency and report_date; the answer is the JSON pack in en, es and pt.",
        extraProperties: reportMembers(languagesAndFormat: false))

    static func reportMembers(languagesAndFormat: Bool) -> String {
        let chosen =
            languagesAndFormat
            ? #"""
            "languages": { "description": "Languages of the text part, in order, no repeats (REP-2, REP-9; a repeat is refused by the engine, duplicate_id). Absent means [\"en\"].", "type": "array", "minItems": 1, "maxItems": 3, "items": { "description": "A language code (REP-2).", "enum": ["en", "es", "pt"] } },
            "format": { "description": "Answer format (REP-8). Absent means json.", "enum": ["html", "xml", "json"] },
            """# : ""
        return chosen + #"""
            "locales": {
              "description": "Locale per requested language (REP-40); absent languages take en_US, es_ES, pt_BR.",
              "type": "object",
              "properties": {
                "en": { "description": "English locale (REP-40).", "enum": ["en_US", "en_GB"] },
                "es": { "description": "Spanish locale (REP-40).", "enum": ["es_ES", "es_MX"] },
                "pt": { "description": "Portuguese locale (REP-40).", "enum": ["pt_BR", "pt_PT"] }
              },
              "additionalProperties": false
            },
            "currency": { "description": "ISO 4217 code that labels amounts, never converted (REP-43). Absent means USD.", "type": "string", "pattern": "^[A-Z]{3}$" },
            "report_date": { "description": "Date printed on the report, never used in a computation (REP-7).", "type": "string", "format": "date" },
            """#
    }

    /// REP-50 … REP-57, the members every pack has and the closed vocabularies; the text parts' strings are free.
    static let segmentationReportResponse: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "segmentation_report JSON pack",
          "description": "The JSON pack (spec/segmentation_report.md, REP-50 … REP-57): a language-independent data part, then one text part per language. format html answers text/html (REP-63 … REP-70), format xml application/xml valid against schemas/segmentation-report.xsd (REP-58 … REP-62).",
          "type": "object",
          "required": ["meta", "kpis", "verdicts", "scorecard", "personas", "noise", "charts", "text"],
          "additionalProperties": false,
          "properties": {
            "meta": {
              "description": "REP-51.",
              "type": "object",
              "required": ["schema_version", "report_date", "languages", "locales", "currency", "dialect", "parameters"],
              "additionalProperties": false,
              "properties": {
                "schema_version": { "description": "REP-51.", "const": 1 },
                "report_date": { "description": "REP-7.", "type": ["string", "null"] },
                "languages": { "description": "REP-51.", "type": "array", "items": { "description": "A language.", "enum": ["en", "es", "pt"] } },
                "locales": { "description": "REP-51.", "type": "object" },
                "currency": { "description": "REP-43.", "type": "string" },
                "dialect": { "description": "REP-2.", "enum": ["features", "customers"] },
                "parameters": { "description": "SEG's parameters with defaults (REP-51).", "type": "object" }
              }
            },
            "kpis": {
              "description": "REP-15.",
              "type": "object",
              "required": ["n_customers", "n_clusters", "best_algorithm", "best_params", "silhouette", "davies_bouldin", "calinski_harabasz", "largest_cluster_share", "noise_share", "total_spend", "mean_spend", "mean_frequency"],
              "additionalProperties": false,
              "properties": {
                "n_customers": { "description": "REP-15.", "type": "integer", "minimum": 0 },
                "n_clusters": { "description": "REP-15.", "type": "integer", "minimum": 0 },
                "best_algorithm": { "description": "REP-14.", "enum": ["kmeans", "gmm", "agglo", "dbscan", null] },
                "best_params": { "description": "REP-15.", "type": ["object", "null"] },
                "silhouette": { "description": "REP-15.", "type": ["number", "null"] },
                "davies_bouldin": { "description": "REP-15.", "type": ["number", "null"] },
                "calinski_harabasz": { "description": "REP-15.", "type": ["number", "null"] },
                "largest_cluster_share": { "description": "REP-15.", "type": ["number", "null"] },
                "noise_share": { "description": "REP-15.", "type": ["number", "null"] },
                "total_spend": { "description": "REP-15.", "type": "number" },
                "mean_spend": { "description": "REP-15.", "type": "number" },
                "mean_frequency": { "description": "REP-15.", "type": "number" }
              }
            },
            "verdicts": {
              "description": "REP-16 … REP-20.",
              "type": "object",
              "required": ["silhouette", "davies_bouldin", "overall", "advice"],
              "additionalProperties": false,
              "properties": {
                "silhouette": { "description": "REP-16.", "enum": ["strong", "good", "fair", "poor", null] },
                "davies_bouldin": { "description": "REP-17.", "enum": ["great", "good", "weak", null] },
                "overall": { "description": "REP-18.", "enum": ["excellent", "good", "fair", "poor", "inconclusive"] },
                "advice": { "description": "REP-20.", "type": "array", "items": { "description": "An advice code.", "enum": ["keep_k", "retune", "check_inputs"] } }
              },
              "examples": [{ "silhouette": "strong", "davies_bouldin": "great", "overall": "excellent", "advice": ["keep_k"] }]
            },
            "scorecard": { "description": "REP-21: one row per model SEG evaluated.", "type": "array", "items": { "description": "A model.", "type": "object" } },
            "personas": { "description": "REP-22: one per cluster of the selected model.", "type": "array", "items": { "description": "A persona.", "type": "object" } },
            "noise": { "description": "REP-26.", "type": ["object", "null"] },
            "charts": {
              "description": "REP-53.",
              "type": "object",
              "required": ["cluster_sizes", "spend_frequency", "dendrogram"],
              "additionalProperties": false,
              "properties": {
                "cluster_sizes": { "description": "REP-31.", "type": "array" },
                "spend_frequency": { "description": "REP-32.", "type": "array" },
                "dendrogram": { "description": "REP-33 … REP-35.", "type": ["object", "null"] }
              }
            },
            "text": { "description": "REP-54: one text part per language, in languages order.", "type": "object" }
          }
        }
        """#)
}
