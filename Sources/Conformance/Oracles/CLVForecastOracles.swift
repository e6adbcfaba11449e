import Foundation

/// `customer_clv_forecast.shape` and `customer_clv_forecast.bgnbd_optimum` (spec/customer_clv_forecast.md): the
/// response's members, the per-customer summaries and the fallback forecast recomputed from the request, tiers and
/// sentences from the written forecasts, and the optimality of a reported BG/NBD fit.
enum CLVForecastOracles {
    static let shape = Oracle(
        name: "customer_clv_forecast.shape",
        summary: "The members of CLV-38, one customer entry per request customer in request order with the CLV-7 summary "
            + "recomputed, algorithm_used = best_algorithm (CLV-28), tiers and sentences from the written forecasts "
            + "(CLV-34, CLV-35), non-negative values under the revenue basis, the HistoricalRunRate forecast (CLV-31) "
            + "and the summary block (CLV-36)."
    ) { request, response in
        checkShape(request: request, response: response)
    }

    static let bgnbdOptimum = Oracle(
        name: "customer_clv_forecast.bgnbd_optimum",
        summary: "The full-history BG/NBD cohort counts and CLV-9 statuses; when fitted, the CLV-8 log-likelihood of the "
            + "request's summaries at the written parameters equals log_likelihood (relative 1e-6) and no ±1e-3 "
            + "perturbation of a log-parameter improves it (CLV-10, tolerance 1e-6 + 1e-8·|LL|)."
    ) { request, response in
        checkBGNBD(request: request, response: response)
    }

    static let all = [shape, bgnbdOptimum]

    /// Days per month (constant `L`).
    static let daysPerMonth = 30.4375
    static let algorithms = ["BGNBD_GammaGamma", "GradientBoosting", "HistoricalRunRate"]
    static let rootMembers = [
        "best_algorithm", "horizon_months", "evaluation_mae", "customers", "summary", "discount_rate", "value_basis", "selection", "models",
        "warnings",
    ]
    static let customerMembers = ["customer_id", "predicted_clv", "algorithm_used", "clv_tier", "interpretation", "explanations", "interval"]
    static let explanationMembers = [
        "frequency", "recency", "T", "monetary_value", "expected_purchases", "p_alive", "expected_spend_per_purchase", "undiscounted_value",
        "discount_factor", "booster",
    ]
    static let warningCodes = [
        "holdout_extrapolated", "no_backtest", "fallback_model", "winner_refit_failed", "winner_not_better_than_baseline",
        "standard_errors_unavailable", "non_positive_spend_excluded", "spend_frequency_correlated",
    ]

    // MARK: - Summaries (CLV-7)

    /// A customer's summary at a snapshot: x, t_x, T in days and m in the value basis.
    struct Summary {
        var x: Int
        var tx: Int
        var age: Int
        var m: Double
    }

    static func margin(_ request: JSON) -> Bool {
        for customer in request["customers"]?.array ?? [] {
            for transaction in customer["transactions"]?.array ?? [] where transaction["cost"] != nil { return true }
        }
        return false
    }

    /// CLV-7 at snapshot `s`: distinct purchase days dated ≤ s, their day values (Σ amount − cost or Σ amount), x, t_x,
    /// T and the mean day value after the first day. Nil for a customer with no transaction dated ≤ s.
    static func summary(_ customer: JSON, snapshot s: Int, margin: Bool) -> Summary? {
        var values: [Int: Double] = [:]
        for transaction in customer["transactions"]?.array ?? [] {
            guard let day = transaction["date"]?.string.flatMap(OracleDays.number), day <= s else { continue }
            let amount = transaction["amount"]?.number ?? 0
            let value = margin ? amount - (transaction["cost"]?.number ?? 0) : amount
            values[day, default: 0] += value
        }
        let days = values.keys.sorted()
        guard let first = days.first, let last = days.last else { return nil }
        var repeatTotal = 0.0
        for day in days.dropFirst() { repeatTotal += values[day]! }
        let x = days.count - 1
        return Summary(x: x, tx: last - first, age: s - first, m: x == 0 ? 0 : repeatTotal / Double(x))
    }

    // MARK: - shape

