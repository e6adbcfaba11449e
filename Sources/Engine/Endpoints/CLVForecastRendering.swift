/// The response of CLV-38: forecasts, tiers and sentences, the selection with its backtest evidence, the fits and
/// the warnings, with the decimals the spec fixes.
struct CLVForecastRendering {
    var request: CustomerCLVForecast.Request
    var summaries: [PurchaseDays.Summary]
    var full: SnapshotFits
    var backtest: CLVBacktest
    var forecast: CLVForecastValues
    var method: String
    var selectionReason: String?

    var algorithm: String { method == "fallback" ? "HistoricalRunRate" : method == "backtest" ? backtest.winner! : "BGNBD_GammaGamma" }

    func json() -> JSONValue {
        let n = summaries.count
        let written = forecast.customers.map { money($0.value) }
        let ranks = RankCounts(written)
        var tierCounts = BandCounts()
        var total = 0.0
        var rows: [JSONValue] = []
        rows.reserveCapacity(n)
        for (i, customer) in forecast.customers.enumerated() {
            // CLV-34: relative to the cohort, from the written forecasts; ≤ 0 is always Low.
            let above = ranks.above(written[i])
            let tier: Band = written[i] <= 0 ? .low : 5 * above < n ? .high : 2 * above < n ? .medium : .low
            tierCounts.add(tier)
            total += customer.value
            let pAlive = customer.pAlive.map(score)
            rows.append(
                .object([
                    .init("customer_id", .string(request.customers[i].customerId)),
                    .init("predicted_clv", .number(written[i])),
                    .init("algorithm_used", .string(algorithm)),
                    .init("clv_tier", .string(tier.rawValue)),
                    .init("interpretation", .string(interpretation(tier, pAlive: pAlive))),
                    .init("explanations", explanations(summaries[i], customer, pAlive: pAlive)),
                    .init(
                        "interval",
                        customer.interval.map {
                            .object([
                                .init("level", .number(0.9)), .init("lower", .number(money($0.lower))), .init("upper", .number(money($0.upper))),
                            ])
                        } ?? .null),
                ]))
        }
        let evaluated = backtest.candidates.filter { $0.metrics != nil }
        return .object([
            .init("best_algorithm", .string(algorithm)),
            .init("horizon_months", .number(Double(request.horizonMonths))),
            .init("evaluation_mae", .object(evaluated.map { .init($0.algorithm, .number(money($0.metrics!.mae))) })),
            .init("customers", .array(rows)),
            .init(
                "summary",
                .object([
                    .init("customers", .number(Double(n))),
                    .init("total_predicted_clv", .number(money(total))),
                    .init("mean_predicted_clv", .number(money(total / Double(n)))),
                    .init("tier_counts", tierCounts.json),
                ])),
            .init("discount_rate", .number(score(request.discountRate))),
            .init("value_basis", .string(request.useMargin ? "margin" : "revenue")),
            .init(
                "selection",
                .object([
                    .init("method", .string(method)),
                    .init("reason", selectionReason.map { .string($0) } ?? .null),
                    .init("backtest", backtestJSON()),
                ])),
            .init(
                "models",
                .object([
                    .init("bgnbd", BGNBDRendering.json(full.bgnbd)),
                    .init("gamma_gamma", gammaGammaJSON()),
                    .init("gradient_boosting", boosterJSON()),
                ])),
            .init("warnings", .array(warnings().map { .object([.init("code", .string($0.0)), .init("message", .string($0.1))]) })),
        ])
    }

    /// CLV-35.
    func interpretation(_ tier: Band, pAlive: Double?) -> String {
        let horizon = request.horizonMonths
        switch tier {
        case .high: return "High predicted value over a \(horizon)-month horizon: prioritise retention and VIP treatment."
        case .medium: return "Medium predicted value over a \(horizon)-month horizon: grow it with targeted cross-sell and upsell."
        case .low:
            if let pAlive, pAlive < 0.5 { return "Low predicted value and probably no longer active: consider an automated win-back." }
            return "Low predicted value over a \(horizon)-month horizon: keep on low-cost automated campaigns."
        }
    }

    /// CLV-32.
    func explanations(_ s: PurchaseDays.Summary, _ customer: CLVForecastValues.Customer, pAlive: Double?) -> JSONValue {
        var booster = JSONValue.null
        if let attribution = customer.booster {
            // The five largest contributions by magnitude, ties by feature number.
            let top = attribution.contributions.indices.sorted {
                let a = abs(attribution.contributions[$0])
                let b = abs(attribution.contributions[$1])
                return a > b || (a == b && $0 < $1)
            }.prefix(5)
            booster = .object([
                .init("base_value", .number(money(attribution.base))),
                .init(
                    "top_contributions",
                    .array(
                        top.map { f in
                            .object([
                                .init("feature", .string(BoosterFeatures.names[f])),
                                .init(
                                    "value", .number(rounded(attribution.features[attribution.features.startIndex + f], BoosterFeatures.decimals[f]))),
                                .init("contribution", .number(money(attribution.contributions[f]))),
                            ])
                        })),
            ])
        }
        return .object([
            .init("frequency", .number(s.x)),
            .init("recency", .number(s.tx)),
            .init("T", .number(s.T)),
            .init("monetary_value", .number(money(s.m))),
            .init("expected_purchases", .number(score(customer.expectedPurchases))),
            .init("p_alive", pAlive.map { .number($0) } ?? .null),
            .init("expected_spend_per_purchase", .number(money(customer.expectedSpend))),
            .init("undiscounted_value", .number(money(customer.undiscounted))),
            .init("discount_factor", .number(score(customer.discountFactor))),
            .init("booster", booster),
        ])
    }

