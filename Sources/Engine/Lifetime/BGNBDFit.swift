import RealModule

/// The cohort fit of BG/NBD by CLV-9 to CLV-11: the minimum cohort, time rescaled by the largest T, four fixed starts
/// of BFGS on the log-parameters, the refusal of non-converged or divergent fits, and standard errors from the
/// observed information. Customers with the same (x, t_x, T) are one weighted term.
package struct BGNBDFit: Sendable {
    package static let minimumCustomers = 20
    package static let minimumRepeatBuyers = 5
    package static let logBound = 15.0
    package static let gradientTolerance = LogLikelihoodSearch.gradientTolerance
    /// CLV-10 step 3, as (r, α′, a, b) in rescaled time.
    package static let starts: [[Double]] = [[1, 1, 1, 1], [0.5, 0.1, 0.5, 2], [2, 0.5, 1.5, 5], [0.25, 0.05, 0.8, 2.5]]

    /// `fitted` or `not_fitted`.
    package var status: String { model == nil ? "not_fitted" : "fitted" }
    /// Why the model was not fitted (CLV-9, CLV-10), nil when fitted.
    package var reason: String?
    package var customers: Int
    package var repeatBuyers: Int
    package var model: BGNBDModel?
    /// Standard errors of (r, α, a, b), nil when the Hessian is not positive definite (CLV-11).
    package var standardErrors: [Double]?
    /// Cohort log-likelihood with time in days.
    package var logLikelihood: Double?
    package var gradientNorm: Double?
    package var iterations: Int?
    package var startsConverged: Int?
    /// Σ, the inverse observed information in θ = (ln r, ln α, ln a, ln b); nil when not positive definite.
    package var covariance: [[Double]]?

    /// Fits the cohort of (x, t_x, T) summaries in days.
    package init(_ summaries: [(x: Double, tx: Double, T: Double)]) {
        customers = summaries.count
        repeatBuyers = summaries.reduce(0) { $0 + ($1.x > 0 ? 1 : 0) }
        guard customers >= Self.minimumCustomers else {
            reason = "too_few_customers"
            return
        }
        guard repeatBuyers >= Self.minimumRepeatBuyers else {
            reason = "too_few_repeat_buyers"
            return
        }
        let patterns = Patterns(summaries)
        let scale = summaries.reduce(0) { max($0, $1.T) }
        let scaled = patterns.scaled(by: scale)
        let estimate = LogLikelihoodSearch.estimate(from: Self.starts.map { $0.map(Double.log(_:)) }, weight: patterns.totalWeight) { θ, gradient in
            scaled.meanNegativeLogLikelihood(θ, gradient: &gradient)
        }
        startsConverged = estimate.startsConverged
        guard let best = estimate.best else {
            reason = estimate.reason
            return
        }
        var θ = best.point
        θ[1] += Double.log(scale)
        let model = BGNBDModel(logParameters: θ)
        self.model = model
        gradientNorm = best.gradientNorm
        iterations = best.iterations
        logLikelihood = -best.value * patterns.totalWeight - Double.log(scale) * patterns.weightedFrequency
        // Rescaling time only shifts ln α, so the curvature in θ is the same in days.
        covariance = estimate.covariance
        let parameters = [model.r, model.alpha, model.a, model.b]
        standardErrors = covariance.map { sigma in (0..<4).map { parameters[$0] * sigma[$0][$0].squareRoot() } }
    }

    /// Customers merged by (x, t_x, T), with the count of each as its weight (CLV-10 step 5).
    struct Patterns: Sendable {
        var x: [Double] = []
        var tx: [Double] = []
        var T: [Double] = []
        var weight: [Double] = []
        /// The distinct values of t_x and T, and where each pattern's are in it: ln(α + day) is then computed once
        /// per distinct day count in an evaluation (a few thousand) rather than twice per pattern (up to millions).
        var days: [Double] = []
        var txSlot: [Int32] = []
        var TSlot: [Int32] = []

        init(_ summaries: [(x: Double, tx: Double, T: Double)]) {
            let sorted = summaries.sorted { ($0.x, $0.tx, $0.T) < ($1.x, $1.tx, $1.T) }
            for summary in sorted {
                if let last = x.indices.last, x[last] == summary.x, tx[last] == summary.tx, T[last] == summary.T {
                    weight[last] += 1
                } else {
                    x.append(summary.x)
                    tx.append(summary.tx)
                    T.append(summary.T)
                    weight.append(1)
                }
            }
            days = Array(Set(tx + T)).sorted()
            var slot: [Double: Int32] = [:]
            for (index, day) in days.enumerated() { slot[day] = Int32(index) }
            txSlot = tx.map { slot[$0]! }
            TSlot = T.map { slot[$0]! }
        }

        private init() {}

        var totalWeight: Double { weight.reduce(0, +) }
        var weightedFrequency: Double { zip(x, weight).reduce(0) { $0 + $1.0 * $1.1 } }

        func scaled(by factor: Double) -> Patterns {
            var copy = Patterns()
            copy.x = x
            copy.tx = tx.map { $0 / factor }
            copy.T = T.map { $0 / factor }
            copy.weight = weight
            copy.days = days.map { $0 / factor }
            copy.txSlot = txSlot
            copy.TSlot = TSlot
            return copy
        }

        /// Patterns per block when an evaluation is spread over the cores.
        static let block = 8_192

        /// The objective of CLV-10 step 2 and its gradient in θ. From two blocks of patterns on, the blocks are
        /// summed on all cores and their sums added in block order: blocks depend on the pattern count alone, so the
        /// value is the same on any machine; smaller cohorts keep the single sequential sum.
        func meanNegativeLogLikelihood(_ θ: [Double], gradient: inout [Double]) -> Double {
            let model = BGNBDModel(logParameters: θ)
            let logs = days.map { Double.log(model.alpha + $0) }
            let n = x.count
            let blocks = n >= 2 * Self.block ? (n + Self.block - 1) / Self.block : 1
            let parts =
                blocks == 1
                ? [sum(0..<n, model, logs)] : concurrentMap(blocks) { sum($0 * Self.block..<min(n, ($0 + 1) * Self.block), model, logs) }
            var total = 0.0
            var g = [Double](repeating: 0, count: 4)
            for part in parts {
                total += part.value
                for j in 0..<4 { g[j] += part.gradient[j] }
            }
            let weightSum = totalWeight
            for j in 0..<4 { gradient[j] = -g[j] / weightSum }
            return -total / weightSum
        }

        /// The weighted log-likelihood of the patterns in `range` and its gradient.
        private func sum(_ range: Range<Int>, _ model: BGNBDModel, _ logs: [Double]) -> (value: Double, gradient: [Double]) {
            var sum = 0.0
            var g = [Double](repeating: 0, count: 4)
            g.withUnsafeMutableBufferPointer { buffer in
                // Patterns are sorted by x: the x-only terms change only between runs of equal x.
                var terms = BGNBDModel.FrequencyTerms(model, x: range.isEmpty ? 0 : x[range.lowerBound])
                for i in range {
                    if x[i] != terms.x { terms = BGNBDModel.FrequencyTerms(model, x: x[i]) }
                    sum +=
                        weight[i]
                        * model.logLikelihood(
                            terms, tx: tx[i], T: T[i], logT: logs[Int(TSlot[i])], logTx: x[i] > 0 ? logs[Int(txSlot[i])] : 0, weight: weight[i],
                            gradient: buffer.baseAddress)
                }
            }
            return (sum, g)
        }
    }
}

/// Inversion of small symmetric positive definite matrices by Cholesky factorisation.
enum SymmetricMatrix {
    /// The inverse, or nil when the matrix is not positive definite.
    static func inverse(_ m: [[Double]]) -> [[Double]]? {
        let n = m.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = m[i][j]
                for k in 0..<j { sum -= l[i][k] * l[j][k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    l[i][i] = sum.squareRoot()
                } else {
                    l[i][j] = sum / l[j][j]
                }
            }
        }
        // Columns of L⁻¹ by forward substitution, then M⁻¹ = L⁻ᵀ L⁻¹.
        var inv = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for c in 0..<n {
            for i in c..<n {
                var sum = i == c ? 1.0 : 0.0
                for k in c..<i { sum -= l[i][k] * inv[k][c] }
                inv[i][c] = sum / l[i][i]
            }
        }
        var result = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n {
                var sum = 0.0
                for k in max(i, j)..<n { sum += inv[k][i] * inv[k][j] }
                result[i][j] = sum
            }
        }
        return result
    }
}
