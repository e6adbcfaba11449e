import Dispatch

/// The mean silhouette (SEG-35, scikit-learn's `silhouette_score`) of several labellings of the same points in one
/// O(n²) pass. Points are grouped into the cells of the labellings' common refinement and stored by cell, so the
/// distances from a point to a cell's members are one contiguous SIMD sum; each labelling's per-cluster distance
/// sums are then added up from the cell sums. Rows are split across the cores.
package enum SilhouetteScore {
    /// One score per labelling (labels 0..<K, no noise), nil where K < 2 or K > n − 1 (SEG-34).
    package static func scores(_ x: FeatureMatrix, labellings: [[Int32]]) -> [Double?] {
        let n = x.rows
        let d = x.columns
        let compact = labellings.map(compacted)
        let clusterCounts = compact.map { $0.count }
        let defined = clusterCounts.map { $0 >= 2 && $0 <= n - 1 }
        let active = labellings.indices.filter { defined[$0] }
        guard !active.isEmpty else { return labellings.map { _ in nil } }

        // Common refinement of the active labellings.
        var cell = [Int](repeating: 0, count: n)
        for l in active {
            var index: [Int: Int] = [:]
            let k = clusterCounts[l]
            for i in 0..<n {
                let key = cell[i] * k + Int(compact[l].labels[i])
                if let existing = index[key] {
                    cell[i] = existing
                } else {
                    let next = index.count
                    index[key] = next
                    cell[i] = next
                }
            }
        }
        let refinedCount = cell.max()! + 1
        // Points stored by cell, feature-major.
        var cellStart = [Int](repeating: 0, count: refinedCount + 1)
        for i in 0..<n { cellStart[cell[i] + 1] += 1 }
        for c in 0..<refinedCount { cellStart[c + 1] += cellStart[c] }
        var fill = cellStart
        var sorted = [Double](repeating: 0, count: n * d)
        for i in 0..<n {
            let t = fill[cell[i]]
            fill[cell[i]] += 1
            for f in 0..<d { sorted[f * n + t] = x[i, f] }
        }
        // Each cell's cluster in every active labelling, and the cluster sizes.
        let a = active.count
        // Int32: with a cell per point and dozens of labellings this is the pass's largest array (SRV-6).
        var cellCluster = [Int32](repeating: 0, count: refinedCount * a)
        for i in 0..<n {
            for (slot, l) in active.enumerated() { cellCluster[cell[i] * a + slot] = compact[l].labels[i] }
        }
        var sizes: [[Int]] = active.map { [Int](repeating: 0, count: clusterCounts[$0]) }
        for (slot, l) in active.enumerated() {
            for i in 0..<n { sizes[slot][Int(compact[l].labels[i])] += 1 }
        }
        let offsets = active.map { clusterCounts[$0] }.reduce(into: [0]) { $0.append($0.last! + $1) }

        let chunks = 16
        let partial = UnsafeMutableBufferPointer<Double>.allocate(capacity: chunks * a)
        partial.initialize(repeating: 0)
        defer { partial.deallocate() }
        let shared = SharedBuffer(partial)
        let cellCount = cellStart.count - 1
        let input = SharedInput(
            x: x, sorted: sorted, cellStart: cellStart, cellCluster: cellCluster, cell: cell, sizes: sizes, offsets: offsets,
            labels: active.map { compact[$0].labels })
        WorkerPool.shared.run(chunks) { chunk in
            let rows = chunk * n / chunks..<(chunk + 1) * n / chunks
            var cellSums = [Double](repeating: 0, count: cellCount)
            var clusterSums = [Double](repeating: 0, count: offsets.last!)
            var totals = [Double](repeating: 0, count: a)
            for i in rows {
                input.distanceSums(from: i, into: &cellSums)
                for e in clusterSums.indices { clusterSums[e] = 0 }
                for c in 0..<cellCount {
                    let value = cellSums[c]
                    for slot in 0..<a { clusterSums[offsets[slot] + Int(input.cellCluster[c * a + slot])] += value }
                }
                for slot in 0..<a {
                    let own = Int(input.labels[slot][i])
                    let size = input.sizes[slot][own]
                    guard size > 1 else { continue }
                    let within = clusterSums[offsets[slot] + own] / Double(size - 1)
                    var nearest = Double.infinity
                    for k in 0..<input.sizes[slot].count where k != own {
                        nearest = min(nearest, clusterSums[offsets[slot] + k] / Double(input.sizes[slot][k]))
                    }
                    let largest = max(within, nearest)
                    if largest > 0 { totals[slot] += (nearest - within) / largest }
                }
            }
            for slot in 0..<a { shared.buffer[chunk * a + slot] = totals[slot] }
        }
        var result: [Double?] = labellings.map { _ in nil }
        for (slot, l) in active.enumerated() {
            var total = 0.0
            for chunk in 0..<chunks { total += partial[chunk * a + slot] }
            result[l] = total / Double(n)
        }
        return result
    }

    /// Labels renumbered 0..<K by first appearance (scores do not depend on the numbering).
    static func compacted(_ labels: [Int32]) -> (labels: [Int32], count: Int) {
        var map: [Int32: Int32] = [:]
        var out = [Int32](repeating: 0, count: labels.count)
        for (i, label) in labels.enumerated() {
            if let existing = map[label] {
                out[i] = existing
            } else {
                let next = Int32(map.count)
                map[label] = next
                out[i] = next
            }
        }
        return (out, map.count)
    }
}

/// Read-only inputs of the silhouette workers.
private struct SharedInput: Sendable {
    let x: FeatureMatrix
    let sorted: [Double]
    let cellStart: [Int]
    let cellCluster: [Int32]
    let cell: [Int]
    let sizes: [[Int]]
    let offsets: [Int]
    let labels: [[Int32]]

    /// Σ_j d(i, j) over the members j of every cell. Scalar code with four independent sums: the stdlib's generic
    /// SIMD square root is not inlined, while four scalar chains keep the divider and adders busy.
    func distanceSums(from i: Int, into sums: inout [Double]) {
        let n = x.rows
        let d = x.columns
        var centre = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        withUnsafeMutableBytes(of: &centre) { raw in
            let c = raw.bindMemory(to: Double.self)
            for f in 0..<d { c[f] = x[i, f] }
        }
        let c = centre
        sorted.withUnsafeBufferPointer { s in
            sums.withUnsafeMutableBufferPointer { sums in
                for cell in 0..<(cellStart.count - 1) {
                    let end = cellStart[cell + 1]
                    var t = cellStart[cell]
                    var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
                    if d == 3 {
                        let (x0, x1, x2) = (s.baseAddress!, s.baseAddress! + n, s.baseAddress! + 2 * n)
                        while t + 4 <= end {
                            var a = x0[t] - c.0, b = x1[t] - c.1, e = x2[t] - c.2
                            s0 += (a * a + b * b + e * e).squareRoot()
                            a = x0[t + 1] - c.0; b = x1[t + 1] - c.1; e = x2[t + 1] - c.2
                            s1 += (a * a + b * b + e * e).squareRoot()
                            a = x0[t + 2] - c.0; b = x1[t + 2] - c.1; e = x2[t + 2] - c.2
                            s2 += (a * a + b * b + e * e).squareRoot()
                            a = x0[t + 3] - c.0; b = x1[t + 3] - c.1; e = x2[t + 3] - c.2
                            s3 += (a * a + b * b + e * e).squareRoot()
                            t += 4
                        }
                    }
                    var rest = 0.0
                    withUnsafeBytes(of: c) { raw in
                        let centre = raw.bindMemory(to: Double.self)
                        while t + 2 <= end {
                            var (q0, q1) = (0.0, 0.0)
                            for f in 0..<d {
                                let a = s[f * n + t] - centre[f]
                                let b = s[f * n + t + 1] - centre[f]
                                q0 += a * a
                                q1 += b * b
                            }
                            s0 += q0.squareRoot()
                            s1 += q1.squareRoot()
                            t += 2
                        }
                        while t < end {
                            var squares = 0.0
                            for f in 0..<d {
                                let delta = s[f * n + t] - centre[f]
                                squares += delta * delta
                            }
                            rest += squares.squareRoot()
                            t += 1
                        }
                    }
                    sums[cell] = (s0 + s1) + (s2 + s3) + rest
                }
            }
        }
    }
}
