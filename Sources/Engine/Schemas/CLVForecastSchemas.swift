/// `customer_clv_forecast` request and response (spec/customer_clv_forecast.md).
extension EndpointSchemas {
    static let clvForecastRequest: JSONValue = historyRequest(
        endpoint: "customer_clv_forecast",
        description:
            "Request body of POST /api/v1/ai/customer_clv_forecast (spec/customer_clv_forecast.md, CLV-1 to CLV-5, with spec/general.md). Checked by the engine only: transaction dates not after today (VAL-8), a member repeated within one object (VAL-4), customer ids unique (VAL-7), transaction ids unique within a customer (GEN-12), cost on every transaction of the request or on none (GEN-11) and the size limits (VAL-11).",
        parameters: #"""
                "today": {"$ref": "#/$defs/date", "description": "Snapshot date: end of observed history and start of the forecast; absent means the current UTC date (GEN-6, CLV-1)."},
                "horizon_months": {"description": "Forecast horizon H in months of 30.4375 days, 1 to 60; absent means 12 (CLV-2).", "type": "integer", "minimum": 1, "maximum": 60, "examples": [12, 6]},
                "discount_rate": {"description": "Annual discount rate D, 0 to 1, applied monthly as (1 + D)^(1/12) − 1; absent means 0.10 (CLV-3).", "type": "number", "minimum": 0, "maximum": 1, "examples": [0.1]},
                "seed": {"description": "Seed of the booster's fold assignment and row sampling, 0 to 4294967295; absent means 42 (CLV-4, CLV-19).", "type": "integer", "minimum": 0, "maximum": 4294967295, "examples": [42]}
            """#,
        customers: "The cohort, at least one customer (CLV-1, VAL-9).", customer: "One customer (CLV-1).",
        customerID: "Unique within the request (CLV-5, VAL-7).",
        transactions:
            "Purchase history up to today, at least one transaction; date and amount are used, and cost (on all transactions or none) turns the value basis to margin (CLV-5, CLV-6, GEN-11)."
    )

    static let clvForecastResponse: JSONValue = parse(
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "customer_clv_forecast response",
          "description": "Body of the 200 response of customer_clv_forecast (spec/customer_clv_forecast.md); members in the order listed (CLV-38, GEN-5). Money is in the value basis, so forecasts, monetary values, interval bounds and contributions may be negative under the margin basis (CLV-6, CLV-39).",
          "type": "object",
          "properties": {
            "best_algorithm": { "description": "The model that produced every forecast (CLV-28).", "enum": ["BGNBD_GammaGamma", "GradientBoosting", "HistoricalRunRate"] },
            "horizon_months": { "description": "H as applied (CLV-2, CLV-38).", "type": "integer", "minimum": 1, "maximum": 60 },
            "evaluation_mae": {
              "description": "Each evaluated candidate, in candidate order, mapped to its backtest mae, 2 decimals; baselines excluded; {} when the backtest is skipped (CLV-27).",
              "type": "object",
              "properties": {
                "BGNBD_GammaGamma": { "description": "mae of the probabilistic pair (CLV-25, CLV-27).", "type": "number", "minimum": 0 },
                "GradientBoosting": { "description": "mae of the cross-fitted booster (CLV-25, CLV-27).", "type": "number", "minimum": 0 }
              },
              "additionalProperties": false
            },
            "customers": {
              "description": "One entry per customer, request order (CLV-38).",
              "type": "array",
              "minItems": 1,
              "items": {
                "description": "A customer's forecast (CLV-38).",
                "type": "object",
                "properties": {
                  "customer_id": { "description": "Echo (CLV-38).", "type": "string" },
                  "predicted_clv": { "description": "Discounted forecast over H months in the value basis, 2 decimals (CLV-29 to CLV-32).", "type": "number", "examples": [231.5] },
                  "algorithm_used": { "description": "Equals best_algorithm (CLV-28).", "enum": ["BGNBD_GammaGamma", "GradientBoosting", "HistoricalRunRate"] },
                  "clv_tier": { "description": "Relative to the request's customers from the written forecast: ≤ 0 Low, top 0.2 share High, top 0.5 share Medium (CLV-34).", "enum": ["High", "Medium", "Low"] },
                  "interpretation": {
                    "description": "One of the four fixed sentences, by tier and, for Low, by p_alive < 0.5; the number is horizon_months (CLV-35).",
                    "type": "string",
                    "pattern": "^(High predicted value over a [0-9]+-month horizon: prioritise retention and VIP treatment\\.|Medium predicted value over a [0-9]+-month horizon: grow it with targeted cross-sell and upsell\\.|Low predicted value and probably no longer active: consider an automated win-back\\.|Low predicted value over a [0-9]+-month horizon: keep on low-cost automated campaigns\\.)$",
                    "examples": ["High predicted value over a 6-month horizon: prioritise retention and VIP treatment."]
                  },
                  "explanations": {
                    "description": "The quantities behind the forecast, members in this order (CLV-32).",
                    "type": "object",
                    "properties": {
                      "frequency": { "description": "x of the full-history summary (CLV-7, CLV-32).", "type": "integer", "minimum": 0 },
                      "recency": { "description": "t_x in days (CLV-7, CLV-32).", "type": "integer", "minimum": 0 },
                      "T": { "description": "Days from the first purchase day to today (CLV-7, CLV-32).", "type": "integer", "minimum": 0 },
                      "monetary_value": { "description": "m, mean day value after the first purchase day, 2 decimals; negative possible under the margin basis (CLV-7, CLV-32).", "type": "number", "examples": [202] },
                      "expected_purchases": { "description": "E[Y(H·L)] of the full-history BG/NBD, or λ·H·L under the fallback, 4 decimals (CLV-12, CLV-21, CLV-32).", "type": "number", "minimum": 0 },
                      "p_alive": { "description": "P(alive) of the full-history BG/NBD, 4 decimals; null under the fallback (CLV-12, CLV-32).", "type": ["number", "null"], "minimum": 0, "maximum": 1 },
                      "expected_spend_per_purchase": { "description": "E[M | x, m] of the full-history Gamma-Gamma, or m under the fallback, 2 decimals (CLV-15, CLV-21, CLV-32).", "type": "number" },
                      "undiscounted_value": { "description": "E[M]·E[Y(H·L)], V for the booster, m·λ·H·L for the fallback, 2 decimals (CLV-29 to CLV-31).", "type": "number" },
                      "discount_factor": { "description": "Ratio of the discounted to the undiscounted value, 4 decimals; 1 when discount_rate is 0 (CLV-29, CLV-31, CLV-39).", "type": "number", "exclusiveMinimum": 0, "maximum": 1, "examples": [0.9727] },
                      "booster": {
                        "description": "Path attribution of the final booster at today, null unless the booster produced the forecast; in its raw unit, the value over h days before scaling and discounting (CLV-20, CLV-32).",
                        "type": ["object", "null"],
                        "properties": {
                          "base_value": { "description": "F_0 plus the root values of all trees, 2 decimals (CLV-20, CLV-32).", "type": "number" },
                          "top_contributions": {
                            "description": "The five features of largest absolute contribution, descending, ties by feature number (CLV-32).",
                            "type": "array",
                            "minItems": 5,
                            "maxItems": 5,
                            "items": {
                              "description": "One feature's contribution (CLV-32).",
                              "type": "object",
                              "properties": {
                                "feature": { "$ref": "#/$defs/feature", "description": "The feature (CLV-17)." },
                                "value": { "description": "Its value at today: counts and days 0 decimals, money 2, ratios and probabilities 4 (CLV-17, CLV-32).", "type": "number" },
                                "contribution": { "description": "Sum of its splits' value changes along the customer's paths, 2 decimals (CLV-20, CLV-32).", "type": "number" }
                              },
                              "required": ["feature", "value", "contribution"],
                              "additionalProperties": false
                            }
                          }
                        },
                        "required": ["base_value", "top_contributions"],
                        "additionalProperties": false
                      }
                    },
                    "required": ["frequency", "recency", "T", "monetary_value", "expected_purchases", "p_alive", "expected_spend_per_purchase", "undiscounted_value", "discount_factor", "booster"],
                    "additionalProperties": false
                  },
                  "interval": {
                    "description": "90 % interval for the expected value from parameter uncertainty, under BGNBD_GammaGamma with both fits' standard errors; null otherwise (CLV-33).",
                    "type": ["object", "null"],
                    "properties": {
                      "level": { "description": "0.9 (CLV-33).", "const": 0.9 },
                      "lower": { "description": "CLV − Z90·SE, 2 decimals, raised to 0 under the revenue basis (CLV-33).", "type": "number" },
                      "upper": { "description": "CLV + Z90·SE, 2 decimals (CLV-33).", "type": "number" }
                    },
                    "required": ["level", "lower", "upper"],
                    "additionalProperties": false
                  }
                },
                "required": ["customer_id", "predicted_clv", "algorithm_used", "clv_tier", "interpretation", "explanations", "interval"],
                "additionalProperties": false
              }
            },
            "summary": {
              "description": "Cohort summary (CLV-36).",
              "type": "object",
              "properties": {
                "customers": { "description": "Count (CLV-36).", "type": "integer", "minimum": 1 },
                "total_predicted_clv": { "description": "Sum of the unrounded forecasts, 2 decimals (CLV-36).", "type": "number" },
                "mean_predicted_clv": { "description": "Mean of the unrounded forecasts, 2 decimals (CLV-36).", "type": "number" },
                "tier_counts": {
                  "description": "Customers per tier, all three (CLV-36).",
                  "type": "object",
                  "properties": {
                    "High": { "description": "High tier (CLV-34).", "type": "integer", "minimum": 0 },
                    "Medium": { "description": "Medium tier (CLV-34).", "type": "integer", "minimum": 0 },
                    "Low": { "description": "Low tier (CLV-34).", "type": "integer", "minimum": 0 }
                  },
                  "required": ["High", "Medium", "Low"],
                  "additionalProperties": false
                }
              },
              "required": ["customers", "total_predicted_clv", "mean_predicted_clv", "tier_counts"],
              "additionalProperties": false
            },
            "discount_rate": { "description": "D as applied, 4 decimals (CLV-3, CLV-38).", "type": "number", "minimum": 0, "maximum": 1 },
            "value_basis": { "description": "margin when the request carries cost, else revenue (CLV-6).", "enum": ["margin", "revenue"] },
            "selection": {
              "description": "How the forecasting model was chosen (CLV-28, CLV-38).",
              "type": "object",
              "properties": {
                "method": { "description": "backtest winner, default pair, or fallback (CLV-28).", "enum": ["backtest", "default", "fallback"] },
                "reason": { "description": "null after a backtest, the backtest's skip reason under default, model_unavailable under fallback (CLV-28).", "enum": ["history_too_short", "no_evaluable_candidate", "model_unavailable", null] },
                "backtest": {
                  "description": "The time-based backtest on the calibration cohort, members in this order (CLV-22 to CLV-27, CLV-38).",
                  "type": "object",
                  "properties": {
                    "status": { "description": "run, or skipped when the holdout is too short or no candidate is evaluable (CLV-22, CLV-24).", "enum": ["run", "skipped"] },
                    "reason": { "description": "Why skipped, null when run (CLV-22, CLV-24).", "enum": ["history_too_short", "no_evaluable_candidate", null] },
                    "calibration_end": {
                      "description": "c = today − h, null when the history is too short (CLV-22).",
                      "oneOf": [{ "$ref": "#/$defs/date" }, { "type": "null", "description": "No calibration end." }]
                    },
                    "holdout_days": { "description": "h = min(H_days, ⌊S/2⌋) (CLV-22).", "type": "integer", "minimum": 0, "examples": [182] },
                    "target_holdout_days": { "description": "H_days = ⌊H·L⌋, 30 to 1826 (CLV-22).", "type": "integer", "minimum": 30, "maximum": 1826, "examples": [182] },
                    "extrapolated": { "description": "h < H_days (CLV-22).", "type": "boolean" },
                    "calibration_customers": { "description": "Customers with a purchase day ≤ c, null when the history is too short (CLV-23).", "type": ["integer", "null"], "minimum": 1 },
                    "candidates": {
                      "description": "BGNBD_GammaGamma then GradientBoosting, always both (CLV-24).",
                      "type": "array",
                      "minItems": 2,
                      "maxItems": 2,
                      "items": {
                        "description": "A candidate's outcome (CLV-24).",
                        "type": "object",
                        "properties": {
                          "algorithm": { "description": "The candidate (CLV-24).", "enum": ["BGNBD_GammaGamma", "GradientBoosting"] },
                          "status": { "description": "Whether it was scored (CLV-24).", "enum": ["evaluated", "not_evaluated"] },
                          "reason": { "description": "The failing fit's reason, the booster's own minimum, or the short history; null when evaluated (CLV-9, CLV-14, CLV-22, CLV-24).", "enum": ["too_few_customers", "too_few_repeat_buyers", "no_spend_variation", "not_converged", "parameters_diverged", "history_too_short", null] },
                          "metrics": {
                            "description": "Its backtest metrics, null when not evaluated (CLV-25).",
                            "oneOf": [{ "$ref": "#/$defs/metrics" }, { "type": "null", "description": "Not evaluated." }]
                          }
                        },
                        "required": ["algorithm", "status", "reason", "metrics"],
                        "additionalProperties": false
                      }
                    },
                    "baselines": {
                      "description": "NaiveZero then NaiveMean when the backtest runs, empty when skipped (CLV-26).",
                      "type": "array",
                      "maxItems": 2,
                      "items": {
                        "description": "A baseline's score (CLV-26).",
                        "type": "object",
                        "properties": {
                          "algorithm": { "description": "The yardstick (CLV-26).", "enum": ["NaiveZero", "NaiveMean"] },
                          "metrics": { "$ref": "#/$defs/metrics", "description": "Its backtest metrics (CLV-25, CLV-26)." }
                        },
                        "required": ["algorithm", "metrics"],
                        "additionalProperties": false
                      }
                    },
                    "winner": { "description": "Evaluated candidate with the lowest written mae, ties to BGNBD_GammaGamma; null when skipped (CLV-27).", "enum": ["BGNBD_GammaGamma", "GradientBoosting", null] }
                  },
                  "required": ["status", "reason", "calibration_end", "holdout_days", "target_holdout_days", "extrapolated", "calibration_customers", "candidates", "baselines", "winner"],
                  "additionalProperties": false
                }
              },
              "required": ["method", "reason", "backtest"],
              "additionalProperties": false
            },
            "models": {
              "description": "The full-history fits and the booster (CLV-11, CLV-14, CLV-16, CLV-18, CLV-38).",
              "type": "object",
              "properties": {
                "bgnbd": {
                  "description": "The full-history BG/NBD fit, the shape churn_risk reports (CLV-9 to CLV-11, CHR-3).",
                  \#(SchemaDefinitions.bgnbdFit)
                },
                "gamma_gamma": {
                  "description": "The full-history Gamma-Gamma fit on the spend cohort (CLV-14, CLV-16).",
                  "type": "object",
                  "properties": {
                    "status": { "description": "CLV-14.", "enum": ["fitted", "not_fitted"] },
                    "reason": { "description": "Why not fitted, or null (CLV-10, CLV-14).", "enum": ["too_few_repeat_buyers", "no_spend_variation", "not_converged", "parameters_diverged", null] },
                    "customers": { "description": "Spend cohort size: repeat buyers with m > 0 (CLV-14).", "type": "integer", "minimum": 0 },
                    "excluded_non_positive": { "description": "Repeat buyers left out because m ≤ 0 (CLV-14).", "type": "integer", "minimum": 0 },
                    "parameters": { "$ref": "#/$defs/ggParameters", "description": "p, q, v (money); 6 decimals (CLV-14)." },
                    "standard_errors": { "$ref": "#/$defs/ggParameters", "description": "Delta-method standard errors, SE(q) = (q − 1)·SE(ln(q − 1)); 6 decimals (CLV-11, CLV-14)." },
                    "log_likelihood": { "description": "Spend cohort log-likelihood in money units, 4 decimals (CLV-14).", "type": ["number", "null"] },
                    "gradient_norm": { "description": "At the result, 10 decimals (CLV-10, CLV-14).", "type": ["number", "null"], "minimum": 0 },
                    "iterations": { "description": "Of the chosen start (CLV-11, CLV-14).", "type": ["integer", "null"], "minimum": 0 },
                    "starts_converged": { "description": "0 to 4 (CLV-11, CLV-14).", "type": ["integer", "null"], "minimum": 0, "maximum": 4 },
                    "spend_frequency_correlation": { "description": "Pearson r of x and m over the spend cohort, 4 decimals, fitted or not; null when either has zero variance (CLV-16).", "type": ["number", "null"], "minimum": -1, "maximum": 1 }
                  },
                  "required": ["status", "reason", "customers", "excluded_non_positive", "parameters", "standard_errors", "log_likelihood", "gradient_norm", "iterations", "starts_converged", "spend_frequency_correlation"],
                  "additionalProperties": false
                },
                "gradient_boosting": {
                  "description": "The booster: trained when it produced the forecast (run 5), else not_trained (CLV-18, CLV-19, CLV-38).",
                  "type": "object",
                  "properties": {
                    "status": { "description": "CLV-38.", "enum": ["trained", "not_trained"] },
                    "reason": { "description": "null when trained; not_selected when evaluated in the backtest but not forecasting; else not_evaluated (CLV-24, CLV-38).", "enum": ["not_evaluated", "not_selected", null] },
                    "seed": { "description": "The seed as applied (CLV-4, CLV-19).", "type": "integer", "minimum": 0, "maximum": 4294967295, "examples": [42] },
                    "training_customers": { "description": "Calibration cohort size n_c, at least 50; null when not evaluated (CLV-23, CLV-24).", "type": ["integer", "null"], "minimum": 50 },
                    "holdout_days": { "description": "h, the span of the booster's target; null when not evaluated (CLV-22).", "type": ["integer", "null"], "minimum": 30 },
                    "hyperparameters": {
                      "description": "The fixed hyperparameters, null when not evaluated (CLV-18).",
                      "type": ["object", "null"],
                      "properties": {
                        "trees": { "description": "Trees per run (CLV-18).", "const": 100 },
                        "learning_rate": { "description": "η (CLV-18).", "const": 0.1 },
                        "max_depth": { "description": "Splits only below depth 3 (CLV-18).", "const": 3 },
                        "min_samples_leaf": { "description": "Sampled rows per child (CLV-18).", "const": 10 },
                        "l2_regularization": { "description": "λ (CLV-18).", "const": 1 },
                        "subsample": { "description": "Row share per tree (CLV-18, CLV-19).", "const": 0.8 },
                        "max_bins": { "description": "Thresholds from at most 256 bins (CLV-18).", "const": 256 },
                        "folds": { "description": "FOLDS (CLV-19).", "const": 5 }
                      },
                      "required": ["trees", "learning_rate", "max_depth", "min_samples_leaf", "l2_regularization", "subsample", "max_bins", "folds"],
                      "additionalProperties": false
                    },
                    "feature_importance": {
                      "description": "Every feature's share of the final model's split gain, descending, ties by feature number; null unless trained (CLV-20).",
                      "type": ["array", "null"],
                      "minItems": 15,
                      "maxItems": 15,
                      "items": {
                        "description": "One feature's share (CLV-20).",
                        "type": "object",
                        "properties": {
                          "feature": { "$ref": "#/$defs/feature", "description": "The feature (CLV-17)." },
                          "share": { "description": "Share of the total split gain, 4 decimals; all 0 when no split was made (CLV-20).", "type": "number", "minimum": 0, "maximum": 1 }
                        },
                        "required": ["feature", "share"],
                        "additionalProperties": false
                      }
                    }
                  },
                  "required": ["status", "reason", "seed", "training_customers", "holdout_days", "hyperparameters", "feature_importance"],
                  "additionalProperties": false
                }
              },
              "required": ["bgnbd", "gamma_gamma", "gradient_boosting"],
              "additionalProperties": false
            },
            "warnings": {
              "description": "In CLV-37's order, each code at most once (CLV-37).",
              "type": "array",
              "items": {
                "description": "A warning (CLV-37).",
                "type": "object",
                "properties": {
                  "code": {
                    "description": "Stable code (CLV-37).",
                    "enum": [
                      "holdout_extrapolated",
                      "no_backtest",
                      "fallback_model",
                      "winner_refit_failed",
                      "winner_not_better_than_baseline",
                      "standard_errors_unavailable",
                      "non_positive_spend_excluded",
                      "spend_frequency_correlated"
                    ]
                  },
                  "message": { "description": "English prose (CLV-37).", "type": "string" }
                },
                "required": ["code", "message"],
                "additionalProperties": false
              }
            }
          },
          "required": ["best_algorithm", "horizon_months", "evaluation_mae", "customers", "summary", "discount_rate", "value_basis", "selection", "models", "warnings"],
          "additionalProperties": false,
          "$defs": {
            \#(SchemaDefinitions.date),
            "feature": {
              "description": "A booster feature, named as in CLV-17's table.",
              "enum": [
                "frequency",
                "recency",
                "T",
                "days_since_last",
                "monetary_value",
                "total_value",
                "mean_transaction_amount",
                "margin_rate",
                "mean_gap",
                "median_gap",
                "last_gap",
                "bgnbd_expected_purchases",
                "bgnbd_p_alive",
                "gg_expected_spend",
                "bgnbd_gg_value"
              ]
            },
            "metrics": {
              "description": "Backtest metrics over the calibration customers, members in this order (CLV-25).",
              "type": "object",
              "properties": {
                "mae": { "description": "Mean absolute error, 2 decimals (CLV-25).", "type": "number", "minimum": 0 },
                "rmse": { "description": "Root mean squared error, 2 decimals (CLV-25).", "type": "number", "minimum": 0 },
                "normalized_gini": { "description": "G(ŷ)/G(y), 4 decimals; null when Σy ≤ 0 or G(y) = 0 (CLV-25).", "type": ["number", "null"] },
                "spearman": { "description": "Rank correlation with mean ranks for ties, 4 decimals; null when either side is constant (CLV-25).", "type": ["number", "null"], "minimum": -1, "maximum": 1 },
                "total_predicted": { "description": "Σŷ, 2 decimals (CLV-25).", "type": "number" },
                "total_actual": { "description": "Σy, 2 decimals (CLV-25).", "type": "number" },
                "total_bias": { "description": "(Σŷ − Σy)/Σy, 4 decimals; null when Σy = 0 (CLV-25).", "type": ["number", "null"] }
              },
              "required": ["mae", "rmse", "normalized_gini", "spearman", "total_predicted", "total_actual", "total_bias"],
              "additionalProperties": false
            },
            \#(SchemaDefinitions.bgnbdParameters),
            "ggParameters": {
              "description": "The three Gamma-Gamma parameters, or null (CLV-14).",
              "type": ["object", "null"],
              "properties": {
                "p": { "description": "Shape of the per-purchase spend gamma (CLV-14).", "type": "number", "minimum": 0 },
                "q": { "description": "Shape of the spend-scale gamma; above 1 as a parameter (CLV-14).", "type": "number", "minimum": 0 },
                "v": { "description": "Scale of the spend-scale gamma, money (CLV-14).", "type": "number", "minimum": 0 }
              },
              "required": ["p", "q", "v"],
              "additionalProperties": false
            }
          }
        }
        """#)
}
