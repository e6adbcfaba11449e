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

    /// The number of distinct rows, comparing values exactly (SEG-22): rows go into an open-addressing table, hashed
    /// with −0 read as 0 since the two compare equal, so the count is linear in the rows where a sort is not.
    package var distinctRowCount: Int {
        guard rows > 1 else { return rows }
        var capacity = 1
        while capacity < 2 * rows { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Int](repeating: -1, count: capacity)
        var count = 0
        values.withUnsafeBufferPointer { v in
            for i in 0..<rows {
                var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
                for f in 0..<columns {
                    let value = v[i * columns + f]
                    hash = (hash ^ (value == 0 ? 0 : value.bitPattern)) &* 0xBF58_476D_1CE4_E5B9
                    hash ^= hash >> 31
                }
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let j = slots[slot]
                    if j < 0 {
                        slots[slot] = i
                        count += 1
                        break
                    }
                    if (0..<columns).allSatisfy({ v[j * columns + $0] == v[i * columns + $0] }) { break }
                    slot = (slot + 1) & mask
                }
            }
        }
        return count
    }
}
