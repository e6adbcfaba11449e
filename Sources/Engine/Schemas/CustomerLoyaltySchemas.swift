/// `customer_loyalty` request and response (spec/customer_loyalty.md).
extension EndpointSchemas {
    static let customerLoyaltyRequest: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "customer_loyalty request",
          "description": "Request body of POST /api/v1/ai/customer_loyalty (spec/customer_loyalty.md, LOY-2 to LOY-8 and LOY-27, with spec/general.md). A customer_features response body is a valid request (LOY-3). Checked by the engine only: a member repeated within one object (VAL-4), customer ids unique in the request (VAL-7), weights not all 0 (LOY-6), thresholds strictly decreasing after merging with the defaults (LOY-8), and the size limits (VAL-11).",
          "type": "object",
          "properties": {
            "weights": {
              "description": "Relative importance of the five features, any subset of them; a feature left out weighs 0, at least one weight must be above 0, and absence of the whole object means 0.25, 0.30, 0.10, 0.15, 0.20 (LOY-4 to LOY-6, LOY-10).",
              "type": "object",
              "properties": {
                "purchase_total": { "$ref": "#/$defs/nonNegative", "description": "Weight of purchase_total (LOY-4).", "examples": [0.25] },
                "visit_frequency": { "$ref": "#/$defs/nonNegative", "description": "Weight of visit_frequency (LOY-4).", "examples": [0.3] },
                "avg_ticket": { "$ref": "#/$defs/nonNegative", "description": "Weight of avg_ticket (LOY-4).", "examples": [0.1] },
                "product_diversity": { "$ref": "#/$defs/nonNegative", "description": "Weight of product_diversity (LOY-4).", "examples": [0.15] },
                "recency_days": {
                  "$ref": "#/$defs/nonNegative",
                  "description": "Weight of recency_days, which counts inversely (LOY-4, LOY-11).",
                  "examples": [0.2]
                }
              },
              "additionalProperties": false
            },
            "segment_thresholds": {
              "description": "Lower bounds of the tiers, any subset; a tier not named keeps its default (0.85, 0.70, 0.50, 0.30), and after merging Platinum > Gold > Silver > Bronze must hold (LOY-7, LOY-8). At-Risk has no bound.",
              "type": "object",
              "properties": {
                "Platinum": { "$ref": "#/$defs/unitInterval", "description": "Lower bound of Platinum, default 0.85 (LOY-7)." },
                "Gold": { "$ref": "#/$defs/unitInterval", "description": "Lower bound of Gold, default 0.70 (LOY-7).", "examples": [0.6] },
                "Silver": { "$ref": "#/$defs/unitInterval", "description": "Lower bound of Silver, default 0.50 (LOY-7)." },
                "Bronze": { "$ref": "#/$defs/unitInterval", "description": "Lower bound of Bronze, default 0.30 (LOY-7)." }
              },
              "additionalProperties": false
            },
            "normalization": {
              "description": "How each feature is rescaled to [0, 1]: minmax, the source's index and the default when absent, or rank, each feature's mid-rank percentile, robust to heavy-tailed spend and visits (LOY-27 to LOY-29).",
              "type": "string",
              "enum": ["minmax", "rank"],
              "examples": ["rank"]
            },
            "customers": {
              "description": "The cohort to score, at least one customer; a customer_id appears at most once (LOY-2, VAL-9, VAL-7).",
              "type": "array",
              "minItems": 1,
              "items": {
                "description": "One customer: exactly customer_id and features (LOY-2).",
                "type": "object",
                "properties": {
                  "customer_id": { "$ref": "#/$defs/identifier", "description": "Echoed in the response (LOY-2, VAL-7)." },
                  "features": {
                    "description": "The five features, each a number ≥ 0 (integers not required), plus an optional loyalty_score that is checked and ignored (LOY-3).",
                    "type": "object",
                    "properties": {
                      "purchase_total": {
                        "$ref": "#/$defs/nonNegative",
                        "description": "Spend in the observation window (LOY-3).",
                        "examples": [17850.55]
                      },
                      "visit_frequency": { "$ref": "#/$defs/nonNegative", "description": "Number of purchases (LOY-3).", "examples": [62, 2.5] },
                      "avg_ticket": { "$ref": "#/$defs/nonNegative", "description": "Average value per purchase (LOY-3).", "examples": [287.27] },
                      "product_diversity": {
                        "$ref": "#/$defs/nonNegative",
                        "description": "Number of distinct products (LOY-3).",
                        "examples": [36]
                      },
                      "loyalty_score": {
                        "$ref": "#/$defs/unitInterval",
                        "description": "Accepted so that customer_features output chains in; validated, then ignored (LOY-3, FEAT-15)."
                      },
                      "recency_days": { "$ref": "#/$defs/nonNegative", "description": "Days since the last purchase (LOY-3).", "examples": [3] }
                    },
                    "required": ["purchase_total", "visit_frequency", "avg_ticket", "product_diversity", "recency_days"],
                    "additionalProperties": false
                  }
                },
                "required": ["customer_id", "features"],
                "additionalProperties": false
              }
            }
          },
          "required": ["customers"],
          "additionalProperties": false,
          "$defs": {
            \#(SchemaDefinitions.identifier),
            \#(SchemaDefinitions.nonNegative),
            \#(SchemaDefinitions.unitInterval)
          }
        }
        """#)

    static let customerLoyaltyResponse: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "customer_loyalty response",
          "description": "Body of the 200 response of customer_loyalty (spec/customer_loyalty.md, LOY-13 to LOY-20, LOY-30, LOY-31): one entry per request customer, in request order, then the cohort summary and the warnings; members in the order listed here (GEN-5).",
          "type": "object",
          "properties": {
            "customers": {
              "description": "One entry per request customer, in request order (LOY-20).",
              "type": "array",
              "minItems": 1,
              "items": {
                "description": "A customer's index and tier, members in this order (LOY-20).",
                "type": "object",
                "properties": {
                  "customer_id": { "$ref": "#/$defs/identifier", "description": "Echoed from the request (LOY-20)." },
                  "loyalty_score": {
                    "$ref": "#/$defs/score",
                    "description": "The weighted index, min-max or percentile-rank scaled, relative to the cohort sent, 4 decimals (LOY-12, LOY-13, LOY-28)."
                  },
                  "segment": {
                    "$ref": "#/$defs/tier",
                    "description": "The first tier whose threshold the written score reaches, else At-Risk (LOY-14, NUM-3)."
                  }
                },
                "required": ["customer_id", "loyalty_score", "segment"],
                "additionalProperties": false
              }
            },
            "summary": {
              "description": "Statistics of the cohort, members in this order (LOY-16 to LOY-20).",
              "type": "object",
              "properties": {
                "mean_score": { "$ref": "#/$defs/score", "description": "Mean of the written scores, 4 decimals (LOY-16)." },
                "median_score": { "$ref": "#/$defs/score", "description": "Median of the written scores, exact position (LOY-15, LOY-16)." },
                "top_decile_threshold": {
                  "$ref": "#/$defs/score",
                  "description": "90th percentile of the written scores, exact position (LOY-15, LOY-16)."
                },
                "segment_counts": {
                  "description": "Customers per tier: always all five tiers in this order, zeros included; they sum to the number of customers (LOY-17).",
                  "type": "object",
                  "properties": {
                    "Platinum": { "$ref": "#/$defs/count", "description": "Customers in Platinum (LOY-17)." },
                    "Gold": { "$ref": "#/$defs/count", "description": "Customers in Gold (LOY-17)." },
                    "Silver": { "$ref": "#/$defs/count", "description": "Customers in Silver (LOY-17)." },
                    "Bronze": { "$ref": "#/$defs/count", "description": "Customers in Bronze (LOY-17)." },
                    "At-Risk": { "$ref": "#/$defs/count", "description": "Customers in At-Risk (LOY-17)." }
                  },
                  "required": ["Platinum", "Gold", "Silver", "Bronze", "At-Risk"],
                  "additionalProperties": false
                },
                "weights_applied": {
                  "description": "The applied weight of each feature after normalising and leaving out constant features, 4 decimals each; all five in the fixed feature order, so they may sum to 0.9999 or 1.0001 (LOY-10, LOY-18).",
                  "type": "object",
                  "properties": {
                    "purchase_total": { "$ref": "#/$defs/score", "description": "Applied weight of purchase_total (LOY-18)." },
                    "visit_frequency": { "$ref": "#/$defs/score", "description": "Applied weight of visit_frequency (LOY-18)." },
                    "avg_ticket": { "$ref": "#/$defs/score", "description": "Applied weight of avg_ticket (LOY-18)." },
                    "product_diversity": { "$ref": "#/$defs/score", "description": "Applied weight of product_diversity (LOY-18)." },
                    "recency_days": { "$ref": "#/$defs/score", "description": "Applied weight of recency_days (LOY-18)." }
                  },
                  "required": ["purchase_total", "visit_frequency", "avg_ticket", "product_diversity", "recency_days"],
                  "additionalProperties": false
                },
                "constant_features": {
                  "description": "The weighted features left out because every customer had the same value, in the fixed feature order; empty when none (LOY-9, LOY-19).",
                  "type": "array",
                  "maxItems": 5,
                  "items": {
                    "type": "string",
                    "enum": ["purchase_total", "visit_frequency", "avg_ticket", "product_diversity", "recency_days"]
                  },
                  "examples": [[], ["product_diversity"]]
                },
                "normalization": {
                  "description": "The normalization applied: the request's, or minmax when it gave none (LOY-30).",
                  "type": "string",
                  "enum": ["minmax", "rank"]
                }
              },
              "required": [
                "mean_score", "median_score", "top_decile_threshold", "segment_counts", "weights_applied", "constant_features", "normalization"
              ],
              "additionalProperties": false
            },
            "warnings": {
              "description": "Empty, or one dominant_tier warning: a cohort of at least 20 customers with more than 70 % in one tier; the message names the tier and its share and, under minmax, suggests rank (LOY-31).",
              "type": "array",
              "maxItems": 1,
              "items": {
                "description": "A warning (LOY-31).",
                "type": "object",
                "properties": {
                  "code": { "description": "Stable code (LOY-31).", "type": "string", "enum": ["dominant_tier"] },
                  "message": {
                    "description": "Fixed English text naming the tier, its share and the remedy (LOY-31).",
                    "type": "string",
                    "examples": ["At-Risk holds 87.1 % of the 31 customers: min-max scaling lets a few extreme values press the others together; \"normalization\": \"rank\" spreads them by percentile."]
                  }
                },
                "required": ["code", "message"],
                "additionalProperties": false
              }
            }
          },
          "required": ["customers", "summary", "warnings"],
          "additionalProperties": false,
          "$defs": {
            \#(SchemaDefinitions.identifier),
            "score": {
              "description": "A number in [0, 1] written with 4 decimals (NUM-2).",
              "type": "number",
              "minimum": 0,
              "maximum": 1,
              "examples": [0.8705]
            },
            "count": {
              "description": "A count of customers (NUM-2: 0 decimals).",
              "type": "integer",
              "minimum": 0
            },
            "tier": {
              "description": "A loyalty tier (LOY-14).",
              "type": "string",
              "enum": ["Platinum", "Gold", "Silver", "Bronze", "At-Risk"]
            }
          }
        }
        """#)
}
