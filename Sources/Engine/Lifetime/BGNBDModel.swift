#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// BG/NBD (Fader, Hardie & Lee 2005) with parameters r, α, a, b > 0: the per-customer log-likelihood of CLV-8 with
/// its gradient in log-parameters, and the conditional quantities of CLV-12.
package struct BGNBDModel: Sendable, Equatable {
    package var r: Double
    package var alpha: Double
    package var a: Double
    package var b: Double

    package init(r: Double, alpha: Double, a: Double, b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// θ = (ln r, ln α, ln a, ln b).
    package init(logParameters θ: [Double]) {
        self.init(r: exp(θ[0]), alpha: exp(θ[1]), a: exp(θ[2]), b: exp(θ[3]))
    }

    package var logParameters: [Double] { [log(r), log(alpha), log(a), log(b)] }

    /// CLV-8: one customer's log-likelihood; with `gradient`, adds `weight` × ∂LL/∂θ (θ the log-parameters) to it.
    package func logLikelihood(x: Double, tx: Double, T: Double, weight: Double = 1, gradient: UnsafeMutablePointer<Double>? = nil) -> Double {
        let a1 = logGamma(r + x) - logGamma(r) + r * log(alpha)
        let a2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x)
        let logT = log(alpha + T)
        let a3 = -(r + x) * logT
        var total = a1 + a2
        // ln(e^A3 + e^A4) as max + ln(1 + e^(min − max)); π3, π4 are the softmax weights for the gradient.
        var pi3 = 1.0
        var pi4 = 0.0
        var logTx = 0.0
        if x > 0 {
            logTx = log(alpha + tx)
            let a4 = log(a) - log(b + x - 1) - (r + x) * logTx
            let top = max(a3, a4)
            let e3 = exp(a3 - top)
            let e4 = exp(a4 - top)
            total += top + log(e3 + e4)
            pi3 = e3 / (e3 + e4)
            pi4 = e4 / (e3 + e4)
        } else {
            total += a3
        }
        if let gradient {
            let psiAB = digamma(a + b)
            let psiABX = digamma(a + b + x)
            var dr = digamma(r + x) - digamma(r) + log(alpha) - pi3 * logT
            var dAlpha = r / alpha - pi3 * (r + x) / (alpha + T)
            var da = psiAB - psiABX
            var db = psiAB + digamma(b + x) - digamma(b) - psiABX
            if x > 0 {
                dr -= pi4 * logTx
                dAlpha -= pi4 * (r + x) / (alpha + tx)
                da += pi4 / a
                db -= pi4 / (b + x - 1)
            }
            gradient[0] += weight * r * dr
            gradient[1] += weight * alpha * dAlpha
            gradient[2] += weight * a * da
            gradient[3] += weight * b * db
        }
        return total
    }

    /// CLV-12: the probability that a customer with (x, t_x, T) is still alive; 1 when x = 0.
    package func probabilityAlive(x: Double, tx: Double, T: Double) -> Double {
        guard x > 0 else { return 1 }
        // The odds of having dropped out, in logs so that large (r + x) cannot overflow the power.
        let logOdds = log(a) - log(b + x - 1) + (r + x) * (log(alpha + T) - log(alpha + tx))
        return 1 / (1 + exp(logOdds))
    }
}
