/// The maximum-likelihood procedure CLV-10 and CLV-14 share: BFGS on the mean negative log-likelihood in
/// log-parameters from fixed starts, the best converged start (ties to the earlier), and the covariance of the
/// estimate from the observed information.
enum LogLikelihoodSearch {
    static let gradientTolerance = 1e-6
    static let maxIterations = 1000

    struct Outcome {
        var best: QuasiNewton.Result?
        var converged: Int
    }

    /// A maximum-likelihood estimate: the chosen optimum with Σ, or the reason there is none (CLV-10 step 4).
    struct Estimate {
        var best: QuasiNewton.Result?
        var reason: String?
        var startsConverged: Int
        var covariance: [[Double]]?
    }

    /// Runs the starts, refuses no convergence or a point beyond `LOG_BOUND`, and adds the covariance of the
    /// cohort's estimate (`weight` customers).
    static func estimate(
        from starts: [[Double]], weight: Double, _ objective: @escaping @Sendable ([Double], inout [Double]) -> Double
    ) -> Estimate {
        let outcome = run(from: starts, objective)
        guard let best = outcome.best else { return Estimate(reason: "not_converged", startsConverged: outcome.converged) }
        guard best.point.allSatisfy({ abs($0) <= BGNBDFit.logBound }) else {
            return Estimate(reason: "parameters_diverged", startsConverged: outcome.converged)
        }
        return Estimate(best: best, startsConverged: outcome.converged, covariance: covariance(at: best.point, weight: weight, objective))
    }

    /// Runs every start; `objective` is the mean negative log-likelihood and fills its gradient.
    static func run(from starts: [[Double]], _ objective: @escaping @Sendable ([Double], inout [Double]) -> Double) -> Outcome {
        let optimizer = QuasiNewton(tolerance: gradientTolerance, maxIterations: maxIterations)
        // The starts are independent: run them on all cores, then choose in the listed order.
        let results = concurrentMap(starts.count) { optimizer.minimize(from: starts[$0], objective) }
        var outcome = Outcome(best: nil, converged: 0)
        for result in results {
            guard result.converged else { continue }
            outcome.converged += 1
            // Highest likelihood wins; an equal one does not displace an earlier start.
            if outcome.best.map({ result.value < $0.value }) ?? true { outcome.best = result }
        }
        return outcome
    }

    /// CLV-11: Σ = inverse Hessian of the cohort's negative log-likelihood (`weight` × the mean) at θ, from central
    /// differences of the analytic gradient with step 1e-4, symmetrised; nil when it is not positive definite.
    static func covariance(at θ: [Double], weight: Double, _ objective: ([Double], inout [Double]) -> Double) -> [[Double]]? {
        let n = θ.count
        let step = 1e-4
        var hessian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for j in 0..<n {
            var plus = θ
            var minus = θ
            plus[j] += step
            minus[j] -= step
            var gPlus = [Double](repeating: 0, count: n)
            var gMinus = [Double](repeating: 0, count: n)
            _ = objective(plus, &gPlus)
            _ = objective(minus, &gMinus)
            for i in 0..<n { hessian[i][j] = (gPlus[i] - gMinus[i]) / (2 * step) * weight }
        }
        for i in 0..<n {
            for j in 0..<i {
                let mean = (hessian[i][j] + hessian[j][i]) / 2
                hessian[i][j] = mean
                hessian[j][i] = mean
            }
        }
        return SymmetricMatrix.inverse(hessian)
    }
}
