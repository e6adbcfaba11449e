/// `segment_cluster_profiles` and `segment_subsegment_explore` requests and responses
/// (spec/segment_cluster_profiles.md, spec/segment_subsegment_explore.md): SEG's two dialects with optional row labels.
extension EndpointSchemas {
    static let segmentClusterProfilesRequest = segmentationRequest(
        title: "segment_cluster_profiles request",
        description:
            "Request body of POST /api/v1/ai/segment_cluster_profiles (spec/segment_cluster_profiles.md): a purchasing_segmentation body of either dialect (PROF-1) whose rows may carry cluster_id. Checked by the engine only: cluster_id on every row or on none (PROF-2), no segmentation parameter next to given labels (PROF-3), ids unique (SEG-6), the size limits (VAL-11).",
        rowLabels: true)

    static let segmentSubsegmentExploreRequest = segmentationRequest(
        title: "segment_subsegment_explore request",
        description:
            "Request body of POST /api/v1/ai/segment_subsegment_explore (spec/segment_subsegment_explore.md): a purchasing_segmentation body of either dialect with parent_id, whose rows may carry cluster_id (SUB-1). Checked by the engine only: cluster_id on every row or on none (PROF-2), parent_id naming a segment of the parent labelling (SUB-3), ids unique (SEG-6), the size limits (VAL-11).",
        extraProperties: #"""
            "parent_id": { "description": "The parent segment to explore, −1 for noise (SUB-1, SUB-3).", "type": "integer", "minimum": -1, "maximum": 1e15 },
            """#,
        extraRequired: #", "parent_id""#, rowLabels: true)

    static let segmentClusterProfilesResponse: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "segment_cluster_profiles response",
          "description": "Body of the 200 response of segment_cluster_profiles (spec/segment_cluster_profiles.md); members in the order listed (PROF-12).",
          "type": "object",
          "properties": {
            "labels_source": { "description": "Where the labels came from (PROF-4, PROF-5).", "enum": ["request", "segmentation"] },
            "best_model": {
              "description": "The winning row of the segmentation in the dialect's shape, null when labels were given or no model is eligible (PROF-5).",
              "oneOf": [{ "$ref": "#/$defs/segBenchmarkRow" }, { "$ref": "#/$defs/segFeaturesRow" }, { "type": "null", "description": "No model." }]
            },
            "population": {
              "description": "All customers (PROF-7).",
              "type": "object",
              "properties": {
                "size": { "description": "n (PROF-7).", "type": "integer", "minimum": 1 },
                "features": {
                  "description": "Feature name (PROF-6) → its distribution over the population.",
                  "type": "object",
                  "additionalProperties": {
                    "description": "Mean, ddof-0 standard deviation and quartiles (PROF-7, PROF-13).",
                    "type": "object",
                    "properties": {
                      "mean": { "description": "Mean (PROF-7).", "type": "number" },
                      "std": { "description": "Standard deviation, ddof 0; 0 for a constant feature (PROF-7).", "type": "number", "minimum": 0 },
                      "p25": { "description": "0.25 percentile (GEN-8).", "type": "number" },
                      "median": { "description": "0.5 percentile (GEN-8).", "type": "number" },
                      "p75": { "description": "0.75 percentile (GEN-8).", "type": "number" }
                    },
                    "required": ["mean", "std", "p25", "median", "p75"],
                    "additionalProperties": false
                  }
                }
              },
              "required": ["size", "features"],
              "additionalProperties": false
            },
            "clusters": {
              "description": "One item per segment, ascending cluster_id with −1 last (PROF-11).",
              "type": "array",
              "items": {
                "description": "A segment's profile.",
                "type": "object",
                "properties": {
                  "cluster_id": { "description": "The segment id as labelled (PROF-4).", "type": "integer", "minimum": -1 },
                  "size": { "description": "Members (PROF-11).", "type": "integer", "minimum": 1 },
                  "share": { "description": "size / n, 4 decimals (PROF-11).", "type": "number", "minimum": 0, "maximum": 1 },
                  "features": {
                    "description": "Feature name → the members' distribution and lift (PROF-8).",
                    "type": "object",
                    "additionalProperties": {
                      "description": "Mean, quartiles and lift in population standard deviations (PROF-8).",
                      "type": "object",
                      "properties": {
                        "mean": { "description": "Members' mean (PROF-8).", "type": "number" },
                        "p25": { "description": "0.25 percentile (GEN-8).", "type": "number" },
                        "median": { "description": "0.5 percentile (GEN-8).", "type": "number" },
                        "p75": { "description": "0.75 percentile (GEN-8).", "type": "number" },
                        "lift_z": { "description": "(mean − μ) / σ, 0 for a constant feature, 4 decimals (PROF-8).", "type": "number" }
                      },
                      "required": ["mean", "p25", "median", "p75", "lift_z"],
                      "additionalProperties": false
                    }
                  },
                  "top_categories": {
                    "description": "At most five categories with penetration and lift; [] in the features dialect (PROF-10).",
                    "type": "array",
                    "maxItems": 5,
                    "items": {
                      "description": "A category.",
                      "type": "object",
                      "properties": {
                        "category": { "description": "The product type (PROF-10).", "type": "string" },
                        "customers": { "description": "Members holding it (PROF-10).", "type": "integer", "minimum": 1 },
                        "share": { "description": "customers / size, 4 decimals (PROF-10).", "type": "number", "minimum": 0, "maximum": 1 },
                        "lift": { "description": "share / (holders in the request / n), 4 decimals (PROF-10).", "type": "number", "minimum": 0 }
                      },
                      "required": ["category", "customers", "share", "lift"],
                      "additionalProperties": false
                    }
                  },
                  "persona": { "$ref": "#/$defs/segPersona", "description": "The segment's persona (PROF-9)." }
                },
                "required": ["cluster_id", "size", "share", "features", "top_categories", "persona"],
                "additionalProperties": false
              }
            },
            "customer_labels": { "$ref": "#/$defs/labels", "description": "Every customer's segment in payload order (PROF-12)." },
            "skipped": { "$ref": "#/$defs/segSkipped", "description": "Infeasible k values of the segmentation, [] with given labels (SEG-22)." },
            "approximations": { "$ref": "#/$defs/segApproximations", "description": "Approximations of the segmentation, [] with given labels (SEG-53)." }
          },
          "required": ["labels_source", "best_model", "population", "clusters", "customer_labels", "skipped", "approximations"],
          "additionalProperties": false,
          "$defs": {
            "labels": {
              "description": "Customer → segment.",
              "type": "array",
              "items": {
                "description": "One customer's label.",
                "type": "object",
                "properties": {
                  "customer_id": { "description": "The row's id (PROF-12).", "type": "string" },
                  "cluster_id": { "description": "The segment, −1 for noise (PROF-4).", "type": "integer", "minimum": -1 }
                },
                "required": ["customer_id", "cluster_id"],
                "additionalProperties": false
              }
            },
            \#(SegmentationSchemaDefinitions.shared),
            \#(SegmentationSchemaDefinitions.benchmarkRow),
            \#(SegmentationSchemaDefinitions.approximations)
          }
        }
        """#)

    static let segmentSubsegmentExploreResponse: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "segment_subsegment_explore response",
          "description": "Body of the 200 response of segment_subsegment_explore (spec/segment_subsegment_explore.md); members in the order listed (SUB-12).",
          "type": "object",
          "properties": {
            "labels_source": { "description": "Where the parent labels came from (SUB-2).", "enum": ["request", "segmentation"] },
            "parent": {
              "description": "The explored segment (SUB-9).",
              "type": "object",
              "properties": {
                "cluster_id": { "description": "parent_id (SUB-9).", "type": "integer", "minimum": -1 },
                "size": { "description": "Members (SUB-9).", "type": "integer", "minimum": 1 },
                "share": { "description": "size / n, 4 decimals (SUB-13).", "type": "number", "minimum": 0, "maximum": 1 },
                "persona": { "$ref": "#/$defs/segPersona", "description": "Its persona among the parent-level segments (SUB-9)." }
              },
              "required": ["cluster_id", "size", "share", "persona"],
              "additionalProperties": false
            },
            "best_model": {
              "description": "The winning row of the sub-segmentation in the dialect's shape, or null (SUB-8).",
              "oneOf": [{ "$ref": "#/$defs/segBenchmarkRow" }, { "$ref": "#/$defs/segFeaturesRow" }, { "type": "null", "description": "No eligible model." }]
            },
            "benchmark": {
              "description": "Every candidate of the sub-segmentation in SEG-21 order, in the dialect's row shape.",
              "type": "array",
              "items": { "oneOf": [{ "$ref": "#/$defs/segBenchmarkRow" }, { "$ref": "#/$defs/segFeaturesRow" }], "description": "A row." }
            },
            "subsegments": {
              "description": "Ascending j, noise last (SUB-5).",
              "type": "array",
              "minItems": 1,
              "items": {
                "description": "A sub-segment.",
                "type": "object",
                "properties": {
                  "id": { "$ref": "#/$defs/subsegmentId", "description": "\"P.j\" (SUB-5)." },
                  "size": { "description": "Members (SUB-5).", "type": "integer", "minimum": 1 },
                  "share_of_parent": { "description": "size / parent size, 4 decimals (SUB-13).", "type": "number", "minimum": 0, "maximum": 1 },
                  "share": { "description": "size / n, 4 decimals (SUB-13).", "type": "number", "minimum": 0, "maximum": 1 },
                  "centroid": { "description": "Feature name (PROF-6) → members' mean in original units (SEG-63).", "type": "object", "additionalProperties": { "description": "A mean.", "type": "number" } },
                  "persona": { "$ref": "#/$defs/segPersona", "description": "Against the whole request's population (SUB-6)." },
                  "vs_parent": {
                    "description": "Persona feature → its mean as a z-score within the parent (SUB-7).",
                    "type": "object",
                    "additionalProperties": { "description": "≥ 0.5 higher, ≤ −0.5 lower.", "enum": ["higher", "similar", "lower"] }
                  }
                },
                "required": ["id", "size", "share_of_parent", "share", "centroid", "persona", "vs_parent"],
                "additionalProperties": false
              }
            },
            "tree": { "$ref": "#/$defs/node", "description": "The parent→child tree (SUB-10)." },
            "customer_labels": {
              "description": "The parent's members in payload order (SUB-12).",
              "type": "array",
              "items": {
                "description": "One member's sub-segment.",
                "type": "object",
                "properties": {
                  "customer_id": { "description": "The row's id (SUB-12).", "type": "string" },
                  "subsegment_id": { "$ref": "#/$defs/subsegmentId", "description": "Its sub-segment (SUB-5)." }
                },
                "required": ["customer_id", "subsegment_id"],
                "additionalProperties": false
              }
            },
            "skipped": { "$ref": "#/$defs/segSkipped", "description": "Infeasible k values of the sub-segmentation (SEG-22)." },
            "approximations": { "$ref": "#/$defs/segApproximations", "description": "Approximations of the sub-segmentation (SEG-53)." }
          },
          "required": ["labels_source", "parent", "best_model", "benchmark", "subsegments", "tree", "customer_labels", "skipped", "approximations"],
          "additionalProperties": false,
          "$defs": {
            "subsegmentId": { "description": "Parent id, a dot, sub-segment number (SUB-5).", "type": "string", "pattern": "^-?[0-9]+\\.-?[0-9]+$" },
            "node": {
              "description": "A tree node (SUB-10).",
              "type": "object",
              "properties": {
                "id": { "description": "\"all\", a segment id or a sub-segment id (SUB-10).", "type": "string" },
                "size": { "description": "Customers (SUB-10).", "type": "integer", "minimum": 1 },
                "share": { "description": "size / n, 4 decimals (SUB-10).", "type": "number", "minimum": 0, "maximum": 1 },
                "name": { "description": "Persona name, null at the root (SUB-10).", "type": ["string", "null"] },
                "children": { "description": "Child nodes (SUB-10).", "type": "array", "items": { "$ref": "#/$defs/node" } }
              },
              "required": ["id", "size", "share", "name", "children"],
              "additionalProperties": false
            },
            \#(SegmentationSchemaDefinitions.shared),
            \#(SegmentationSchemaDefinitions.benchmarkRow),
            \#(SegmentationSchemaDefinitions.approximations)
          }
        }
        """#)
}
