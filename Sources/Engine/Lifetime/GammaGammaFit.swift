import RealModule

/// The Gamma-Gamma fit of CLV-14 and the spend–frequency diagnostic of CLV-16: the spend cohort (repeat buyers with
/// m > 0), money rescaled by its mean, four fixed starts of BFGS on (ln p, ln(q − 1), ln v′), the same refusals and
/// observed-information standard errors as BG/NBD.
package struct GammaGammaFit: Sendable {
    package static let minimumBuyers = 5
    /// CLV-14, as (p, q, v′) with v′ in units of the cohort's mean spend.
    package static let starts: [[Double]] = [[1, 2, 1], [2, 3, 1], [5, 4, 3], [0.5, 1.5, 0.5]]

    package var status: String { model == nil ? "not_fitted" : "fitted" }
    package var reason: String?
    /// Size of the spend cohort.
    package var customers: Int
    /// Repeat buyers left out because m ≤ 0.
    package var excludedNonPositive: Int
    package var model: GammaGammaModel?
    /// Standard errors of (p, q, v).
    package var standardErrors: [Double]?
    /// Cohort log-likelihood in money units.
    package var logLikelihood: Double?
    package var gradientNorm: Double?
    package var iterations: Int?
    package var startsConverged: Int?
    /// Σ in θ = (ln p, ln(q − 1), ln v); nil when not positive definite.
    package var covariance: [[Double]]?
    /// CLV-16: Pearson's r of (x, m) over the spend cohort; nil with fewer than two members or a constant side.
    package var spendFrequencyCorrelation: Double?

    /// Fits the repeat buyers among (x, m) summaries; one-time buyers are ignored.
    package init(_ summaries: [(x: Double, m: Double)]) {
        let repeatBuyers = summaries.filter { $0.x > 0 }
        let cohort = repeatBuyers.filter { $0.m > 0 }
        customers = cohort.count
        excludedNonPositive = repeatBuyers.count - cohort.count
        spendFrequencyCorrelation = ForecastMetrics.pearson(cohort.map(\.x), cohort.map(\.m))
        guard cohort.count >= Self.minimumBuyers else {
            reason = "too_few_repeat_buyers"
            return
        }
        guard cohort.contains(where: { $0.m != cohort[0].m }) else {
            reason = "no_spend_variation"
            return
        }
        let patterns = Patterns(cohort)
        let scale = cohort.reduce(0) { $0 + $1.m } / Double(cohort.count)
        let scaled = patterns.scaled(by: scale)
        let estimate = LogLikelihoodSearch.estimate(
            from: Self.starts.map { [Double.log($0[0]), Double.log($0[1] - 1), Double.log($0[2])] }, weight: patterns.totalWeight
        ) { θ, gradient in scaled.meanNegativeLogLikelihood(θ, gradient: &gradient) }
        startsConverged = estimate.startsConverged
        guard let best = estimate.best else {
            reason = estimate.reason
            return
        }
        var θ = best.point
        θ[2] += Double.log(scale)
        let model = GammaGammaModel(logParameters: θ)
        self.model = model
        gradientNorm = best.gradientNorm
        iterations = best.iterations
        // Scaling money by s lowers each member's log-likelihood by ln s (the density is per unit of money).
        logLikelihood = -best.value * patterns.totalWeight - Double.log(scale) * patterns.totalWeight
        covariance = estimate.covariance
        let factors = [model.p, model.q - 1, model.v]
        standardErrors = covariance.map { sigma in (0..<3).map { factors[$0] * sigma[$0][$0].squareRoot() } }
    }

    /// Members merged by (x, m), weighted by their count.
    struct Patterns: Sendable {
        var x: [Double] = []
        var m: [Double] = []
        var weight: [Double] = []

        init(_ cohort: [(x: Double, m: Double)]) {
            for member in cohort.sorted(by: { ($0.x, $0.m) < ($1.x, $1.m) }) {
                if let last = x.indices.last, x[last] == member.x, m[last] == member.m {
                    weight[last] += 1
                } else {
                    x.append(member.x)
                    m.append(member.m)
                    weight.append(1)
                }
            }
        }

        private init() {}

        var totalWeight: Double { weight.reduce(0, +) }

        func scaled(by factor: Double) -> Patterns {
            var copy = Patterns()
            copy.x = x
            copy.m = m.map { $0 / factor }
            copy.weight = weight
            return copy
        }

        func meanNegativeLogLikelihood(_ θ: [Double], gradient: inout [Double]) -> Double {
            let model = GammaGammaModel(logParameters: θ)
            var sum = 0.0
            var g = [Double](repeating: 0, count: 3)
            g.withUnsafeMutableBufferPointer { buffer in
                var terms = GammaGammaModel.FrequencyTerms(model, x: x.first ?? 1)
                for i in x.indices {
                    if x[i] != terms.x { terms = GammaGammaModel.FrequencyTerms(model, x: x[i]) }
                    sum += weight[i] * model.logLikelihood(terms, m: m[i], weight: weight[i], gradient: buffer.baseAddress)
                }
            }
            let total = totalWeight
            for j in 0..<3 { gradient[j] = -g[j] / total }
            return -sum / total
        }
    }
}
