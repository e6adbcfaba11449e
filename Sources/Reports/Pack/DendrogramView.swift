import Engine

/// The drawn part of SEG's Ward tree (REP-33 … REP-35): SciPy's `lastp` truncation with p = min(30, L) over the
/// tree's L leaves, leaves in SciPy's display order, and the cut for the selected model's k.
struct DendrogramView: Sendable {
    struct Merge: Sendable {
        var node: Int
        var left: Int
        var right: Int
        var height: Double
        var size: Int
    }

    struct Leaf: Sendable {
        var node: Int
        var size: Int
        /// The customer's id when the leaf is one customer.
        var customerID: String?
    }

    var p: Int
    var merges: [Merge]
    var leaves: [Leaf]
    /// k of REP-35: the selected model's cluster count, nil without a selected model.
    var clusters: Int?
    var cutHeight: Double?

    /// Nil when the tree has fewer than two leaves (REP-33).
    init?(tree: SegmentationTree, ids: [String], clusters: Int?) {
        let linkage = tree.linkage
        let leafCount = linkage.leaves
        guard leafCount >= 2, linkage.merges.count == leafCount - 1 else { return nil }
        let p = min(30, leafCount)
        self.p = p
        let firstDrawn = leafCount - p
        merges = linkage.merges[firstDrawn...].enumerated().map { offset, merge in
            Merge(node: leafCount + firstDrawn + offset, left: merge.left, right: merge.right, height: score(merge.height), size: merge.size)
        }
        func size(_ node: Int) -> Int {
            node < leafCount ? tree.leafSizes?[node] ?? 1 : linkage.merges[node - leafCount].size
        }
        // Walk from the root, column 0 before column 1; nodes not drawn as merges are the leaves.
        var leaves: [Leaf] = []
        var stack = [2 * leafCount - 2]
        while let node = stack.popLast() {
            if node >= leafCount + firstDrawn {
                let merge = linkage.merges[node - leafCount]
                stack.append(merge.right)
                stack.append(merge.left)
            } else {
                let count = size(node)
                let id = node < leafCount && count == 1 ? ids[tree.leafRepresentative[node]] : nil
                leaves.append(Leaf(node: node, size: count, customerID: id))
            }
        }
        self.leaves = leaves
        self.clusters = clusters
        if let k = clusters, k >= 2, k <= min(p, leafCount - 1) {
            let heights = linkage.merges.map(\.height)
            cutHeight = score((heights[leafCount - k - 1] + heights[leafCount - k]) / 2)
        } else {
            cutHeight = nil
        }
    }
}
