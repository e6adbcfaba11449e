/// `customer_clv_features` request and response (spec/customer_clv_features.md).
extension EndpointSchemas {
    static let customerCLVFeaturesRequest: JSONValue = historyRequest(
        endpoint: "customer_clv_features",
        description:
            "Request body of POST /api/v1/ai/customer_clv_features (spec/customer_clv_features.md, CLVF-2 to CLVF-4, with spec/general.md). Checked by the engine only: a member repeated within one object (VAL-4), customer ids unique in the request (VAL-7), transaction ids unique within a customer (GEN-12), no date after today (VAL-8), cost on every transaction of the request or on none (GEN-11), and the size limits (VAL-11).",
        parameters: #"""
                "today": {"$ref": "#/$defs/date", "description": "End of the observation window; absent means the current UTC date (GEN-6, CLVF-22)."},
                "churn_threshold_days": {"description": "Days without a purchase after which a customer counts as churned, 1 to 3650; an integer (90.0 is accepted); absent means 90 (CLVF-3, CLVF-12, VAL-5).", "type": "integer", "minimum": 1, "maximum": 3650, "examples": [90]}
            """#,
        customers: "The cohort, at least one customer; a customer_id appears at most once (CLVF-2, VAL-9, VAL-7).",
        customer: "One customer: exactly customer_id and transactions (CLVF-2, VAL-3).",
        customerID: "Echoed in the response (CLVF-2, VAL-7).",
        transactions:
            "The customer's purchase history, at least one transaction; date and amount are used, and cost (given on all transactions of the request or none) turns values into margins (CLVF-4 to CLVF-6, GEN-11)."
    )

    static let customerCLVFeaturesResponse: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "customer_clv_features response",
          "description": "Body of the 200 response of customer_clv_features (spec/customer_clv_features.md, CLVF-5 to CLVF-18): the BG/NBD summary statistics, churn flag, tier, sentence and explanations of every request customer, in request order, then the cohort summary; members in the order listed here (GEN-5).",
          "type": "object",
          "properties": {
            "customers": {
              "description": "One entry per request customer, in request order (CLVF-17).",
              "type": "array",
              "minItems": 1,
              "items": {
                "description": "A customer's statistics and what follows from them, members in this order (CLVF-17).",
                "type": "object",
                "properties": {
                  "customer_id": { "$ref": "#/$defs/identifier", "description": "Echoed from the request (CLVF-17)." },
                  "frequency": {
                    "description": "Repeat purchases: distinct purchase days minus 1, 0 for a one-time buyer (CLVF-7, CLVF-8).",
                    "type": "integer",
                    "minimum": 0,
                    "examples": [1]
                  },
                  "recency": {
                    "description": "Days from the first to the last purchase day, written as an integer (CLVF-9, CLVF-18).",
                    "type": "integer",
                    "minimum": 0,
                    "examples": [131]
                  },
                  "T": {
                    "description": "Days from the first purchase day to today, at least recency (CLVF-10, CLVF-18).",
                    "type": "integer",
                    "minimum": 0,
                    "examples": [194]
                  },
                  "monetary_value": {
                    "description": "Mean value of the repeat purchases, 2 decimals, 0 for a one-time buyer; negative possible under the margin basis (CLVF-11, CLVF-21).",
                    "type": "number",
                    "examples": [188.4]
                  },
                  "churned": {
                    "description": "True when days_since_last_purchase exceeds churn_threshold_days (CLVF-12).",
                    "type": "boolean"
                  },
                  "clv_potential_tier": {
                    "$ref": "#/$defs/tier",
                    "description": "High or Medium for repeat buyers in the top 30% or 70% share of the written monetary_value, else Low (CLVF-13)."
                  },
                  "interpretation": {
                    "description": "One of the eight fixed sentences, chosen by tier, repeat buying and churn; <d> is days_since_last_purchase (CLVF-14).",
                    "type": "string",
                    "pattern": "^(High-potential repeat buyer who is still active\\. Focus on VIP retention & upsell\\.|High-value repeat buyer gone quiet for [0-9]+ days\\. Prioritise a personal win-back\\.|Steady repeat buyer with mid-range spend\\. Nurture with cross-sell and loyalty perks\\.|Mid-value repeat buyer inactive for [0-9]+ days\\. Send a targeted reactivation offer\\.|One-time buyer so far\\. Encourage a second purchase with onboarding offers\\.|One-time buyer inactive for [0-9]+ days\\. Consider automated win-back\\.|Repeat buyer with low spend per order\\. Test bundles to lift basket value\\.|Low-value repeat buyer inactive for [0-9]+ days\\. Consider automated win-back\\.)$",
                    "examples": ["High-potential repeat buyer who is still active. Focus on VIP retention & upsell."]
                  },
                  "explanations": {
                    "description": "The facts from which churned, the tier and the sentence can be re-derived, members in this order (CLVF-15).",
                    "type": "object",
                    "properties": {
                      "purchase_days": {
                        "description": "Distinct purchase days, frequency + 1 (CLVF-15, CLVF-7).",
                        "type": "integer",
                        "minimum": 1,
                        "examples": [2]
                      },
                      "first_purchase": { "$ref": "#/$defs/date", "description": "The first purchase day (CLVF-15)." },
                      "last_purchase": { "$ref": "#/$defs/date", "description": "The last purchase day (CLVF-15)." },
                      "days_since_last_purchase": {
                        "description": "Days from the last purchase day to today (CLVF-12, CLVF-15).",
                        "type": "integer",
                        "minimum": 0,
                        "examples": [63]
                      },
                      "churn_threshold_days": {
                        "description": "The churn threshold in force, the request's or 90 (CLVF-3, CLVF-15).",
                        "type": "integer",
                        "minimum": 1,
                        "maximum": 3650,
                        "examples": [90]
                      },
                      "monetary_basis": { "$ref": "#/$defs/basis", "description": "The monetary basis of the request (CLVF-5, CLVF-15)." },
                      "share_with_higher_value": {
                        "description": "Share of the request's customers with a strictly higher written monetary_value, 4 decimals (CLVF-13, CLVF-15).",
                        "type": "number",
                        "minimum": 0,
                        "maximum": 1,
                        "examples": [0, 0.2]
                      }
                    },
                    "required": [
                      "purchase_days",
                      "first_purchase",
                      "last_purchase",
                      "days_since_last_purchase",
                      "churn_threshold_days",
                      "monetary_basis",
                      "share_with_higher_value"
                    ],
                    "additionalProperties": false
                  }
                },
                "required": [
                  "customer_id",
                  "frequency",
                  "recency",
                  "T",
                  "monetary_value",
                  "churned",
                  "clv_potential_tier",
                  "interpretation",
                  "explanations"
                ],
                "additionalProperties": false
              }
            },
            "summary": {
              "description": "Figures of the cohort, members in this order (CLVF-16).",
              "type": "object",
              "properties": {
                "customers": { "description": "Number of customers n (CLVF-16).", "type": "integer", "minimum": 1 },
                "repeat_buyers": { "$ref": "#/$defs/count", "description": "Customers with frequency ≥ 1 (CLVF-16)." },
                "churned": { "$ref": "#/$defs/count", "description": "Customers with churned true (CLVF-16)." },
                "monetary_basis": { "$ref": "#/$defs/basis", "description": "The monetary basis of the request (CLVF-5, CLVF-16)." },
                "mean_frequency": {
                  "description": "Mean frequency over all customers, 4 decimals (CLVF-16).",
                  "type": "number",
                  "minimum": 0,
                  "examples": [1.2]
                },
                "mean_recency": {
                  "description": "Mean recency over all customers in days, 2 decimals (CLVF-16).",
                  "type": "number",
                  "minimum": 0,
                  "examples": [84.2]
                },
                "mean_T": {
                  "description": "Mean T over all customers in days, 2 decimals (CLVF-16).",
                  "type": "number",
                  "minimum": 0,
                  "examples": [206.2]
                },
                "mean_monetary_value_repeat": {
                  "description": "Mean written monetary_value over the repeat buyers, 0 when there are none; negative possible under the margin basis (CLVF-16, CLVF-20).",
                  "type": "number",
                  "examples": [247.58]
                },
                "tier_counts": {
                  "description": "Customers per tier: always High, Medium and Low in this order, zeros included (CLVF-16).",
                  "type": "object",
                  "properties": {
                    "High": { "$ref": "#/$defs/count", "description": "Customers in High (CLVF-16)." },
                    "Medium": { "$ref": "#/$defs/count", "description": "Customers in Medium (CLVF-16)." },
                    "Low": { "$ref": "#/$defs/count", "description": "Customers in Low (CLVF-16)." }
                  },
                  "required": ["High", "Medium", "Low"],
                  "additionalProperties": false
                }
              },
              "required": [
                "customers",
                "repeat_buyers",
                "churned",
                "monetary_basis",
                "mean_frequency",
                "mean_recency",
                "mean_T",
                "mean_monetary_value_repeat",
                "tier_counts"
              ],
              "additionalProperties": false
            }
          },
          "required": ["customers", "summary"],
          "additionalProperties": false,
          "$defs": {
            \#(SchemaDefinitions.identifier),
            \#(SchemaDefinitions.date),
            "count": {
              "description": "A count of customers (NUM-2: 0 decimals).",
              "type": "integer",
              "minimum": 0
            },
            "basis": {
              "description": "margin when the request's transactions carry cost, amount otherwise (CLVF-5).",
              "type": "string",
              "enum": ["margin", "amount"]
            },
            "tier": {
              "description": "A CLV potential tier (CLVF-13).",
              "type": "string",
              "enum": ["High", "Medium", "Low"]
            }
          }
        }
        """#)
}
