import RealModule

/// Gamma-Gamma (Fader & Hardie 2013) with p, v > 0 and q > 1: the log-likelihood of a repeat buyer's mean spend
/// (CLV-14) with its gradient in θ = (ln p, ln(q − 1), ln v), and the conditional expected spend (CLV-15).
package struct GammaGammaModel: Sendable, Equatable {
    package var p: Double
    package var q: Double
    package var v: Double

    package init(p: Double, q: Double, v: Double) {
        self.p = p
        self.q = q
        self.v = v
    }

    /// θ = (ln p, ln(q − 1), ln v): q > 1 by construction.
    package init(logParameters θ: [Double]) {
        self.init(p: Double.exp(θ[0]), q: 1 + Double.exp(θ[1]), v: Double.exp(θ[2]))
    }

    /// CLV-14: the log-likelihood of x repeat purchase days of mean value m > 0; with `gradient`, adds
    /// `weight` × ∂LL/∂θ to it.
    package func logLikelihood(x: Double, m: Double, weight: Double = 1, gradient: UnsafeMutablePointer<Double>? = nil) -> Double {
        logLikelihood(FrequencyTerms(self, x: x), m: m, weight: weight, gradient: gradient)
    }

    /// The parts of CLV-14 and its gradient that depend on x alone, shared by members sorted by x.
    package struct FrequencyTerms {
        let x: Double
        let constant: Double
        let dp: Double
        let dq: Double

        package init(_ model: GammaGammaModel, x: Double) {
            let px = model.p * x
            self.x = x
            constant =
                Double.logGamma(px + model.q) - Double.logGamma(px) - Double.logGamma(model.q) + model.q * Double.log(model.v) + px * Double.log(x)
            let psiPXQ = digamma(px + model.q)
            dp = x * (psiPXQ - digamma(px) + Double.log(x))
            dq = psiPXQ - digamma(model.q) + Double.log(model.v)
        }
    }

    package func logLikelihood(_ terms: FrequencyTerms, m: Double, weight: Double = 1, gradient: UnsafeMutablePointer<Double>? = nil) -> Double {
        let x = terms.x
        let px = p * x
        let logM = Double.log(m)
        let logTotal = Double.log(x * m + v)
        let value = terms.constant + (px - 1) * logM - (px + q) * logTotal
        if let gradient {
            gradient[0] += weight * p * (terms.dp + x * (logM - logTotal))
            gradient[1] += weight * (q - 1) * (terms.dq - logTotal)
            gradient[2] += weight * v * (q / v - (px + q) / (x * m + v))
        }
        return value
    }

    /// CLV-15: E[M | x, m], the expected spend per future purchase day; the population mean p·v/(q − 1) at x = 0.
    package func expectedSpend(x: Double, m: Double) -> Double {
        p * (v + x * m) / (p * x + q - 1)
    }
}
