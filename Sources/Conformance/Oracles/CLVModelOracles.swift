import Foundation

/// `customer_clv_forecast.gamma_gamma_optimum` and `customer_clv_forecast.identities`: the Gamma-Gamma fit checked
/// like the BG/NBD one, and every forecast checked against the written parameters and its own explanations.
enum CLVModelOracles {
    static let gammaGammaOptimum = Oracle(
        name: "customer_clv_forecast.gamma_gamma_optimum",
        summary: "The spend cohort (repeat buyers with m > 0), excluded_non_positive, the spend–frequency correlation "
            + "(CLV-16) and the CLV-14 statuses; when fitted, q > 1, the CLV-14 log-likelihood at the written parameters "
            + "equals log_likelihood and no ±1e-3 step of ln p, ln(q − 1) or ln v improves it."
    ) { request, response in
        checkGammaGamma(request: request, response: response)
    }

    static let identities = Oracle(
        name: "customer_clv_forecast.identities",
        summary: "Per customer under a fitted model: P(alive) (CLV-12), E[M | x, m] (CLV-15) and E[Y(H·L)] (CLV-12, by a "
            + "plain ₂F₁ series) from the written parameters; undiscounted_value = E[M]·E[Y] (CLV-29); predicted_clv = "
            + "undiscounted_value × discount_factor (CLV-29, CLV-30); intervals around the forecast (CLV-33); booster "
            + "explanations only under the booster, five contributions by magnitude (CLV-32)."
    ) { request, response in
        checkIdentities(request: request, response: response)
    }

    // MARK: - Gamma-Gamma

    static func spendLogLikelihood(_ cohort: [(x: Double, m: Double)], p: Double, q: Double, v: Double) -> Double {
        var total = 0.0
        for (x, m) in cohort {
            total +=
                lgamma(p * x + q) - lgamma(p * x) - lgamma(q) + q * log(v) + (p * x - 1) * log(m) + p * x * log(x)
                - (p * x + q) * log(x * m + v)
        }
        return total
    }

