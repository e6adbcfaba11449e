import RealModule

/// `customer_clv_forecast` (spec/customer_clv_forecast.md): BG/NBD + Gamma-Gamma and a histogram booster compete in
/// a time-based backtest; the winner forecasts each customer's discounted value over the horizon, and the historical
/// run rate answers when the data identify no model.
package enum CustomerCLVForecast: EndpointDefinition, EndpointComputation {
    package static let name = "customer_clv_forecast"
    package static let sourceSection: String? = "4.1.6"
    package static let specFile = "customer_clv_forecast.md"
    package static let summary = "Forecast discounted CLV with backtested model selection"
    package static let requestSchema = EndpointSchemas.document(
        PackageResources.customer_clv_forecast_request_json, file: "customer_clv_forecast.request.json")
    package static let responseSchema = EndpointSchemas.document(
        PackageResources.customer_clv_forecast_response_json, file: "customer_clv_forecast.response.json")
    package static let documentedExample = DocumentedExamples.customerCLVForecast

    package struct Request: Sendable {
        var today: Day
        var horizonMonths: Int
        var discountRate: Double
        var seed: UInt64
        var customers: [CustomerHistory]
        var useMargin: Bool
    }

    package typealias Response = JSONValue

    /// Constants of the spec's table.
    static let daysPerMonth = 30.4375
    static let minimumHoldoutDays = 30
    static let z90 = 1.6448536269514722

    package static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request? {
        guard let root = reader.object(body, allowed: ["today", "horizon_months", "discount_rate", "seed", "customers"]) else { return nil }
        let today = reader.today(root, default: context.today)
        let horizon = reader.field(root, "horizon_months", required: false) { reader.integer($0, min: 1, max: 60) }
        let rate = reader.field(root, "discount_rate", required: false) { reader.number($0, min: 0, max: 1) }
        let seed = reader.field(root, "seed", required: false) { reader.integer($0, min: 0, max: 4_294_967_295) }
        let customers = reader.customerHistories(root, today: today)
        let read: [(String, Bool)] = [("horizon_months", horizon != nil), ("discount_rate", rate != nil), ("seed", seed != nil)]
        guard let customers, let today, reader.problems.isEmpty, !read.contains(where: { root.has($0.0) && !$0.1 }) else { return nil }
        let useMargin = reader.checkCostsConsistent(customers)
        guard reader.problems.isEmpty else { return nil }
        return Request(
            today: today, horizonMonths: horizon ?? 12, discountRate: rate ?? 0.1, seed: UInt64(seed ?? 42), customers: customers,
            useMargin: useMargin)
    }

    package static func respond(to request: Request, context: ComputeContext) -> JSONValue {
        let days = PurchaseDays(request.customers, useMargin: request.useMargin)
        let today = request.today.ordinal
        let n = days.customerCount
        let horizonDays = Double(request.horizonMonths) * daysPerMonth
        // CLV-22: the holdout the history allows.
        let earliest = (0..<n).reduce(Int.max) { min($0, days.day[days.start[$1]]) }
        let targetHoldout = Int(horizonDays.rounded(.down))
        let holdout = min(targetHoldout, (today - earliest) / 2)

        // Full-history fits (CLV-28) and the backtest (CLV-22 to CLV-27).
        let summaries = (0..<n).map { days.summary($0, snapshot: today)! }
        // One after the other: each spreads its own work over the cores (libdispatch runs a nested apply serially).
        let full = SnapshotFits(summaries)
        let backtest = CLVBacktest(days: days, today: today, holdout: holdout, targetHoldout: targetHoldout, seed: request.seed)

        // CLV-28: the forecasting model.
        let algorithm: String
        let method: String
        let selectionReason: String?
        if !full.fitted {
            (algorithm, method, selectionReason) = ("HistoricalRunRate", "fallback", "model_unavailable")
        } else if let winner = backtest.winner {
            (algorithm, method, selectionReason) = (winner, "backtest", nil)
        } else {
            (algorithm, method, selectionReason) = ("BGNBD_GammaGamma", "default", backtest.reason)
        }

        let monthly = Double.pow(1 + request.discountRate, 1.0 / 12) - 1
        let forecast = CLVForecastValues(
            algorithm: algorithm, days: days, summaries: summaries, fits: full, backtest: backtest, today: today, months: request.horizonMonths,
            monthlyRate: monthly)
        return CLVForecastRendering(
            request: request, summaries: summaries, full: full, backtest: backtest, forecast: forecast, method: method,
            selectionReason: selectionReason
        ).json()
    }
}

/// The BG/NBD and Gamma-Gamma fits of one snapshot's cohort.
struct SnapshotFits: Sendable {
    var bgnbd: BGNBDFit
    var gammaGamma: GammaGammaFit

    init(_ summaries: [PurchaseDays.Summary]) {
        bgnbd = BGNBDFit(summaries.map { ($0.x, $0.tx, $0.T) })
        gammaGamma = GammaGammaFit(summaries.map { ($0.x, $0.m) })
    }

    var fitted: Bool { bgnbd.model != nil && gammaGamma.model != nil }

    /// The reason the pair cannot be used: BG/NBD's first, then Gamma-Gamma's (CLV-24).
    var reason: String? { bgnbd.reason ?? gammaGamma.reason }

    /// E[Y(t)] for every summary, computed once per distinct (x, t_x, T).
    func expectedPurchases(_ summaries: [PurchaseDays.Summary], in t: Double) -> [Double] {
        let model = bgnbd.model!
        return byPattern(summaries) { model.expectedPurchases(in: t, x: $0.x, tx: $0.tx, T: $0.T) }
    }
}

/// Evaluates `value` once per distinct (x, t_x, T) of `summaries` (in parallel) and returns it per summary.
func byPattern<T: Sendable>(_ summaries: [PurchaseDays.Summary], _ value: @Sendable (PurchaseDays.Summary) -> T) -> [T] {
    let order = summaries.indices.sorted { i, j in
        let a = summaries[i]
        let b = summaries[j]
        return (a.x, a.tx, a.T) < (b.x, b.tx, b.T)
    }
    var firsts: [Int] = []
    var group = [Int](repeating: 0, count: summaries.count)
    for (position, index) in order.enumerated() {
        if position == 0 || !samePattern(summaries[order[position - 1]], summaries[index]) { firsts.append(index) }
        group[index] = firsts.count - 1
    }
    let representatives = firsts.map { summaries[$0] }
    let values = concurrentMapChunked(representatives.count) { value(representatives[$0]) }
    return group.map { values[$0] }
}

private func samePattern(_ a: PurchaseDays.Summary, _ b: PurchaseDays.Summary) -> Bool { a.x == b.x && a.tx == b.tx && a.T == b.T }
