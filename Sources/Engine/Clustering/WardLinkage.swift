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
    /// when that distance is strictly below `bound`: the outcome of SEG-29 step 4's strict scan. Large scans are
    /// split in two halves on two cores; the halves' winners are combined by value, then by slot.
    mutating func nearest(to slot: Int, under bound: Double) -> (Int, Double)? {
        let saved = coordinates[slot]
        // The slot itself must not be its own neighbour: hide it for the scan.
        coordinates[slot] = .infinity
        defer { coordinates[slot] = saved }
        var centre = SIMD8<Double>(repeating: 0)
        for f in 0..<d { centre[f] = f == 0 ? saved : coordinates[f * capacity + slot] }
        let scan = WardScan(
            coordinates: coordinates, weights: weights, capacity: capacity, d: d, centre: centre, weight: weights[slot])
        let count = slotCount
        let best: (value: Double, slot: Int)
        if count >= 32_768 {
            let halves = concurrentMap(2) { half in scan.minimum(in: half * count / 2..<(half + 1) * count / 2) }
            best = halves[1].value < halves[0].value ? halves[1] : halves[0]
        } else {
            best = scan.minimum(in: 0..<count)
        }
        guard best.slot >= 0, best.value < bound else { return nil }
        return (best.slot, best.value)
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

/// One scan of the chain's top against a range of slots: the smallest squared Ward distance and its first slot.
private struct WardScan: Sendable {
    let coordinates: [Double]
    let weights: [Double]
    let capacity: Int
    let d: Int
    let centre: SIMD8<Double>
    let weight: Double

    func minimum(in range: Range<Int>) -> (value: Double, slot: Int) {
        var best = Double.infinity
        var bestSlot = -1
        let twoW = 2 * weight
        let slack = 1 + 1e-9
        coordinates.withUnsafeBufferPointer { c in
            weights.withUnsafeBufferPointer { w in
                if d == 3 {
                    let (x0, x1, x2) = (c.baseAddress!, c.baseAddress! + capacity, c.baseAddress! + 2 * capacity)
                    let (c0, c1, c2) = (centre[0], centre[1], centre[2])
                    for s in range {
                        let a = x0[s] - c0
                        let b = x1[s] - c1
                        let e = x2[s] - c2
                        let wi = w[s]
                        let squares = a * a + b * b + e * e
                        // Division-free screen with a little slack, then the exact comparison on the few that pass.
                        if twoW * wi * squares <= best * (weight + wi) * slack {
                            let value = (twoW * wi) / (weight + wi) * squares
                            if value < best {
                                best = value
                                bestSlot = s
                            }
                        }
                    }
                } else {
                    for s in range {
                        var squares = 0.0
                        for f in 0..<d {
                            let delta = c[f * capacity + s] - centre[f]
                            squares += delta * delta
                        }
                        let wi = w[s]
                        if twoW * wi * squares <= best * (weight + wi) * slack {
                            let value = (twoW * wi) / (weight + wi) * squares
                            if value < best {
                                best = value
                                bestSlot = s
                            }
                        }
                    }
                }
            }
        }
        return (best, bestSlot)
    }
}
