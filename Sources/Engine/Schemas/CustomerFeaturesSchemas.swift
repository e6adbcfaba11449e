/// `customer_features` request and response (spec/customer_features.md).
extension EndpointSchemas {
    static let customerFeaturesRequest: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "customer_features request",
          "description": "Request body of POST /api/v1/ai/customer_features (spec/customer_features.md, FEAT-2 to FEAT-5, with spec/general.md). Checked by the engine only: a member repeated within one object (VAL-4), customer ids unique in the request (VAL-7), transaction ids unique within a customer (GEN-12), no date after today (VAL-8), and the size limits (VAL-11).",
          "type": "object",
          "properties": {
            "today": {
              "$ref": "#/$defs/date",
              "description": "Reference day for recency_days; absent means the current UTC date, so send it for reproducible answers (GEN-6, FEAT-18)."
            },
            "customers": {
              "description": "The customers to describe, at least one; a customer_id appears at most once (FEAT-2, VAL-9, VAL-7).",
              "type": "array",
              "minItems": 1,
              "items": {
                "description": "One customer: id, optional loyalty score and transactions, nothing else (FEAT-2, VAL-3).",
                "type": "object",
                "properties": {
                  "customer_id": { "$ref": "#/$defs/identifier", "description": "Echoed in the response (FEAT-2, VAL-7)." },
                  "loyalty_score": {
                    "$ref": "#/$defs/unitInterval",
                    "description": "A loyalty indicator the caller already holds, 0 to 1 inclusive; absent means 0 (FEAT-3, FEAT-10).",
                    "examples": [0.97]
                  },
                  "transactions": {
                    "description": "The customer's purchase history, at least one transaction (FEAT-2, VAL-9).",
                    "type": "array",
                    "minItems": 1,
                    "items": {
                      "$ref": "#/$defs/transaction",
                      "description": "A GEN-10 transaction; here transaction_id and product_id are required too (FEAT-4), and cost is checked but ignored (FEAT-5).",
                      "required": ["transaction_id", "date", "amount", "product_id"]
                    }
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
            \#(SchemaDefinitions.unitInterval),
            \#(SchemaDefinitions.transaction)
          }
        }
        """#)

    static let customerFeaturesResponse: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "customer_features response",
          "description": "Body of the 200 response of customer_features (spec/customer_features.md, FEAT-13 to FEAT-15): one entry per request customer, in request order, with members in the order listed here (GEN-5). Each entry is also a valid customer_loyalty customer (FEAT-15, VAL-3).",
          "type": "object",
          "properties": {
            "customers": {
              "description": "One entry per request customer, in request order (FEAT-13).",
              "type": "array",
              "minItems": 1,
              "items": {
                "description": "A customer and its six features (FEAT-13).",
                "type": "object",
                "properties": {
                  "customer_id": { "$ref": "#/$defs/identifier", "description": "Echoed from the request (FEAT-13)." },
                  "features": {
                    "description": "Exactly the six features, in this order; none is scaled or compared across customers (FEAT-13, FEAT-12).",
                    "type": "object",
                    "properties": {
                      "purchase_total": {
                        "description": "Sum of the amounts in request order, 2 decimals (FEAT-6, NUM-2).",
                        "type": "number",
                        "minimum": 0,
                        "examples": [1228.95]
                      },
                      "visit_frequency": {
                        "description": "Number of transactions, same-day ones counted separately; written as an integer (FEAT-7, FEAT-14).",
                        "type": "integer",
                        "minimum": 1,
                        "examples": [3]
                      },
                      "avg_ticket": {
                        "description": "purchase_total / visit_frequency from the unrounded sum, 2 decimals (FEAT-8).",
                        "type": "number",
                        "minimum": 0,
                        "examples": [409.65]
                      },
                      "product_diversity": {
                        "description": "Number of distinct product_id values, compared scalar for scalar (FEAT-9).",
                        "type": "integer",
                        "minimum": 1,
                        "examples": [2]
                      },
                      "loyalty_score": {
                        "description": "The request's loyalty_score, or 0 when absent; 4 decimals (FEAT-10).",
                        "type": "number",
                        "minimum": 0,
                        "maximum": 1,
                        "examples": [0.97, 0]
                      },
                      "recency_days": {
                        "description": "Days from the latest transaction to today (FEAT-11, GEN-7).",
                        "type": "integer",
                        "minimum": 0,
                        "examples": [3]
                      }
                    },
                    "required": ["purchase_total", "visit_frequency", "avg_ticket", "product_diversity", "loyalty_score", "recency_days"],
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
            \#(SchemaDefinitions.identifier)
          }
        }
        """#)
}
