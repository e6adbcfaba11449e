import Testing

@testable import Engine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// EM of SEG-27 written out with an explicit matrix inverse and determinant (Gauss–Jordan with partial pivoting).
struct NaiveMixture {
    var weights: [Double] = []
    var means: [[Double]] = []
    var covariances: [[[Double]]] = []

    /// M-step from responsibilities r[i][j].
    mutating func maximise(_ points: [[Double]], _ r: [[Double]]) {
        let n = points.count
        let d = points[0].count
        let k = r[0].count
        weights = []
        means = []
        covariances = []
        for j in 0..<k {
            let nj = (0..<n).map { r[$0][j] }.reduce(0, +) + 10 * 0x1p-52
            weights.append(nj / Double(n))
            var mean = [Double](repeating: 0, count: d)
            for i in 0..<n {
                for f in 0..<d { mean[f] += r[i][j] * points[i][f] }
            }
            mean = mean.map { $0 / nj }
            var covariance = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            for i in 0..<n {
                for a in 0..<d {
                    for b in 0..<d { covariance[a][b] += r[i][j] * (points[i][a] - mean[a]) * (points[i][b] - mean[b]) }
                }
            }
            for a in 0..<d {
                for b in 0..<d { covariance[a][b] /= nj }
                covariance[a][a] += 1e-6
            }
            means.append(mean)
            covariances.append(covariance)
        }
    }

    /// E-step: log ρ, responsibilities and the mean log-likelihood.
    func expect(_ points: [[Double]]) -> (logRho: [[Double]], r: [[Double]], meanLogLikelihood: Double) {
        let d = points[0].count
        let inverses = covariances.map { Self.inverseAndLogDeterminant($0) }
        var logRho: [[Double]] = []
        var r: [[Double]] = []
        var total = 0.0
        for point in points {
            let row = means.indices.map { j -> Double in
                let delta = (0..<d).map { point[$0] - means[j][$0] }
                var quadratic = 0.0
                for a in 0..<d {
                    for b in 0..<d { quadratic += delta[a] * inverses[j].inverse[a][b] * delta[b] }
                }
                return log(weights[j]) - 0.5 * Double(d) * log(2 * Double.pi) - 0.5 * inverses[j].logDeterminant - 0.5 * quadratic
            }
            let largest = row.max()!
            let likelihood = largest + log(row.map { exp($0 - largest) }.reduce(0, +))
            total += likelihood
            logRho.append(row)
            r.append(row.map { exp($0 - likelihood) })
        }
        return (logRho, r, total / Double(points.count))
    }

    static func inverseAndLogDeterminant(_ matrix: [[Double]]) -> (inverse: [[Double]], logDeterminant: Double) {
        let d = matrix.count
        var a = matrix
        var inverse = (0..<d).map { row in (0..<d).map { $0 == row ? 1.0 : 0.0 } }
        var logDeterminant = 0.0
        for column in 0..<d {
            let pivot = (column..<d).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            a.swapAt(column, pivot)
            inverse.swapAt(column, pivot)
            let value = a[column][column]
            logDeterminant += log(abs(value))
            for c in 0..<d {
                a[column][c] /= value
                inverse[column][c] /= value
            }
            for row in 0..<d where row != column {
                let factor = a[row][column]
                for c in 0..<d {
                    a[row][c] -= factor * a[column][c]
                    inverse[row][c] -= factor * inverse[column][c]
                }
            }
        }
        return (inverse, logDeterminant)
    }

    /// The whole fit of SEG-27: one M-step, then E and M steps until |ΔL| < 10⁻³ (at most 100), then a final E-step.
    /// With `sample` (SEG-67), the first M-step and the loop run on the sample's points, the final E-step on all.
    static func fit(_ points: [[Double]], k: Int, initial: [Int32], sample: [Int]? = nil) -> (
        labels: [Int32], meanLogLikelihood: Double, iterations: Int, model: NaiveMixture
    ) {
        let first = sample.map { $0.map { points[$0] } } ?? points
        let firstLabels = sample.map { $0.map { initial[$0] } } ?? initial
        var model = NaiveMixture()
        model.maximise(first, firstLabels.map { label in (0..<k).map { $0 == Int(label) ? 1.0 : 0.0 } })
        var previous = -Double.infinity
        var iterations = 0
        for _ in 0..<100 {
            iterations += 1
            let step = model.expect(first)
            model.maximise(first, step.r)
            if abs(step.meanLogLikelihood - previous) < 1e-3 { break }
            previous = step.meanLogLikelihood
        }
        let last = model.expect(points)
        let labels = last.logRho.map { row in Int32(row.indices.reduce(0) { row[$1] > row[$0] ? $1 : $0 }) }
        return (labels, last.meanLogLikelihood, iterations, model)
    }
}

