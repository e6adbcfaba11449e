/// DBSCAN as SEG-31 defines it (scikit-learn's labels up to renumbering). Clusters are the connected components of
/// core points, opened in payload order; a border point joins the earliest-opened cluster with a core point within
/// ε; everything else is noise (−1).
///
/// With at most three features points are bucketed on a grid of cells ε/√d wide, so any two points of a cell are
/// within ε of each other: a cell with M points is all core, its core points form one component, and two cells are
/// joined by the first close pair found. That keeps dense data, where every point has thousands of neighbours, near
/// linear. Such cells are too small to pay in more dimensions (a neighbourhood spans 7⁶ of them in six), so there a
/// k-d tree answers the range queries, and a box wholly within ε of a point is taken whole (DBSCAN+KDTree.swift).
package struct DBSCAN: Sendable {
    package let labels: [Int32]
    package let clusterCount: Int
    package let noiseCount: Int

    /// `automatic`: the grid with clique cells up to three features, the k-d tree above; the others force one index.
    package enum Strategy: Sendable { case automatic, pointByPoint, kdTree }

    package init(_ x: FeatureMatrix, eps: Double, minSamples: Int, strategy: Strategy = .automatic) {
        let labels: [Int32]
        if strategy == .kdTree || (strategy == .automatic && x.columns > 3) {
            labels = Self.treeLabels(x, eps: eps, minSamples: minSamples)
        } else {
            labels = Self.gridLabels(x, eps: eps, minSamples: minSamples, cliqueCells: strategy == .automatic)
        }
        self.labels = labels
        clusterCount = Int((labels.max() ?? -1) + 1)
        noiseCount = labels.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
    }

    static func gridLabels(_ x: FeatureMatrix, eps: Double, minSamples: Int, cliqueCells: Bool) -> [Int32] {
        let grid = NeighbourGrid(x, radius: eps, cliqueCells: cliqueCells)
        let n = x.rows
        let cells = grid.cellCount
        let around = concurrentMap(cells) { grid.neighbourCells(of: $0) }

        // 1. Core points: |N(i)| ≥ M, the point itself included; counting stops at M.
        let coreBuffer = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        coreBuffer.initialize(repeating: false)
        defer { coreBuffer.deallocate() }
        let shared = SharedBuffer(coreBuffer)
        forEachChunk(of: cells, chunks: 16) { range in
            for cell in range {
                let members = grid.members(of: cell)
                if grid.cliqueCells && members.count >= minSamples {
                    for t in members { shared.buffer[grid.order[t]] = true }
                    continue
                }
                for t in members {
                    let i = grid.order[t]
                    shared.buffer[i] = grid.countNeighbours(of: i, cells: around[cell], upTo: minSamples) >= minSamples
                }
            }
        }
        let core = Array(coreBuffer)
        // Core points of each cell, in grid order.
        var coreStart = [Int](repeating: 0, count: cells + 1)
        var corePoints: [Int] = []
        for cell in 0..<cells {
            coreStart[cell] = corePoints.count
            for t in grid.members(of: cell) where core[grid.order[t]] { corePoints.append(grid.order[t]) }
        }
        coreStart[cells] = corePoints.count
        func cores(_ cell: Int) -> ArraySlice<Int> { corePoints[coreStart[cell]..<coreStart[cell + 1]] }

        // 2. Components of the core points.
        var sets = DisjointSets(count: n)
        if grid.cliqueCells {
            // Boxes around each cell's core points: two cells farther apart than ε need no pair test.
            let boxes = (0..<cells).map { grid.box(of: cores($0)) }
            for cell in 0..<cells where coreStart[cell] < coreStart[cell + 1] {
                let mine = cores(cell)
                for i in mine.dropFirst() { sets.join(mine.first!, i) }
            }
            // Adjacent cells first: they almost always connect at the first pair tried, and the components they form
            // spare most of the farther pairs, which could otherwise be scanned in full without finding a pair.
            for adjacentOnly in [true, false] {
                for cell in 0..<cells where coreStart[cell] < coreStart[cell + 1] {
                    let mine = cores(cell)
                    for other in around[cell] where other > cell && coreStart[other] < coreStart[other + 1] {
                        guard grid.adjacent(cell, other) == adjacentOnly else { continue }
                        let theirs = cores(other)
                        guard sets.root(mine.first!) != sets.root(theirs.first!), grid.boxesWithinReach(boxes[cell], boxes[other]) else {
                            continue
                        }
                        if let (i, j) = grid.closePair(mine, theirs) { sets.join(i, j) }
                    }
                }
            }
        } else {
            for cell in 0..<cells where coreStart[cell] < coreStart[cell + 1] {
                let mine = cores(cell)
                for other in around[cell] where other >= cell {
                    for i in mine {
                        for j in cores(other) where (other != cell || j > i) && sets.root(i) != sets.root(j) && grid.within(i, j) {
                            sets.join(i, j)
                        }
                    }
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
        for cell in 0..<cells {
            for t in grid.members(of: cell) {
                let i = grid.order[t]
                guard !core[i] else { continue }
                var best = Int32.max
                for other in around[cell] where coreStart[other] < coreStart[other + 1] {
                    if grid.cliqueCells {
                        // One component per cell: its label, if any member is close enough.
                        let label = labels[cores(other).first!]
                        if label < best && (other == cell || cores(other).contains { grid.within(i, $0) }) { best = label }
                    } else {
                        for j in cores(other) where labels[j] < best && grid.within(i, j) { best = labels[j] }
                    }
                }
                if best != .max { labels[i] = best }
            }
        }
        return labels
    }
}
