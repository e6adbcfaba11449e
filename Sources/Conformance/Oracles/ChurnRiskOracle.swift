import Foundation

/// `churn_risk.scores` (spec/churn_risk.md): the BG/NBD object checked as `customer_clv_forecast.bgnbd_optimum` checks
/// its own (CHR-3), and every customer's drivers, score and band recomputed from the request and the written
/// parameters, with the summary and the warning codes.
enum ChurnRiskOracle {
    static let scores = Oracle(
        name: "churn_risk.scores",
        summary: "The BG/NBD fit a local optimum at the written parameters (CHR-3, CLV-9 to CLV-11); x, t_x, T, silence, "
            + "typical gap, τ and ρ recomputed (CHR-2, CHR-5); P(alive) from the written parameters (CLV-12, ±5e-4); "
            + "churn_risk = w·q + (1 − w)·ρ (CHR-6, CHR-7); bands from the written risk (CHR-8); summary (CHR-10); "
            + "warning codes (CHR-12)."
    ) { request, response in
        check(request: request, response: response)
    }

    static func check(request: JSON, response: JSON) -> [Finding] {
        var checker = Checker(response: response)
        CLVForecastOracles.checkBGNBD(&checker, request: request, base: "/model")
        let customers = request["customers"]?.array ?? []
        guard let today = request["today"]?.string.flatMap(OracleDays.number),
            checker.array("CHR-11", "/customers", count: customers.count, "one entry per request customer") != nil, !customers.isEmpty
        else { return checker.findings }
        let k = request["k"]?.number ?? 2.5
        let fixed = request["threshold_days"]?.number ?? 90
        let fitted = response[pointer: "/model/status"]?.string == "fitted"
        let parameters = ["r", "alpha", "a", "b"].map { response[pointer: "/model/parameters/" + $0]?.number }
        let weight = fitted ? request["blend_weight"]?.number ?? 1 : 0
        checker.rounded("CHR-6", "/blend_weight_applied", weight, decimals: 4, "blend weight applied")
        checker.string("CHR-6", "/method", weight == 1 ? "model" : weight == 0 ? "inactivity_only" : "blend", "method")

        var bands = ["High": 0, "Medium": 0, "Low": 0]
        var oneTime = 0
        var riskSum = 0.0
        for (i, customer) in customers.enumerated() {
            let base = JSON.pointer("/customers", i)
            let drivers = JSON.pointer(base, "drivers")
            guard let summary = CLVForecastOracles.summary(customer, snapshot: today, margin: false) else { continue }
            let silence = summary.age - summary.tx
            // CHL-3's typical gap: the median gap between distinct purchase days.
            let days = Set((customer["transactions"]?.array ?? []).compactMap { $0["date"]?.string.flatMap(OracleDays.number) }).sorted()
            let gaps = days.count < 2 ? [] : (1..<days.count).map { Double(days[$0] - days[$0 - 1]) }.sorted()
            let gap = gaps.isEmpty ? nil : OracleMath.percentile(gaps, 1, 2)
            let tau = gap.map { k * $0 } ?? fixed
            let rho = min(1, Double(silence) / tau)
            checker.integer("CHR-2", JSON.pointer(drivers, "frequency"), summary.x, "x")
            checker.integer("CHR-2", JSON.pointer(drivers, "recency"), summary.tx, "t_x")
            checker.integer("CHR-2", JSON.pointer(drivers, "T"), summary.age, "T")
            checker.integer("CHR-2", JSON.pointer(drivers, "days_since_last_purchase"), silence, "s = T − t_x")
            checker.rounded("CHR-5", JSON.pointer(drivers, "inactivity_threshold_days"), tau, decimals: 2, "τ")
            checker.rounded("CHR-5", JSON.pointer(drivers, "inactivity_ratio"), rho, decimals: 4, "ρ")
            if summary.x == 0 { oneTime += 1 }
            var q: Double?
            if fitted, let r = parameters[0], let alpha = parameters[1], let a = parameters[2], let b = parameters[3] {
                let x = Double(summary.x)
                let alive = summary.x == 0 ? 1 : 1 / (1 + a / (b + x - 1) * pow((alpha + Double(summary.age)) / (alpha + Double(summary.tx)), r + x))
                q = 1 - alive
                if let written = checker.number("CLV-12", JSON.pointer(drivers, "p_alive"), "P(alive)"), abs(written - alive) > 5e-4 {
                    checker.report(
                        "CLV-12", JSON.pointer(drivers, "p_alive"), expected: OracleFormat.number(alive), actual: OracleFormat.number(written),
                        tolerance: "±5e-4 (written parameters)", "P(alive) at the written parameters")
                }
            } else if let value = checker.value("CHR-7", JSON.pointer(drivers, "p_alive"), "P(alive)"), value != .null {
                checker.report("CHR-7", JSON.pointer(drivers, "p_alive"), expected: "null", actual: value.text, "no model, no P(alive)")
            }
            // CHR-6: the score from the written q (its own rounding is already checked against the parameters).
            let writtenQ = response[pointer: JSON.pointer(drivers, "model_churn_probability")]?.number ?? q ?? 0
            let risk = fitted ? weight * writtenQ + (1 - weight) * rho : rho
            riskSum += risk
            if let written = checker.number("CHR-6", JSON.pointer(base, "churn_risk"), "churn_risk") {
                if abs(written - risk) > 1e-4 + 1e-9 {
                    checker.report(
                        "CHR-6", JSON.pointer(base, "churn_risk"), expected: OracleFormat.number(risk), actual: OracleFormat.number(written),
                        tolerance: "±1e-4", "w·q + (1 − w)·ρ")
                }
                // CHR-8: the band of the written value (NUM-3).
                let band = written >= 0.7 ? "High" : written >= 0.4 ? "Medium" : "Low"
                bands[band, default: 0] += 1
                checker.string("CHR-8", JSON.pointer(base, "risk_band"), band, "risk band of the written risk")
            }
        }
        checker.integer("CHR-10", "/summary/customers", customers.count, "customers")
        checker.integer("CHR-10", "/summary/one_time_buyers", oneTime, "one-time buyers")
        for (band, count) in bands { checker.integer("CHR-10", "/summary/band_counts/" + band, count, "\(band) band count") }
        if let mean = checker.number("CHR-10", "/summary/mean_churn_risk", "mean churn risk"), abs(mean - riskSum / Double(customers.count)) > 2e-4 {
            checker.report(
                "CHR-10", "/summary/mean_churn_risk", expected: OracleFormat.number(riskSum / Double(customers.count)),
                actual: OracleFormat.number(mean),
                tolerance: "±2e-4", "mean churn risk")
        }
        var codes: [String] = []
        if !fitted { codes.append("model_unavailable") }
        if fitted && weight > 0 && oneTime > 0 { codes.append("one_time_buyers_assumed_alive") }
        if fitted && response[pointer: "/model/standard_errors"] == .null { codes.append("standard_errors_unavailable") }
        let actual = (response["warnings"]?.array ?? []).compactMap { $0["code"]?.string }
        if actual != codes {
            checker.report("CHR-12", "/warnings", expected: codes.joined(separator: ", "), actual: actual.joined(separator: ", "), "warning codes")
        }
        return checker.findings
    }
}
