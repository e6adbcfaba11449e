/// CLV-37's warnings, in its order, each at most once.
extension CLVForecastRendering {
    func warnings() -> [(String, String)] {
        var list: [(String, String)] = []
        if backtest.status == "run" && backtest.extrapolated {
            list.append(
                (
                    "holdout_extrapolated",
                    "The backtest holdout is \(backtest.holdoutDays) days, shorter than the \(backtest.targetHoldoutDays)-day horizon; "
                        + "the forecast extrapolates beyond what the backtest measured."
                ))
        }
        if method == "default" {
            let why =
                backtest.reason == "history_too_short"
                ? "the history is too short for a holdout of at least 30 days" : "no candidate can be evaluated on the calibration cohort"
            list.append(("no_backtest", "No backtest was run: \(why); BG/NBD + Gamma-Gamma forecasts by default."))
        }
        if method == "fallback" {
            list.append(("fallback_model", fallbackMessage() + "; forecasts use the historical run rate."))
            if let winner = backtest.winner {
                list.append(
                    (
                        "winner_refit_failed",
                        "The backtest winner \(winner) cannot be refitted on the full history; the historical run rate is used instead."
                    ))
            }
        }
        if let winner = backtest.winner, let mae = backtest.candidates.first(where: { $0.algorithm == winner })?.metrics?.mae {
            if !backtest.baselines.allSatisfy({ money(mae) < money($0.metrics.mae) }) {
                list.append(
                    (
                        "winner_not_better_than_baseline",
                        "The backtest winner \(winner) does not beat both naive baselines on MAE; treat its forecasts with caution."
                    ))
            }
        }
        let missing = [
            full.bgnbd.model != nil && full.bgnbd.standardErrors == nil ? "BG/NBD" : nil,
            full.gammaGamma.model != nil && full.gammaGamma.standardErrors == nil ? "Gamma-Gamma" : nil,
        ].compactMap { $0 }
        if !missing.isEmpty {
            list.append(
                (
                    "standard_errors_unavailable",
                    "The likelihood's curvature at the \(missing.joined(separator: " and ")) optimum is not positive definite; "
                        + "its standard errors and the intervals are not reported."
                ))
        }
        let excluded = full.gammaGamma.excludedNonPositive
        if excluded > 0 {
            list.append(
                (
                    "non_positive_spend_excluded",
                    "\(excluded) repeat buyer\(excluded == 1 ? "" : "s") with zero or negative spend per purchase day "
                        + "\(excluded == 1 ? "was" : "were") left out of the Gamma-Gamma fit."
                ))
        }
        if full.gammaGamma.model != nil, let r = full.gammaGamma.spendFrequencyCorrelation, abs(score(r)) >= 0.3 {
            list.append(
                (
                    "spend_frequency_correlated",
                    "Spend per purchase day and purchase frequency are correlated in the spend cohort; Gamma-Gamma assumes they are independent."
                ))
        }
        return list
    }

    /// Why the full-history pair cannot be used (BG/NBD's reason first).
    private func fallbackMessage() -> String {
        func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        if let reason = full.bgnbd.reason {
            switch reason {
            case "too_few_customers": return "No model can be fitted to \(plural(full.bgnbd.customers, "customer"))"
            case "too_few_repeat_buyers": return "No model can be fitted with \(plural(full.bgnbd.repeatBuyers, "repeat buyer"))"
            case "not_converged": return "The BG/NBD fit did not converge from any start"
            default: return "The BG/NBD fit diverged: the data do not identify the model"
            }
        }
        switch full.gammaGamma.reason ?? "" {
        case "too_few_repeat_buyers":
            return "Gamma-Gamma cannot be fitted with \(plural(full.gammaGamma.customers, "repeat buyer")) of positive spend"
        case "no_spend_variation": return "Gamma-Gamma cannot be fitted: every repeat buyer has the same spend per purchase day"
        case "not_converged": return "The Gamma-Gamma fit did not converge from any start"
        default: return "The Gamma-Gamma fit diverged: the data do not identify the model"
        }
    }
}