    func backtestJSON() -> JSONValue {
        func metrics(_ m: ForecastMetrics?) -> JSONValue {
            guard let m else { return .null }
            func optional(_ value: Double?) -> JSONValue { value.map { .number(score($0)) } ?? .null }
            return .object([
                .init("mae", .number(money(m.mae))),
                .init("rmse", .number(money(m.rmse))),
                .init("normalized_gini", optional(m.normalizedGini)),
                .init("spearman", optional(m.spearman)),
                .init("total_predicted", .number(money(m.totalPredicted))),
                .init("total_actual", .number(money(m.totalActual))),
                .init("total_bias", optional(m.totalBias)),
            ])
        }
        let run = backtest.status == "run"
        return .object([
            .init("status", .string(backtest.status)),
            .init("reason", backtest.reason.map { .string($0) } ?? .null),
            .init("calibration_end", backtest.calibrationEnd.map { .string(Day(ordinal: $0).description) } ?? .null),
            .init("holdout_days", .number(Double(backtest.holdoutDays))),
            .init("target_holdout_days", .number(Double(backtest.targetHoldoutDays))),
            .init("extrapolated", .bool(backtest.extrapolated)),
            .init("calibration_customers", backtest.calibrationEnd == nil ? .null : .number(Double(backtest.cohort.count))),
            .init(
                "candidates",
                .array(
                    backtest.candidates.map { c in
                        .object([
                            .init("algorithm", .string(c.algorithm)),
                            .init("status", .string(c.metrics == nil ? "not_evaluated" : "evaluated")),
                            .init("reason", c.reason.map { .string($0) } ?? .null),
                            .init("metrics", metrics(c.metrics)),
                        ])
                    })),
            .init(
                "baselines",
                .array(
                    run ? backtest.baselines.map { .object([.init("algorithm", .string($0.algorithm)), .init("metrics", metrics($0.metrics))]) } : [])
            ),
            .init("winner", backtest.winner.map { .string($0) } ?? .null),
        ])
    }

    func gammaGammaJSON() -> JSONValue {
        let fit = full.gammaGamma
        return .object(
            [
                .init("status", .string(fit.status)),
                .init("reason", fit.reason.map { .string($0) } ?? .null),
                .init("customers", .number(Double(fit.customers))),
                .init("excluded_non_positive", .number(Double(fit.excludedNonPositive))),
            ]
                + BGNBDRendering.diagnostics(
                    names: ["p", "q", "v"], parameters: fit.model.map { [$0.p, $0.q, $0.v] }, standardErrors: fit.standardErrors,
                    logLikelihood: fit.logLikelihood, gradientNorm: fit.gradientNorm, iterations: fit.iterations, startsConverged: fit.startsConverged
                )
                + [.init("spend_frequency_correlation", fit.spendFrequencyCorrelation.map { .number(score($0)) } ?? .null)])
    }

    func boosterJSON() -> JSONValue {
        let trained = algorithm == "GradientBoosting"
        let evaluated = backtest.boosterEvaluated
        let hyperparameters = JSONValue.object([
            .init("trees", .number(Double(HistogramBooster.trees))),
            .init("learning_rate", .number(HistogramBooster.learningRate)),
            .init("max_depth", .number(Double(HistogramBooster.maxDepth))),
            .init("min_samples_leaf", .number(Double(HistogramBooster.minSamplesLeaf))),
            .init("l2_regularization", .number(HistogramBooster.l2Regularization)),
            .init("subsample", .number(HistogramBooster.subsample)),
            .init("max_bins", .number(Double(HistogramBooster.maxBins))),
            .init("folds", .number(Double(CLVBacktest.folds))),
        ])
        var importance = JSONValue.null
        if let shares = forecast.featureImportance {
            let order = shares.indices.sorted { shares[$0] > shares[$1] || (shares[$0] == shares[$1] && $0 < $1) }
            importance = .array(
                order.map { .object([.init("feature", .string(BoosterFeatures.names[$0])), .init("share", .number(score(shares[$0])))]) })
        }
        return .object([
            .init("status", .string(trained ? "trained" : "not_trained")),
            .init("reason", trained ? .null : .string(evaluated ? "not_selected" : "not_evaluated")),
            .init("seed", .number(Double(request.seed))),
            .init("training_customers", evaluated ? .number(Double(backtest.cohort.count)) : .null),
            .init("holdout_days", evaluated ? .number(Double(backtest.holdoutDays)) : .null),
            .init("hyperparameters", evaluated ? hyperparameters : .null),
            .init("feature_importance", importance),
        ])
    }
}
