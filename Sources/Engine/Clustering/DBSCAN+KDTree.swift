extension DBSCAN {
    /// SEG-31's labels from k-d tree range queries: exact, whatever the tree's shape. `partSize`: the fewest core
    /// points per concurrent part of step 2.
    static func treeLabels(_ x: FeatureMatrix, eps: Double, minSamples: Int, partSize: Int = 4096) -> [Int32] {
        let n = x.rows
        let d = x.columns
        let radiusSquared = eps * eps

        // 1. Core points: |N(i)| ≥ M, the point itself included; counting stops at M, and a box wholly within ε
        // counts all its points at once.
        let all = KDTree(x)
        let coreBuffer = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        coreBuffer.initialize(repeating: false)
        defer { coreBuffer.deallocate() }
        let shared = SharedBuffer(coreBuffer)
        forEachChunk(of: n, chunks: 16) { range in
            all.points.withUnsafeBufferPointer { p in
                for t in range {
                    var count = 0
                    all.search(p.baseAddress! + t * d, radiusSquared: radiusSquared) { node, covered in
                        guard covered else { return .descend }
                        count += Int(all.end[node] - all.start[node])
                        return count >= minSamples ? .stop : .skip
                    } point: { _ in
                        count += 1
                        return count < minSamples
                    }
                    shared.buffer[Int(all.rows[t])] = count >= minSamples
                }
            }
        }
        let core = Array(coreBuffer)

        // 2. Components of the core points, over a tree of core points only (forest indices are its positions).
        let tree = KDTree(x, rows: (0..<n).filter { core[$0] })
        let m = tree.rows.count
        var sets = Self.coreComponents(tree, radiusSquared: radiusSquared, partSize: partSize)

        // 3. Clusters open in payload order of their first core point.
        var positionOfRow = [Int](repeating: -1, count: n)
        for (t, row) in tree.rows.enumerated() { positionOfRow[Int(row)] = t }
        var clusterOfRoot = [Int32](repeating: -1, count: m)
        var labels = [Int32](repeating: -1, count: n)
        var clusters: Int32 = 0
        for i in 0..<n where core[i] {
            let r = sets.root(positionOfRow[i])
            if clusterOfRoot[r] < 0 {
                clusterOfRoot[r] = clusters
                clusters += 1
            }
            labels[i] = clusterOfRoot[r]
        }

        // 4. Border points take the earliest-opened cluster among their core neighbours. A node whose core points
        // share one label needs a single point within ε, and none at all when its label cannot improve the answer.
        let labelAt = tree.rows.map { labels[Int($0)] }
        var labelOfNode = [Int32](repeating: -1, count: tree.nodeCount)
        for node in stride(from: tree.nodeCount - 1, through: 0, by: -1) {
            if tree.left[node] < 0 {
                let own = labelAt[Int(tree.start[node])..<Int(tree.end[node])]
                labelOfNode[node] = own.allSatisfy { $0 == own.first } ? own.first ?? -1 : -1
            } else {
                let (a, b) = (labelOfNode[Int(tree.left[node])], labelOfNode[Int(tree.right[node])])
                labelOfNode[node] = a == b ? a : -1
            }
        }
        let nodeLabel = labelOfNode
        let others = (0..<n).filter { !core[$0] }
        let borderLabels = concurrentMapChunked(others.count) { index in
            x.values.withUnsafeBufferPointer { v in
                let query = v.baseAddress! + others[index] * d
                var best = Int32.max
                tree.search(query, radiusSquared: radiusSquared) { node, covered in
                    let label = nodeLabel[node]
                    guard label >= 0 else { return .descend }
                    if label < best && (covered || tree.firstWithin(query, radiusSquared: radiusSquared, under: node) != nil) {
                        best = label
                    }
                    return best == 0 ? .stop : .skip
                } point: { t in
                    best = min(best, labelAt[t])
                    return best != 0
                }
                return best == .max ? -1 : best
            }
        }
        for (index, i) in others.enumerated() { labels[i] = borderLabels[index] }
        return labels
    }

    /// The components of the core points (their tree positions): every pair within ε is joined. The positions are
    /// split into one contiguous range per core, each joined into its own forest, and the forests are merged.
    /// A box wholly within ε of a core point joins all its points at once and is marked as one component, so that
    /// later queries meeting it test one point, or none when it is already in the querying point's component; so
    /// is a box whose diagonal is at most ε, and a box whose two halves are marked and in one component.
    static func coreComponents(_ tree: KDTree, radiusSquared: Double, partSize: Int) -> DisjointSets {
        let m = tree.rows.count
        let d = tree.columns
        let parts = max(1, min(activeCoreCount, m / partSize))
        // A box no wider than ε across its diagonal holds points all within ε of one another: one component from
        // the start. (Its computed diagonal bounds every computed distance inside it, rounding being monotone.)
        var cliques = DisjointSets(count: m)
        var cliqueNodes = [Bool](repeating: false, count: tree.nodeCount)
        var pending = tree.nodeCount > 0 ? [0] : []
        while let node = pending.popLast() {
            var diagonal = 0.0
            for f in 0..<d {
                let width = tree.boxes[node * 2 * d + d + f] - tree.boxes[node * 2 * d + f]
                diagonal += width * width
            }
            if diagonal <= radiusSquared {
                let first = Int(tree.start[node])
                for u in first..<Int(tree.end[node]) { cliques.join(first, u) }
                cliqueNodes[node] = true
            } else if tree.left[node] >= 0 {
                pending.append(Int(tree.right[node]))
                pending.append(Int(tree.left[node]))
            }
        }
        let (startSets, startMerged) = (cliques, cliqueNodes)
        var forests = concurrentMap(parts) { part in
            var sets = startSets
            var merged = startMerged
            tree.points.withUnsafeBufferPointer { p in
                for t in part * m / parts..<(part + 1) * m / parts {
                    let query = p.baseAddress! + t * d
                    tree.search(query, radiusSquared: radiusSquared) { node, covered in
                        let first = Int(tree.start[node])
                        // Two merged children in one component make their parent one component too.
                        if !merged[node], tree.left[node] >= 0 {
                            let (a, b) = (Int(tree.left[node]), Int(tree.right[node]))
                            if merged[a] && merged[b] && sets.root(Int(tree.start[a])) == sets.root(Int(tree.start[b])) {
                                merged[node] = true
                            }
                        }
                        if merged[node] {
                            if sets.root(first) != sets.root(t) {
                                if covered {
                                    sets.join(first, t)
                                } else if let u = tree.firstWithin(query, radiusSquared: radiusSquared, under: node) {
                                    sets.join(u, t)
                                }
                            }
                            return .skip
                        }
                        guard covered else { return .descend }
                        for u in first..<Int(tree.end[node]) { sets.join(u, t) }
                        merged[node] = true
                        return .skip
                    } point: { u in
                        sets.join(u, t)
                        return true
                    }
                }
            }
            return sets
        }
        var sets = forests.removeFirst()
        for var forest in forests {
            for u in 0..<m {
                let r = forest.root(u)
                if r != u { sets.join(u, r) }
            }
        }
        return sets
    }
}