    static func checkShape(request: JSON, response: JSON) -> [Finding] {
        var checker = Checker(response: response)
        let customers = request["customers"]?.array ?? []
        let n = customers.count
        let horizon = Int(exactly: request["horizon_months"]?.number ?? 12) ?? 12
        let rate = request["discount_rate"]?.number ?? 0.1
        let margin = CLVForecastOracles.margin(request)
        let today = request["today"]?.string.flatMap(OracleDays.number)

        checker.members("CLV-38", "", rootMembers, "response")
        let best = checker.value("CLV-38", "/best_algorithm", "best_algorithm")?.string
        if let best, !algorithms.contains(best) {
            checker.report("CLV-38", "/best_algorithm", expected: algorithms.joined(separator: " | "), actual: best, "best_algorithm")
        }
        checker.integer("CLV-2", "/horizon_months", horizon, "horizon_months as applied")
        checker.rounded("CLV-3", "/discount_rate", rate, decimals: 4, "discount_rate as applied")
        checker.string("CLV-6", "/value_basis", margin ? "margin" : "revenue", "value_basis")

        // CLV-28: the selection method goes with the model.
        if let best, let method = response[pointer: "/selection/method"]?.string {
            let consistent: Bool
            switch method {
            case "fallback": consistent = best == "HistoricalRunRate"
            case "default": consistent = best == "BGNBD_GammaGamma"
            case "backtest": consistent = response[pointer: "/selection/backtest/winner"]?.string == best
            default: consistent = false
            }
            if !consistent {
                checker.report(
                    "CLV-28", "/selection/method", expected: "the method of CLV-28's row for \(best)", actual: method,
                    "selection.method and best_algorithm disagree")
            }
        }

        guard let entries = checker.array("CLV-38", "/customers", count: n, "one entry per request customer, in request order") else {
            return checker.findings
        }
        // The written forecasts, for the tiers (NUM-3) and the summary.
        var forecasts: [Double?] = []
        for entry in entries { forecasts.append(entry["predicted_clv"]?.number) }
        let written = forecasts.compactMap { $0 }
        let d = pow(1 + rate, 1.0 / 12) - 1
        var tiers: [String: Int] = ["High": 0, "Medium": 0, "Low": 0]
        var fallbackTotal: Double? = best == "HistoricalRunRate" ? 0 : nil

        for c in 0..<n {
            let entry = JSON.pointer("/customers", c)
            let explanations = JSON.pointer(entry, "explanations")
            checker.members("CLV-38", entry, customerMembers, "customer entry")
            checker.string("CLV-38", JSON.pointer(entry, "customer_id"), customers[c]["customer_id"]?.string ?? "", "customer_id in request order")
            if let best { checker.string("CLV-28", JSON.pointer(entry, "algorithm_used"), best, "algorithm_used = best_algorithm") }
            checker.members("CLV-32", explanations, explanationMembers, "explanations")

            // CLV-7, CLV-32: the full-history summary at today.
            let summary = today.flatMap { CLVForecastOracles.summary(customers[c], snapshot: $0, margin: margin) }
            if let summary {
                checker.integer("CLV-7", JSON.pointer(explanations, "frequency"), summary.x, "x = purchase days − 1")
                checker.integer("CLV-7", JSON.pointer(explanations, "recency"), summary.tx, "t_x = last − first purchase day")
                checker.integer("CLV-7", JSON.pointer(explanations, "T"), summary.age, "T = today − first purchase day")
                checker.rounded("CLV-7", JSON.pointer(explanations, "monetary_value"), summary.m, decimals: 2, "m = mean repeat day value")
            }

            // CLV-34: tier from the written forecasts; ≤ 0 is Low, then GEN-9 top 0.2 and top 0.5 shares.
            let tierPointer = JSON.pointer(entry, "clv_tier")
            var tier: String? = nil
            if let value = forecasts[c], written.count == n {
                let higher = OracleMath.countHigher(than: value, in: written)
                tier = value <= 0 ? "Low" : 5 * higher < n ? "High" : 2 * higher < n ? "Medium" : "Low"
                checker.string("CLV-34", tierPointer, tier!, "tier of \(OracleFormat.number(value)) (\(higher) higher of \(n))")
            } else {
                _ = checker.number("CLV-38", JSON.pointer(entry, "predicted_clv"), "predicted_clv")
            }
            let writtenTier = response[pointer: tierPointer]?.string
            if let writtenTier, tiers[writtenTier] != nil {
                tiers[writtenTier]! += 1
            } else {
                checker.report(
                    "CLV-38", tierPointer, expected: "High | Medium | Low", actual: response[pointer: tierPointer]?.text ?? "missing", "clv_tier")
            }
            // CLV-35: the sentence of the written tier (Low split by the written p_alive).
            if let writtenTier {
                let pAlive = response[pointer: JSON.pointer(explanations, "p_alive")]?.number
                let sentence: String
                switch writtenTier {
                case "High": sentence = "High predicted value over a \(horizon)-month horizon: prioritise retention and VIP treatment."
                case "Medium": sentence = "Medium predicted value over a \(horizon)-month horizon: grow it with targeted cross-sell and upsell."
                default:
                    sentence =
                        pAlive.map { $0 < 0.5 } == true
                        ? "Low predicted value and probably no longer active: consider an automated win-back."
                        : "Low predicted value over a \(horizon)-month horizon: keep on low-cost automated campaigns."
                }
                checker.string("CLV-35", JSON.pointer(entry, "interpretation"), sentence, "interpretation")
            }

            // Ranges: discount factor in (0, 1] (d ≥ 0), expected purchases ≥ 0, p_alive a probability or null.
            if let factor = response[pointer: JSON.pointer(explanations, "discount_factor")]?.number, factor <= 0 || factor > 1 {
                checker.report(
                    "CLV-29", JSON.pointer(explanations, "discount_factor"), expected: "in (0, 1]", actual: OracleFormat.number(factor),
                    "discount_factor")
            }
            if let purchases = response[pointer: JSON.pointer(explanations, "expected_purchases")]?.number, purchases < 0 {
                checker.report(
                    "CLV-32", JSON.pointer(explanations, "expected_purchases"), expected: "≥ 0", actual: OracleFormat.number(purchases),
                    "expected_purchases")
            }
            if let p = response[pointer: JSON.pointer(explanations, "p_alive")], p != .null, !(p.number.map { $0 >= 0 && $0 <= 1 } ?? false) {
                checker.report("CLV-32", JSON.pointer(explanations, "p_alive"), expected: "a probability or null", actual: p.text, "p_alive")
            }
            // Revenue basis: amounts ≥ 0, so every forecast is ≥ 0 (CLV-18 and CLV-30 clip the booster, CLV-33 the interval).
            if !margin, let value = forecasts[c], value < 0 {
                checker.report(
                    "CLV-6", JSON.pointer(entry, "predicted_clv"), expected: "≥ 0 under the revenue basis", actual: OracleFormat.number(value),
                    "predicted_clv")
            }
            // CLV-33: interval null, or {level 0.9, lower ≤ upper}, lower ≥ 0 under revenue.
            let intervalPointer = JSON.pointer(entry, "interval")
            if let interval = response[pointer: intervalPointer], interval != .null {
                if best != "BGNBD_GammaGamma" {
                    checker.report(
                        "CLV-33", intervalPointer, expected: "null", actual: interval.text, "only BGNBD_GammaGamma forecasts carry an interval")
                }
                checker.members("CLV-33", intervalPointer, ["level", "lower", "upper"], "interval")
                if interval["level"]?.number != 0.9 {
                    checker.report(
                        "CLV-33", JSON.pointer(intervalPointer, "level"), expected: "0.9", actual: interval["level"]?.text ?? "missing", "level")
                }
                if let lower = interval["lower"]?.number, let upper = interval["upper"]?.number {
                    if lower > upper || (!margin && lower < 0) {
                        checker.report(
                            "CLV-33", intervalPointer, expected: margin ? "lower ≤ upper" : "0 ≤ lower ≤ upper", actual: interval.text,
                            "interval bounds")
                    }
                }
            }

            // CLV-21, CLV-31: the fallback forecast, exactly from the summary.
            if best == "HistoricalRunRate", let summary {
                let lambda = summary.age == 0 ? 0 : Double(summary.x) / Double(summary.age)
                let purchases = lambda * Double(horizon) * daysPerMonth
                var factor = 0.0
                for k in 1...max(horizon, 1) { factor += pow(1 + d, -Double(k)) }
                factor /= Double(max(horizon, 1))
                let undiscounted = summary.m * purchases
                fallbackTotal! += undiscounted * factor
                checker.rounded("CLV-31", JSON.pointer(explanations, "expected_purchases"), purchases, decimals: 4, "λ·H·L")
                checker.rounded("CLV-31", JSON.pointer(explanations, "expected_spend_per_purchase"), summary.m, decimals: 2, "E[M] = m")
                checker.rounded("CLV-31", JSON.pointer(explanations, "undiscounted_value"), undiscounted, decimals: 2, "m·λ·H·L")
                checker.rounded("CLV-31", JSON.pointer(explanations, "discount_factor"), factor, decimals: 4, "(1/H)·Σ(1 + d)^−k")
                checker.rounded("CLV-31", JSON.pointer(entry, "predicted_clv"), undiscounted * factor, decimals: 2, "m·λ·L·Σ(1 + d)^−k")
                for member in ["p_alive", "booster"] {
                    let pointer = JSON.pointer(explanations, member)
                    if let value = response[pointer: pointer], value != .null {
                        checker.report("CLV-32", pointer, expected: "null", actual: value.text, "\(member) under the fallback")
                    }
                }
                if let interval = response[pointer: intervalPointer], interval != .null {
                    checker.report("CLV-33", intervalPointer, expected: "null", actual: interval.text, "no interval under the fallback")
                }
            }
        }

        // CLV-36: the summary block.
        checker.members("CLV-36", "/summary", ["customers", "total_predicted_clv", "mean_predicted_clv", "tier_counts"], "summary")
        checker.integer("CLV-36", "/summary/customers", n, "customers")
        if let fallbackTotal, today != nil {
            checker.rounded("CLV-36", "/summary/total_predicted_clv", fallbackTotal, decimals: 2, "Σ predicted_clv (unrounded)")
            if n > 0 { checker.rounded("CLV-36", "/summary/mean_predicted_clv", fallbackTotal / Double(n), decimals: 2, "mean predicted_clv") }
        } else if written.count == n, n > 0 {
            // From the written forecasts: each is within 0.005 of its unrounded value.
            var total = 0.0
            for value in written { total += value }
            let slack = 0.005 * Double(n) + 0.005 + 1e-9
            if let actual = checker.number("CLV-36", "/summary/total_predicted_clv", "total"), (actual - total).magnitude > slack {
                checker.report(
                    "CLV-36", "/summary/total_predicted_clv", expected: OracleFormat.number(total), actual: OracleFormat.number(actual),
                    tolerance: "±0.005·(n + 1)", "Σ predicted_clv")
            }
            if let actual = checker.number("CLV-36", "/summary/mean_predicted_clv", "mean"), (actual - total / Double(n)).magnitude > 0.010_000_001 {
                checker.report(
                    "CLV-36", "/summary/mean_predicted_clv", expected: OracleFormat.number(total / Double(n)), actual: OracleFormat.number(actual),
                    tolerance: "±0.01", "mean predicted_clv")
            }
        }
        checker.members("CLV-36", "/summary/tier_counts", ["High", "Medium", "Low"], "tier_counts")
        for name in ["High", "Medium", "Low"] {
            checker.integer("CLV-36", JSON.pointer("/summary/tier_counts", name), tiers[name]!, "customers with clv_tier \(name)")
        }

        // CLV-37: known codes, each once, in the listed order; CLV-28: the fallback says so.
        if let warnings = checker.value("CLV-37", "/warnings", "warnings")?.array {
            var previous = -1
            var codes: [String] = []
            for (w, warning) in warnings.enumerated() {
                let pointer = JSON.pointer(JSON.pointer("/warnings", w), "code")
                let code = warning["code"]?.string ?? ""
                codes.append(code)
                guard let rank = warningCodes.firstIndex(of: code), rank > previous else {
                    checker.report(
                        "CLV-37", pointer, expected: "a CLV-37 code after the previous one", actual: warning["code"]?.text ?? "missing",
                        "warning code")
                    continue
                }
                previous = rank
            }
            if best == "HistoricalRunRate" && !codes.contains("fallback_model") {
                checker.report("CLV-28", "/warnings", expected: "a fallback_model warning", actual: JSON.array(warnings).text, "fallback warning")
            }
        }
        return checker.findings
    }

