import Testing

@testable import Engine

/// DBSCAN exactly as SEG-31 tells it: every neighbourhood by brute force, points scanned in payload order, an
/// unlabelled core point opens a cluster that is grown completely (breadth first) before the scan resumes.
func naiveDBSCAN(_ points: [[Double]], eps: Double, minSamples: Int) -> [Int32] {
    let n = points.count
    let neighbourhoods = (0..<n).map { i in (0..<n).filter { naiveSquaredDistance(points[i], points[$0]) <= eps * eps } }
    let core = neighbourhoods.map { $0.count >= minSamples }
    var labels = [Int32](repeating: -1, count: n)
    var clusters: Int32 = 0
    for i in 0..<n where core[i] && labels[i] < 0 {
        labels[i] = clusters
        var queue = [i]
        var head = 0
        while head < queue.count {
            let point = queue[head]
            head += 1
            for j in neighbourhoods[point] where labels[j] < 0 {
                labels[j] = clusters
                if core[j] { queue.append(j) }
            }
        }
        clusters += 1
    }
    return labels
}

@Suite("DBSCAN (SEG-31, SEG-52)")
struct DBSCANTests {
    /// Every index (both grids, the k-d tree) against the naive scan.
    func check(_ points: [[Double]], eps: Double, minSamples: Int, _ comment: Comment? = nil) {
        let expected = naiveDBSCAN(points, eps: eps, minSamples: minSamples)
        for strategy in [DBSCAN.Strategy.automatic, .pointByPoint, .kdTree] {
            let model = DBSCAN(FeatureMatrix(points), eps: eps, minSamples: minSamples, strategy: strategy)
            #expect(model.labels == expected, "\(strategy): \(comment?.rawValue ?? "")")
            #expect(model.clusterCount == Int((expected.max() ?? -1) + 1))
            #expect(model.noiseCount == expected.filter { $0 < 0 }.count)
        }
    }

    /// Two groups on a line, ε = 1 and M = 4, and a point at 1.75 exactly ε from the edge of each: it has three
    /// points within ε (itself included), so it is a border point of both clusters. 10 is noise.
    static let sharedBorder: [[Double]] = [[1.75], [2.75], [3], [3.25], [3.5], [0], [0.25], [0.5], [0.75], [10]]

    @Test("DBSCAN by hand: a border point shared by two clusters goes to the first one opened")
    func sharedBorderPoint() {
        // The right-hand group comes first in the payload, so it opens cluster 0 and claims the border point.
        let model = DBSCAN(FeatureMatrix(Self.sharedBorder), eps: 1, minSamples: 4)
        #expect(model.labels == [0, 0, 0, 0, 0, 1, 1, 1, 1, -1])
        #expect(model.clusterCount == 2 && model.noiseCount == 1)
        // The left-hand group first: now it claims the border point.
        let swapped = [Self.sharedBorder[0]] + Self.sharedBorder[5..<9] + Self.sharedBorder[1..<5] + [Self.sharedBorder[9]]
        #expect(DBSCAN(FeatureMatrix(swapped), eps: 1, minSamples: 4).labels == [0, 0, 0, 0, 0, 1, 1, 1, 1, -1])
        check(Self.sharedBorder, eps: 1, minSamples: 4)
        check(swapped, eps: 1, minSamples: 4)
    }

    @Test("DBSCAN by hand: ε is inclusive, M counts the point itself, M > n makes everything noise")
    func inclusiveRadius() {
        let line: [[Double]] = [[0], [0.5], [1], [3]]
        #expect(DBSCAN(FeatureMatrix(line), eps: 0.5, minSamples: 3).labels == [0, 0, 0, -1])
        #expect(DBSCAN(FeatureMatrix(line), eps: 0.4999, minSamples: 3).labels == [-1, -1, -1, -1])
        #expect(DBSCAN(FeatureMatrix(line), eps: 0.5, minSamples: 4).labels == [-1, -1, -1, -1])
        let model = DBSCAN(FeatureMatrix(line), eps: 10, minSamples: 5)
        #expect(model.labels == [-1, -1, -1, -1] && model.clusterCount == 0 && model.noiseCount == 4)
        #expect(DBSCAN(FeatureMatrix(line), eps: 10, minSamples: 4).labels == [0, 0, 0, 0])
        // Identical points: one cluster.
        #expect(DBSCAN(FeatureMatrix([[Double]](repeating: [2, 2], count: 4)), eps: 0.1, minSamples: 3).labels == [0, 0, 0, 0])
    }

