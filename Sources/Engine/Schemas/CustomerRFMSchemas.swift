/// `customer_rfm` request and response (spec/customer_rfm.md).
extension EndpointSchemas {
    static let customerRFMRequest: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "customer_rfm request",
          "description": "Request body of POST /api/v1/ai/customer_rfm (spec/customer_rfm.md, RFM-2 to RFM-4, with spec/general.md). Checked by the engine only: a member repeated within one object (VAL-4), customer ids unique in the request (VAL-7), transaction ids unique within a customer (GEN-12), no date after today (VAL-8), and the size limits (VAL-11).",
          "type": "object",
          "properties": {
            "bins": {
              "description": "Number of quantile bins and score levels per metric, 2 to 10; 4 and 4.0 are the same integer; absent means 5 (RFM-3, VAL-5).",
              "type": "integer",
              "minimum": 2,
              "maximum": 10,
              "examples": [5]
            },
            "today": {
              "$ref": "#/$defs/date",
              "description": "Reference day for recency; absent means the current UTC date (GEN-6, RFM-28)."
            },
            "customers": {
              "description": "The cohort to score, at least one customer; a customer_id appears at most once (RFM-2, VAL-9, VAL-7).",
              "type": "array",
              "minItems": 1,
              "items": {
                "description": "One customer: exactly customer_id and transactions; a loyalty_score here is an unknown member (RFM-2, VAL-3).",
                "type": "object",
                "properties": {
                  "customer_id": { "$ref": "#/$defs/identifier", "description": "Echoed in the response (RFM-2, VAL-7)." },
                  "transactions": {
                    "description": "The customer's purchase history, at least one transaction; only date and amount are used, the other members are checked and ignored (RFM-2, RFM-4).",
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
            \#(SchemaDefinitions.identifier),
            \#(SchemaDefinitions.date),
            \#(SchemaDefinitions.nonNegative),
            \#(SchemaDefinitions.transaction)
          }
        }
        """#)

    static let customerRFMResponse: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "customer_rfm response",
          "description": "Body of the 200 response of customer_rfm (spec/customer_rfm.md, RFM-5 to RFM-24): one entry per request customer, in request order, the cut points and the tier counts; members in the order listed here (GEN-5). Bounds that depend on bins (scores up to b, totals up to 3b, b − 1 cut points) are stated for the largest b, 10.",
          "type": "object",
          "properties": {
            "customers": {
              "description": "One entry per request customer, in request order (RFM-23).",
              "type": "array",
              "minItems": 1,
              "items": {
                "description": "A customer's metrics, scores, class, tier and sentence, members in this order (RFM-23).",
                "type": "object",
                "properties": {
                  "customer_id": { "$ref": "#/$defs/identifier", "description": "Echoed from the request (RFM-23)." },
                  "recency_days": { "description": "Days from the latest transaction to today (RFM-5).", "type": "integer", "minimum": 0 },
                  "frequency": {
                    "description": "Number of transactions, same-day ones counted separately (RFM-6).",
                    "type": "integer",
                    "minimum": 1
                  },
                  "monetary_total": {
                    "description": "Sum of the amounts in request order, 2 decimals (RFM-7).",
                    "type": "number",
                    "minimum": 0,
                    "examples": [1228.95]
                  },
                  "recency_score": {
                    "$ref": "#/$defs/score",
                    "description": "1 plus the recency cut points strictly above recency_days; the middle score when recency is constant (RFM-13 to RFM-15)."
                  },
                  "frequency_score": {
                    "$ref": "#/$defs/score",
                    "description": "1 plus the frequency cut points strictly below frequency; the middle score when constant (RFM-12, RFM-14, RFM-15)."
                  },
                  "monetary_score": {
                    "$ref": "#/$defs/score",
                    "description": "1 plus the monetary cut points strictly below the unrounded total; the middle score when constant (RFM-12, RFM-14, RFM-15)."
                  },
                  "rfm_class": {
                    "description": "The R, F and M scores as digits with no separator when bins ≤ 9, joined with '-' when bins is 10 (RFM-16).",
                    "type": "string",
                    "pattern": "^([1-9]{3}|([1-9]|10)-([1-9]|10)-([1-9]|10))$",
                    "examples": ["335", "10-3-7"]
                  },
                  "rfm_total": {
                    "description": "recency_score + frequency_score + monetary_score, from 3 to 3·bins (RFM-17).",
                    "type": "integer",
                    "minimum": 3,
                    "maximum": 30,
                    "examples": [11]
                  },
                  "rfm_tier": {
                    "$ref": "#/$defs/tier",
                    "description": "The first tier whose condition holds, tested Champion, Loyal, At-Risk, Potential, Promising (RFM-18, RFM-19)."
                  },
                  "interpretation": {
                    "description": "Exactly '<Tier> customer – last purchase was <R words>, buys with <F words> frequency and has <M words> spending.', with an en dash and the words of the score levels (RFM-20 to RFM-22).",
                    "type": "string",
                    "pattern": "^(Champion|Loyal|Potential|Promising|At-Risk) customer – last purchase was (very recent|recent|a while ago|long ago), buys with (very high|high|moderate|low) frequency and has (very high|high|moderate|low) spending\\.$",
                    "examples": ["Loyal customer – last purchase was recent, buys with high frequency and has very high spending."]
                  }
                },
                "required": [
                  "customer_id",
                  "recency_days",
                  "frequency",
                  "monetary_total",
                  "recency_score",
                  "frequency_score",
                  "monetary_score",
                  "rfm_class",
                  "rfm_total",
                  "rfm_tier",
                  "interpretation"
                ],
                "additionalProperties": false
              }
            },
            "thresholds": {
              "description": "The bins − 1 cut points of each metric, 2 decimals, written even for a constant metric; scoring uses the unrounded values (RFM-8 to RFM-11).",
              "type": "object",
              "properties": {
                "recency": {
                  "$ref": "#/$defs/cutPoints",
                  "description": "Recency cut points in score order, hence non-increasing (RFM-10, RFM-11).",
                  "examples": [[66.6, 24.2, 2.6, 1.8]]
                },
                "frequency": {
                  "$ref": "#/$defs/cutPoints",
                  "description": "Frequency cut points, non-decreasing (RFM-9, RFM-11).",
                  "examples": [[2.4, 2.8, 3.2, 3.6]]
                },
                "monetary": {
                  "$ref": "#/$defs/cutPoints",
                  "description": "Monetary cut points from the unrounded totals, non-decreasing (RFM-9, RFM-11).",
                  "examples": [[381.54, 567.18, 773.79, 1001.37]]
                }
              },
              "required": ["recency", "frequency", "monetary"],
              "additionalProperties": false
            },
            "tier_counts": {
              "description": "Customers per tier: always all five tiers in this order, zeros included; they sum to the number of customers (RFM-24).",
              "type": "object",
              "properties": {
                "Champion": { "$ref": "#/$defs/count", "description": "Customers in Champion (RFM-24)." },
                "Loyal": { "$ref": "#/$defs/count", "description": "Customers in Loyal (RFM-24)." },
                "Potential": { "$ref": "#/$defs/count", "description": "Customers in Potential (RFM-24)." },
                "Promising": { "$ref": "#/$defs/count", "description": "Customers in Promising (RFM-24)." },
                "At-Risk": { "$ref": "#/$defs/count", "description": "Customers in At-Risk (RFM-24)." }
              },
              "required": ["Champion", "Loyal", "Potential", "Promising", "At-Risk"],
              "additionalProperties": false
            }
          },
          "required": ["customers", "thresholds", "tier_counts"],
          "additionalProperties": false,
          "$defs": {
            \#(SchemaDefinitions.identifier),
            "score": {
              "description": "A score from 1 (worst) to bins (best), at most 10 (RFM-12, RFM-13).",
              "type": "integer",
              "minimum": 1,
              "maximum": 10,
              "examples": [3]
            },
            "cutPoints": {
              "description": "bins − 1 cut points (1 to 9), each ≥ 0 and written with 2 decimals (RFM-11).",
              "type": "array",
              "minItems": 1,
              "maxItems": 9,
              "items": { "type": "number", "minimum": 0 }
            },
            "count": {
              "description": "A count of customers (NUM-2: 0 decimals).",
              "type": "integer",
              "minimum": 0
            },
            "tier": {
              "description": "An RFM lifecycle tier (RFM-18).",
              "type": "string",
              "enum": ["Champion", "Loyal", "Potential", "Promising", "At-Risk"]
            }
          }
        }
        """#)
}
