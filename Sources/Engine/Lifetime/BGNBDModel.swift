import RealModule

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
        self.init(r: Double.exp(θ[0]), alpha: Double.exp(θ[1]), a: Double.exp(θ[2]), b: Double.exp(θ[3]))
    }

    package var logParameters: [Double] { [Double.log(r), Double.log(alpha), Double.log(a), Double.log(b)] }

    /// CLV-8: one customer's log-likelihood; with `gradient`, adds `weight` × ∂LL/∂θ (θ the log-parameters) to it.
    package func logLikelihood(x: Double, tx: Double, T: Double, weight: Double = 1, gradient: UnsafeMutablePointer<Double>? = nil) -> Double {
        logLikelihood(FrequencyTerms(self, x: x), tx: tx, T: T, weight: weight, gradient: gradient)
    }

    /// The parts of CLV-8 and of its gradient that depend on x alone: customers sorted by x share them, which takes
    /// the log-gamma and digamma evaluations out of the per-customer loop.
    package struct FrequencyTerms {
        let x: Double
        let constant: Double
        let dr: Double
        let da: Double
        let db: Double
        let logB: Double
        let logA: Double

        package init(_ model: BGNBDModel, x: Double) {
            let (r, alpha, a, b) = (model.r, model.alpha, model.a, model.b)
            self.x = x
            constant =
                Double.logGamma(r + x) - Double.logGamma(r) + r * Double.log(alpha) + Double.logGamma(a + b) + Double.logGamma(b + x)
                - Double.logGamma(b) - Double.logGamma(a + b + x)
            let psiAB = digamma(a + b)
            let psiABX = digamma(a + b + x)
            dr = digamma(r + x) - digamma(r) + Double.log(alpha)
            da = psiAB - psiABX
            db = psiAB + digamma(b + x) - digamma(b) - psiABX
            logB = x > 0 ? Double.log(b + x - 1) : 0
            logA = Double.log(a)
        }
    }

    package func logLikelihood(
        _ terms: FrequencyTerms, tx: Double, T: Double, weight: Double = 1, gradient: UnsafeMutablePointer<Double>? = nil
    ) -> Double {
        logLikelihood(
            terms, tx: tx, T: T, logT: Double.log(alpha + T), logTx: terms.x > 0 ? Double.log(alpha + tx) : 0, weight: weight, gradient: gradient)
    }

    /// The same with ln(α + T) and ln(α + t_x) given: a cohort shares them among every customer with the same day
    /// count, so a fit computes each once per evaluation instead of once per customer (the same values, bit for bit).
    package func logLikelihood(
        _ terms: FrequencyTerms, tx: Double, T: Double, logT: Double, logTx: Double, weight: Double = 1,
        gradient: UnsafeMutablePointer<Double>? = nil
    ) -> Double {
        let x = terms.x
        let a3 = -(r + x) * logT
        var total = terms.constant
        // ln(e^A3 + e^A4) as max + ln(1 + e^(min − max)); π3, π4 are the softmax weights for the gradient.
        var pi3 = 1.0
        var pi4 = 0.0
        if x > 0 {
            let a4 = terms.logA - terms.logB - (r + x) * logTx
            let top = max(a3, a4)
            // exp(0) is exactly 1: the larger term needs no exponential.
            let e3 = a3 == top && top.isFinite ? 1 : Double.exp(a3 - top)
            let e4 = a4 == top && top.isFinite ? 1 : Double.exp(a4 - top)
            total += top + Double.log(e3 + e4)
            pi3 = e3 / (e3 + e4)
            pi4 = e4 / (e3 + e4)
        } else {
            total += a3
        }
        if let gradient {
            var dr = terms.dr - pi3 * logT
            var dAlpha = r / alpha - pi3 * (r + x) / (alpha + T)
            var da = terms.da
            var db = terms.db
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
        let logOdds = Double.log(a) - Double.log(b + x - 1) + (r + x) * (Double.log(alpha + T) - Double.log(alpha + tx))
        return 1 / (1 + Double.exp(logOdds))
    }
}

extension BGNBDModel {
    /// CLV-12: E[Y(t)], the expected number of purchase days in the next `t` days of a customer with (x, t_x, T).
    package func expectedPurchases(in t: Double, x: Double, tx: Double, T: Double) -> Double {
        guard t > 0 else { return 0 }
        return nearUnitA { model in
            let z = t / (model.alpha + T + t)
            let power = Double.exp((model.r + x) * (Double.log(model.alpha + T) - Double.log(model.alpha + T + t)))
            let bracket = 1 - power * hypergeometric2F1(model.r + x, model.b + x, model.a + model.b + x - 1, z)
            return (model.a + model.b + x - 1) / (model.a - 1) * bracket * model.probabilityAlive(x: x, tx: tx, T: T)
        }
    }

    /// CLV-13: the unconditional E[X(t)] of a new customer.
    package func unconditionalExpectedPurchases(in t: Double) -> Double {
        guard t > 0 else { return 0 }
        return nearUnitA { model in
            let power = Double.exp(model.r * (Double.log(model.alpha) - Double.log(model.alpha + t)))
            let bracket = 1 - power * hypergeometric2F1(model.r, model.b, model.a + model.b - 1, t / (model.alpha + t))
            return (model.a + model.b - 1) / (model.a - 1) * bracket
        }
    }

    /// At a = 1 the quotient (…)/(a − 1) is a removable singularity: within 1e-6 of it, the mean of the values at
    /// a = 1 ± 1e-6 (the expression is smooth in a, so the error is of order 1e-12).
    private func nearUnitA(_ value: (BGNBDModel) -> Double) -> Double {
        guard abs(a - 1) < 1e-6 else { return value(self) }
        var below = self
        var above = self
        below.a = 1 - 1e-6
        above.a = 1 + 1e-6
        return (value(below) + value(above)) / 2
    }
}