    @Test("DBSCAN: neighbours exactly ε apart whose grid coordinates round two cells apart")
    func gridRounding() {
        // (0.03863958083314897 − o)/ε rounds just below 1, (0.288639580833149 − o)/ε to exactly 2, while the two
        // points are ε apart: a grid of ε-wide cells that only looks one cell away misses the pair.
        let o = -0.211360419166851
        let points: [[Double]] = [[o], [0.03863958083314897], [0.288639580833149]]
        #expect(naiveSquaredDistance(points[1], points[2]) <= 0.25 * 0.25)
        #expect(naiveDBSCAN(points, eps: 0.25, minSamples: 3) == [0, 0, 0])
        check(points, eps: 0.25, minSamples: 3)
        // The same line among six features (the others constant), where the grid covers only three of them.
        let padded = points.map { $0 + [0, 0, 0, 0, 0] }
        check(padded, eps: 0.25, minSamples: 3)
        check(padded.map { [0, 0] + $0.prefix(4) }, eps: 0.25, minSamples: 3)
    }

    @Test(
        "DBSCAN equals the naive scan on random blobs with noise",
        arguments: [(3, 0.3, 3), (3, 0.5, 5), (3, 0.8, 8), (6, 0.6, 3), (6, 1.0, 5), (6, 1.4, 4), (2, 0.4, 3), (1, 0.1, 3)])
    func matchesNaive(columns: Int, eps: Double, minSamples: Int) {
        let seed = UInt64(columns * 1000 + minSamples)
        let data = blobMatrix(
            centres: randomCentres(5, columns: columns, box: 3, seed: seed), perBlob: 40, spread: 0.45, noise: 40, box: 4, seed: seed + 1)
        check(data.x.rowArrays, eps: eps, minSamples: minSamples, "d \(columns), ε \(eps), M \(minSamples)")
    }

    @Test(
        "DBSCAN equals the naive scan on lattices where many pairs are exactly (or within rounding of) ε apart",
        arguments: [(1, 3), (2, 3), (3, 4), (3, 7), (6, 3), (6, 5)])
    func lattice(columns: Int, minSamples: Int) {
        var rng = SplitMix64(seed: UInt64(columns * 31 + minSamples))
        for trial in 0..<6 {
            // Even trials: a dyadic step, so distances are exact; odd trials: a decimal step and a random offset.
            let eps = trial % 2 == 0 ? 0.25 : [0.1, 0.3, 0.7][trial / 2]
            let offset = (0..<columns).map { _ in trial % 2 == 0 ? 0 : rng.normal() }
            let points = (0..<150).map { _ in (0..<columns).map { f in offset[f] + eps * Double(rng.next() % 6) } }
            check(points, eps: eps, minSamples: minSamples, "trial \(trial)")
        }
    }

    @Test("DBSCAN equals the naive scan on diagonal lattices: spacing ε/√d, so diagonal neighbours are ε apart up to rounding", arguments: [2, 3])
    func diagonalLattice(columns: Int) {
        var rng = SplitMix64(seed: UInt64(500 + columns))
        for trial in 0..<8 {
            let eps = 0.05 + 1.5 * rng.uniform()
            let step = eps / Double(columns).squareRoot()
            let offset = (0..<columns).map { _ in 3 * rng.normal() }
            let points = (0..<120).map { _ in (0..<columns).map { f in offset[f] + step * Double(rng.next() % 7) } }
            for minSamples in [3, 6, 12] { check(points, eps: eps, minSamples: minSamples, "trial \(trial), M \(minSamples)") }
        }
    }

