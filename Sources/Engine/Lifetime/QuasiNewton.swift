/// BFGS on a smooth function of a few variables (CLV-10): inverse-Hessian updates, a backtracking line search with
/// the Armijo condition, and convergence when the gradient's Euclidean norm reaches `tolerance`.
package struct QuasiNewton: Sendable {
    package struct Result: Sendable {
        package var point: [Double]
        package var value: Double
        package var gradient: [Double]
        package var iterations: Int
        package var converged: Bool
        package var gradientNorm: Double { norm(gradient) }
    }

    package var tolerance: Double
    package var maxIterations: Int

    package init(tolerance: Double, maxIterations: Int) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// Minimises `f`, which returns the value and fills the gradient; a non-finite value counts as +∞.
    package func minimize(from start: [Double], _ f: ([Double], inout [Double]) -> Double) -> Result {
        let n = start.count
        var x = start
        var g = [Double](repeating: 0, count: n)
        var value = f(x, &g)
        guard value.isFinite else { return Result(point: x, value: value, gradient: g, iterations: 0, converged: false) }
        var h = identity(n)
        var iterations = 0
        while norm(g) > tolerance && iterations < maxIterations {
            iterations += 1
            var direction = (0..<n).map { i in -(0..<n).reduce(0) { $0 + h[i][$1] * g[$1] } }
            var slope = dot(direction, g)
            if slope >= 0 {
                // Not a descent direction (H lost positive definiteness): restart from steepest descent.
                h = identity(n)
                direction = g.map { -$0 }
                slope = dot(direction, g)
            }
            var step = 1.0
            var trial = x
            var trialGradient = g
            var trialValue = Double.infinity
            var accepted = false
            for _ in 0..<60 {
                trial = (0..<n).map { x[$0] + step * direction[$0] }
                trialValue = f(trial, &trialGradient)
                if trialValue.isFinite && trialValue <= value + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            guard accepted else { break }
            let s = (0..<n).map { trial[$0] - x[$0] }
            let y = (0..<n).map { trialGradient[$0] - g[$0] }
            let sy = dot(s, y)
            if sy > 1e-12 * norm(s) * norm(y) {
                // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
                let rho = 1 / sy
                let hy = (0..<n).map { i in (0..<n).reduce(0) { $0 + h[i][$1] * y[$1] } }
                let yhy = dot(y, hy)
                for i in 0..<n {
                    for j in 0..<n {
                        h[i][j] += (1 + rho * yhy) * rho * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j])
                    }
                }
            }
            x = trial
            g = trialGradient
            value = trialValue
        }
        return Result(point: x, value: value, gradient: g, iterations: iterations, converged: norm(g) <= tolerance)
    }
}

private func identity(_ n: Int) -> [[Double]] { (0..<n).map { i in (0..<n).map { i == $0 ? 1 : 0 } } }
private func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
private func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }
