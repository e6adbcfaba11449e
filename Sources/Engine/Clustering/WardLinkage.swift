/// The exact Ward tree of SEG-29, built by the nearest-neighbour chain in O(m²) time and O(m) memory (no distance
/// matrix), written as a SciPy linkage matrix: row t merges clusters `left` < `right` at `height` into cluster
/// m + t holding `size` customers.
package struct WardLinkage: Sendable {
    package struct Merge: Sendable, Equatable {
        package var left: Int
        package var right: Int
        package var height: Double
        package var size: Int
    }

    /// Number of leaves.
    package let leaves: Int
    package let merges: [Merge]

    /// Builds the tree over the rows of `x`, each with weight 1 or the given weight (a coreset point's customers).
    package init(_ x: FeatureMatrix, weights: [Double]? = nil) {
        leaves = x.rows
        guard x.rows > 1 else {
            merges = []
            return
        }
        precondition(x.columns <= 8, "the Ward scan holds a centre in eight lanes")
        var chain = NearestNeighbourChain(x, weights: weights ?? [Double](repeating: 1, count: x.rows))
        merges = Self.relabel(chain.run(), leaves: x.rows)
    }

    /// SEG-29 step 6: stable sort by height, then name clusters as SciPy does.
    private static func relabel(_ records: [Merge], leaves m: Int) -> [Merge] {
        let sorted = records.indices.sorted { records[$0].height != records[$1].height ? records[$0].height < records[$1].height : $0 < $1 }
        var sets = DisjointSets(count: m)
        var clusterId = Array(0..<m)
        var out: [Merge] = []
        out.reserveCapacity(records.count)
        for (t, index) in sorted.enumerated() {
            let record = records[index]
            let a = sets.root(record.left)
            let b = sets.root(record.right)
            let (ida, idb) = (clusterId[a], clusterId[b])
            sets.attach(a, to: b)
            clusterId[b] = m + t
            out.append(Merge(left: min(ida, idb), right: max(ida, idb), height: record.height, size: record.size))
        }
        return out
    }

    /// The clusters left when the last k − 1 merges are undone (SEG-30): a label 0..<k per leaf, numbered by
    /// first appearance in leaf order.
    package func cut(clusters k: Int) -> [Int32] {
        let m = leaves
        var sets = DisjointSets(count: 2 * m)
        for t in 0..<max(0, m - k) {
            sets.attach(merges[t].left, to: m + t)
            sets.attach(merges[t].right, to: m + t)
        }
        var number = [Int32](repeating: -1, count: 2 * m)
        var next: Int32 = 0
        var labels = [Int32](repeating: 0, count: m)
        for i in 0..<m {
            let r = sets.root(i)
            if number[r] < 0 {
                number[r] = next
                next += 1
            }
            labels[i] = number[r]
        }
        return labels
    }
}

/// The chain of SEG-29 steps 1–5 over compacted, feature-major storage: the scan from the chain's top over every
/// active cluster is four-wide SIMD with no division per pair beyond the Ward factor.
private struct NearestNeighbourChain {
    let m: Int
    let d: Int
    /// Slot-indexed storage, feature-major: coordinate f of slot s at f * capacity + s. Dead slots hold +∞, so their
    /// distance is +∞ and never wins a strict comparison.
    var coordinates: [Double]
    var weights: [Double]
    var positionOfSlot: [Int]
    var slotOfPosition: [Int]
    var capacity: Int
    var slotCount: Int
    var dead = 0
    var scratch: [Double]

    init(_ x: FeatureMatrix, weights: [Double]) {
        m = x.rows
        d = x.columns
        capacity = (m + 3) & ~3
        slotCount = m
        coordinates = [Double](repeating: .infinity, count: max(1, d) * capacity)
        for i in 0..<m {
            for f in 0..<d { coordinates[f * capacity + i] = x[i, f] }
        }
        self.weights = weights + [Double](repeating: 1, count: capacity - m)
        positionOfSlot = Array(0..<m)
        slotOfPosition = Array(0..<m)
        scratch = [Double](repeating: .infinity, count: capacity)
    }

    mutating func run() -> [WardLinkage.Merge] {
        var merges: [WardLinkage.Merge] = []
        merges.reserveCapacity(m - 1)
        var chain: [Int] = []
        var firstLive = 0
        while merges.count < m - 1 {
            if chain.isEmpty {
                while coordinatesDead(firstLive) { firstLive += 1 }
                chain.append(positionOfSlot[firstLive])
            }
            let x = chain[chain.count - 1]
            let below = chain.count >= 2 ? chain[chain.count - 2] : -1
            var best = below >= 0 ? wardSquared(slotOfPosition[x], slotOfPosition[below]) : .infinity
            var y = below
            if let (slot, value) = nearest(to: slotOfPosition[x], under: best) {
                best = value
                y = positionOfSlot[slot]
            }
            if y == below {
                chain.removeLast(2)
                merges.append(merge(x, y, squaredHeight: best))
                if dead * 2 > slotCount && slotCount > 64 {
                    compact()
                    firstLive = 0
                }
            } else {
                chain.append(y)
            }
        }
        return merges
    }

