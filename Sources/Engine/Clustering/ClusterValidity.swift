/// Davies–Bouldin (SEG-36) and Calinski–Harabasz (SEG-37) as scikit-learn defines them, in O(n·d) from the
/// cluster centroids. Labels are 0..<K; the caller leaves noise out.
package enum DaviesBouldinScore {
    package static func score(_ x: FeatureMatrix, labels: [Int32]) -> Double? {
        let (compact, k) = SilhouetteScore.compacted(labels)
        guard k >= 2, k <= x.rows - 1 else { return nil }
        let d = x.columns
        let (centroids, sizes) = ClusterCentroids.of(x, labels: compact, clusters: k)
        var scatter = [Double](repeating: 0, count: k)
        for i in 0..<x.rows {
            let c = Int(compact[i])
            var squares = 0.0
            for f in 0..<d {
                let delta = x[i, f] - centroids[c * d + f]
                squares += delta * delta
            }
            scatter[c] += squares.squareRoot()
        }
        for c in 0..<k { scatter[c] /= Double(sizes[c]) }
        var separation = [Double](repeating: 0, count: k * k)
        for a in 0..<k {
            for b in 0..<k {
                var squares = 0.0
                for f in 0..<d {
                    let delta = centroids[a * d + f] - centroids[b * d + f]
                    squares += delta * delta
                }
                separation[a * k + b] = squares.squareRoot()
            }
        }
        // scikit-learn's np.allclose(·, 0): every value within 1e-8 of zero.
        if scatter.allSatisfy({ abs($0) <= 1e-8 }) || separation.allSatisfy({ abs($0) <= 1e-8 }) { return 0 }
        var total = 0.0
        for a in 0..<k {
            var worst = 0.0
            for b in 0..<k where b != a && separation[a * k + b] != 0 {
                worst = max(worst, (scatter[a] + scatter[b]) / separation[a * k + b])
            }
            total += worst
        }
        return total / Double(k)
    }
}

package enum CalinskiHarabaszScore {
    package static func score(_ x: FeatureMatrix, labels: [Int32]) -> Double? {
        let (compact, k) = SilhouetteScore.compacted(labels)
        let n = x.rows
        guard k >= 2, k <= n - 1 else { return nil }
        let d = x.columns
        let (centroids, sizes) = ClusterCentroids.of(x, labels: compact, clusters: k)
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for f in 0..<d { mean[f] += x[i, f] }
        }
        for f in 0..<d { mean[f] /= Double(n) }
        var between = 0.0
        for c in 0..<k {
            var squares = 0.0
            for f in 0..<d {
                let delta = centroids[c * d + f] - mean[f]
                squares += delta * delta
            }
            between += Double(sizes[c]) * squares
        }
        var within = 0.0
        for i in 0..<n {
            let c = Int(compact[i])
            for f in 0..<d {
                let delta = x[i, f] - centroids[c * d + f]
                within += delta * delta
            }
        }
        if within == 0 { return 1 }
        return between * Double(n - k) / (within * Double(k - 1))
    }
}

/// Per-cluster means of the rows (k × d, row-major) and sizes; sums in row order (SEG-19).
package enum ClusterCentroids {
    package static func of(_ x: FeatureMatrix, labels: [Int32], clusters k: Int) -> (centroids: [Double], sizes: [Int]) {
        let d = x.columns
        var sums = [Double](repeating: 0, count: k * d)
        var sizes = [Int](repeating: 0, count: k)
        for i in 0..<x.rows {
            let c = Int(labels[i])
            sizes[c] += 1
            for f in 0..<d { sums[c * d + f] += x[i, f] }
        }
        for c in 0..<k where sizes[c] > 0 {
            for f in 0..<d { sums[c * d + f] /= Double(sizes[c]) }
        }
        return (sums, sizes)
    }
}
