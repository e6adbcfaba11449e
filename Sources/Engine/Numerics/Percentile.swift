/// GEN-8: the p-th percentile with linear interpolation between closest ranks (numpy's default, Hyndman & Fan
/// type 7). `sorted` must be ascending and non-empty.
package func percentile(sorted: UnsafeBufferPointer<Double>, _ p: Double) -> Double {
    precondition(!sorted.isEmpty, "percentile of an empty list")
    let h = Double(sorted.count - 1) * p
    let lower = Int(h.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let fraction = h - Double(lower)
    return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
}

package func percentile(sorted: [Double], _ p: Double) -> Double {
    sorted.withUnsafeBufferPointer { percentile(sorted: $0, p) }
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
