import RealModule

/// The per-customer forecasts of CLV-29 to CLV-33 under the selected model, unrounded.
struct CLVForecastValues {
    struct Customer {
        var value: Double
        var expectedPurchases: Double
        var pAlive: Double?
        var expectedSpend: Double
        var undiscounted: Double
        var discountFactor: Double
        var booster: (base: Double, contributions: [Double], features: ArraySlice<Double>)?
        var interval: (lower: Double, upper: Double)?
    }

    var customers: [Customer] = []
    /// The final booster's gain shares (CLV-20), when it forecasts.
    var featureImportance: [Double]?

    init(
        algorithm: String, days: PurchaseDays, summaries: [PurchaseDays.Summary], fits: SnapshotFits, backtest: CLVBacktest, today: Int,
        months: Int, monthlyRate d: Double
    ) {
        let horizon = Double(months) * CustomerCLVForecast.daysPerMonth
        guard algorithm != "HistoricalRunRate" else {
            // CLV-31: (1/H)·Σ(1 + d)^−k, the same for every customer.
            var factor = 0.0
            for k in 1...months { factor += Double.pow(1 + d, -Double(k)) }
            factor /= Double(months)
            customers = summaries.map { s in
                let rate = s.T == 0 ? 0 : s.x / s.T
                let purchases = rate * horizon
                let undiscounted = s.m * purchases
                return Customer(
                    value: undiscounted * factor, expectedPurchases: purchases, pAlive: nil, expectedSpend: s.m, undiscounted: undiscounted,
                    discountFactor: factor)
            }
            return
        }
        let purchases = fits.bgnbd.model!
        let spend = fits.gammaGamma.model!
        let profiles = byPattern(summaries) { s in Self.profile(purchases, s, months: months, monthlyRate: d) }
        let revenue = !days.useMargin
        var final: HistogramBooster?
        var rows: [Double] = []
        if algorithm == "GradientBoosting" {
            // CLV-28: the booster retrained as run 5 on the whole calibration cohort, applied at today.
            final = backtest.finalModel
            rows = BoosterFeatures.rows(
                days: days, customers: Array(summaries.indices), summaries: summaries, snapshot: today, fits: fits,
                holdout: Double(backtest.holdoutDays))
            let total = final!.gains.reduce(0, +)
            featureImportance = final!.gains.map { total > 0 ? $0 / total : 0 }
        }
        // CLV-33: parameter uncertainty, when both fits have a covariance.
        let intervals = algorithm == "BGNBD_GammaGamma" && fits.bgnbd.covariance != nil && fits.gammaGamma.covariance != nil
        let gradients = intervals ? byPattern(summaries) { s in Self.discountedGradient(purchases, s, months: months, monthlyRate: d) } : []

        let holdoutDays = Double(backtest.holdoutDays)
        let (booster, boosterRows) = (final, rows)
        // Each customer's forecast depends on its own summary alone: computed on all cores, kept in request order.
        customers = concurrentMapChunked(summaries.count) { i in
            let s = summaries[i]
            let profile = profiles[i]
            let expectedSpend = spend.expectedSpend(x: s.x, m: s.m)
            let factor = profile.expected > 0 ? profile.discounted / profile.expected : 1
            var customer = Customer(
                value: expectedSpend * profile.discounted, expectedPurchases: profile.expected, pAlive: profile.pAlive,
                expectedSpend: expectedSpend, undiscounted: expectedSpend * profile.expected, discountFactor: factor)
            if let booster {
                // CLV-30: the prediction over h days, scaled to the horizon and spread over the BG/NBD profile.
                let features = boosterRows[(i * BoosterFeatures.count)..<((i + 1) * BoosterFeatures.count)]
                let attribution = booster.attribution(features)
                var prediction = booster.predict(features)
                if revenue { prediction = max(0, prediction) }
                var scaled = prediction * horizon / holdoutDays
                if revenue { scaled = max(0, scaled) }
                customer.undiscounted = scaled
                customer.value = scaled * factor
                customer.booster = (attribution.base, attribution.contributions, features)
            }
            if intervals {
                let sigmaB = fits.bgnbd.covariance!
                let sigmaG = fits.gammaGamma.covariance!
                let gradB = gradients[i].map { expectedSpend * $0 }
                let gradG = Self.spendGradient(spend, s).map { profile.discounted * $0 }
                let variance = Self.quadratic(gradB, sigmaB) + Self.quadratic(gradG, sigmaG)
                let se = max(0, variance).squareRoot()
                var lower = customer.value - CustomerCLVForecast.z90 * se
                if revenue { lower = max(0, lower) }
                customer.interval = (lower, customer.value + CustomerCLVForecast.z90 * se)
            }
            return customer
        }
    }

    struct Profile: Sendable {
        var expected: Double
        var discounted: Double
        var pAlive: Double
    }

    /// E[Y(H·L)], Σ_k ΔY_k/(1 + d)^k with t_k = k·L (CLV-29), and P(alive).
    static func profile(_ model: BGNBDModel, _ s: PurchaseDays.Summary, months: Int, monthlyRate d: Double) -> Profile {
        var previous = 0.0
        var discounted = 0.0
        for k in 1...months {
            let current = model.expectedPurchases(in: Double(k) * CustomerCLVForecast.daysPerMonth, x: s.x, tx: s.tx, T: s.T)
            discounted += (current - previous) / Double.pow(1 + d, Double(k))
            previous = current
        }
        return Profile(expected: previous, discounted: discounted, pAlive: model.probabilityAlive(x: s.x, tx: s.tx, T: s.T))
    }

    /// ∂(discounted purchases)/∂(ln r, ln α, ln a, ln b), central differences with step 1e-4 (CLV-33).
    static func discountedGradient(_ model: BGNBDModel, _ s: PurchaseDays.Summary, months: Int, monthlyRate d: Double) -> [Double] {
        let θ = model.logParameters
        return (0..<4).map { j in
            var plus = θ
            var minus = θ
            plus[j] += 1e-4
            minus[j] -= 1e-4
            let high = profile(BGNBDModel(logParameters: plus), s, months: months, monthlyRate: d).discounted
            let low = profile(BGNBDModel(logParameters: minus), s, months: months, monthlyRate: d).discounted
            return (high - low) / 2e-4
        }
    }

    /// ∂E[M | x, m]/∂(ln p, ln(q − 1), ln v), central differences with step 1e-4.
    static func spendGradient(_ model: GammaGammaModel, _ s: PurchaseDays.Summary) -> [Double] {
        let θ = [Double.log(model.p), Double.log(model.q - 1), Double.log(model.v)]
        return (0..<3).map { j in
            var plus = θ
            var minus = θ
            plus[j] += 1e-4
            minus[j] -= 1e-4
            let high = GammaGammaModel(logParameters: plus).expectedSpend(x: s.x, m: s.m)
            let low = GammaGammaModel(logParameters: minus).expectedSpend(x: s.x, m: s.m)
            return (high - low) / 2e-4
        }
    }

    static func quadratic(_ g: [Double], _ sigma: [[Double]]) -> Double {
        var total = 0.0
        for i in g.indices {
            for j in g.indices { total += g[i] * sigma[i][j] * g[j] }
        }
        return total
    }
}
