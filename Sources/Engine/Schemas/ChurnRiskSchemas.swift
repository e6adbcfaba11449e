/// `churn_risk` request and response (spec/churn_risk.md).
extension EndpointSchemas {
    static let churnRiskRequest: JSONValue = historyRequest(
        endpoint: "churn_risk",
        description:
            "Request body of POST /api/v1/ai/churn_risk (spec/churn_risk.md, CHR-1, with spec/general.md). Checked by the engine only: transaction dates not after today (VAL-8), a member repeated within one object (VAL-4), customer ids unique (VAL-7), transaction ids unique within a customer (GEN-12) and the size limits (VAL-11).",
        parameters: #"""
                "today": {"$ref": "#/$defs/date", "description": "Scoring date and end of observed history; absent means the current UTC date (GEN-6, CHR-2)."},
                "blend_weight": {"description": "Weight of the model term, 0 to 1; absent means 1 (CHR-6).", "type": "number", "minimum": 0, "maximum": 1, "examples": [1, 0.5]},
                "k": {"description": "Multiple of the typical gap in the inactivity ratio, 1 to 10; absent means 2.5 (CHR-5).", "type": "number", "minimum": 1, "maximum": 10},
                "threshold_days": {"description": "Inactivity threshold of customers with fewer than two purchase days, 1 to 3650; absent means 90 (CHR-5).", "type": "integer", "minimum": 1, "maximum": 3650}
            """#,
        customers: "The cohort, at least one customer (CHR-1, VAL-9).", customer: "One customer (CHR-1).",
        customerID: "Unique within the request (VAL-7).",
        transactions: "Purchase history, at least one transaction; only date is used (CHR-1, CHR-2).")

    static let churnRiskResponse: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "churn_risk response",
          "description": "Body of the 200 response of churn_risk (spec/churn_risk.md); members in the order listed (CHR-11).",
          "type": "object",
          "properties": {
            "today": { "description": "As applied (CHR-11).", "type": "string" },
            "method": { "description": "CHR-6, CHR-7.", "enum": ["model", "blend", "inactivity_only"] },
            "blend_weight_applied": { "description": "w as applied, 0 without the model, 4 decimals (CHR-6, CHR-7).", "type": "number", "minimum": 0, "maximum": 1 },
            "fallback_reason": { "description": "The model's reason when it is not fitted, else null (CHR-7).", "enum": ["too_few_customers", "too_few_repeat_buyers", "not_converged", "parameters_diverged", null] },
            "customers": {
              "description": "One entry per customer, request order (CHR-11).",
              "type": "array",
              "items": {
                "description": "A customer's score (CHR-11).",
                "type": "object",
                "properties": {
                  "customer_id": { "description": "Echo (CHR-11).", "type": "string" },
                  "churn_risk": { "description": "w·q + (1 − w)·ρ, 4 decimals (CHR-6, CHR-7).", "type": "number", "minimum": 0, "maximum": 1, "examples": [0.1924] },
                  "risk_band": { "description": "From the written risk: ≥ 0.7 High, ≥ 0.4 Medium (CHR-8).", "enum": ["High", "Medium", "Low"] },
                  "drivers": {
                    "description": "The quantities behind the score (CHR-9).",
                    "type": "object",
                    "properties": {
                      "p_alive": { "description": "CLV-12, 4 decimals, null without the model (CHR-9).", "type": ["number", "null"], "minimum": 0, "maximum": 1 },
                      "model_churn_probability": { "description": "q = 1 − P(alive), 4 decimals, or null (CHR-4, CHR-9).", "type": ["number", "null"], "minimum": 0, "maximum": 1 },
                      "inactivity_ratio": { "description": "ρ = min(1, s/τ), 4 decimals (CHR-5).", "type": "number", "minimum": 0, "maximum": 1 },
                      "model_component": { "description": "w·q, 4 decimals, or null (CHR-9).", "type": ["number", "null"], "minimum": 0, "maximum": 1 },
                      "inactivity_component": { "description": "(1 − w)·ρ, 4 decimals (CHR-9).", "type": "number", "minimum": 0, "maximum": 1 },
                      "days_since_last_purchase": { "description": "s = T − t_x (CHR-2).", "type": "integer", "minimum": 0 },
                      "typical_gap_days": { "description": "Median gap, 2 decimals, or null (CHR-2).", "type": ["number", "null"], "minimum": 1 },
                      "inactivity_threshold_days": { "description": "τ, 2 decimals (CHR-5).", "type": "number", "minimum": 1 },
                      "frequency": { "description": "x (CHR-2).", "type": "integer", "minimum": 0 },
                      "recency": { "description": "t_x in days (CHR-2).", "type": "integer", "minimum": 0 },
                      "T": { "description": "Days since the first purchase (CHR-2).", "type": "integer", "minimum": 0 }
                    },
                    "required": ["p_alive", "model_churn_probability", "inactivity_ratio", "model_component", "inactivity_component", "days_since_last_purchase", "typical_gap_days", "inactivity_threshold_days", "frequency", "recency", "T"],
                    "additionalProperties": false
                  }
                },
                "required": ["customer_id", "churn_risk", "risk_band", "drivers"],
                "additionalProperties": false
              }
            },
            "summary": {
              "description": "Cohort summary (CHR-10).",
              "type": "object",
              "properties": {
                "customers": { "description": "Count (CHR-10).", "type": "integer", "minimum": 1 },
                "band_counts": {
                  "description": "Customers per band, all three (CHR-10).",
                  "type": "object",
                  "properties": {
                    "High": { "description": "High band (CHR-8).", "type": "integer", "minimum": 0 },
                    "Medium": { "description": "Medium band (CHR-8).", "type": "integer", "minimum": 0 },
                    "Low": { "description": "Low band (CHR-8).", "type": "integer", "minimum": 0 }
                  },
                  "required": ["High", "Medium", "Low"],
                  "additionalProperties": false
                },
                "mean_churn_risk": { "description": "4 decimals (CHR-10).", "type": "number", "minimum": 0, "maximum": 1 },
                "one_time_buyers": { "description": "Customers with x = 0 (CHR-10).", "type": "integer", "minimum": 0 },
                "expected_inactive_customers": { "description": "Σ(1 − P(alive)), 2 decimals, null without the model (CHR-10).", "type": ["number", "null"], "minimum": 0 }
              },
              "required": ["customers", "band_counts", "mean_churn_risk", "one_time_buyers", "expected_inactive_customers"],
              "additionalProperties": false
            },
            "model": {
              "description": "The BG/NBD fit with CLV-11's diagnostics (CHR-3).",
              \#(SchemaDefinitions.bgnbdFit)
            },
            "parameters": {
              "description": "k and threshold_days as applied (CHR-11).",
              "type": "object",
              "properties": {
                "k": { "description": "CHR-5.", "type": "number" },
                "threshold_days": { "description": "CHR-5.", "type": "integer" }
              },
              "required": ["k", "threshold_days"],
              "additionalProperties": false
            },
            "warnings": {
              "description": "In CHR-12's order, each code at most once (CHR-12).",
              "type": "array",
              "items": {
                "description": "A warning (CHR-12).",
                "type": "object",
                "properties": {
                  "code": { "description": "Stable code (CHR-12).", "enum": ["model_unavailable", "one_time_buyers_assumed_alive", "standard_errors_unavailable"] },
                  "message": { "description": "English prose (CHR-12).", "type": "string" }
                },
                "required": ["code", "message"],
                "additionalProperties": false
              }
            }
          },
          "required": ["today", "method", "blend_weight_applied", "fallback_reason", "customers", "summary", "model", "parameters", "warnings"],
          "additionalProperties": false,
          "$defs": {
            \#(SchemaDefinitions.bgnbdParameters)
          }
        }
        """#)
}