    func coordinatesDead(_ slot: Int) -> Bool { coordinates[slot] == .infinity }

    /// 2·w_a·w_b/(w_a + w_b)·‖c_a − c_b‖², the squared Ward distance.
    func wardSquared(_ a: Int, _ b: Int) -> Double {
        var sum = 0.0
        for f in 0..<d {
            let delta = coordinates[f * capacity + a] - coordinates[f * capacity + b]
            sum += delta * delta
        }
        let wa = weights[a]
        let wb = weights[b]
        return (2 * wa * wb) / (wa + wb) * sum
    }

    /// The first slot (in ascending order, so ascending position) with the smallest squared Ward distance to `slot`,
    /// when that distance is strictly below `bound`: the outcome of SEG-29 step 4's strict scan.
    mutating func nearest(to slot: Int, under bound: Double) -> (Int, Double)? {
        let d = self.d
        let capacity = self.capacity
        let lanes = (slotCount + 3) & ~3
        let wx = weights[slot]
        var centre = SIMD8<Double>(repeating: 0)
        for f in 0..<d { centre[f] = coordinates[f * capacity + slot] }
        // The slot itself must not be its own neighbour: hide it for the scan.
        coordinates[slot] = .infinity
        var minimum = SIMD4<Double>(repeating: .infinity)
        coordinates.withUnsafeBufferPointer { c in
            weights.withUnsafeBufferPointer { w in
                scratch.withUnsafeMutableBufferPointer { out in
                    let twoWx = SIMD4<Double>(repeating: 2 * wx)
                    let wxs = SIMD4<Double>(repeating: wx)
                    var s = 0
                    while s < lanes {
                        var sum = SIMD4<Double>(repeating: 0)
                        for f in 0..<d {
                            let base = f * capacity + s
                            let delta = SIMD4<Double>(c[base], c[base + 1], c[base + 2], c[base + 3]) - SIMD4<Double>(repeating: centre[f])
                            sum += delta * delta
                        }
                        let wi = SIMD4<Double>(w[s], w[s + 1], w[s + 2], w[s + 3])
                        let value = (twoWx * wi) / (wxs + wi) * sum
                        out[s] = value[0]
                        out[s + 1] = value[1]
                        out[s + 2] = value[2]
                        out[s + 3] = value[3]
                        minimum = pointwiseMin(minimum, value)
                        s += 4
                    }
                }
            }
        }
        coordinates[slot] = centre[0]
        let smallest = minimum.min()
        guard smallest < bound else { return nil }
        for s in 0..<slotCount where scratch[s] == smallest { return (s, smallest) }
        return nil
    }

    /// SEG-29 step 5: the cluster at max(x, y) becomes the merge, min(x, y) becomes inactive.
    mutating func merge(_ x: Int, _ y: Int, squaredHeight: Double) -> WardLinkage.Merge {
        let low = min(x, y)
        let high = max(x, y)
        let keep = slotOfPosition[high]
        let drop = slotOfPosition[low]
        let wk = weights[keep]
        let wd = weights[drop]
        let total = wk + wd
        for f in 0..<d {
            let a = coordinates[f * capacity + keep]
            let b = coordinates[f * capacity + drop]
            coordinates[f * capacity + keep] = (wk * a + wd * b) / total
            coordinates[f * capacity + drop] = .infinity
        }
        weights[keep] = total
        weights[drop] = 1
        slotOfPosition[low] = -1
        dead += 1
        return WardLinkage.Merge(left: low, right: high, height: squaredHeight.squareRoot(), size: Int(total.rounded()))
    }

    /// Drops dead slots, keeping live ones in ascending position order, so scans stay proportional to the live count.
    mutating func compact() {
        var target = 0
        for s in 0..<slotCount where !coordinatesDead(s) {
            if target != s {
                for f in 0..<d { coordinates[f * capacity + target] = coordinates[f * capacity + s] }
                weights[target] = weights[s]
                positionOfSlot[target] = positionOfSlot[s]
            }
            slotOfPosition[positionOfSlot[target]] = target
            target += 1
        }
        for s in target..<slotCount {
            for f in 0..<d { coordinates[f * capacity + s] = .infinity }
            weights[s] = 1
        }
        slotCount = target
        dead = 0
    }
}
