/// Customers as rows of numeric features, stored row-major in one contiguous buffer so that the clustering loops
/// read memory in order and allocate nothing per point.
package struct FeatureMatrix: Sendable, Equatable {
    package let rows: Int
    package let columns: Int
    package var values: [Double]

    package init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "a feature matrix needs rows × columns values")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    package init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        self.init(rows: rowArrays.count, columns: columns, values: rowArrays.flatMap { $0 })
    }

    package subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    package func row(_ index: Int) -> ArraySlice<Double> { values[index * columns..<(index + 1) * columns] }

    /// The rows at `indices`, in that order.
    package func selecting(_ indices: [Int]) -> FeatureMatrix {
        var out: [Double] = []
        out.reserveCapacity(indices.count * columns)
        for index in indices { out.append(contentsOf: row(index)) }
        return FeatureMatrix(rows: indices.count, columns: columns, values: out)
    }

    /// Squared Euclidean distance between rows i and j, summed in feature order (SEG-19).
    @inline(__always)
    package func squaredDistance(_ i: Int, _ j: Int) -> Double {
        values.withUnsafeBufferPointer { x in
            var sum = 0.0
            for f in 0..<columns {
                let delta = x[i * columns + f] - x[j * columns + f]
                sum += delta * delta
            }
            return sum
        }
    }

    /// The number of distinct rows, comparing values exactly (SEG-22).
    package var distinctRowCount: Int {
        guard rows > 1 else { return rows }
        let order = (0..<rows).sorted { a, b in
            for f in 0..<columns where self[a, f] != self[b, f] { return self[a, f] < self[b, f] }
            return false
        }
        var count = 1
        for t in 1..<rows where (0..<columns).contains(where: { self[order[t], $0] != self[order[t - 1], $0] }) { count += 1 }
        return count
    }
}