    @Test("DBSCAN equals the naive scan where many border points touch two clusters")
    func sharedBordersAtRandom() {
        // Twelve pairs of chains (eight points 0.1 apart) pointing away from a point between them, in random
        // directions and a shuffled payload order: that point is within ε of the first point of each chain only.
        var rng = SplitMix64(seed: 601)
        var points: [[Double]] = []
        for _ in 0..<12 {
            let origin = (0..<3).map { _ in 20 * rng.uniform() }
            var direction = (0..<3).map { _ in rng.normal() }
            let length = naiveDistance(direction, [0, 0, 0])
            direction = direction.map { $0 / length }
            points.append(origin)
            for side in [-1.0, 1.0] {
                for j in 0..<8 { points.append((0..<3).map { origin[$0] + side * (0.45 + 0.1 * Double(j)) * direction[$0] }) }
            }
        }
        for _ in 0..<10 { points.append((0..<3).map { _ in 20 * rng.uniform() }) }
        for i in stride(from: points.count - 1, to: 0, by: -1) { points.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        let eps = 0.5
        let minSamples = 5
        let labels = naiveDBSCAN(points, eps: eps, minSamples: minSamples)
        // Border points within ε of core points of two different clusters.
        let core = points.indices.map { i in points.indices.filter { naiveSquaredDistance(points[i], points[$0]) <= eps * eps }.count >= minSamples }
        let shared = points.indices.filter { i in
            !core[i]
                && Set(points.indices.filter { core[$0] && naiveSquaredDistance(points[i], points[$0]) <= eps * eps }.map { labels[$0] }).count >= 2
        }
        #expect(shared.count >= 6)
        check(points, eps: eps, minSamples: minSamples)
    }

    @Test("DBSCAN with six features: points close on the three widest axes but far on the others are not neighbours")
    func hiddenAxes() {
        // The first three features spread widely (the grid's axes); the last three separate the two halves.
        var rng = SplitMix64(seed: 97)
        let points = (0..<120).map { i -> [Double] in
            let wide = (0..<3).map { _ in 8 * rng.uniform() }
            let narrow = (0..<3).map { _ in (i % 2 == 0 ? 0 : 1.5) + 0.1 * rng.normal() }
            return wide + narrow
        }
        for (eps, minSamples) in [(1.0, 3), (1.5, 4), (2.0, 6)] { check(points, eps: eps, minSamples: minSamples) }
    }

    @Test("DBSCAN's k-d tree on dense six-feature blobs: whole boxes within ε, copies of one point, forests merged across parts")
    func denseTree() {
        // Tight blobs give boxes wholly within ε (counted and joined whole); the copies make a leaf with no width;
        // parts of 40 core points make step 2 merge several forests.
        var rng = SplitMix64(seed: 733)
        let centres = randomCentres(4, columns: 6, box: 2, seed: 734)
        var points = (0..<900).map { i in centres[i % 4].map { $0 + 0.12 * rng.normal() } }
        points += [[Double]](repeating: [5, 5, 5, 5, 5, 5], count: 40)
        points += (0..<60).map { _ in (0..<6).map { _ in 6 * rng.uniform() - 1 } }
        for i in stride(from: points.count - 1, to: 0, by: -1) { points.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        for (eps, minSamples) in [(0.5, 5), (0.9, 12), (0.25, 4)] {
            let expected = naiveDBSCAN(points, eps: eps, minSamples: minSamples)
            #expect(Set(expected).count >= 3, "ε \(eps): the blobs should be clusters")
            #expect(DBSCAN.treeLabels(FeatureMatrix(points), eps: eps, minSamples: minSamples, partSize: 40) == expected)
            #expect(DBSCAN(FeatureMatrix(points), eps: eps, minSamples: minSamples).labels == expected)
        }
    }
}
