/// `churn_label` request and response (spec/churn_label.md).
extension EndpointSchemas {
    static let churnLabelRequest: JSONValue = historyRequest(
        endpoint: "churn_label",
        description:
            "Request body of POST /api/v1/ai/churn_label (spec/churn_label.md, CHL-1 to CHL-9, with spec/general.md). Checked by the engine only: as_of and transaction dates not after today (CHL-2, VAL-8), a parameter of another method (CHL-9), a member repeated within one object (VAL-4), customer ids unique (VAL-7), transaction ids unique within a customer (GEN-12) and the size limits (VAL-11).",
        parameters: #"""
                "today": {"$ref": "#/$defs/date", "description": "Latest date a transaction may carry; absent means the current UTC date (GEN-6, CHL-2)."},
                "as_of": {"$ref": "#/$defs/date", "description": "The date the labels describe, not after today; absent means today (CHL-2)."},
                "method": {"description": "How the threshold is set; absent means fixed (CHL-4 to CHL-6).", "enum": ["fixed", "adaptive", "percentile"]},
                "threshold_days": {"description": "The fixed threshold and every method's fallback, 1 to 3650; absent means 90 (CHL-4).", "type": "integer", "minimum": 1, "maximum": 3650},
                "k": {"description": "Multiple of the typical gap, 1 to 10, adaptive only; absent means 2.5 (CHL-5, CHL-9).", "type": "number", "minimum": 1, "maximum": 10},
                "gap_percentile": {"description": "Percentile of the pooled gaps, 0.5 to 0.99, percentile only; absent means 0.9 (CHL-6, CHL-9).", "type": "number", "minimum": 0.5, "maximum": 0.99},
                "min_threshold_days": {"description": "Floor under a computed threshold, 0 to 3650, adaptive or percentile only (CHL-5, CHL-6, CHL-9).", "type": "integer", "minimum": 0, "maximum": 3650}
            """#,
        customers: "The customers to label, at least one (CHL-1, VAL-9).", customer: "One customer (CHL-1).",
        customerID: "Unique within the request (VAL-7).",
        transactions: "Purchase history, at least one transaction; only date is used (CHL-1, CHL-3).")

    static let churnLabelResponse: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "churn_label response",
          "description": "Body of the 200 response of churn_label (spec/churn_label.md); members in the order listed (CHL-10).",
          "type": "object",
          "properties": {
            "as_of": { "description": "The date the labels describe (CHL-2).", "type": "string" },
            "method": { "description": "The requested method (CHL-10).", "enum": ["fixed", "adaptive", "percentile"] },
            "parameters": {
              "description": "The parameters as applied, null for other methods' members (CHL-10).",
              "type": "object",
              "properties": {
                "threshold_days": { "description": "Fixed threshold and fallback (CHL-4).", "type": "integer" },
                "k": { "description": "Adaptive multiple, or null (CHL-5).", "type": ["number", "null"] },
                "gap_percentile": { "description": "Cohort percentile, or null (CHL-6).", "type": ["number", "null"] },
                "min_threshold_days": { "description": "Floor, or null with fixed (CHL-5, CHL-6).", "type": ["integer", "null"] }
              },
              "required": ["threshold_days", "k", "gap_percentile", "min_threshold_days"],
              "additionalProperties": false
            },
            "cohort_threshold_days": { "description": "The cohort window, 2 decimals, or null (CHL-6).", "type": ["number", "null"], "minimum": 0 },
            "cohort_gaps": { "description": "Pooled gaps of the cohort (CHL-3, CHL-6).", "type": "integer", "minimum": 0 },
            "customers": {
              "description": "One row per customer, in request order (CHL-10).",
              "type": "array",
              "items": {
                "description": "A customer's label (CHL-8, CHL-10).",
                "type": "object",
                "properties": {
                  "customer_id": { "description": "Echo (CHL-10).", "type": "string" },
                  "label": { "description": "CHL-8.", "enum": ["churned", "active", "undetermined"] },
                  "days_since_last_purchase": { "description": "as_of − last purchase day, or null (CHL-3).", "type": ["integer", "null"], "minimum": 0 },
                  "threshold_applied": { "description": "The threshold, 2 decimals (CHL-7).", "type": "number", "minimum": 0, "examples": [327.5, 90] },
                  "method": { "description": "The method that set the threshold (CHL-5, CHL-6).", "enum": ["fixed", "adaptive", "percentile"] },
                  "reason": { "description": "CHL-8's reason code.", "enum": ["no_purchase_by_as_of", "inactive_beyond_threshold", "younger_than_threshold", "active_within_threshold"] },
                  "fallback": { "description": "Why the fixed threshold applies, or null (CHL-5, CHL-6).", "enum": ["fewer_than_two_purchase_days", "too_few_cohort_gaps", null] },
                  "age_days": { "description": "as_of − first purchase day, or null (CHL-3).", "type": ["integer", "null"], "minimum": 0 },
                  "purchase_days": { "description": "Distinct purchase days up to as_of (CHL-3).", "type": "integer", "minimum": 0 },
                  "typical_gap_days": { "description": "Median gap, 2 decimals, or null (CHL-3).", "type": ["number", "null"], "minimum": 1 }
                },
                "required": ["customer_id", "label", "days_since_last_purchase", "threshold_applied", "method", "reason", "fallback", "age_days", "purchase_days", "typical_gap_days"],
                "additionalProperties": false
              }
            },
            "summary": {
              "description": "Counts and the churn rate (CHL-11).",
              "type": "object",
              "properties": {
                "customers": { "description": "All customers (CHL-11).", "type": "integer", "minimum": 1 },
                "churned": { "description": "Churned (CHL-11).", "type": "integer", "minimum": 0 },
                "active": { "description": "Active (CHL-11).", "type": "integer", "minimum": 0 },
                "undetermined": { "description": "Undetermined (CHL-11).", "type": "integer", "minimum": 0 },
                "fallback_customers": { "description": "Customers with a fallback (CHL-11).", "type": "integer", "minimum": 0 },
                "churn_rate": { "description": "churned / (churned + active), 4 decimals, or null (CHL-11).", "type": ["number", "null"], "minimum": 0, "maximum": 1 }
              },
              "required": ["customers", "churned", "active", "undetermined", "fallback_customers", "churn_rate"],
              "additionalProperties": false
            },
            "warnings": {
              "description": "In CHL-12's order, each code at most once (CHL-12).",
              "type": "array",
              "items": {
                "description": "A warning (CHL-12).",
                "type": "object",
                "properties": {
                  "code": { "description": "Stable code (CHL-12).", "enum": ["transactions_after_as_of_ignored", "fixed_threshold_fallback", "no_determinable_customer"] },
                  "message": { "description": "English prose (CHL-12).", "type": "string" }
                },
                "required": ["code", "message"],
                "additionalProperties": false
              }
            }
          },
          "required": ["as_of", "method", "parameters", "cohort_threshold_days", "cohort_gaps", "customers", "summary", "warnings"],
          "additionalProperties": false
        }
        """#)
}
