/// Standardisation of every feature with the population standard deviation (SEG-18): x = (v − μ) / σ, and 0 for a
/// feature whose values are all equal. Equality is tested on the values, not on σ = 0, because the σ computed for a
/// constant column can be a rounding residue that would blow rounding errors up to ±1.
package struct ZScoreScaling: Sendable {
    package let means: [Double]
    /// σ per feature; 0 for a constant feature.
    package let deviations: [Double]
    package let scaled: FeatureMatrix

    package init(_ raw: FeatureMatrix) {
        let n = raw.rows
        let d = raw.columns
        var means = [Double](repeating: 0, count: d)
        var deviations = [Double](repeating: 0, count: d)
        var scaled = [Double](repeating: 0, count: n * d)
        raw.values.withUnsafeBufferPointer { v in
            for f in 0..<d {
                let first = v[f]
                var constant = true
                var sum = 0.0
                for i in 0..<n {
                    let value = v[i * d + f]
                    if value != first { constant = false }
                    sum += value
                }
                if constant {
                    means[f] = first
                    continue
                }
                let mean = sum / Double(n)
                var squares = 0.0
                for i in 0..<n {
                    let delta = v[i * d + f] - mean
                    squares += delta * delta
                }
                let deviation = (squares / Double(n)).squareRoot()
                means[f] = mean
                deviations[f] = deviation
                for i in 0..<n { scaled[i * d + f] = (v[i * d + f] - mean) / deviation }
            }
        }
        self.means = means
        self.deviations = deviations
        self.scaled = FeatureMatrix(rows: n, columns: d, values: scaled)
    }
}
