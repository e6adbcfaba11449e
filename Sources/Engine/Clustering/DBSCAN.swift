/// DBSCAN as SEG-31 defines it (scikit-learn's labels up to renumbering), on a uniform grid over at most three
/// features: a cell is at least ε wide, so every neighbour of a point lies in the 3^g cells around its own.
/// Clusters are the connected components of core points, opened in payload order; a border point joins the
/// earliest-opened cluster with a core point within ε; everything else is noise (−1).
package struct DBSCAN: Sendable {
    package let labels: [Int32]
    package let clusterCount: Int
    package let noiseCount: Int

    package init(_ x: FeatureMatrix, eps: Double, minSamples: Int) {
        let grid = NeighbourGrid(x, radius: eps)
        let n = x.rows
        // 1. Core points: |N(i)| ≥ M, the point itself included.
        var core = [Bool](repeating: false, count: n)
        let coreBuffer = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        coreBuffer.initialize(repeating: false)
        let shared = SharedBuffer(coreBuffer)
        forEachChunk(of: grid.cellCount) { cells in
            for cell in cells {
                let around = grid.neighbourCells(of: cell)
                grid.forEachPoint(in: cell) { i in
                    var count = 0
                    grid.forEachNeighbour(of: i, cells: around) { _ in count += 1 }
                    shared.buffer[i] = count >= minSamples
                }
            }
        }
        for i in 0..<n { core[i] = coreBuffer[i] }
        coreBuffer.deallocate()
        // 2. Components of the core points.
        var sets = DisjointSets(count: n)
        for cell in 0..<grid.cellCount {
            let around = grid.neighbourCells(of: cell)
            grid.forEachPoint(in: cell) { i in
                guard core[i] else { return }
                grid.forEachNeighbour(of: i, cells: around) { j in
                    guard j > i, core[j] else { return }
                    let (a, b) = (sets.root(i), sets.root(j))
                    if a != b { sets.attach(max(a, b), to: min(a, b)) }
                }
            }
        }
        // 3. Clusters open in payload order of their first core point.
        var clusterOfRoot = [Int32](repeating: -1, count: n)
        var labels = [Int32](repeating: -1, count: n)
        var clusters: Int32 = 0
        for i in 0..<n where core[i] {
            let r = sets.root(i)
            if clusterOfRoot[r] < 0 {
                clusterOfRoot[r] = clusters
                clusters += 1
            }
            labels[i] = clusterOfRoot[r]
        }
        // 4. Border points take the earliest-opened cluster among their core neighbours.
        for cell in 0..<grid.cellCount {
            let around = grid.neighbourCells(of: cell)
            grid.forEachPoint(in: cell) { i in
                guard !core[i] else { return }
                var best = Int32.max
                grid.forEachNeighbour(of: i, cells: around) { j in
                    if core[j] { best = min(best, labels[j]) }
                }
                if best != .max { labels[i] = best }
            }
        }
        self.labels = labels
        clusterCount = Int(clusters)
        noiseCount = labels.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
    }
}

/// Points bucketed by grid cell (sorted by cell key), with the exact ε test on all features.
struct NeighbourGrid: @unchecked Sendable {
    let x: FeatureMatrix
    let radiusSquared: Double
    /// Grid axes: up to three features with the widest spread.
    let axes: [Int]
    let origin: [Double]
    let cellWidth: [Double]
    /// Point indices ordered by cell; `cellStart[c]..<cellStart[c + 1]` are cell c's.
    let order: [Int]
    let cellKeys: [UInt64]
    let cellStart: [Int]
    /// For each point, its cell's coordinates packed in a key.
    var cellCount: Int { cellKeys.count }

    static let bitsPerAxis: UInt64 = 21

    init(_ x: FeatureMatrix, radius: Double) {
        self.x = x
        radiusSquared = radius * radius
        let n = x.rows
        var low = [Double](repeating: .infinity, count: x.columns)
        var high = [Double](repeating: -.infinity, count: x.columns)
        for i in 0..<n {
            for f in 0..<x.columns {
                low[f] = min(low[f], x[i, f])
                high[f] = max(high[f], x[i, f])
            }
        }
        let spread = (0..<x.columns).map { n > 0 ? high[$0] - low[$0] : 0 }
        axes = Array((0..<x.columns).sorted { spread[$0] != spread[$1] ? spread[$0] > spread[$1] : $0 < $1 }.prefix(3)).sorted()
        origin = axes.map { n > 0 ? low[$0] : 0 }
        // A cell is at least ε wide; wider when the spread would need more cells than a key holds.
        let maxCells = Double(1 << Self.bitsPerAxis) - 4
        cellWidth = axes.map { max(radius, spread[$0] / maxCells) }
        var keys = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            var key: UInt64 = 0
            for (a, f) in axes.enumerated() {
                key = key << Self.bitsPerAxis | UInt64(((x[i, f] - origin[a]) / cellWidth[a]).rounded(.down) + 1)
            }
            keys[i] = key
        }
        let order = (0..<n).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        var cellKeys: [UInt64] = []
        var cellStart: [Int] = []
        for (t, i) in order.enumerated() where t == 0 || keys[i] != keys[order[t - 1]] {
            cellKeys.append(keys[i])
            cellStart.append(t)
        }
        cellStart.append(n)
        self.order = order
        self.cellKeys = cellKeys
        self.cellStart = cellStart
    }

    func forEachPoint(in cell: Int, _ body: (Int) -> Void) {
        for t in cellStart[cell]..<cellStart[cell + 1] { body(order[t]) }
    }

    /// The cells (including `cell`) that can hold points within ε of a point of `cell`.
    func neighbourCells(of cell: Int) -> [Int] {
        let key = cellKeys[cell]
        let g = axes.count
        let mask: UInt64 = (1 << Self.bitsPerAxis) - 1
        var offsets = SIMD4<Int>(repeating: -1)
        var cells: [Int] = []
        while true {
            var neighbour: UInt64 = 0
            for a in 0..<g {
                let coordinate = (key >> (Self.bitsPerAxis * UInt64(g - 1 - a))) & mask
                neighbour = neighbour << Self.bitsPerAxis | UInt64(Int(coordinate) + offsets[a])
            }
            if let c = index(of: neighbour) { cells.append(c) }
            var a = g - 1
            while a >= 0 {
                offsets[a] += 1
                if offsets[a] <= 1 { break }
                offsets[a] = -1
                a -= 1
            }
            if a < 0 { break }
        }
        return cells
    }

    /// Calls `body` with every j (i included) within ε of point i, given i's `neighbourCells`.
    func forEachNeighbour(of i: Int, cells: [Int], _ body: (Int) -> Void) {
        let d = x.columns
        x.values.withUnsafeBufferPointer { v in
            for c in cells {
                for t in cellStart[c]..<cellStart[c + 1] {
                    let j = order[t]
                    var sum = 0.0
                    for f in 0..<d {
                        let delta = v[i * d + f] - v[j * d + f]
                        sum += delta * delta
                    }
                    if sum <= radiusSquared { body(j) }
                }
            }
        }
    }

    private func index(of key: UInt64) -> Int? {
        var low = 0
        var high = cellKeys.count
        while low < high {
            let mid = (low + high) / 2
            if cellKeys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < cellKeys.count && cellKeys[low] == key ? low : nil
    }
}
