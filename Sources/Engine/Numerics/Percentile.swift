/// GEN-8: the p-th percentile (p = numerator/denominator) of ascending values, interpolating linearly between
/// closest ranks (numpy's default, Hyndman & Fan type 7). The position is computed in integers: h = (n − 1)·p evaluated
/// in binary64 can land a hair above a data point (1 − 1/3 with 10 values gives 6.000000000000001), which would break
/// the rule that a value equal to a cut point takes the lower score (RFM-8, LOY-15).
package func percentile(sorted: [Double], numerator: Int, denominator: Int) -> Double {
    precondition(!sorted.isEmpty && denominator > 0 && (0...denominator).contains(numerator), "invalid percentile")
    let position = (sorted.count - 1) * numerator
    let lower = position / denominator
    let remainder = position % denominator
    guard remainder != 0 else { return sorted[lower] }
    let fraction = Double(remainder) / Double(denominator)
    return sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower])
}

/// GEN-9 rank counts for a cohort: how many values are strictly above or below a given one, in O(log n) after an
/// O(n log n) sort, so that "top 30 %" and "bottom 20 %" never split tied customers.
package struct RankCounts {
    package let sorted: [Double]

    package init(_ values: [Double]) {
        sorted = values.sorted()
    }

    package var count: Int { sorted.count }

    /// Number of values strictly greater than `value`.
    package func above(_ value: Double) -> Int { sorted.count - upperBound(value) }
    /// Number of values strictly less than `value`.
    package func below(_ value: Double) -> Int { lowerBound(value) }

    /// In the top `share` of the cohort (GEN-9).
    package func inTop(_ value: Double, share: Double) -> Bool { Double(above(value)) < share * Double(count) }
    /// In the bottom `share` of the cohort (GEN-9).
    package func inBottom(_ value: Double, share: Double) -> Bool { Double(below(value)) < share * Double(count) }

    private func lowerBound(_ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func upperBound(_ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
