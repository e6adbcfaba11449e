import Testing

@testable import Engine

/// Agglomeration from scratch: every step recomputes the Ward distance √(2·w_a·w_b/(w_a + w_b))·‖c_a − c_b‖ of
/// every pair of current clusters and merges the closest; the new cluster is numbered n + t as SciPy does.
struct NaiveWard {
    struct Row: Equatable {
        var left: Int
        var right: Int
        var height: Double
        var size: Int
        var members: Set<Int>
    }

    var rows: [Row] = []
    /// The partition (a label per point) when `k` clusters remain, for every k from n down to 1.
    var partitions: [Int: [Int]] = [:]

    init(_ points: [[Double]], weights: [Double]? = nil) {
        let n = points.count
        var clusters: [(id: Int, centre: [Double], weight: Double, members: Set<Int>)] = points.indices.map {
            ($0, points[$0], weights?[$0] ?? 1, [$0])
        }
        partitions[n] = Array(0..<n)
        while clusters.count > 1 {
            var best = (a: -1, b: -1, distance: Double.infinity)
            for a in clusters.indices {
                for b in clusters.indices where b > a {
                    let wa = clusters[a].weight
                    let wb = clusters[b].weight
                    let distance = (2 * wa * wb / (wa + wb)).squareRoot() * naiveDistance(clusters[a].centre, clusters[b].centre)
                    if distance < best.distance { best = (a, b, distance) }
                }
            }
            let (a, b) = (clusters[best.a], clusters[best.b])
            let weight = a.weight + b.weight
            let centre = a.centre.indices.map { (a.weight * a.centre[$0] + b.weight * b.centre[$0]) / weight }
            let members = a.members.union(b.members)
            rows.append(Row(left: min(a.id, b.id), right: max(a.id, b.id), height: best.distance, size: Int(weight), members: members))
            clusters.remove(at: best.b)
            clusters.remove(at: best.a)
            clusters.append((n + rows.count - 1, centre, weight, members))
            var labels = [Int](repeating: 0, count: n)
            for (label, cluster) in clusters.enumerated() {
                for i in cluster.members { labels[i] = label }
            }
            partitions[clusters.count] = labels
        }
    }
}

/// The members of every cluster a linkage matrix creates, by cluster id.
func linkageMembers(_ merges: [WardLinkage.Merge], leaves n: Int) -> [Set<Int>] {
    var members = (0..<n).map { Set([$0]) }
    for merge in merges { members.append(members[merge.left].union(members[merge.right])) }
    return members
}

