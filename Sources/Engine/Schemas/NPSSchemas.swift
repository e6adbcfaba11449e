/// `nps` request and response (spec/nps.md).
extension EndpointSchemas {
    static let npsRequest: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "nps request",
          "description": "Request body of POST /api/v1/ai/nps (spec/nps.md, NPS-1 to NPS-4, NPS-12, with spec/general.md). Checked by the engine only: a member repeated within one object (VAL-4), no response date after today (NPS-4), from ≤ to and periods that share no day (NPS-12), and the size limits (NPS-18, VAL-11).",
          "type": "object",
          "properties": {
            "today": { "$ref": "#/$defs/date", "description": "Latest date a response may carry; absent means the current UTC date (GEN-6, NPS-4)." },
            "responses": {
              "description": "The survey answers, at least one (NPS-1, VAL-9).",
              "type": "array",
              "minItems": 1,
              "items": {
                "description": "One answer (NPS-1).",
                "type": "object",
                "properties": {
                  "score": { "description": "The answer, an integer 0 to 10 (NPS-2).", "type": "integer", "minimum": 0, "maximum": 10 },
                  "customer_id": { "$ref": "#/$defs/identifier", "description": "Who answered; may repeat across answers (NPS-3)." },
                  "date": { "$ref": "#/$defs/date", "description": "When they answered, not after today (NPS-4)." },
                  "segment": { "$ref": "#/$defs/identifier", "description": "Group for by_segment (NPS-11)." }
                },
                "required": ["score"],
                "additionalProperties": false
              }
            },
            "compare": {
              "description": "Two periods to test against each other (NPS-12).",
              "type": "object",
              "properties": {
                "baseline": { "$ref": "#/$defs/period", "description": "The reference period (NPS-12)." },
                "current": { "$ref": "#/$defs/period", "description": "The period tested against it; shares no day with baseline (NPS-12)." }
              },
              "required": ["baseline", "current"],
              "additionalProperties": false
            }
          },
          "required": ["responses"],
          "additionalProperties": false,
          "$defs": {
            "period": {
              "description": "Inclusive date bounds, from ≤ to (NPS-12).",
              "type": "object",
              "properties": {
                "from": { "$ref": "#/$defs/date", "description": "First day (NPS-12)." },
                "to": { "$ref": "#/$defs/date", "description": "Last day, not before from (NPS-12)." }
              },
              "required": ["from", "to"],
              "additionalProperties": false
            },
            \#(SchemaDefinitions.identifier),
            \#(SchemaDefinitions.date)
          }
        }
        """#)

    static let npsResponse: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "nps response",
          "description": "Body of the 200 response of nps (spec/nps.md); members in the order listed (NPS-16).",
          "type": "object",
          "properties": {
            "overall": { "$ref": "#/$defs/group", "description": "All answers (NPS-11)." },
            "by_segment": {
              "description": "One entry per segment by Unicode scalar values, then the unsegmented; [] when no answer has a segment (NPS-11).",
              "type": "array",
              "items": {
                "description": "A segment's statistics (NPS-10, NPS-11).",
                "type": "object",
                "properties": {
                  "segment": { "description": "The segment, null for answers without one (NPS-11).", "type": ["string", "null"] },
                  \#(groupProperties)
                },
                "required": ["segment", \#(groupRequired)],
                "additionalProperties": false
              }
            },
            "by_month": {
              "description": "One entry per month with dated answers, chronologically (NPS-11).",
              "type": "array",
              "items": {
                "description": "A month's statistics (NPS-10, NPS-11).",
                "type": "object",
                "properties": {
                  "month": { "description": "YYYY-MM (NPS-11).", "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$" },
                  \#(groupProperties)
                },
                "required": ["month", \#(groupRequired)],
                "additionalProperties": false
              }
            },
            "comparison": {
              "description": "The test between the two periods, null without compare (NPS-13 to NPS-15).",
              "type": ["object", "null"],
              "properties": {
                "baseline": { "$ref": "#/$defs/period", "description": "The baseline's bounds and statistics (NPS-15)." },
                "current": { "$ref": "#/$defs/period", "description": "The current period's bounds and statistics (NPS-15)." },
                "difference": { "description": "NPS_c − NPS_b in points, 2 decimals; null with an empty period (NPS-13, NPS-14).", "type": ["number", "null"] },
                "standard_error": { "description": "√(SE_b² + SE_c²), 2 decimals; null with an empty period (NPS-13, NPS-14).", "type": ["number", "null"], "minimum": 0 },
                "z": { "description": "difference / standard_error, 4 decimals, or null (NPS-13, NPS-14).", "type": ["number", "null"] },
                "p_value": { "description": "Two-sided, 4 decimals, or null (NPS-13, NPS-14).", "type": ["number", "null"], "minimum": 0, "maximum": 1 },
                "significant": { "description": "p_value as written < 0.05, or null (NPS-13, NPS-14).", "type": ["boolean", "null"] },
                "reason": { "description": "Why the test is not computed, or null (NPS-14).", "enum": ["empty_period", "zero_standard_error", null] }
              },
              "required": ["baseline", "current", "difference", "standard_error", "z", "p_value", "significant", "reason"],
              "additionalProperties": false
            },
            "undated_responses": { "description": "Answers without a date (NPS-4).", "type": "integer", "minimum": 0 },
            "warnings": {
              "description": "small_sample when a compared period has fewer than 30 answers (NPS-14, NPS-16).",
              "type": "array",
              "items": {
                "description": "A warning (NPS-16).",
                "type": "object",
                "properties": {
                  "code": { "description": "Stable code (NPS-14).", "enum": ["small_sample"] },
                  "message": { "description": "English prose (NPS-16).", "type": "string" }
                },
                "required": ["code", "message"],
                "additionalProperties": false
              }
            }
          },
          "required": ["overall", "by_segment", "by_month", "comparison", "undated_responses", "warnings"],
          "additionalProperties": false,
          "$defs": {
            "group": {
              "description": "Group statistics (NPS-10).",
              "type": "object",
              "properties": {
                \#(groupProperties)
              },
              "required": [\#(groupRequired)],
              "additionalProperties": false
            },
            "period": {
              "description": "A compared period: its bounds and statistics; only counts when empty (NPS-14, NPS-15).",
              "type": "object",
              "properties": {
                "from": { "description": "First day (NPS-12).", "type": "string" },
                "to": { "description": "Last day (NPS-12).", "type": "string" },
                \#(groupProperties)
              },
              "required": ["from", "to", \#(groupRequired)],
              "additionalProperties": false
            }
          }
        }
        """#)

    /// NPS-10's members, written once for every place a group statistics object appears.
    private static let groupProperties = #"""
        "responses": { "description": "Answers in the group (NPS-5).", "type": "integer", "minimum": 0 },
        "promoters": { "description": "Scores 9–10 (NPS-5).", "type": "integer", "minimum": 0 },
        "passives": { "description": "Scores 7–8 (NPS-5).", "type": "integer", "minimum": 0 },
        "detractors": { "description": "Scores 0–6 (NPS-5).", "type": "integer", "minimum": 0 },
        "promoter_share": { "description": "4 decimals; null for an empty period (NPS-5, NPS-9, NPS-14).", "type": ["number", "null"], "minimum": 0, "maximum": 1 },
        "passive_share": { "description": "4 decimals; null for an empty period (NPS-5, NPS-9, NPS-14).", "type": ["number", "null"], "minimum": 0, "maximum": 1 },
        "detractor_share": { "description": "4 decimals; null for an empty period (NPS-5, NPS-9, NPS-14).", "type": ["number", "null"], "minimum": 0, "maximum": 1 },
        "nps": { "description": "100 · (p_P − p_D), 2 decimals; null for an empty period (NPS-5, NPS-9).", "type": ["number", "null"], "minimum": -100, "maximum": 100, "examples": [33.33] },
        "standard_error": { "description": "100 · √(Var / n), 2 decimals; null for an empty period (NPS-6, NPS-9).", "type": ["number", "null"], "minimum": 0 },
        "interval": {
          "description": "Adjusted-Wald 95 % interval; null for an empty period (NPS-7, NPS-8).",
          "type": ["object", "null"],
          "properties": {
            "level": { "description": "0.95 (NPS-7).", "const": 0.95 },
            "lower": { "description": "Lower bound, 2 decimals (NPS-7).", "type": "number", "minimum": -100, "maximum": 100 },
            "upper": { "description": "Upper bound, 2 decimals (NPS-7).", "type": "number", "minimum": -100, "maximum": 100 }
          },
          "required": ["level", "lower", "upper"],
          "additionalProperties": false
        }
        """#
    private static let groupRequired =
        #""responses", "promoters", "passives", "detractors", "promoter_share", "passive_share", "detractor_share", "nps", "standard_error", "interval""#
}