    static func checkGammaGamma(request: JSON, response: JSON) -> [Finding] {
        var checker = Checker(response: response)
        guard let today = request["today"]?.string.flatMap(OracleDays.number) else { return [] }
        let margin = CLVForecastOracles.margin(request)
        let base = "/models/gamma_gamma"
        var cohort: [(x: Double, m: Double)] = []
        var excluded = 0
        for customer in request["customers"]?.array ?? [] {
            guard let s = CLVForecastOracles.summary(customer, snapshot: today, margin: margin), s.x > 0 else { continue }
            if s.m > 0 { cohort.append((Double(s.x), s.m)) } else { excluded += 1 }
        }
        checker.integer("CLV-14", base + "/customers", cohort.count, "the spend cohort: repeat buyers with m > 0")
        checker.integer("CLV-14", base + "/excluded_non_positive", excluded, "repeat buyers with m ≤ 0")
        // CLV-16: Pearson's r, null with a constant side.
        let n = Double(cohort.count)
        let meanX = cohort.reduce(0) { $0 + $1.x } / max(n, 1)
        let meanM = cohort.reduce(0) { $0 + $1.m } / max(n, 1)
        var sxx = 0.0
        var smm = 0.0
        var sxm = 0.0
        for (x, m) in cohort {
            sxx += (x - meanX) * (x - meanX)
            smm += (m - meanM) * (m - meanM)
            sxm += (x - meanX) * (m - meanM)
        }
        if cohort.count >= 2 && sxx > 0 && smm > 0 {
            checker.rounded("CLV-16", base + "/spend_frequency_correlation", sxm / (sxx * smm).squareRoot(), decimals: 4, "corr(x, m)")
        } else if let written = response[pointer: base + "/spend_frequency_correlation"], written != .null {
            checker.report("CLV-16", base + "/spend_frequency_correlation", expected: "null", actual: written.text, "a side has no variance")
        }
        let required: String? =
            cohort.count < 5 ? "too_few_repeat_buyers" : Set(cohort.map(\.m)).count < 2 ? "no_spend_variation" : nil
        if let required {
            checker.string("CLV-14", base + "/status", "not_fitted", "Gamma-Gamma status")
            checker.string("CLV-14", base + "/reason", required, "Gamma-Gamma reason")
            return checker.findings
        }
        guard response[pointer: base + "/status"]?.string == "fitted" else { return checker.findings }
        var values: [Double] = []
        for name in ["p", "q", "v"] {
            guard let value = checker.number("CLV-14", base + "/parameters/" + name, "Gamma-Gamma \(name)") else { return checker.findings }
            values.append(value)
        }
        guard values[0] > 0, values[1] > 1, values[2] > 0 else {
            checker.report(
                "CLV-14", base + "/parameters", expected: "p > 0, q > 1, v > 0", actual: values.map(OracleFormat.number).joined(separator: ", "),
                "parameters")
            return checker.findings
        }
        if let norm = checker.number("CLV-42", base + "/gradient_norm", "gradient_norm"), norm > 1e-6 + 5e-11 {
            checker.report("CLV-14", base + "/gradient_norm", expected: "≤ 1e-6", actual: OracleFormat.number(norm), "converged fit")
        }
        let ll = spendLogLikelihood(cohort, p: values[0], q: values[1], v: values[2])
        if let reported = checker.number("CLV-14", base + "/log_likelihood", "log_likelihood"),
            (reported - ll).magnitude > 1e-6 * ll.magnitude + 0.00005
        {
            checker.report(
                "CLV-14", base + "/log_likelihood", expected: OracleFormat.number(ll), actual: OracleFormat.number(reported),
                tolerance: "relative 1e-6 + 0.00005", "the CLV-14 log-likelihood at the written parameters")
        }
        let tolerance = 1e-6 + 1e-8 * ll.magnitude
        for (j, name) in ["p", "q", "v"].enumerated() {
            for step in [-1e-3, 1e-3] {
                var moved = values
                if j == 1 { moved[1] = 1 + (values[1] - 1) * exp(step) } else { moved[j] *= exp(step) }
                let other = spendLogLikelihood(cohort, p: moved[0], q: moved[1], v: moved[2])
                if other > ll + tolerance {
                    checker.report(
                        "CLV-14", base + "/parameters/" + name, expected: "a local maximum of the CLV-14 log-likelihood",
                        actual: "a ±1e-3 log step raises it from \(ll) to \(other)", tolerance: "1e-6 + 1e-8·|LL|",
                        "the Gamma-Gamma fit is not at the optimum")
                }
            }
        }
        return checker.findings
    }

    // MARK: - identities

    /// ₂F₁(a, b; c; z) by its power series, summed until the terms stop mattering (0 ≤ z < 1).
    static func hypergeometric(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        var k = 0.0
        while k < 2_000_000 {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z
            sum += term
            k += 1
            if term.magnitude < 1e-17 * sum.magnitude && k > 10 { break }
        }
        return sum
    }

