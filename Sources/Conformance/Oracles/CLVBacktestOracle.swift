import Foundation

/// `customer_clv_forecast.backtest`: everything of the backtest that no fit decides (CLV-22 to CLV-27) — the holdout
/// plan, the calibration cohort, the actual holdout values and therefore the baselines' metrics exactly, each
/// candidate's `total_actual`, `evaluation_mae`, the winner by the written MAEs and the baseline warning.
enum CLVBacktestOracle {
    static let backtest = Oracle(
        name: "customer_clv_forecast.backtest",
        summary: "The CLV-22 plan (H_days, h, c, extrapolated, history_too_short), the calibration cohort (CLV-23), the "
            + "NaiveZero / NaiveMean metrics recomputed from the holdout values (CLV-25, CLV-26), each candidate's total_actual, "
            + "evaluation_mae and the winner by written MAE (CLV-27), and the winner_not_better_than_baseline warning."
    ) { request, response in
        check(request: request, response: response)
    }

    static func check(request: JSON, response: JSON) -> [Finding] {
        var checker = Checker(response: response)
        guard let today = request["today"]?.string.flatMap(OracleDays.number) else { return [] }
        let customers = request["customers"]?.array ?? []
        let margin = CLVForecastOracles.margin(request)
        let horizon = Int(exactly: request["horizon_months"]?.number ?? 12) ?? 12
        let base = "/selection/backtest"

        // CLV-22: the plan.
        var earliest = today
        for customer in customers {
            for transaction in customer["transactions"]?.array ?? [] {
                if let day = transaction["date"]?.string.flatMap(OracleDays.number) { earliest = min(earliest, day) }
            }
        }
        let target = Int((Double(horizon) * CLVForecastOracles.daysPerMonth).rounded(.down))
        let h = min(target, (today - earliest) / 2)
        checker.integer("CLV-22", base + "/target_holdout_days", target, "H_days = ⌊H·L⌋")
        checker.integer("CLV-22", base + "/holdout_days", h, "h = min(H_days, ⌊S/2⌋)")
        checker.bool("CLV-22", base + "/extrapolated", h < target, "extrapolated = h < H_days")
        guard h >= 30 else {
            checker.string("CLV-22", base + "/status", "skipped", "backtest status with h = \(h)")
            checker.string("CLV-22", base + "/reason", "history_too_short", "backtest reason with h = \(h)")
            if response[pointer: base + "/calibration_end"] != .null {
                checker.report(
                    "CLV-22", base + "/calibration_end", expected: "null", actual: response[pointer: base + "/calibration_end"]?.text ?? "missing",
                    "calibration_end")
            }
            return checker.findings
        }
        let c = today - h
        if let written = checker.value("CLV-22", base + "/calibration_end", "calibration_end"), written.string.flatMap(OracleDays.number) != c {
            checker.report("CLV-22", base + "/calibration_end", expected: "today − \(h) days", actual: written.text, "c = today − h")
        }

        // CLV-23: the cohort and its holdout values (day values in (c, today]).
        var actual: [Double] = []
        for customer in customers where CLVForecastOracles.summary(customer, snapshot: c, margin: margin) != nil {
            var value = 0.0
            for transaction in customer["transactions"]?.array ?? [] {
                guard let day = transaction["date"]?.string.flatMap(OracleDays.number), day > c, day <= today else { continue }
                let amount = transaction["amount"]?.number ?? 0
                value += margin ? amount - (transaction["cost"]?.number ?? 0) : amount
            }
            actual.append(value)
        }
        checker.integer("CLV-23", base + "/calibration_customers", actual.count, "customers with a purchase day ≤ c")
        let total = actual.reduce(0, +)

        guard response[pointer: base + "/status"]?.string == "run" else {
            checker.string("CLV-24", base + "/reason", "no_evaluable_candidate", "a skipped backtest with h ≥ 30")
            return checker.findings
        }
        // CLV-26: the baselines, exactly.
        if checker.array("CLV-26", base + "/baselines", count: 2, "NaiveZero and NaiveMean") != nil {
            let mean = total / Double(actual.count)
            for (index, (name, prediction)) in [("NaiveZero", 0.0), ("NaiveMean", mean)].enumerated() {
                let pointer = base + "/baselines/\(index)"
                checker.string("CLV-26", pointer + "/algorithm", name, "baseline \(index)")
                var absolute = 0.0
                var squared = 0.0
                for y in actual {
                    absolute += abs(prediction - y)
                    squared += (prediction - y) * (prediction - y)
                }
                let n = Double(actual.count)
                checker.rounded("CLV-25", pointer + "/metrics/mae", absolute / n, decimals: 2, "\(name) mae")
                checker.rounded("CLV-25", pointer + "/metrics/rmse", (squared / n).squareRoot(), decimals: 2, "\(name) rmse")
                checker.rounded("CLV-25", pointer + "/metrics/total_predicted", prediction * n, decimals: 2, "\(name) total_predicted")
                checker.rounded("CLV-25", pointer + "/metrics/total_actual", total, decimals: 2, "\(name) total_actual")
                // A constant prediction is one tied group: G = 0; Spearman is undefined.
                if total > 0 {
                    checker.rounded("CLV-25", pointer + "/metrics/normalized_gini", 0, decimals: 4, "\(name) normalized_gini")
                }
                if response[pointer: pointer + "/metrics/spearman"] != .null {
                    checker.report(
                        "CLV-25", pointer + "/metrics/spearman", expected: "null",
                        actual: response[pointer: pointer + "/metrics/spearman"]?.text ?? "missing", "constant prediction")
                }
                if total != 0 {
                    checker.rounded("CLV-25", pointer + "/metrics/total_bias", (prediction * n - total) / total, decimals: 4, "\(name) total_bias")
                }
            }
        }
        // CLV-25, CLV-27: each evaluated candidate's actual total, evaluation_mae and the winner.
        var maes: [(String, Double)] = []
        for (index, candidate) in (response[pointer: base + "/candidates"]?.array ?? []).enumerated() {
            guard candidate["status"]?.string == "evaluated", let name = candidate["algorithm"]?.string else { continue }
            checker.rounded("CLV-25", base + "/candidates/\(index)/metrics/total_actual", total, decimals: 2, "\(name) total_actual")
            if let mae = candidate["metrics"]?["mae"]?.number {
                maes.append((name, mae))
                checker.rounded("CLV-27", "/evaluation_mae/" + name, mae, decimals: 2, "evaluation_mae of \(name)")
            }
        }
        if let best = maes.min(by: { $0.1 < $1.1 }) {
            checker.string("CLV-27", base + "/winner", best.0, "the lowest written mae (ties to BGNBD_GammaGamma)")
            let baselineMaes = (response[pointer: base + "/baselines"]?.array ?? []).compactMap { $0["metrics"]?["mae"]?.number }
            let beaten = baselineMaes.allSatisfy { best.1 < $0 }
            let warned = (response["warnings"]?.array ?? []).contains { $0["code"]?.string == "winner_not_better_than_baseline" }
            if beaten == warned {
                checker.report(
                    "CLV-26", "/warnings", expected: beaten ? "no winner_not_better_than_baseline" : "winner_not_better_than_baseline",
                    actual: warned ? "present" : "absent", "the winner's mae against the baselines'")
            }
        }
        return checker.findings
    }
}
