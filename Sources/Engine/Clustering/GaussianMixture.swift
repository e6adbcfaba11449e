import RealModule

/// A Gaussian mixture with full covariances fitted by EM from a hard k-means start (SEG-27): scikit-learn's
/// `GaussianMixture(covariance_type="full", reg_covar=1e-6, tol=1e-3, max_iter=100)` with the same start.
package struct GaussianMixture: Sendable {
    package let k: Int
    package let d: Int
    package private(set) var weights: [Double]
    package private(set) var means: [Double]
    /// Lower Cholesky factor of each component's covariance, k × d × d.
    private var choleskyFactors: [Double]
    /// Mean log-likelihood per point at the last E-step.
    package private(set) var meanLogLikelihood: Double = -.infinity
    package private(set) var iterations = 0

    static let ridge = 1e-6
    static let tolerance = 1e-3
    static let maxIterations = 100

    /// Fits the mixture and returns the final labels (argmax of the log responsibilities, ties to the lowest index).
    /// With `sample` (SEG-67, above the exact limit), EM runs on the sample rows alone, from their k-means labels, and
    /// only the final E-step covers every row.
    package static func fit(_ x: FeatureMatrix, k: Int, initialLabels: [Int32], sample: [Int]? = nil) -> (model: GaussianMixture, labels: [Int32]) {
        precondition(x.columns <= 8, "the mixture holds a point's deviation in eight lanes")
        let n = x.rows
        var model = GaussianMixture(k: k, d: x.columns)
        if let sample {
            let rows = x.selecting(sample)
            model.start(rows, labels: sample.map { initialLabels[$0] })
            model.iterate(rows)
        } else {
            model.start(x, labels: initialLabels)
            model.iterate(x)
        }
        var labels = [Int32](repeating: 0, count: n)
        labels.withUnsafeMutableBufferPointer { labels in
            model.meanLogLikelihood = model.expect(x, responsibilities: nil, labels: labels)
        }
        return (model, labels)
    }

    /// SEG-27's first M-step, on hard responsibilities.
    private mutating func start(_ x: FeatureMatrix, labels: [Int32]) {
        var responsibilities = [Double](repeating: 0, count: x.rows * k)
        for i in 0..<x.rows { responsibilities[i * k + Int(labels[i])] = 1 }
        maximise(x, responsibilities)
    }

    /// SEG-27's loop: E- and M-steps until the mean log-likelihood moves by less than the tolerance.
    private mutating func iterate(_ x: FeatureMatrix) {
        var responsibilities = [Double](repeating: 0, count: x.rows * k)
        var previous = -Double.infinity
        for _ in 0..<Self.maxIterations {
            iterations += 1
            let bound = responsibilities.withUnsafeMutableBufferPointer { expect(x, responsibilities: $0, labels: nil) }
            maximise(x, responsibilities)
            meanLogLikelihood = bound
            if abs(bound - previous) < Self.tolerance { break }
            previous = bound
        }
    }

    private init(k: Int, d: Int) {
        self.k = k
        self.d = d
        weights = [Double](repeating: 0, count: k)
        means = [Double](repeating: 0, count: k * d)
        choleskyFactors = [Double](repeating: 0, count: k * d * d)
    }

    /// M-step: weights, means and ridge-regularised covariances (then their Cholesky factors). One pass over the
    /// points per statistic serves every component; each component's sums still run in payload order (SEG-19).
    private mutating func maximise(_ x: FeatureMatrix, _ responsibilities: [Double]) {
        let n = x.rows
        let d = self.d
        let k = self.k
        let epsilon = 10 * Double.ulpOfOne
        var totals = [Double](repeating: 0, count: k)
        var sums = [Double](repeating: 0, count: k * d)
        var covariances = [Double](repeating: 0, count: k * d * d)
        x.values.withUnsafeBufferPointer { v in
            responsibilities.withUnsafeBufferPointer { r in
                totals.withUnsafeMutableBufferPointer { totals in
                    sums.withUnsafeMutableBufferPointer { sums in
                        for i in 0..<n {
                            for j in 0..<k {
                                let weight = r[i * k + j]
                                totals[j] += weight
                                for f in 0..<d { sums[j * d + f] += weight * v[i * d + f] }
                            }
                        }
                    }
                }
            }
        }
        for j in 0..<k {
            let nj = totals[j] + epsilon
            weights[j] = nj / Double(n)
            for f in 0..<d { means[j * d + f] = sums[j * d + f] / nj }
        }
        x.values.withUnsafeBufferPointer { v in
            responsibilities.withUnsafeBufferPointer { r in
                means.withUnsafeBufferPointer { mu in
                    covariances.withUnsafeMutableBufferPointer { c in
                        var delta = SIMD8<Double>(repeating: 0)
                        for i in 0..<n {
                            for j in 0..<k {
                                let weight = r[i * k + j]
                                if weight == 0 { continue }
                                for f in 0..<d { delta[f] = v[i * d + f] - mu[j * d + f] }
                                let base = j * d * d
                                for a in 0..<d {
                                    let wa = weight * delta[a]
                                    for b in 0...a { c[base + a * d + b] += wa * delta[b] }
                                }
                            }
                        }
                    }
                }
            }
        }
        var covariance = [Double](repeating: 0, count: d * d)
        for j in 0..<k {
            let nj = totals[j] + epsilon
            for a in 0..<d {
                for b in 0...a { covariance[a * d + b] = covariances[j * d * d + a * d + b] / nj }
                covariance[a * d + a] += Self.ridge
            }
            cholesky(covariance, into: j)
        }
    }

    /// Lower Cholesky factor of the symmetric matrix whose lower triangle is given. The ridge keeps it positive
    /// definite; a pivot that still underflows is floored so that EM degrades instead of trapping.
    private mutating func cholesky(_ a: [Double], into component: Int) {
        let base = component * d * d
        for e in 0..<(d * d) { choleskyFactors[base + e] = 0 }
        for r in 0..<d {
            for c in 0...r {
                var sum = a[r * d + c]
                for t in 0..<c { sum -= choleskyFactors[base + r * d + t] * choleskyFactors[base + c * d + t] }
                if r == c {
                    choleskyFactors[base + r * d + r] = max(sum, Self.ridge * 1e-3).squareRoot()
                } else {
                    choleskyFactors[base + r * d + c] = sum / choleskyFactors[base + c * d + c]
                }
            }
        }
    }

    /// E-step: the mean log-likelihood (log-sum-exp per point), with the responsibilities and/or the labels (argmax
    /// of log ρ_ij, ties to the lowest index). Log ρ is held for four rows at a time only, so that the final step of
    /// a fit needs no n × k array (SRV-6) and one loop over the rows does both.
    private func expect(_ x: FeatureMatrix, responsibilities: UnsafeMutableBufferPointer<Double>?, labels: UnsafeMutableBufferPointer<Int32>?)
        -> Double
    {
        let n = x.rows
        let d = self.d
        let k = self.k
        var constants = [Double](repeating: 0, count: k)
        for j in 0..<k {
            var logDeterminant = 0.0
            for f in 0..<d { logDeterminant += Double.log(choleskyFactors[j * d * d + f * d + f]) }
            constants[j] = Double.log(weights[j]) - 0.5 * Double(d) * Double.log(2 * Double.pi) - logDeterminant
        }
        var total = 0.0
        x.values.withUnsafeBufferPointer { v in
            choleskyFactors.withUnsafeBufferPointer { l in
                means.withUnsafeBufferPointer { means in
                    constants.withUnsafeBufferPointer { constants in
                        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * k) { logRho in
                            withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: 8) { y in
                                // Four rows at a time, one per SIMD lane: each lane does exactly the scalar
                                // operations, so the values are the same, but the divisions overlap.
                                var i = 0
                                while i < n {
                                    let lanes = min(4, n - i)
                                    for j in 0..<k {
                                        // Forward substitution L·y = x − μ gives the Mahalanobis term ‖y‖².
                                        var squares = SIMD4<Double>()
                                        for r in 0..<d {
                                            var value = SIMD4<Double>()
                                            for lane in 0..<lanes { value[lane] = v[(i + lane) * d + r] }
                                            value -= SIMD4(repeating: means[j * d + r])
                                            for t in 0..<r { value -= SIMD4(repeating: l[j * d * d + r * d + t]) * y[t] }
                                            value /= SIMD4(repeating: l[j * d * d + r * d + r])
                                            y[r] = value
                                            squares += value * value
                                        }
                                        let logP = SIMD4(repeating: constants[j]) - 0.5 * squares
                                        for lane in 0..<lanes { logRho[lane * k + j] = logP[lane] }
                                    }
                                    for lane in 0..<lanes {
                                        let row = i + lane
                                        var largest = -Double.infinity
                                        var best = 0
                                        for j in 0..<k {
                                            largest = max(largest, logRho[lane * k + j])
                                            if logRho[lane * k + j] > logRho[lane * k + best] { best = j }
                                        }
                                        var sum = 0.0
                                        for j in 0..<k { sum += Double.exp(logRho[lane * k + j] - largest) }
                                        let normaliser = largest + Double.log(sum)
                                        total += normaliser
                                        labels?[row] = Int32(best)
                                        if let responsibilities {
                                            for j in 0..<k { responsibilities[row * k + j] = Double.exp(logRho[lane * k + j] - normaliser) }
                                        }
                                    }
                                    i += lanes
                                }
                            }
                        }
                    }
                }
            }
        }
        return total / Double(n)
    }
}