@Suite("Gaussian mixture (SEG-27, SEG-28)")
struct GaussianMixtureTests {
    @Test("Mixture by hand: two pairs one unit from their means")
    func handComputed() {
        let x = FeatureMatrix([[-1], [1], [9], [11]])
        let (model, labels) = GaussianMixture.fit(x, k: 2, initialLabels: [0, 0, 1, 1])
        #expect(labels == [0, 0, 1, 1])
        #expect(isClose(model.weights[0], 0.5, relative: 1e-12) && isClose(model.weights[1], 0.5, relative: 1e-12))
        #expect(abs(model.means[0]) < 1e-12 && isClose(model.means[1], 10, relative: 1e-12))
        // Each point: log(½·𝒩(±1 | 0, 1 + 10⁻⁶)); the other component adds about e⁻⁴⁰.
        let variance = 1 + 1e-6
        let expected = log(0.5) - 0.5 * log(2 * Double.pi * variance) - 0.5 / variance
        #expect(isClose(model.meanLogLikelihood, expected, relative: 1e-9))
    }

    @Test("Mixture: well-separated blobs are recovered exactly, from k-means and from a damaged start")
    func separatedBlobs() {
        let (x, truth) = blobMatrix(centres: [[0, 0, 0], [20, 0, 0], [0, 20, 5]], perBlob: 20, spread: 1, seed: 51)
        let start = KMeans.fit(x, k: 3, seed: 42).labels
        #expect(sameUpToRenaming(GaussianMixture.fit(x, k: 3, initialLabels: start).labels, truth))
        // A tenth of the points start in the wrong component.
        let damaged = truth.enumerated().map { i, label in i % 10 == 3 ? (label + 1) % 3 : label }
        let fitted = GaussianMixture.fit(x, k: 3, initialLabels: damaged)
        #expect(sameUpToRenaming(fitted.labels, truth))
    }

    @Test("Mixture: labels, likelihood and iterations are deterministic")
    func deterministic() {
        let x = gaussianMatrix(rows: 60, columns: 3, seed: 52)
        let start = KMeans.fit(x, k: 4, seed: 7).labels
        let a = GaussianMixture.fit(x, k: 4, initialLabels: start)
        let b = GaussianMixture.fit(x, k: 4, initialLabels: start)
        #expect(a.labels == b.labels)
        #expect(a.model.meanLogLikelihood == b.model.meanLogLikelihood)
        #expect(a.model.iterations == b.model.iterations)
        #expect(a.model.means == b.model.means)
    }

    @Test(
        "Mixture equals textbook EM (explicit inverse and determinant) on overlapping random data",
        arguments: [(2, 2, 61 as UInt64), (3, 3, 62), (2, 4, 63), (4, 3, 64)])
    func matchesTextbook(columns: Int, k: Int, seed: UInt64) {
        let x = blobMatrix(centres: randomCentres(k, columns: columns, box: 2.5, seed: seed), perBlob: 70 / k, spread: 1, seed: seed + 100).x
        let start = KMeans.fit(x, k: k, seed: seed).labels
        let engine = GaussianMixture.fit(x, k: k, initialLabels: start)
        let reference = NaiveMixture.fit(x.rowArrays, k: k, initial: start)
        #expect(engine.labels == reference.labels)
        #expect(engine.model.iterations == reference.iterations)
        #expect(isClose(engine.model.meanLogLikelihood, reference.meanLogLikelihood))
        for j in 0..<k {
            #expect(isClose(engine.model.weights[j], reference.model.weights[j]))
            for f in 0..<columns { #expect(abs(engine.model.means[j * columns + f] - reference.model.means[j][f]) <= 1e-9) }
        }
        // L_previous = −∞ before the first iteration, so EM runs at least twice.
        #expect(engine.model.iterations >= 2)
    }

    @Test("SEG-67: EM on a sample from its k-means labels, the final E-step on every row, equals the textbook")
    func sampleThenAll() {
        let x = blobMatrix(centres: randomCentres(3, columns: 3, box: 2.5, seed: 71), perBlob: 40, spread: 1, seed: 72).x
        let start = KMeans.fit(x, k: 3, seed: 71).labels
        let sample = (0..<x.rows).filter { $0 % 3 != 1 }
        let engine = GaussianMixture.fit(x, k: 3, initialLabels: start, sample: sample)
        let reference = NaiveMixture.fit(x.rowArrays, k: 3, initial: start, sample: sample)
        #expect(engine.labels == reference.labels)
        #expect(engine.model.iterations == reference.iterations)
        #expect(isClose(engine.model.meanLogLikelihood, reference.meanLogLikelihood))
        // The labels cover every row, and the likelihood is theirs, not the sample's.
        #expect(engine.labels.count == x.rows && engine.model.iterations >= 2)
        #expect(engine.model.meanLogLikelihood != GaussianMixture.fit(x, k: 3, initialLabels: start).model.meanLogLikelihood)
    }
}
