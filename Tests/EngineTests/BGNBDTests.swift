import Testing

@testable import Engine

#if canImport(Glibc)
    import Glibc
#endif

/// BG/NBD (spec/customer_clv_forecast.md, CLV-8 to CLV-13): special functions, the analytic gradient against finite
/// differences, the paper's P(alive), recovery of known parameters from simulated customers, and the cohort rules.
@Suite("BG/NBD")
struct BGNBDTests {
    /// The paper's CDNOW estimates (weeks).
    static let cdnow = BGNBDModel(r: 0.2426, alpha: 4.4136, a: 0.7931, b: 2.4259)

    @Test func digammaMatchesKnownValues() {
        for (x, expected) in [(1.0, -0.5772156649015329), (0.5, -1.9635100260214235), (10.0, 2.251752589066721), (0.01, -100.56088545786867)] {
            #expect(abs(digamma(x) - expected) <= 1e-13 * max(1, abs(expected)), "ψ(\(x))")
        }
    }

    @Test func theGradientIsTheLikelihoodsSlope() {
        let θ = Self.cdnow.logParameters
        for (x, tx, T) in [(0.0, 0.0, 38.0), (2.0, 30.43, 38.86), (7.0, 12.5, 40.0)] {
            var analytic = [Double](repeating: 0, count: 4)
            analytic.withUnsafeMutableBufferPointer { _ = Self.cdnow.logLikelihood(x: x, tx: tx, T: T, gradient: $0.baseAddress) }
            for j in 0..<4 {
                var plus = θ
                var minus = θ
                plus[j] += 1e-6
                minus[j] -= 1e-6
                let numeric =
                    (BGNBDModel(logParameters: plus).logLikelihood(x: x, tx: tx, T: T)
                        - BGNBDModel(logParameters: minus).logLikelihood(x: x, tx: tx, T: T)) / 2e-6
                #expect(abs(analytic[j] - numeric) < 1e-6, "x \(x) θ\(j): \(analytic[j]) vs \(numeric)")
            }
        }
    }

    @Test func probabilityAliveReproducesThePaper() {
        // CLV-13: x = 2, t_x = 30.43, T = 38.86 → 0.7266.
        #expect(score(Self.cdnow.probabilityAlive(x: 2, tx: 30.43, T: 38.86)) == 0.7266)
        #expect(Self.cdnow.probabilityAlive(x: 0, tx: 0, T: 100) == 1)
    }

    /// Customers drawn from BG/NBD itself: λ ~ Gamma(r, α), p ~ Beta(a, b), exponential gaps, dropout after each
    /// repeat purchase with probability p, observed for T in [30, 39] weeks.
    static func simulate(_ model: BGNBDModel, count: Int, seed: UInt64) -> [(x: Double, tx: Double, T: Double)] {
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
            let lambda = gamma(model.r) / model.alpha
            let g1 = gamma(model.a)
            let p = g1 / (g1 + gamma(model.b))
            let T = 30 + 9 * rng.uniform()
            var (x, tx, t) = (0.0, 0.0, 0.0)
            while true {
                t += -log(1 - rng.uniform()) / lambda
                if t > T { break }
                x += 1
                tx = t
                if rng.uniform() < p { break }
            }
            return (x, tx, T)
        }
    }

    @Test func knownParametersAreRecoveredWithinTheirStandardErrors() throws {
        let truth = BGNBDModel(r: 0.25, alpha: 4, a: 0.8, b: 2.5)
        let fit = BGNBDFit(Self.simulate(truth, count: 20_000, seed: 11))
        let model = try #require(fit.model)
        let errors = try #require(fit.standardErrors)
        let estimates = [model.r, model.alpha, model.a, model.b]
        let truths = [truth.r, truth.alpha, truth.a, truth.b]
        for j in 0..<4 {
            #expect(abs(estimates[j] - truths[j]) <= 2 * errors[j], "parameter \(j): \(estimates[j]) ± \(errors[j]) vs \(truths[j])")
        }
        #expect(try #require(fit.gradientNorm) <= BGNBDFit.gradientTolerance)
        #expect(fit.startsConverged ?? 0 >= 1)
        // The reported log-likelihood is the cohort sum in the original time unit, at the reported parameters.
        let direct = Self.simulate(truth, count: 20_000, seed: 11).reduce(0) { $0 + model.logLikelihood(x: $1.x, tx: $1.tx, T: $1.T) }
        #expect(abs(try #require(fit.logLikelihood) - direct) < 1e-6 * abs(direct))
    }

    @Test func mergingEqualCustomersChangesNothing() throws {
        let cohort = Self.simulate(Self.cdnow, count: 400, seed: 3)
        let doubled = BGNBDFit(cohort + cohort)
        let single = BGNBDFit(cohort)
        let a = try #require(doubled.model)
        let b = try #require(single.model)
        // Doubling every customer doubles the likelihood and leaves its maximiser where it was.
        for (u, v) in zip([a.r, a.alpha, a.a, a.b], [b.r, b.alpha, b.a, b.b]) { #expect(abs(u - v) < 1e-5 * v) }
        #expect(abs(try #require(doubled.logLikelihood) - 2 * (try #require(single.logLikelihood))) < 1e-6)
    }

    @Test func smallCohortsAreNotFitted() {
        let few = BGNBDFit(Array(Self.simulate(Self.cdnow, count: 19, seed: 1)))
        #expect(few.status == "not_fitted" && few.reason == "too_few_customers")
        let noRepeat = BGNBDFit((0..<30).map { _ in (x: 0.0, tx: 0.0, T: 20.0) })
        #expect(noRepeat.reason == "too_few_repeat_buyers" && noRepeat.repeatBuyers == 0)
    }
}