    static func checkIdentities(request: JSON, response: JSON) -> [Finding] {
        var checker = Checker(response: response)
        guard let today = request["today"]?.string.flatMap(OracleDays.number) else { return [] }
        let margin = CLVForecastOracles.margin(request)
        let horizon = Double(Int(exactly: request["horizon_months"]?.number ?? 12) ?? 12) * CLVForecastOracles.daysPerMonth
        let best = response["best_algorithm"]?.string
        let model = response[pointer: "/models/bgnbd/parameters"].flatMap { p -> [Double]? in
            let v = ["r", "alpha", "a", "b"].compactMap { p[$0]?.number }
            return v.count == 4 ? v : nil
        }
        let spend = response[pointer: "/models/gamma_gamma/parameters"].flatMap { p -> [Double]? in
            let v = ["p", "q", "v"].compactMap { p[$0]?.number }
            return v.count == 3 ? v : nil
        }
        for (i, customer) in (request["customers"]?.array ?? []).enumerated() {
            let entry = "/customers/\(i)"
            let explanations = entry + "/explanations"
            guard let s = CLVForecastOracles.summary(customer, snapshot: today, margin: margin), let row = response[pointer: entry] else { continue }
            let booster = response[pointer: explanations + "/booster"]
            if best != "GradientBoosting", let booster, booster != .null {
                checker.report(
                    "CLV-32", explanations + "/booster", expected: "null", actual: booster.text, "booster explanations without the booster")
            }
            guard best == "BGNBD_GammaGamma" || best == "GradientBoosting" else { continue }
            guard let clv = row["predicted_clv"]?.number, let value = response[pointer: explanations + "/undiscounted_value"]?.number,
                let factor = response[pointer: explanations + "/discount_factor"]?.number
            else { continue }
            // CLV-29, CLV-30: CLV = undiscounted × factor, each written to its decimals.
            if (clv - value * factor).magnitude > 0.0101 + 0.00005 * value.magnitude {
                checker.report(
                    "CLV-29", entry + "/predicted_clv", expected: OracleFormat.number(value * factor), actual: OracleFormat.number(clv),
                    tolerance: "the rounding of the three written values", "predicted_clv = undiscounted_value × discount_factor")
            }
            if let model, let spend {
                let (r, alpha, a, b) = (model[0], model[1], model[2], model[3])
                let x = Double(s.x)
                let tx = Double(s.tx)
                let T = Double(s.age)
                let alive = x == 0 ? 1 : 1 / (1 + a / (b + x - 1) * pow((alpha + T) / (alpha + tx), r + x))
                let z = horizon / (alpha + T + horizon)
                let expected =
                    (a + b + x - 1) / (a - 1)
                    * (1 - pow((alpha + T) / (alpha + T + horizon), r + x) * hypergeometric(r + x, b + x, a + b + x - 1, z)) * alive
                let meanSpend = spend[0] * (spend[2] + x * s.m) / (spend[0] * x + spend[1] - 1)
                // The written parameters carry 6 decimals: allow 1e-4 relative on top of the writing's half unit.
                for (member, truth, half) in [
                    ("p_alive", alive, 0.00005), ("expected_purchases", expected, 0.00005), ("expected_spend_per_purchase", meanSpend, 0.005),
                ] {
                    guard let written = response[pointer: explanations + "/" + member]?.number else { continue }
                    if (written - truth).magnitude > half + 1e-4 * truth.magnitude + 1e-9 {
                        checker.report(
                            "CLV-12", explanations + "/" + member, expected: OracleFormat.number(truth), actual: OracleFormat.number(written),
                            tolerance: "half a unit + 1e-4 relative", "\(member) from the written parameters")
                    }
                }
                if best == "BGNBD_GammaGamma", let purchases = response[pointer: explanations + "/expected_purchases"]?.number,
                    let perPurchase = response[pointer: explanations + "/expected_spend_per_purchase"]?.number,
                    (value - purchases * perPurchase).magnitude > 0.0051 + 0.00005 * perPurchase.magnitude + 0.005 * purchases.magnitude
                {
                    checker.report(
                        "CLV-29", explanations + "/undiscounted_value", expected: OracleFormat.number(purchases * perPurchase),
                        actual: OracleFormat.number(value), tolerance: "the rounding of the written values", "E[M]·E[Y(H·L)]")
                }
            }
            if best == "BGNBD_GammaGamma", let interval = response[pointer: entry + "/interval"], interval != .null,
                let lower = interval["lower"]?.number, let upper = interval["upper"]?.number, lower > clv + 0.01 || upper < clv - 0.01
            {
                checker.report(
                    "CLV-33", entry + "/interval", expected: "lower ≤ predicted_clv ≤ upper", actual: interval.text,
                    "the interval surrounds the forecast")
            }
            if best == "GradientBoosting" {
                guard let contributions = response[pointer: explanations + "/booster/top_contributions"]?.array, contributions.count == 5 else {
                    checker.report(
                        "CLV-32", explanations + "/booster", expected: "base_value and five top_contributions", actual: booster?.text ?? "missing",
                        "booster explanations")
                    continue
                }
                let magnitudes = contributions.compactMap { $0["contribution"]?.number?.magnitude }
                if magnitudes.count != 5 || zip(magnitudes, magnitudes.dropFirst()).contains(where: { $0 < $1 - 0.01 }) {
                    checker.report(
                        "CLV-32", explanations + "/booster/top_contributions", expected: "by |contribution| descending",
                        actual: JSON.array(contributions).text, "order")
                }
            }
        }
        return checker.findings
    }
}
