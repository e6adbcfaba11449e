import Testing

@testable import Engine

#if canImport(Glibc)
    import Glibc
#endif

/// Gamma-Gamma (CLV-14 to CLV-16): the paper's conditional expectation, the gradient, recovery of known parameters,
/// and the cohort rules.
@Suite("Gamma-Gamma")
struct GammaGammaTests {
    static let paper = GammaGammaModel(p: 6.25, q: 3.74, v: 15.44)

    @Test func thePapersValuesAreReproduced() {
        // CLV-15: E[M | 2, 30] = 30.94 and the population mean p·v/(q − 1) = 35.22.
        #expect(money(Self.paper.expectedSpend(x: 2, m: 30)) == 30.94)
        #expect(money(Self.paper.expectedSpend(x: 0, m: 0)) == 35.22)
    }

    @Test func theGradientIsTheLikelihoodsSlope() {
        let θ = [log(Self.paper.p), log(Self.paper.q - 1), log(Self.paper.v)]
        for (x, m) in [(1.0, 12.5), (4.0, 30.0), (17.0, 80.25)] {
            var analytic = [Double](repeating: 0, count: 3)
            analytic.withUnsafeMutableBufferPointer { _ = Self.paper.logLikelihood(x: x, m: m, gradient: $0.baseAddress) }
            for j in 0..<3 {
                var plus = θ
                var minus = θ
                plus[j] += 1e-6
                minus[j] -= 1e-6
                let numeric =
                    (GammaGammaModel(logParameters: plus).logLikelihood(x: x, m: m)
                        - GammaGammaModel(logParameters: minus).logLikelihood(x: x, m: m)) / 2e-6
                #expect(abs(analytic[j] - numeric) < 1e-6, "x \(x) θ\(j): \(analytic[j]) vs \(numeric)")
            }
        }
    }

    /// Repeat buyers drawn from the model: ν ~ Gamma(q, v), each purchase ~ Gamma(p, ν), m the mean of x purchases.
    static func simulate(_ model: GammaGammaModel, count: Int, seed: UInt64) -> [(x: Double, m: Double)] {
        var rng = SplitMix64(seed: seed)
        func gamma(_ shape: Double) -> Double {
            if shape < 1 { return gamma(shape + 1) * pow(rng.uniform(), 1 / shape) }
            let d = shape - 1.0 / 3
            let c = 1 / (9 * d).squareRoot()
            while true {
                let z = rng.normal()
                let v = pow(1 + c * z, 3)
                if v > 0 && log(rng.uniform()) < 0.5 * z * z + d - d * v + d * log(v) { return d * v }
            }
        }
        return (0..<count).map { _ in
            let nu = gamma(model.q) / model.v
            let x = 1 + Int(rng.next() % 8)
            var total = 0.0
            for _ in 0..<x { total += gamma(model.p) / nu }
            return (Double(x), total / Double(x))
        }
    }

    @Test func knownParametersAreRecoveredWithinTheirStandardErrors() throws {
        let fit = GammaGammaFit(Self.simulate(Self.paper, count: 20_000, seed: 5))
        let model = try #require(fit.model)
        let errors = try #require(fit.standardErrors)
        for (j, (estimate, truth)) in zip([model.p, model.q, model.v], [Self.paper.p, Self.paper.q, Self.paper.v]).enumerated() {
            #expect(abs(estimate - truth) <= 2 * errors[j], "parameter \(j): \(estimate) ± \(errors[j]) vs \(truth)")
        }
        #expect(try #require(fit.gradientNorm) <= LogLikelihoodSearch.gradientTolerance)
        #expect(fit.customers == 20_000 && fit.excludedNonPositive == 0)
        // The log-likelihood is reported in money units, at the reported parameters.
        let direct = Self.simulate(Self.paper, count: 20_000, seed: 5).reduce(0) { $0 + model.logLikelihood(x: $1.x, m: $1.m) }
        #expect(abs(try #require(fit.logLikelihood) - direct) < 1e-6 * abs(direct))
    }

    @Test func theCohortRulesDecideWhatIsFitted() {
        let few = GammaGammaFit([(1, 10), (2, 20), (3, 30), (4, 40), (0, 0), (2, -5)])
        #expect(few.reason == "too_few_repeat_buyers" && few.customers == 4 && few.excludedNonPositive == 1)
        let flat = GammaGammaFit((1...6).map { (Double($0), 25.0) })
        #expect(flat.reason == "no_spend_variation" && flat.spendFrequencyCorrelation == nil)
        let correlated = GammaGammaFit((1...6).map { (Double($0), 10.0 * Double($0)) })
        #expect(abs((correlated.spendFrequencyCorrelation ?? 0) - 1) < 1e-12)
    }
}
