/// Points bucketed by grid cell (sorted by cell key), with the exact ε test on all features.
struct NeighbourGrid: Sendable {
    let x: FeatureMatrix
    let radiusSquared: Double
    /// Grid axes: every feature when there are at most three, else the three with the widest spread.
    let axes: [Int]
    /// Whether any two points of one cell are within ε (cells ε/√d wide on every feature).
    let cliqueCells: Bool
    /// How many cells away, per axis, a neighbour can lie.
    let reach: Int
    /// Point indices ordered by cell; `cellStart[c]..<cellStart[c + 1]` index cell c's.
    let order: [Int]
    let cellKeys: [UInt64]
    let cellStart: [Int]
    var cellCount: Int { cellKeys.count }

    static let bitsPerAxis: UInt64 = 21

    init(_ x: FeatureMatrix, radius: Double, cliqueCells wantCliques: Bool) {
        self.x = x
        radiusSquared = radius * radius
        let n = x.rows
        let d = x.columns
        var low = [Double](repeating: .infinity, count: d)
        var high = [Double](repeating: -.infinity, count: d)
        for i in 0..<n {
            for f in 0..<d {
                low[f] = min(low[f], x[i, f])
                high[f] = max(high[f], x[i, f])
            }
        }
        let spread = (0..<d).map { n > 0 ? high[$0] - low[$0] : 0 }
        axes = Array((0..<d).sorted { spread[$0] != spread[$1] ? spread[$0] > spread[$1] : $0 < $1 }.prefix(3)).sorted()
        let maxCells = Double(1 << Self.bitsPerAxis) - 16
        // Clique cells need every feature on the grid and a width the key can hold.
        // A hair narrower than ε/√d, so that rounding in the cell index cannot put two points ε apart in one cell.
        let cliqueWidth = radius / Double(max(1, d)).squareRoot() * (1 - 1e-9)
        let cliques = wantCliques && d <= 3 && axes.allSatisfy { spread[$0] / cliqueWidth < maxCells }
        cliqueCells = cliques
        // Otherwise a hair wider than ε, so that rounding in the cell index cannot put two points ε apart two cells
        // apart (one reach away is all that is scanned).
        let width = axes.map { cliques ? cliqueWidth : max(radius * (1 + 1e-6), spread[$0] / maxCells) }
        reach = axes.indices.map { Int((radius / width[$0]).rounded(.up)) }.max() ?? 1
        var keys = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            var key: UInt64 = 0
            for (a, f) in axes.enumerated() {
                let coordinate = ((x[i, f] - low[f]) / width[a]).rounded(.down) + Double(reach)
                key = key << Self.bitsPerAxis | UInt64(coordinate)
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

    func members(of cell: Int) -> Range<Int> { cellStart[cell]..<cellStart[cell + 1] }

    /// The cells (including `cell`) that can hold points within ε of a point of `cell`.
    func neighbourCells(of cell: Int) -> [Int] {
        let key = cellKeys[cell]
        let g = axes.count
        let mask: UInt64 = (1 << Self.bitsPerAxis) - 1
        var offsets = SIMD4<Int>(repeating: -reach)
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
                if offsets[a] <= reach { break }
                offsets[a] = -reach
                a -= 1
            }
            if a < 0 { break }
        }
        return cells.sorted()
    }

    /// Whether points i and j are within ε (squared distance summed in feature order).
    @inline(__always)
    func within(_ i: Int, _ j: Int) -> Bool { x.squaredDistance(i, j) <= radiusSquared }

    /// |N(i)| counted over the given cells, stopping once it reaches `limit`.
    func countNeighbours(of i: Int, cells: [Int], upTo limit: Int) -> Int {
        var count = 0
        for c in cells {
            for t in members(of: c) where within(i, order[t]) {
                count += 1
                if count >= limit { return count }
            }
        }
        return count
    }

    /// Whether two cells touch (differ by at most one step on every axis).
    func adjacent(_ a: Int, _ b: Int) -> Bool {
        let mask: UInt64 = (1 << Self.bitsPerAxis) - 1
        for axis in 0..<axes.count {
            let shift = Self.bitsPerAxis * UInt64(axis)
            let ca = Int((cellKeys[a] >> shift) & mask)
            let cb = Int((cellKeys[b] >> shift) & mask)
            if abs(ca - cb) > 1 { return false }
        }
        return true
    }

    /// The bounding box of some points on every feature (lower corner, then upper corner).
    func box(of points: ArraySlice<Int>) -> [Double] {
        let d = x.columns
        var box = [Double](repeating: .infinity, count: d) + [Double](repeating: -.infinity, count: d)
        for i in points {
            for f in 0..<d {
                box[f] = min(box[f], x[i, f])
                box[d + f] = max(box[d + f], x[i, f])
            }
        }
        return box
    }

    /// Whether two boxes could hold points within ε (their gap, squared, with a little slack for rounding).
    func boxesWithinReach(_ a: [Double], _ b: [Double]) -> Bool {
        let d = x.columns
        var gap = 0.0
        for f in 0..<d {
            let delta = max(0, max(a[f] - b[d + f], b[f] - a[d + f]))
            gap += delta * delta
        }
        return gap <= radiusSquared * (1 + 1e-9)
    }

    /// Some pair (a, b) within ε, one from each list, or nil.
    func closePair(_ first: ArraySlice<Int>, _ second: ArraySlice<Int>) -> (Int, Int)? {
        for a in first {
            for b in second where within(a, b) { return (a, b) }
        }
        return nil
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
