/// `purchasing_segmentation` request and response (spec/purchasing_segmentation.md): two dialects each.
extension EndpointSchemas {
    static let purchasingSegmentationRequest = segmentationRequest(
        title: "purchasing_segmentation request",
        description:
            "Request body of POST /api/v1/ai/purchasing_segmentation (spec/purchasing_segmentation.md): exactly one of the benchmark dialect (customers, source 4.1.7) and the features dialect (data, source 4.1.1), told apart by the body's shape (SEG-2, SEG-3). Checked by the engine only: ids unique in the request (SEG-6, VAL-7), a member repeated within one object (VAL-4) and the size limits (VAL-11)."
    )

    /// The two dialects of SEG's request body (SEG-2 to SEG-16), with `extraProperties` / `extraRequired` top-level
    /// members and, with `rowLabels`, the optional row `cluster_id` of PROF-2: purchasing_segmentation's request and
    /// the bodies of the endpoints built on it.
    static func segmentationRequest(
        title: String, description: String, extraProperties: String = "", extraRequired: String = "", rowLabels: Bool = false
    )
        -> JSONValue
    {
        let clusterId = #"""
            "cluster_id": { "description": "The customer's segment, −1 for noise; on every row or on none (PROF-2).", "type": "integer", "minimum": -1, "maximum": 1e15 },
            """#
        let rows =
            rowLabels
            ? SegmentationSchemaDefinitions.rows
                .replacingFirst(#""id": { "$ref""#, with: clusterId + #""id": { "$ref""#)
                .replacingFirst(#""customer_id": { "$ref""#, with: clusterId + #""customer_id": { "$ref""#)
            : SegmentationSchemaDefinitions.rows
        return parse(
            #"""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "\#(title)",
              "description": "\#(description)",
              "type": "object",
              "oneOf": [{ "$ref": "#/$defs/segBenchmarkRequest" }, { "$ref": "#/$defs/segFeaturesRequest" }],
              "$defs": {
                "segBenchmarkRequest": {
                  "description": "Benchmark dialect (SEG-4 to SEG-9).",
                  "type": "object",
                  "properties": {
                    \#(extraProperties)
                    "customers": {
                      "description": "One row per customer, in the caller's order, at least one (SEG-4).",
                      "type": "array",
                      "minItems": 1,
                      "items": { "$ref": "#/$defs/segCustomer", "description": "A customer of the benchmark dialect (SEG-4, SEG-5)." }
                    },
                    "k_range": {
                      "description": "Cluster counts for kmeans, gmm and agglo, each 2 to 30; a set (SEG-7). Absent means [3, 4, 5, 6].",
                      "type": "array",
                      "minItems": 1,
                      "items": { "description": "A cluster count (SEG-7).", "type": "integer", "minimum": 2, "maximum": 30 },
                      "examples": [[3, 4, 5, 6]]
                    },
                    "algorithms": {
                      "description": "Families to benchmark; a set (SEG-8). Absent means all four.",
                      "type": "array",
                      "minItems": 1,
                      "items": { "description": "A clustering family (SEG-8).", "enum": ["kmeans", "gmm", "agglo", "dbscan"] }
                    },
                    "dbscan_eps": { "$ref": "#/$defs/segEps", "description": "DBSCAN radius (SEG-14)." },
                    "dbscan_min_samples": { "$ref": "#/$defs/segMinSamples", "description": "DBSCAN core size (SEG-15)." },
                    "seed": { "$ref": "#/$defs/segSeed", "description": "Seed of the random choices (SEG-16)." },
                    \#(SegmentationSchemaDefinitions.tuningProperties)
                  },
                  "required": ["customers"\#(extraRequired)],
                  "additionalProperties": false
                },
                "segFeaturesRequest": {
                  "description": "Features dialect (SEG-10 to SEG-13).",
                  "type": "object",
                  "properties": {
                    \#(extraProperties)
                    "data": {
                      "description": "One row per customer, in the caller's order, at least one; a customer_features row is a valid element (SEG-10).",
                      "type": "array",
                      "minItems": 1,
                      "items": { "$ref": "#/$defs/segDataRow", "description": "A customer of the features dialect (SEG-10, SEG-11)." }
                    },
                    "max_clusters": { "description": "Largest k; k runs over 2 … max_clusters (SEG-13). Absent means 8.", "type": "integer", "minimum": 2, "maximum": 30 },
                    "dbscan_eps": { "$ref": "#/$defs/segEps", "description": "DBSCAN radius (SEG-14)." },
                    "dbscan_min_samples": { "$ref": "#/$defs/segMinSamples", "description": "DBSCAN core size (SEG-15)." },
                    "seed": { "$ref": "#/$defs/segSeed", "description": "Seed of the random choices (SEG-16)." },
                    \#(SegmentationSchemaDefinitions.tuningProperties)
                  },
                  "required": ["data"\#(extraRequired)],
                  "additionalProperties": false
                },
                \#(SegmentationSchemaDefinitions.dbscanParameters),
                \#(SegmentationSchemaDefinitions.seed),
                \#(SegmentationSchemaDefinitions.tuning),
                \#(rows),
                \#(SchemaDefinitions.identifier),
                \#(SchemaDefinitions.nonNegative)
              }
            }
            """#)
    }

    static let purchasingSegmentationResponse: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "purchasing_segmentation response",
          "description": "Body of the 200 response of purchasing_segmentation (spec/purchasing_segmentation.md), in the dialect of the request (SEG-54, SEG-60); members in the order listed.",
          "type": "object",
          "oneOf": [{ "$ref": "#/$defs/segBenchmarkResponse" }, { "$ref": "#/$defs/segFeaturesResponse" }],
          "$defs": {
            "segBenchmarkResponse": {
              "description": "Benchmark dialect (SEG-54 to SEG-59).",
              "type": "object",
              "properties": {
                "benchmark": { "description": "Every candidate model in SEG-21 order.", "type": "array", "items": { "$ref": "#/$defs/segBenchmarkRow" } },
                "best_model": { "description": "A copy of the winning row, or null when no model is eligible (SEG-39, SEG-40).", "type": ["object", "null"] },
                "centroids": {
                  "description": "Per cluster id: mean [frequency, amount_spent, product types] in original units, 2 decimals (SEG-32, SEG-63).",
                  "type": "array",
                  "items": { "description": "One cluster's centroid.", "type": "array", "minItems": 3, "maxItems": 3, "items": { "description": "A mean.", "type": "number" } }
                },
                "labels": {
                  "description": "Customer id → cluster id of the best model (−1 for noise), in payload order (SEG-56).",
                  "type": "object",
                  "additionalProperties": { "description": "A cluster id.", "type": "integer", "minimum": -1 }
                },
                "interpretations_en": {
                  "description": "Cluster id → one English sentence (SEG-58).",
                  "type": "object",
                  "additionalProperties": { "description": "The sentence.", "type": "string" }
                },
                "personas": {
                  "description": "Cluster id → persona (SEG-48).",
                  "type": "object",
                  "additionalProperties": { "$ref": "#/$defs/segPersona" }
                },
                "dendrogram": {
                  "description": "The Ward tree and the legend of the best model (SEG-59).",
                  "type": "object",
                  "properties": {
                    "linkage_matrix": {
                      "description": "SciPy linkage rows [i, j, height, size] (SEG-29).",
                      "type": "array",
                      "items": { "description": "One merge.", "type": "array", "minItems": 4, "maxItems": 4, "items": { "description": "A value.", "type": "number", "minimum": 0 } }
                    },
                    "leaf_labels": { "description": "Customer id of each leaf (SEG-59).", "type": "array", "items": { "description": "An id.", "type": "string" } },
                    "leaf_sizes": { "description": "Customers per coreset leaf, only above exact_limit (SEG-59).", "type": "array", "items": { "description": "A count.", "type": "integer", "minimum": 1 } },
                    "cluster_legend": {
                      "description": "One item per cluster, ascending id, noise last (SEG-59).",
                      "type": "array",
                      "items": {
                        "description": "A cluster's legend entry.",
                        "type": "object",
                        "properties": {
                          "cluster_id": { "description": "The cluster id, −1 for noise (SEG-33).", "type": "integer", "minimum": -1 },
                          "size": { "description": "Members (SEG-32).", "type": "integer", "minimum": 1 },
                          "avg_spend": { "description": "Mean amount_spent, 2 decimals (SEG-59).", "type": "number", "minimum": 0 },
                          "avg_frequency": { "description": "Mean frequency, 2 decimals (SEG-59).", "type": "number", "minimum": 0 },
                          "top_categories": { "description": "At most three product types (SEG-57).", "type": "array", "maxItems": 3, "items": { "description": "A product type.", "type": "string" } }
                        },
                        "required": ["cluster_id", "size", "avg_spend", "avg_frequency", "top_categories"],
                        "additionalProperties": false
                      }
                    }
                  },
                  "required": ["linkage_matrix", "leaf_labels", "cluster_legend"],
                  "additionalProperties": false
                },
                "skipped": { "$ref": "#/$defs/segSkipped", "description": "Infeasible k values (SEG-22)." },
                "approximations": { "$ref": "#/$defs/segApproximations", "description": "Approximations in force (SEG-53)." },
                \#(SegmentationSchemaDefinitions.tuningResponseProperties)
              },
              "required": ["benchmark", "best_model", "centroids", "labels", "interpretations_en", "personas", "dendrogram", "skipped", "approximations", "preprocessing", "selection"],
              "additionalProperties": false
            },
            "segFeaturesResponse": {
              "description": "Features dialect (SEG-60 to SEG-62).",
              "type": "object",
              "properties": {
                "best_algorithm": { "description": "The winning family, or null (SEG-40).", "enum": ["KMeans", "GaussianMixture", "Agglomerative", "DBSCAN", null] },
                "best_params": { "description": "The winning row's params, or null (SEG-60).", "type": ["object", "null"] },
                "evaluation_metrics": { "description": "Every candidate model in SEG-21 order.", "type": "array", "items": { "$ref": "#/$defs/segFeaturesRow" } },
                "clusters": {
                  "description": "One item per cluster of the best model, ascending id, noise last (SEG-62).",
                  "type": "array",
                  "items": {
                    "description": "A cluster.",
                    "type": "object",
                    "properties": {
                      "cluster_id": { "description": "The cluster id, −1 for noise (SEG-33).", "type": "integer", "minimum": -1 },
                      "size": { "description": "Members (SEG-32).", "type": "integer", "minimum": 1 },
                      "share": { "description": "size / n, 4 decimals (SEG-62).", "type": "number", "minimum": 0, "maximum": 1 },
                      "centroid": { "$ref": "#/$defs/segFeatureVector", "description": "Member means of the six features (SEG-32, SEG-63)." },
                      "persona": { "$ref": "#/$defs/segPersona", "description": "The cluster's persona (SEG-48)." }
                    },
                    "required": ["cluster_id", "size", "share", "centroid", "persona"],
                    "additionalProperties": false
                  }
                },
                "customer_labels": {
                  "description": "Every customer's cluster in payload order (SEG-60).",
                  "type": "array",
                  "items": {
                    "description": "One customer's label.",
                    "type": "object",
                    "properties": {
                      "customer_id": { "description": "The id (SEG-60).", "type": "string" },
                      "cluster_id": { "description": "The cluster, −1 for noise (SEG-33).", "type": "integer", "minimum": -1 }
                    },
                    "required": ["customer_id", "cluster_id"],
                    "additionalProperties": false
                  }
                },
                "skipped": { "$ref": "#/$defs/segSkipped", "description": "Infeasible k values (SEG-22)." },
                "approximations": { "$ref": "#/$defs/segApproximations", "description": "Approximations in force (SEG-53)." },
                \#(SegmentationSchemaDefinitions.tuningResponseProperties)
              },
              "required": ["best_algorithm", "best_params", "evaluation_metrics", "clusters", "customer_labels", "skipped", "approximations", "preprocessing", "selection"],
              "additionalProperties": false
            },
            \#(SegmentationSchemaDefinitions.shared),
            \#(SegmentationSchemaDefinitions.benchmarkRow),
            \#(SegmentationSchemaDefinitions.featureVector),
            \#(SegmentationSchemaDefinitions.approximations)
          }
        }
        """#)
}

/// `$defs` shared by the schemas of the segmentation endpoints, written once.
enum SegmentationSchemaDefinitions {
    /// DBSCAN's parameters (SEG-14, SEG-15).
    static let dbscanParameters = #"""
            "segEps": {
              "description": "DBSCAN radius in scaled units, greater than 0 and at most 10 (SEG-14). Absent means 0.40.",
              "type": "number",
              "exclusiveMinimum": 0,
              "maximum": 10
            },
            "segMinSamples": {
              "description": "Points within ε (the point included) that make a core point, at least 3 (SEG-15). Absent means 5.",
              "type": "integer",
              "minimum": 3,
              "maximum": 1e15
            }
        """#

    /// SEG-16's seed, shared by every entry point.
    static let seed = #"""
            "segSeed": {
              "description": "Seed of every random choice, 0 to 4294967295 (SEG-16, SEG-23). Absent means 42.",
              "type": "integer",
              "minimum": 0,
              "maximum": 4294967295
            }
        """#

    /// One property per feature name of either dialect, each a transform of SEG-68 (request) or SEG-75 (response).
    static func transformProperties(_ clause: String) -> String {
        (PurchasingSegmentation.profileFeatureNames(.benchmark) + PurchasingSegmentation.featureNames)
            .map { #""\#($0)": { "description": "Transform of \#($0) (\#(clause)).", "enum": ["none", "log1p"] }"# }
            .joined(separator: ",\n")
    }

    /// The request members of SEG-68 to SEG-74, as properties.
    static let tuningProperties = #"""
        "preprocessing": { "$ref": "#/$defs/segPreprocessing", "description": "Transforms before z-scoring (SEG-68, SEG-69)." },
                    "selection": { "$ref": "#/$defs/segSelection", "description": "Caps a model must meet to be chosen (SEG-70)." },
                    "auto_tune": { "description": "Apply the source's tuning tip (SEG-72). Absent means true.", "type": "boolean" },
                    "stability": { "description": "Report each eligible model's stability (SEG-74). Absent means false.", "type": "boolean" }
        """#

    /// `$defs` of SEG-68 and SEG-70.
    static let tuning = #"""
            "segPreprocessing": {
              "description": "auto (SEG-69), none, or a transform per feature name; unnamed features get none (SEG-68). Absent means auto.",
              "oneOf": [
                { "enum": ["auto", "none"] },
                {
                  "type": "object",
                  "properties": {
                    \#(transformProperties("SEG-68"))
                  },
                  "additionalProperties": false
                }
              ]
            },
            "segSelection": {
              "description": "Caps a model must meet to be eligible (SEG-70); min_segment_share must stay below max_segment_share (checked by the engine).",
              "type": "object",
              "properties": {
                "min_segments": { "description": "Fewest clusters (SEG-70). Absent means 3.", "type": "integer", "minimum": 2, "maximum": 30 },
                "max_segment_share": { "description": "Largest cluster's share of customers (SEG-70). Absent means 0.60.", "type": "number", "exclusiveMinimum": 0, "maximum": 1 },
                "min_segment_share": { "description": "Smallest cluster's share (SEG-70). Absent means 0.02.", "type": "number", "minimum": 0, "maximum": 0.5 },
                "max_noise_share": { "description": "Share of noise (SEG-70). Absent means 0.05.", "type": "number", "minimum": 0, "maximum": 1 }
              },
              "additionalProperties": false
            }
        """#

    /// The response members of SEG-75.
    static let tuningResponseProperties = #"""
        "preprocessing": {
                  "description": "The transform applied to each feature, in column order (SEG-75).",
                  "type": "object",
                  "properties": {
                    \#(transformProperties("SEG-75"))
                  },
                  "additionalProperties": false
                },
                "selection": {
                  "description": "The caps in force, whether tuning was on, the eligible rows and whether the fallback chose (SEG-75).",
                  "type": "object",
                  "properties": {
                    "min_segments": { "description": "In force (SEG-70).", "type": "integer" },
                    "max_segment_share": { "description": "In force (SEG-70).", "type": "number" },
                    "min_segment_share": { "description": "In force (SEG-70).", "type": "number" },
                    "max_noise_share": { "description": "In force (SEG-70).", "type": "number" },
                    "auto_tune": { "description": "Whether SEG-72 was applied.", "type": "boolean" },
                    "eligible_models": { "description": "Rows with eligible true (SEG-71).", "type": "integer", "minimum": 0 },
                    "fallback": { "description": "Whether SEG-73's fallback chose the best model.", "type": "boolean" }
                  },
                  "required": ["min_segments", "max_segment_share", "min_segment_share", "max_noise_share", "auto_tune", "eligible_models", "fallback"],
                  "additionalProperties": false
                }
        """#

    /// The row members SEG-71, SEG-74 and SEG-75 add.
    static let rowTuningProperties = #"""
        "ineligible_reasons": {
                  "description": "Why the row may not be chosen, in SEG-71's order; only on rows that may not.",
                  "type": "array",
                  "minItems": 1,
                  "items": { "enum": ["metrics_undefined", "noise_over_half", "too_few_segments", "largest_segment_over_cap", "segment_under_minimum", "noise_over_cap"] }
                },
                "stability": { "description": "Mean adjusted Rand index of three subsample refits; null when not eligible; only when requested (SEG-74).", "type": ["number", "null"] }
        """#

    /// The customer rows of the two dialects (SEG-4, SEG-10), with the `$defs` they reference (identifier, nonNegative).
    static let rows = #"""
            "segCustomer": {
              "description": "A customer of the benchmark dialect (SEG-4, SEG-5).",
              "type": "object",
              "properties": {
                "id": { "$ref": "#/$defs/identifier", "description": "The customer's key, unique in the request (SEG-6)." },
                "frequency": { "description": "Transactions in the caller's window, at least 1 (SEG-5).", "type": "integer", "minimum": 1, "maximum": 1e15 },
                "amount_spent": { "$ref": "#/$defs/nonNegative", "description": "Money spent in the window: the spend feature (SEG-17)." },
                "product_types": {
                  "description": "Product types bought; the breadth feature counts the distinct strings (SEG-5, SEG-17).",
                  "type": "array",
                  "minItems": 1,
                  "items": { "$ref": "#/$defs/identifier" }
                }
              },
              "required": ["id", "frequency", "amount_spent", "product_types"],
              "additionalProperties": false
            },
            "segDataRow": {
              "description": "A customer of the features dialect (SEG-10, SEG-11).",
              "type": "object",
              "properties": {
                "customer_id": { "$ref": "#/$defs/identifier", "description": "The customer's key, unique in the request (SEG-6)." },
                "features": {
                  "description": "Exactly the six features, all required (SEG-11, SEG-17).",
                  "type": "object",
                  "properties": {
                    "purchase_total": { "$ref": "#/$defs/nonNegative", "description": "Revenue in the window: the spend feature (SEG-17)." },
                    "visit_frequency": { "description": "Purchase occasions: the frequency feature (SEG-17).", "type": "integer", "minimum": 0, "maximum": 1e15 },
                    "avg_ticket": { "$ref": "#/$defs/nonNegative", "description": "Average value per purchase (SEG-17)." },
                    "product_diversity": { "description": "Distinct products or categories: the breadth feature (SEG-17).", "type": "integer", "minimum": 0, "maximum": 1e15 },
                    "loyalty_score": { "description": "Loyalty indicator from 0 to 1 (SEG-17).", "type": "number", "minimum": 0, "maximum": 1 },
                    "recency_days": { "description": "Days since the last purchase: the recency feature (SEG-17).", "type": "integer", "minimum": 0, "maximum": 1e15 }
                  },
                  "required": ["purchase_total", "visit_frequency", "avg_ticket", "product_diversity", "loyalty_score", "recency_days"],
                  "additionalProperties": false
                }
              },
              "required": ["customer_id", "features"],
              "additionalProperties": false
            }
        """#

    /// The benchmark dialect's row (SEG-55).
    static let benchmarkRow = #"""
            "segBenchmarkRow": {
              "description": "A benchmark row (SEG-55).",
              "type": "object",
              "properties": {
                "algo": { "description": "The family's request name (SEG-55).", "enum": ["kmeans", "gmm", "agglo", "dbscan"] },
                "k": { "description": "The cluster count, null for dbscan (SEG-55).", "type": ["integer", "null"], "minimum": 2, "maximum": 30 },
                "eps": { "description": "The try's ε, dbscan rows only (SEG-72, SEG-75).", "type": "number", "exclusiveMinimum": 0 },
                "silhouette": { "$ref": "#/$defs/segSilhouette", "description": "Silhouette (SEG-35)." },
                "davies_bouldin": { "$ref": "#/$defs/segMetric", "description": "Davies–Bouldin (SEG-36)." },
                "calinski_harabasz": { "$ref": "#/$defs/segMetric", "description": "Calinski–Harabasz (SEG-37)." },
                "n_clusters": { "description": "Clusters other than noise (SEG-32).", "type": "integer", "minimum": 0 },
                "noise_ratio": { "$ref": "#/$defs/segNoiseRatio", "description": "Noise share, DBSCAN rows only (SEG-55)." },
                "eligible": { "description": "Whether the model may be chosen (SEG-38, SEG-70).", "type": "boolean" },
                \#(rowTuningProperties)
              },
              "required": ["algo", "k", "silhouette", "davies_bouldin", "calinski_harabasz", "n_clusters", "eligible"],
              "additionalProperties": false
            }
        """#

    /// The six features of a features-dialect centroid or customer row.
    static let featureVector = #"""
            "segFeatureVector": {
              "description": "The six features of SEG-17, as written: money and counts 2 decimals, loyalty 4 (SEG-63, CSEG-14).",
              "type": "object",
              "properties": {
                "purchase_total": { "description": "Spend (SEG-17).", "type": "number", "minimum": 0 },
                "visit_frequency": { "description": "Purchases (SEG-17).", "type": "number", "minimum": 0 },
                "avg_ticket": { "description": "Average value per purchase (SEG-17).", "type": "number", "minimum": 0 },
                "product_diversity": { "description": "Distinct products (SEG-17).", "type": "number", "minimum": 0 },
                "loyalty_score": { "description": "Loyalty, 0 to 1 (SEG-17).", "type": "number", "minimum": 0, "maximum": 1 },
                "recency_days": { "description": "Days since the last purchase (SEG-17).", "type": "number", "minimum": 0 }
              },
              "required": ["purchase_total", "visit_frequency", "avg_ticket", "product_diversity", "loyalty_score", "recency_days"],
              "additionalProperties": false
            }
        """#

    /// Rows, personas and the lists every segmentation response carries.
    static let shared = #"""
            "segFeaturesRow": {
              "description": "An evaluation_metrics row (SEG-61).",
              "type": "object",
              "properties": {
                "algorithm": { "description": "The family's display name (SEG-61).", "enum": ["KMeans", "GaussianMixture", "Agglomerative", "DBSCAN"] },
                "params": { "description": "{k} or {eps, min_samples} (SEG-61).", "type": "object" },
                "silhouette": { "$ref": "#/$defs/segSilhouette", "description": "Silhouette (SEG-35)." },
                "davies_bouldin": { "$ref": "#/$defs/segMetric", "description": "Davies–Bouldin (SEG-36)." },
                "calinski_harabasz": { "$ref": "#/$defs/segMetric", "description": "Calinski–Harabasz (SEG-37)." },
                "n_clusters": { "description": "Clusters other than noise (SEG-32).", "type": "integer", "minimum": 0 },
                "noise_ratio": { "$ref": "#/$defs/segNoiseRatio", "description": "Noise share, DBSCAN rows only (SEG-55)." },
                "eligible": { "description": "Whether the model may be chosen (SEG-38, SEG-70).", "type": "boolean" },
                \#(rowTuningProperties)
              },
              "required": ["algorithm", "params", "silhouette", "davies_bouldin", "calinski_harabasz", "n_clusters", "eligible"],
              "additionalProperties": false
            },
            "segSilhouette": { "description": "Silhouette, 4 decimals; −1 for an ineligible model (SEG-35, SEG-38).", "type": "number", "minimum": -1, "maximum": 1, "examples": [0.6444, -1] },
            "segMetric": { "description": "Davies–Bouldin or Calinski–Harabasz, 4 decimals, null when undefined (SEG-34, SEG-36, SEG-37).", "type": ["number", "null"], "minimum": 0 },
            "segNoiseRatio": { "description": "Share of noise, DBSCAN rows only (SEG-31).", "type": "number", "minimum": 0, "maximum": 1 },
            "segPersona": {
              "description": "A persona (SEG-48).",
              "type": "object",
              "properties": {
                "key": { "description": "Base persona key or unclustered (SEG-48).", "type": "string" },
                "name": { "description": "English name, unique within the response (SEG-44).", "type": "string" },
                "qualifiers": { "description": "Qualifier keys (SEG-43).", "type": "array", "items": { "description": "A qualifier.", "enum": ["lapsing", "broad", "narrow"] } },
                "levels": {
                  "description": "Level per persona feature (SEG-41).",
                  "type": "object",
                  "additionalProperties": { "description": "A level.", "enum": ["low", "mid", "high"] }
                },
                "description": { "description": "One English sentence (SEG-45).", "type": "string" },
                "actions": {
                  "description": "Suggested actions (SEG-46).",
                  "type": "array",
                  "items": {
                    "description": "An action.",
                    "type": "object",
                    "properties": { "key": { "description": "Stable key (SEG-48).", "type": "string" }, "text": { "description": "English text (SEG-46).", "type": "string" } },
                    "required": ["key", "text"],
                    "additionalProperties": false
                  }
                }
              },
              "required": ["key", "name", "qualifiers", "levels", "description", "actions"],
              "additionalProperties": false
            },
            "segSkipped": {
              "description": "Infeasible k values, ascending (SEG-22).",
              "type": "array",
              "items": {
                "description": "A skipped k.",
                "type": "object",
                "properties": {
                  "k": { "description": "The k (SEG-55).", "type": "integer" },
                  "reason": { "description": "Why (SEG-22).", "enum": ["k_not_below_n", "k_above_distinct"] }
                },
                "required": ["k", "reason"],
                "additionalProperties": false
              }
            }
        """#

    /// SEG-53's approximations list.
    static let approximations = #"""
            "segApproximations": {
              "description": "Approximations in force above exact_limit (SEG-53).",
              "type": "array",
              "items": {
                "description": "An approximation.",
                "type": "object",
                "properties": {
                  "quantity": { "description": "What was approximated (SEG-53).", "enum": ["silhouette", "kmeans", "gmm", "ward"] },
                  "method": { "description": "How (SEG-53).", "enum": ["sample", "coreset"] },
                  "size": { "description": "Sample or coreset size (SEG-32).", "type": "integer", "minimum": 1 }
                },
                "required": ["quantity", "method", "size"],
                "additionalProperties": false
              }
            }
        """#
}

/// `customer_segmentation` request and response (spec/customer_segmentation.md).
extension EndpointSchemas {
    static let customerSegmentationRequest: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "customer_segmentation request",
          "description": "Request body of POST /api/v1/ai/customer_segmentation (spec/customer_segmentation.md, CSEG-2 to CSEG-5): customer_features' customers and transactions plus the features-dialect parameters of purchasing_segmentation. Checked by the engine only: ids unique (VAL-7, GEN-12), no date after today (VAL-8), a member repeated within one object (VAL-4) and the size limits (VAL-11).",
          "type": "object",
          "properties": {
            "today": { "$ref": "#/$defs/date", "description": "Reference day for recency_days; absent means the current UTC date (GEN-6, CSEG-6)." },
            "customers": {
              "description": "The customers to segment, at least one; a customer_id appears at most once (CSEG-3, VAL-7).",
              "type": "array",
              "minItems": 1,
              "items": {
                "description": "One customer, as customer_features takes it (CSEG-3).",
                "type": "object",
                "properties": {
                  "customer_id": { "$ref": "#/$defs/identifier", "description": "Echoed in the response (CSEG-13)." },
                  "loyalty_score": { "$ref": "#/$defs/unitInterval", "description": "Loyalty indicator, 0 to 1; absent means 0 (CSEG-6)." },
                  "transactions": {
                    "description": "At least one transaction; transaction_id and product_id required, category optional (CSEG-3, CSEG-4).",
                    "type": "array",
                    "minItems": 1,
                    "items": { "$ref": "#/$defs/transaction", "description": "A GEN-10 transaction (CSEG-3).", "required": ["transaction_id", "date", "amount", "product_id"] }
                  }
                },
                "required": ["customer_id", "transactions"],
                "additionalProperties": false
              }
            },
            "max_clusters": { "description": "Largest k; k runs over 2 … max_clusters (CSEG-3, SEG-13). Absent means 8.", "type": "integer", "minimum": 2, "maximum": 30 },
            "dbscan_eps": { "$ref": "#/$defs/segEps", "description": "DBSCAN radius (SEG-14)." },
            "dbscan_min_samples": { "$ref": "#/$defs/segMinSamples", "description": "DBSCAN core size (SEG-15)." },
            "seed": { "$ref": "#/$defs/segSeed", "description": "Seed of the random choices (SEG-16)." },
                    \#(SegmentationSchemaDefinitions.tuningProperties)
          },
          "required": ["customers"],
          "additionalProperties": false,
          "$defs": {
            \#(SegmentationSchemaDefinitions.dbscanParameters),
            \#(SegmentationSchemaDefinitions.seed),
            \#(SegmentationSchemaDefinitions.tuning),
            \#(SchemaDefinitions.identifier),
            \#(SchemaDefinitions.date),
            \#(SchemaDefinitions.nonNegative),
            \#(SchemaDefinitions.unitInterval),
            \#(SchemaDefinitions.transaction)
          }
        }
        """#)

    static let customerSegmentationResponse: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "customer_segmentation response",
          "description": "Body of the 200 response of customer_segmentation (spec/customer_segmentation.md, CSEG-11 to CSEG-14); members in the order listed.",
          "type": "object",
          "properties": {
            "best_algorithm": { "description": "The winning family, or null (SEG-60, SEG-40).", "enum": ["KMeans", "GaussianMixture", "Agglomerative", "DBSCAN", null] },
            "best_params": { "description": "The winning row's params, or null (SEG-60).", "type": ["object", "null"] },
            "evaluation_metrics": { "description": "Every candidate model in SEG-21 order (SEG-61).", "type": "array", "items": { "$ref": "#/$defs/segFeaturesRow" } },
            "clusters": {
              "description": "One item per cluster of the best model, ascending id, noise last (CSEG-12).",
              "type": "array",
              "items": {
                "description": "A cluster (CSEG-12).",
                "type": "object",
                "properties": {
                  "cluster_id": { "description": "The cluster id, −1 for noise (SEG-33).", "type": "integer", "minimum": -1 },
                  "size": { "description": "Members (SEG-32).", "type": "integer", "minimum": 1 },
                  "share": { "description": "size / n, 4 decimals (SEG-62).", "type": "number", "minimum": 0, "maximum": 1 },
                  "centroid": { "$ref": "#/$defs/segFeatureVector", "description": "Member means of the six features (SEG-32, SEG-63)." },
                  "top_categories": { "description": "At most three categories (CSEG-10).", "type": "array", "maxItems": 3, "items": { "description": "A category (CSEG-10).", "type": "string" } },
                  "persona": { "$ref": "#/$defs/segPersona", "description": "The cluster's persona (SEG-48)." }
                },
                "required": ["cluster_id", "size", "share", "centroid", "top_categories", "persona"],
                "additionalProperties": false
              }
            },
            "customers": {
              "description": "One row per customer in payload order (CSEG-13).",
              "type": "array",
              "items": {
                "description": "A customer's segment and features (CSEG-13).",
                "type": "object",
                "properties": {
                  "customer_id": { "description": "The id (CSEG-13).", "type": "string" },
                  "cluster_id": { "description": "The cluster, −1 for noise (CSEG-13).", "type": "integer", "minimum": -1 },
                  "persona_name": { "description": "The cluster's persona name (CSEG-13).", "type": "string" },
                  "features": { "$ref": "#/$defs/segFeatureVector", "description": "The six features as customer_features writes them (CSEG-13, CSEG-14)." }
                },
                "required": ["customer_id", "cluster_id", "persona_name", "features"],
                "additionalProperties": false
              }
            },
            "skipped": { "$ref": "#/$defs/segSkipped", "description": "Infeasible k values (SEG-22)." },
            "approximations": { "$ref": "#/$defs/segApproximations", "description": "Approximations in force (SEG-53)." },
            \#(SegmentationSchemaDefinitions.tuningResponseProperties)
          },
          "required": ["best_algorithm", "best_params", "evaluation_metrics", "clusters", "customers", "skipped", "approximations", "preprocessing", "selection"],
          "additionalProperties": false,
          "$defs": {
            \#(SegmentationSchemaDefinitions.shared),
            \#(SegmentationSchemaDefinitions.featureVector),
            \#(SegmentationSchemaDefinitions.approximations)
          }
        }
        """#)
}

/// `segment_hierarchy_chart` request and response (spec/segment_hierarchy_chart.md).
extension EndpointSchemas {
    static let segmentHierarchyChartRequest: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "segment_hierarchy_chart request",
          "description": "Request body of POST /api/v1/ai/segment_hierarchy_chart (spec/segment_hierarchy_chart.md, HIER-1 to HIER-4): the customer rows of either segmentation dialect (SEG-2) and the chart's parameters. Checked by the engine only: ids unique (VAL-7), k at most the number of leaves and not together with k_range (HIER-3), a member repeated within one object (VAL-4) and the size limits (VAL-11).",
          "type": "object",
          "properties": {
            "customers": { "description": "Benchmark-dialect rows (HIER-1, SEG-4); exactly one of customers and data is present (SEG-2, checked by the engine).", "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/segCustomer" } },
            "data": { "description": "Features-dialect rows (HIER-1, SEG-10).", "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/segDataRow" } },
            "k": { "description": "Segments of the cut, 2 to 30 and at most the number of leaves (HIER-3); absent: selected (HIER-4).", "type": "integer", "minimum": 2, "maximum": 30 },
            "k_range": {
              "description": "Candidate k values when k is absent (HIER-4, SEG-7).",
              "type": "array",
              "minItems": 1,
              "items": { "description": "A cluster count (SEG-7).", "type": "integer", "minimum": 2, "maximum": 30 }
            },
            "p": { "description": "Leaves to show, 2 to 500 (HIER-7). Absent means 30.", "type": "integer", "minimum": 2, "maximum": 500 },
            "format": { "description": "json, or svg to add the drawn chart (HIER-13).", "enum": ["json", "svg"] },
            "seed": { "$ref": "#/$defs/segSeed", "description": "Used above exact_limit only (HIER-1, SEG-16)." },
            "preprocessing": { "$ref": "#/$defs/segPreprocessing", "description": "Transforms before z-scoring; the tree is built on the result (SEG-68)." },
            "selection": { "$ref": "#/$defs/segSelection", "description": "Caps for the selected k (SEG-70, HIER-4)." },
            "auto_tune": { "description": "Widen k_range when no cut is good enough (SEG-72). Absent means true.", "type": "boolean" }
          },
          "additionalProperties": false,
          "$defs": {
            \#(SegmentationSchemaDefinitions.seed),
            \#(SegmentationSchemaDefinitions.tuning),
            \#(SegmentationSchemaDefinitions.rows),
            \#(SchemaDefinitions.identifier),
            \#(SchemaDefinitions.nonNegative)
          }
        }
        """#)

    static let segmentHierarchyChartResponse: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "segment_hierarchy_chart response",
          "description": "Body of the 200 response of segment_hierarchy_chart (spec/segment_hierarchy_chart.md, HIER-5 to HIER-12); members in the order listed.",
          "type": "object",
          "properties": {
            "n_leaves": { "description": "Leaves of the full tree (HIER-2).", "type": "integer", "minimum": 1 },
            "p": { "description": "Leaves shown (HIER-7).", "type": "integer", "minimum": 1 },
            "truncated": { "description": "Whether merges were hidden (HIER-7).", "type": "boolean" },
            "linkage_matrix": {
              "description": "SciPy linkage rows [i, j, height, size] over the shown leaves (HIER-8).",
              "type": "array",
              "items": { "description": "One merge (HIER-8).", "type": "array", "minItems": 4, "maxItems": 4, "items": { "description": "A value.", "type": "number", "minimum": 0 } }
            },
            "leaves": {
              "description": "The shown leaves in leaf-number order (HIER-9).",
              "type": "array",
              "items": {
                "description": "A chart leaf (HIER-9).",
                "type": "object",
                "properties": {
                  "leaf": { "description": "Its number (HIER-8).", "type": "integer", "minimum": 0 },
                  "node": { "description": "Its id in the full tree (HIER-9).", "type": "integer", "minimum": 0 },
                  "size": { "description": "Customers (HIER-9).", "type": "integer", "minimum": 1 },
                  "label": { "description": "The customer id or \"(size)\" (HIER-9).", "type": "string", "examples": ["(3)"] },
                  "customer_id": { "description": "The customer when the leaf is one (HIER-9).", "type": ["string", "null"] },
                  "cluster_id": { "description": "Segment of the cut holding it (HIER-9).", "type": "integer", "minimum": 0 }
                },
                "required": ["leaf", "node", "size", "label", "customer_id", "cluster_id"],
                "additionalProperties": false
              }
            },
            "order": { "description": "Leaf numbers left to right (HIER-10).", "type": "array", "items": { "description": "A leaf number.", "type": "integer", "minimum": 0 } },
            "cut": {
              "description": "The cut, or null (HIER-4, HIER-5).",
              "type": ["object", "null"],
              "properties": {
                "k": { "description": "Segments (HIER-5).", "type": "integer", "minimum": 2 },
                "selected": { "description": "Whether k came from HIER-4.", "type": "boolean" },
                "height": { "description": "Midpoint of lower and upper (HIER-5).", "type": "number", "minimum": 0 },
                "lower": { "description": "Height of the last merge kept (HIER-5).", "type": "number", "minimum": 0 },
                "upper": { "description": "Height of the first merge removed (HIER-5).", "type": "number", "minimum": 0 },
                "tie": { "description": "lower equals upper (HIER-5).", "type": "boolean" }
              },
              "required": ["k", "selected", "height", "lower", "upper", "tie"],
              "additionalProperties": false
            },
            "cluster_legend": {
              "description": "One item per segment, ascending id (HIER-11, SEG-59).",
              "type": "array",
              "items": {
                "description": "A segment's legend entry (SEG-59).",
                "type": "object",
                "properties": {
                  "cluster_id": { "description": "The segment (HIER-6).", "type": "integer", "minimum": 0 },
                  "size": { "description": "Members (SEG-59).", "type": "integer", "minimum": 1 },
                  "avg_spend": { "description": "Mean spend, 2 decimals (HIER-12).", "type": "number", "minimum": 0 },
                  "avg_frequency": { "description": "Mean frequency, 2 decimals (HIER-12).", "type": "number", "minimum": 0 },
                  "top_categories": { "description": "At most three product types; [] in the features dialect (SEG-57).", "type": "array", "maxItems": 3, "items": { "description": "A product type.", "type": "string" } }
                },
                "required": ["cluster_id", "size", "avg_spend", "avg_frequency", "top_categories"],
                "additionalProperties": false
              }
            },
            "customer_labels": {
              "description": "Every customer's segment in payload order (HIER-11).",
              "type": "array",
              "items": {
                "description": "One customer's segment (HIER-11).",
                "type": "object",
                "properties": {
                  "customer_id": { "description": "The id (HIER-11).", "type": "string" },
                  "cluster_id": { "description": "The segment (HIER-6).", "type": "integer", "minimum": 0 }
                },
                "required": ["customer_id", "cluster_id"],
                "additionalProperties": false
              }
            },
            "approximations": { "$ref": "#/$defs/segApproximations", "description": "Approximations in force (SEG-53)." },
            "svg": { "description": "The drawn chart, a standalone SVG 1.1 document; only with format svg (HIER-13).", "type": "string" }
          },
          "required": ["n_leaves", "p", "truncated", "linkage_matrix", "leaves", "order", "cut", "cluster_legend", "customer_labels", "approximations"],
          "additionalProperties": false,
          "$defs": {
            \#(SegmentationSchemaDefinitions.approximations)
          }
        }
        """#)
}

extension String {
    /// The string with the first occurrence of `target` replaced (schema text assembled from shared pieces).
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        var copy = self
        guard let range = copy.firstRange(of: target) else { preconditionFailure("schema text lacks \(target)") }
        copy.replaceSubrange(range, with: replacement)
        return copy
    }
}
