/// The JSON Schemas (draft 2020-12) of the bodies cintel exchanges: the request and 200 response of every served
/// endpoint, and the error body every failure shares (ERR-1). They describe the shape the spec files define (members,
/// types, ranges, required and optional members); rules that compare several values (unique ids, dates after
/// `today`, costs all-or-none, thresholds in order) are stated in the descriptions and checked by the engine only.
///
/// Each schema is one self-contained document written as JSON text and parsed once. Shared pieces (identifier, date,
/// transaction) are `$defs` referenced with local `$ref`s; their text is interpolated from `SchemaDefinitions` so
/// that it is written once. A malformed literal traps at first use, which `SchemaTests` exercises for every schema.
package enum EndpointSchemas {
    /// The `$schema` URI every document declares.
    static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// JSON Schema (2020-12) of the request body of `endpoint`, or nil when this build does not serve it.
    package static func request(_ endpoint: String) -> JSONValue? {
        switch endpoint {
        case "customer_features": customerFeaturesRequest
        case "customer_loyalty": customerLoyaltyRequest
        case "customer_rfm": customerRFMRequest
        case "customer_clv_features": customerCLVFeaturesRequest
        case "purchasing_segmentation": purchasingSegmentationRequest
        case "customer_segmentation": customerSegmentationRequest
        case "segment_hierarchy_chart": segmentHierarchyChartRequest
        case "segment_cluster_profiles": segmentClusterProfilesRequest
        case "segment_subsegment_explore": segmentSubsegmentExploreRequest
        case "nps": npsRequest
        case "churn_label": churnLabelRequest
        case "churn_risk": churnRiskRequest
        case "customer_clv_forecast": clvForecastRequest
        case "segmentation_report": segmentationReportRequest
        case "segmentation_report_json_i18n": segmentationReportI18nRequest
        default: nil
        }
    }

    /// JSON Schema of the 200 response body.
    package static func response(_ endpoint: String) -> JSONValue? {
        switch endpoint {
        case "customer_features": customerFeaturesResponse
        case "customer_loyalty": customerLoyaltyResponse
        case "customer_rfm": customerRFMResponse
        case "customer_clv_features": customerCLVFeaturesResponse
        case "purchasing_segmentation": purchasingSegmentationResponse
        case "customer_segmentation": customerSegmentationResponse
        case "segment_hierarchy_chart": segmentHierarchyChartResponse
        case "segment_cluster_profiles": segmentClusterProfilesResponse
        case "segment_subsegment_explore": segmentSubsegmentExploreResponse
        case "nps": npsResponse
        case "churn_label": churnLabelResponse
        case "churn_risk": churnRiskResponse
        case "customer_clv_forecast": clvForecastResponse
        case "segmentation_report", "segmentation_report_json_i18n": segmentationReportResponse
        default: nil
        }
    }

    /// JSON Schema of the error body (spec/general.md ERR-1).
    package static let error: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "cintel error body",
          "description": "The one shape of every failure, whether the server or `cintel run` reports it (spec/general.md, ERR-1 to ERR-3). Which code goes with which status (ERR-2) is listed in the descriptions; the pairing itself is not expressed by this schema.",
          "type": "object",
          "properties": {
            "error": {
              "description": "The failure: status, stable code, message and every problem found (ERR-1).",
              "type": "object",
              "properties": {
                "status": {
                  "description": "The HTTP status (ERR-2): 400 malformed_json, 401 unauthorized, 404 unknown_endpoint, 405 method_not_allowed, 413 payload_too_large or limit_exceeded, 415 unsupported_media_type, 422 invalid_request, 431 headers_too_large, 500 internal_error (a defect), 503 overloaded or deadline_exceeded.",
                  "type": "integer",
                  "enum": [400, 401, 404, 405, 413, 415, 422, 431, 500, 503]
                },
                "code": {
                  "description": "The stable error code (ERR-2).",
                  "type": "string",
                  "enum": [
                    "malformed_json",
                    "unauthorized",
                    "unknown_endpoint",
                    "method_not_allowed",
                    "payload_too_large",
                    "limit_exceeded",
                    "unsupported_media_type",
                    "headers_too_large",
                    "invalid_request",
                    "overloaded",
                    "deadline_exceeded",
                    "internal_error"
                  ]
                },
                "message": {
                  "description": "English prose for people; it may change between versions, unlike codes and pointers (ERR-3).",
                  "type": "string",
                  "minLength": 1,
                  "examples": ["The request has 2 problems."]
                },
                "problems": {
                  "description": "Every problem found, in the order VAL-2 defines; always present, empty when the failure concerns no particular value (ERR-1).",
                  "type": "array",
                  "items": { "$ref": "#/$defs/problem" }
                }
              },
              "required": ["status", "code", "message", "problems"],
              "additionalProperties": false
            }
          },
          "required": ["error"],
          "additionalProperties": false,
          "$defs": {
            "problem": {
              "description": "One problem with a request: where, what kind and a message (ERR-1, VAL-2).",
              "type": "object",
              "properties": {
                "pointer": {
                  "description": "RFC 6901 JSON Pointer of the offending value, or of the object missing a member; the empty string names the whole body (VAL-2, ERR-1).",
                  "type": "string",
                  "format": "json-pointer",
                  "pattern": "^(/([^/~]|~[01])*)*$",
                  "examples": ["", "/customers/3/transactions/0/amount", "/bins"]
                },
                "code": {
                  "description": "The stable problem code (ERR-3); malformed_json is the single problem of a 400 (VAL-1), limit_exceeded that of a count limit (VAL-11).",
                  "type": "string",
                  "enum": [
                    "required",
                    "unknown_member",
                    "duplicate_member",
                    "type",
                    "minimum",
                    "maximum",
                    "min_items",
                    "max_items",
                    "min_length",
                    "max_length",
                    "enum",
                    "date",
                    "after_today",
                    "duplicate_id",
                    "order",
                    "not_all_zero",
                    "inconsistent",
                    "one_of",
                    "unknown_cluster",
                    "limit_exceeded",
                    "malformed_json"
                  ]
                },
                "message": {
                  "description": "English prose for people; it may change (ERR-3).",
                  "type": "string",
                  "minLength": 1,
                  "examples": ["must be ≤ 10"]
                }
              },
              "required": ["pointer", "code", "message"],
              "additionalProperties": false
            }
          }
        }
        """#)

    /// Parses one schema literal. A literal that is not JSON is a defect of this file: it traps at first use.
    /// The request schema of an endpoint that takes customers with raw transactions (GEN-10): its own parameters
    /// (JSON members, `today` among them) and the `customers` array every such endpoint shares, described in its own
    /// clauses.
    static func historyRequest(
        endpoint: String, description: String, parameters: String, customers: String, customer: String, customerID: String, transactions: String
    ) -> JSONValue {
        parse(
            #"""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "\#(endpoint) request",
              "description": "\#(description)",
              "type": "object",
              "properties": {
                \#(parameters),
                "customers": {
                  "description": "\#(customers)",
                  "type": "array",
                  "minItems": 1,
                  "items": {
                    "description": "\#(customer)",
                    "type": "object",
                    "properties": {
                      "customer_id": { "$ref": "#/$defs/identifier", "description": "\#(customerID)" },
                      "transactions": {
                        "description": "\#(transactions)",
                        "type": "array",
                        "minItems": 1,
                        "items": { "$ref": "#/$defs/transaction" }
                      }
                    },
                    "required": ["customer_id", "transactions"],
                    "additionalProperties": false
                  }
                }
              },
              "required": ["customers"],
              "additionalProperties": false,
              "$defs": {
                \#(SchemaDefinitions.transaction),
                \#(SchemaDefinitions.identifier),
                \#(SchemaDefinitions.date),
                \#(SchemaDefinitions.nonNegative)
              }
            }
            """#)
    }

    static func parse(_ text: String) -> JSONValue {
        try! JSONParser.parse(Array(text.utf8), maxDepth: 64)
    }
}

/// `$defs` members shared by several schemas, as JSON text (`"name": {...}`) to interpolate into a `$defs` object.
/// A definition that refers to another (`transaction` → `identifier`, `date`, `nonNegative`) needs it in the same
/// document.
enum SchemaDefinitions {
    /// The members of a BG/NBD fit object (CLV-11), shared by churn_risk's `model` and customer_clv_forecast's
    /// `models.bgnbd`; the including schema defines `bgnbdParameters`.
    static let bgnbdFit = #"""
        "type": "object",
        "properties": {
          "status": { "description": "CLV-11.", "enum": ["fitted", "not_fitted"] },
          "reason": { "description": "Why not fitted, or null (CLV-9, CLV-10).", "enum": ["too_few_customers", "too_few_repeat_buyers", "not_converged", "parameters_diverged", null] },
          "customers": { "description": "Cohort size (CLV-9).", "type": "integer", "minimum": 1 },
          "repeat_buyers": { "description": "Customers with x > 0 (CLV-9).", "type": "integer", "minimum": 0 },
          "parameters": { "$ref": "#/$defs/bgnbdParameters", "description": "r, alpha (days), a, b; 6 decimals (CLV-11)." },
          "standard_errors": { "$ref": "#/$defs/bgnbdParameters", "description": "Delta-method standard errors; 6 decimals (CLV-11)." },
          "log_likelihood": { "description": "Cohort log-likelihood in days, 4 decimals (CLV-11).", "type": ["number", "null"] },
          "gradient_norm": { "description": "At the result, 10 decimals (CLV-10, CLV-11).", "type": ["number", "null"], "minimum": 0 },
          "iterations": { "description": "Of the chosen start (CLV-11).", "type": ["integer", "null"], "minimum": 0 },
          "starts_converged": { "description": "0 to 4 (CLV-11).", "type": ["integer", "null"], "minimum": 0, "maximum": 4 }
        },
        "required": ["status", "reason", "customers", "repeat_buyers", "parameters", "standard_errors", "log_likelihood", "gradient_norm", "iterations", "starts_converged"],
        "additionalProperties": false
        """#

    /// The `bgnbdParameters` definition: r, alpha, a, b or null (CLV-11).
    static let bgnbdParameters = #"""
        "bgnbdParameters": {
          "description": "The four BG/NBD parameters, or null (CLV-11).",
          "type": ["object", "null"],
          "properties": {
            "r": { "description": "Shape of the purchase-rate gamma (CLV-8).", "type": "number", "minimum": 0 },
            "alpha": { "description": "Scale of the purchase-rate gamma, days (CLV-8).", "type": "number", "minimum": 0 },
            "a": { "description": "Dropout beta a (CLV-8).", "type": "number", "minimum": 0 },
            "b": { "description": "Dropout beta b (CLV-8).", "type": "number", "minimum": 0 }
          },
          "required": ["r", "alpha", "a", "b"],
          "additionalProperties": false
        }
        """#

    static let identifier = #"""
        "identifier": {
          "description": "An identifier: a non-empty string of at most 256 Unicode scalars (VAL-7; 256 is the default string limit of VAL-11, which a deployment may raise).",
          "type": "string",
          "minLength": 1,
          "maxLength": 256,
          "examples": ["C-1001"]
        }
        """#

    static let date = #"""
        "date": {
          "description": "A calendar day written YYYY-MM-DD: a real day of the proleptic Gregorian calendar from 1900-01-01 to 9999-12-31, with no time or zone (VAL-6).",
          "type": "string",
          "pattern": "^(19[0-9]{2}|[2-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
          "format": "date",
          "examples": ["2025-04-24"]
        }
        """#

    static let nonNegative = #"""
        "nonNegative": {
          "description": "A number from 0 to 1e15 inclusive: every request number is bounded by 1e15 in magnitude (VAL-10).",
          "type": "number",
          "minimum": 0,
          "maximum": 1e15
        }
        """#

    static let unitInterval = #"""
        "unitInterval": {
          "description": "A number from 0 to 1 inclusive.",
          "type": "number",
          "minimum": 0,
          "maximum": 1
        }
        """#

    static let transaction = #"""
        "transaction": {
          "description": "The transaction object shared by every endpoint that takes raw transactions (GEN-10): date and amount are required everywhere, and each endpoint says which optional members it also requires. Checked by the engine only: a transaction_id repeated within its customer (GEN-12), a date after today (VAL-8), and cost given on some transactions but not all where the endpoint uses cost (GEN-11).",
          "type": "object",
          "properties": {
            "transaction_id": {
              "$ref": "#/$defs/identifier",
              "description": "Order or line id; unique within its customer (GEN-10, GEN-12).",
              "examples": ["T-001"]
            },
            "date": { "$ref": "#/$defs/date", "description": "Purchase day, not after today (GEN-10, VAL-6, VAL-8)." },
            "amount": {
              "$ref": "#/$defs/nonNegative",
              "description": "Transaction value in money, 0 to 1e15 (GEN-10, VAL-10).",
              "examples": [520.55]
            },
            "cost": {
              "$ref": "#/$defs/nonNegative",
              "description": "Cost of goods, 0 to 1e15; it may exceed the amount, giving a negative margin (GEN-10, GEN-11)."
            },
            "product_id": { "$ref": "#/$defs/identifier", "description": "SKU or category id (GEN-10).", "examples": ["P-01"] },
            "category": {
              "$ref": "#/$defs/identifier",
              "description": "The product's category, used by the segmentation families and checked and ignored elsewhere (GEN-10).",
              "examples": ["Beverages"]
            }
          },
          "required": ["date", "amount"],
          "additionalProperties": false
        }
        """#
}