@Suite("Ward tree (SEG-29, SEG-30)")
struct WardLinkageTests {
    @Test("Ward by hand: four points on a line")
    func handComputed() {
        // {0, 1} at 1; {0, 1} + {3}: √(2·2·1/3)·2.5; then + {7}: √(2·3·1/4)·(7 − 4/3).
        let tree = WardLinkage(FeatureMatrix([[0], [1], [3], [7]]))
        #expect(tree.merges.map { [$0.left, $0.right, $0.size] } == [[0, 1, 2], [2, 4, 3], [3, 5, 4]])
        let heights = [1, (4.0 / 3).squareRoot() * 2.5, 1.5.squareRoot() * (17.0 / 3)]
        for (merge, height) in zip(tree.merges, heights) { #expect(isClose(merge.height, height, relative: 1e-14)) }
        #expect(tree.cut(clusters: 1) == [0, 0, 0, 0])
        #expect(tree.cut(clusters: 2) == [0, 0, 0, 1])
        #expect(tree.cut(clusters: 3) == [0, 0, 1, 2])
        #expect(tree.cut(clusters: 4) == [0, 1, 2, 3])
    }

    @Test("Ward: the tree of the spec's benchmark example (SEG-29 linkage_matrix to 4 decimals)")
    func specExample() {
        let raw: [[Double]] = [
            [28, 4120.75, 4], [6, 540.20, 2], [25, 2610.00, 3], [9, 612.40, 3], [30, 4522.60, 4],
            [8, 575.00, 2], [22, 2544.90, 2], [11, 630.10, 3], [21, 2480.35, 2], [7, 498.00, 1],
        ]
        let tree = WardLinkage(ZScoreScaling(FeatureMatrix(raw)).scaled)
        let expected: [[Double]] = [
            [6, 8, 0.1203, 2], [3, 7, 0.2245, 2], [1, 5, 0.2254, 2], [0, 4, 0.3521, 2], [9, 12, 1.2607, 3],
            [2, 10, 1.341, 3], [11, 14, 2.3148, 5], [13, 15, 3.5502, 5], [16, 17, 6.1976, 10],
        ]
        #expect(tree.merges.map { [Double($0.left), Double($0.right), score($0.height), Double($0.size)] } == expected)
    }

    @Test("Ward: one and two leaves, and identical points (all heights 0)")
    func degenerate() {
        #expect(WardLinkage(FeatureMatrix([[3, 4]])).merges.isEmpty)
        #expect(WardLinkage(FeatureMatrix([[3, 4]])).cut(clusters: 1) == [0])
        let two = WardLinkage(FeatureMatrix([[0, 0], [3, 4]]))
        #expect(two.merges == [WardLinkage.Merge(left: 0, right: 1, height: 5, size: 2)])
        let same = WardLinkage(FeatureMatrix([[Double]](repeating: [1, 2, 3], count: 5)))
        #expect(same.merges.count == 4)
        #expect(same.merges.allSatisfy { $0.height == 0 })
        #expect(same.merges.last?.size == 5)
        #expect(linkageMembers(same.merges, leaves: 5).last == Set(0..<5))
    }

    /// Checks a tree row by row against the naive agglomeration, and every cut against the partition the naive
    /// agglomeration has when k clusters remain.
    func compare(_ points: [[Double]], weights: [Double]? = nil) {
        let tree = WardLinkage(FeatureMatrix(points), weights: weights)
        let reference = NaiveWard(points, weights: weights)
        let n = points.count
        #expect(tree.merges.count == n - 1)
        let members = linkageMembers(tree.merges, leaves: n)
        for (t, (merge, row)) in zip(tree.merges, reference.rows).enumerated() {
            #expect(merge.left == row.left && merge.right == row.right, "row \(t)")
            #expect(isClose(merge.height, row.height), "row \(t): \(merge.height) vs \(row.height)")
            #expect(merge.size == row.size)
            #expect(members[n + t] == row.members)
        }
        #expect(zip(tree.merges, tree.merges.dropFirst()).allSatisfy { $0.height <= $1.height })
        for k in 1...n {
            let cut = tree.cut(clusters: k)
            #expect(Set(cut).count == k)
            #expect(sameUpToRenaming(cut, reference.partitions[k]!), "k = \(k)")
        }
    }

    @Test("Ward equals the naive O(n³) agglomeration on random points", arguments: [(40, 3, 81 as UInt64), (30, 6, 82), (45, 2, 83), (25, 1, 84)])
    func matchesNaive(rows: Int, columns: Int, seed: UInt64) {
        compare(gaussianMatrix(rows: rows, columns: columns, seed: seed).rowArrays)
    }

    @Test("Ward equals the naive agglomeration on clustered points")
    func clusteredMatchesNaive() {
        compare(blobMatrix(centres: randomCentres(4, columns: 3, box: 6, seed: 85), perBlob: 12, spread: 0.8, seed: 86).x.rowArrays)
    }

    @Test("Ward on weighted points (the coreset form) equals the naive weighted agglomeration", arguments: [87 as UInt64, 88, 89])
    func weightedMatchesNaive(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let weights = (0..<30).map { _ in Double(1 + rng.next() % 9) }
        compare(gaussianMatrix(rows: 30, columns: 3, seed: seed + 10).rowArrays, weights: weights)
        #expect(WardLinkage(gaussianMatrix(rows: 30, columns: 3, seed: seed + 10), weights: weights).merges.last?.size == Int(weights.reduce(0, +)))
    }
}