    // MARK: - bgnbd_optimum

    /// CLV-8: the cohort log-likelihood at (r, α, a, b), time in days, log-sum-exp for the last term.
    static func logLikelihood(_ cohort: [Summary], r: Double, alpha: Double, a: Double, b: Double) -> Double {
        var total = 0.0
        for s in cohort {
            let x = Double(s.x)
            let a1 = lgamma(r + x) - lgamma(r) + r * log(alpha)
            let a2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x)
            let a3 = -(r + x) * log(alpha + Double(s.age))
            var last = a3
            if s.x > 0 {
                let a4 = log(a) - log(b + x - 1) - (r + x) * log(alpha + Double(s.tx))
                let top = max(a3, a4)
                last = top + log(exp(a3 - top) + exp(a4 - top))
            }
            total += a1 + a2 + last
        }
        return total
    }

    static func checkBGNBD(request: JSON, response: JSON) -> [Finding] {
        var checker = Checker(response: response)
        checkBGNBD(&checker, request: request, base: "/models/bgnbd")
        return checker.findings
    }

    /// The checks of `bgnbd_optimum` on the BG/NBD object at `base` (CLV-9 to CLV-11), shared with churn_risk (CHR-3).
    static func checkBGNBD(_ checker: inout Checker, request: JSON, base: String) {
        // The full-history fit (CLV-28) uses the summaries at today; without `today` the snapshot is unknown.
        guard let today = request["today"]?.string.flatMap(OracleDays.number) else { return }
        let margin = CLVForecastOracles.margin(request)
        var cohort: [Summary] = []
        for customer in request["customers"]?.array ?? [] {
            if let s = CLVForecastOracles.summary(customer, snapshot: today, margin: margin) { cohort.append(s) }
        }
        let repeaters = cohort.filter { $0.x > 0 }.count
        checker.integer("CLV-38", base + "/customers", cohort.count, "customers of the full-history cohort")
        checker.integer("CLV-38", base + "/repeat_buyers", repeaters, "customers with x > 0")
        guard let status = checker.value("CLV-38", base + "/status", "BG/NBD status")?.string else { return }

        // CLV-9: the minimums, checked in this order.
        let required: String? = cohort.count < 20 ? "too_few_customers" : repeaters < 5 ? "too_few_repeat_buyers" : nil
        if let required {
            checker.string("CLV-9", base + "/status", "not_fitted", "BG/NBD status with \(cohort.count) customers, \(repeaters) repeat buyers")
            checker.string("CLV-9", base + "/reason", required, "BG/NBD reason")
            return
        }
        guard status == "fitted" else { return }  // not_converged / parameters_diverged: nothing to check.

        var values: [Double] = []
        for name in ["r", "alpha", "a", "b"] {
            let pointer = base + "/parameters/" + name
            guard let value = checker.number("CLV-11", pointer, "BG/NBD parameter \(name)") else { return }
            guard value > 0 else {
                checker.report("CLV-8", pointer, expected: "> 0", actual: OracleFormat.number(value), "BG/NBD parameter \(name)")
                return
            }
            values.append(value)
        }
        // CLV-10 step 4: |θ_j| ≤ LOG_BOUND in scaled time (α' = α / S_T).
        let scale = Double(cohort.map(\.age).max() ?? 1)
        let theta = [log(values[0]), log(values[1] / max(scale, 1)), log(values[2]), log(values[3])]
        for (j, name) in ["r", "alpha", "a", "b"].enumerated() where theta[j].magnitude > 15 {
            checker.report(
                "CLV-10", base + "/parameters/" + name, expected: "|ln θ| ≤ 15 (scaled time)", actual: OracleFormat.number(values[j]),
                "a diverged fit is reported as not_fitted")
        }
        // CLV-42: gradient_norm ≤ GRAD_TOL (written with 10 decimals).
        if let norm = checker.number("CLV-42", base + "/gradient_norm", "gradient_norm"), norm > 1e-6 + 5e-11 {
            checker.report("CLV-10", base + "/gradient_norm", expected: "≤ 1e-6", actual: OracleFormat.number(norm), "converged fit")
        }

        let ll = logLikelihood(cohort, r: values[0], alpha: values[1], a: values[2], b: values[3])
        // CLV-11: the reported log-likelihood is the cohort sum at the result, in days.
        if let reported = checker.number("CLV-11", base + "/log_likelihood", "log_likelihood") {
            let tolerance = 1e-6 * ll.magnitude + 0.00005
            if (reported - ll).magnitude > tolerance {
                checker.report(
                    "CLV-11", base + "/log_likelihood", expected: OracleFormat.number(ll), actual: OracleFormat.number(reported),
                    tolerance: "relative 1e-6 + 0.00005 (4 decimals)", "the CLV-8 log-likelihood at the written parameters")
            }
        }
        // CLV-10: a maximum. Written parameters have 6 decimals, so they sit within ~1e-5 of the optimum in log
        // space; a ±1e-3 step along one log-parameter can then only lose (up to rounding noise).
        let tolerance = 1e-6 + 1e-8 * ll.magnitude
        for (j, name) in ["r", "alpha", "a", "b"].enumerated() {
            for step in [-1e-3, 1e-3] {
                var moved = values
                moved[j] *= exp(step)
                let other = logLikelihood(cohort, r: moved[0], alpha: moved[1], a: moved[2], b: moved[3])
                if other > ll + tolerance {
                    checker.report(
                        "CLV-10", base + "/parameters/" + name, expected: "a local maximum of the CLV-8 log-likelihood",
                        actual: "ln \(name) \(step > 0 ? "+" : "−")1e-3 raises it from \(ll) to \(other)", tolerance: "1e-6 + 1e-8·|LL|",
                        "the BG/NBD fit is not at the optimum")
                }
            }
        }
    }
}
