import Testing

@testable import Engine

/// Greedy k-means++ of SEG-24, straight from the text.
func naiveGreedySeeds(_ points: [[Double]], k: Int, rng: inout SplitMix64, candidates: Int) -> [Int] {
    let n = points.count
    var chosen = [Int(rng.next() % UInt64(n))]
    while chosen.count < k {
        let nearest = points.map { point in chosen.map { naiveSquaredDistance(point, points[$0]) }.min()! }
        var prefix: [Double] = []
        var running = 0.0
        for value in nearest {
            running += value
            prefix.append(running)
        }
        var best = -1
        var bestPotential = Double.infinity
        for _ in 0..<candidates {
            let target = segUniform(&rng) * prefix[n - 1]
            // The spec leaves "no S_i above the target" open; it happens only when every point is a chosen centre.
            let candidate = prefix.firstIndex { $0 > target } ?? n - 1
            var potential = 0.0
            for i in 0..<n { potential += min(nearest[i], naiveSquaredDistance(points[i], points[candidate])) }
            if potential < bestPotential {
                bestPotential = potential
                best = candidate
            }
        }
        chosen.append(best)
    }
    return chosen
}

/// Lloyd iterations of SEG-25, straight from the text.
func naiveLloyd(_ points: [[Double]], centres initial: [[Double]], maxIterations: Int = 300) -> (
    labels: [Int32], centres: [[Double]], inertia: Double, iterations: Int
) {
    let n = points.count
    let k = initial.count
    var centres = initial
    var labels = [Int](repeating: 0, count: n)
    var previous: [Int]? = nil
    var iterations = 0
    for _ in 0..<maxIterations {
        iterations += 1
        // (1) nearest centre, ties to the lowest index.
        var distance = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var best = 0
            for j in 1..<k where naiveSquaredDistance(points[i], centres[j]) < naiveSquaredDistance(points[i], centres[best]) { best = j }
            labels[i] = best
            distance[i] = naiveSquaredDistance(points[i], centres[best])
        }
        // (2) each empty cluster takes the farthest point that has not moved and is not alone in its cluster.
        var moved = Set<Int>()
        for j in 0..<k where !labels.contains(j) {
            var pick = -1
            for i in 0..<n where !moved.contains(i) && labels.filter({ $0 == labels[i] }).count > 1 {
                if pick < 0 || distance[i] > distance[pick] { pick = i }
            }
            labels[pick] = j
            moved.insert(pick)
        }
        // (3) centres are the means of their members.
        centres = (0..<k).map { j in naiveMean(points.indices.filter { labels[$0] == j }.map { points[$0] }) }
        if labels == previous { break }
        previous = labels
    }
    var inertia = 0.0
    for i in 0..<n { inertia += naiveSquaredDistance(points[i], centres[labels[i]]) }
    return (labels.map(Int32.init), centres, inertia, iterations)
}

/// SEG-26: ten restarts with the generators (1, k, r), the smallest inertia kept, ties to the lowest r.
func naiveKMeans(_ points: [[Double]], k: Int, seed: UInt64) -> (labels: [Int32], centres: [[Double]], inertia: Double, restarts: [Double]) {
    // L = 2 + ⌊ln k⌋: ln 3 > 1, ln 8 > 2 > ln 7, ln 21 > 3 > ln 20.
    let draws = 2 + (k >= 21 ? 3 : k >= 8 ? 2 : k >= 3 ? 1 : 0)
    var best: (labels: [Int32], centres: [[Double]], inertia: Double)? = nil
    var restarts: [Double] = []
    for r in 0..<10 {
        var rng = segGenerator(seed: seed, tag: 1, k: k, restart: r)
        let seeds = naiveGreedySeeds(points, k: k, rng: &rng, candidates: draws)
        let run = naiveLloyd(points, centres: seeds.map { points[$0] })
        restarts.append(run.inertia)
        if best == nil || run.inertia < best!.inertia { best = (run.labels, run.centres, run.inertia) }
    }
    return (best!.labels, best!.centres, best!.inertia, restarts)
}

@Suite("k-means (SEG-23 to SEG-26)")
struct KMeansTests {
    @Test("SEG-23: the generator of (seed, tag, k, r) starts from seed·2³² + T·2²⁴ + k·2⁸ + r")
    func generatorState() {
        // SplitMix64 from state 0: the reference implementation's first output.
        var zero = KMeans.generator(seed: 0, tag: 0, k: 0, restart: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
        for (seed, tag, k, r) in [(42 as UInt64, 1 as UInt64, 3, 7), (4_294_967_295, 3, 0, 0), (7, 2, 0, 0), (123_456, 1, 30, 9)] {
            var engine = KMeans.generator(seed: seed, tag: tag, k: k, restart: r)
            var expected = SplitMix64(seed: seed * 4_294_967_296 + tag * 16_777_216 + UInt64(k) * 256 + UInt64(r))
            #expect((0..<4).map { _ in engine.next() } == (0..<4).map { _ in expected.next() })
        }
    }

    @Test("SEG-24: greedy k-means++ seeds equal the textbook procedure", arguments: [1, 2, 3, 4])
    func seeding(candidates: Int) {
        let x = blobMatrix(centres: randomCentres(5, columns: 3, box: 6, seed: 3), perBlob: 12, spread: 1, seed: 4).x
        for k in [2, 3, 5, 9] {
            var engine = SplitMix64(seed: UInt64(100 * k + candidates))
            var reference = engine
            let seeds = KMeans.seeds(x, k: k, rng: &engine, candidates: candidates)
            #expect(seeds == naiveGreedySeeds(x.rowArrays, k: k, rng: &reference, candidates: candidates))
            #expect(Set(seeds).count == k)
            // Both consumed the same number of draws.
            #expect(engine.next() == reference.next())
        }
    }

    @Test("SEG-25: Lloyd by hand, an empty cluster takes the farthest point")
    func emptyClusterByHand() {
        // Two identical starting centres and one far away: after step 1 everything is in cluster 0; cluster 1 takes
        // the farthest point (10), cluster 2 the next farthest (2). The second assignment repeats the first.
        let x = FeatureMatrix([[0], [1], [2], [10]])
        let model = KMeans.lloyd(x, centres: [0, 0, 100], k: 3)
        #expect(model.labels == [0, 0, 2, 1])
        #expect(model.centres == [0.5, 10, 2])
        #expect(model.inertia == 0.5)
    }

    @Test("SEG-25: a point alone in its cluster is never moved, even when it is the farthest; ties go to the lower index")
    func singletonSkipped() {
        // Step 1: 0, 1, 2 → centre 0; 50 → centre 1 (squared distance 100, the largest) but alone there. Cluster 2
        // takes 0 (distance 1, tied with 2, lower index), cluster 3 takes 2.
        let x = FeatureMatrix([[0], [1], [2], [50]])
        let model = KMeans.lloyd(x, centres: [1, 40, 200, 300], k: 4)
        #expect(model.labels == [2, 0, 3, 1])
        #expect(model.centres == [1, 50, 0, 2])
        #expect(model.inertia == 0)
    }

    @Test("SEG-25: Lloyd equals the textbook iteration from arbitrary, duplicated and far-away starting centres")
    func lloydMatchesTextbook() {
        // Duplicated points make ties and empty clusters likely.
        var rng = SplitMix64(seed: 77)
        let base = gaussianMatrix(rows: 40, columns: 2, seed: 78).rowArrays
        let rows = (0..<90).map { _ in base[Int(rng.next() % 40)] }
        let x = FeatureMatrix(rows)
        let starts: [[[Double]]] = [
            [rows[0], rows[0], rows[1], [50, 50]],
            [[0, 0], [0, 0], [0, 0]],
            [[100, 0], [0, 100], [-100, 0], [0, -100], rows[5]],
            (0..<6).map { rows[$0 * 7] },
        ]
        for start in starts {
            let engine = KMeans.lloyd(x, centres: start.flatMap { $0 }, k: start.count)
            let reference = naiveLloyd(rows, centres: start)
            #expect(engine.labels == reference.labels)
            #expect(engine.centres == reference.centres.flatMap { $0 })
            #expect(isClose(engine.inertia, reference.inertia))
            #expect(Set(engine.labels).count == start.count)
        }
    }

    @Test("SEG-25: Lloyd with distance bounds equals the textbook iteration over many slow iterations")
    func boundsKeepTheLabels() {
        // Overlapping blobs and a lattice with many exactly equidistant points: long runs in which most rows keep
        // their centre (skipped by the bounds) while a few change, and ties that the bounds must never decide.
        let blobs = blobMatrix(centres: randomCentres(6, columns: 6, box: 1.5, seed: 91), perBlob: 150, spread: 1, seed: 92).x
        var rng = SplitMix64(seed: 93)
        let lattice = (0..<400).map { _ in (0..<3).map { _ in Double(rng.next() % 5) } }
        for (rows, k) in [(blobs.rowArrays, 8), (lattice, 6), (lattice, 11)] {
            let start = (0..<k).map { rows[$0 * 13] }
            let engine = KMeans.lloyd(FeatureMatrix(rows), centres: start.flatMap { $0 }, k: k)
            let reference = naiveLloyd(rows, centres: start)
            #expect(reference.iterations > 5)
            #expect(engine.labels == reference.labels)
            #expect(engine.centres == reference.centres.flatMap { $0 })
            #expect(engine.inertia == reference.inertia)
        }
    }

    @Test("SEG-51: assigning rows to many centres through a k-d tree gives the brute-force answer, ties to the lowest centre")
    func manyCentres() {
        // Lattice rows and lattice centres (with copies) make many exact ties; random rows many near-ties.
        var rng = SplitMix64(seed: 95)
        let lattice = (0..<600).map { _ in (0..<4).map { _ in Double(rng.next() % 6) } }
        let random = (0..<600).map { _ in (0..<4).map { _ in 5 * rng.uniform() } }
        let centres: [[Double]] = (0..<100).map { lattice[$0 * 5] } + (0..<50).map { lattice[$0 * 3] }
        for rows in [lattice, random] {
            var labels = [Int32](repeating: 0, count: rows.count)
            var distance = [Double](repeating: 0, count: rows.count)
            KMeans.assign(FeatureMatrix(rows), centres: centres.flatMap { $0 }, k: centres.count, labels: &labels, distance: &distance)
            for (i, row) in rows.enumerated() {
                var best = 0
                for j in centres.indices where naiveSquaredDistance(row, centres[j]) < naiveSquaredDistance(row, centres[best]) { best = j }
                #expect(labels[i] == Int32(best))
                #expect(distance[i] == naiveSquaredDistance(row, centres[best]))
            }
        }
    }

    @Test("SEG-26: the kept run equals the textbook best of ten restarts and is no worse than any restart")
    func restartsMatchTextbook() {
        let data = [
            blobMatrix(centres: randomCentres(4, columns: 3, box: 4, seed: 21), perBlob: 15, spread: 1, seed: 22).x,
            gaussianMatrix(rows: 70, columns: 2, seed: 23),
            blobMatrix(centres: randomCentres(3, columns: 6, box: 3, seed: 24), perBlob: 20, spread: 1, seed: 25).x,
        ]
        for (index, x) in data.enumerated() {
            for k in [2, 3, 4, 8] {
                let seed = UInt64(40 + index)
                let model = KMeans.fit(x, k: k, seed: seed)
                let reference = naiveKMeans(x.rowArrays, k: k, seed: seed)
                #expect(model.labels == reference.labels, "data \(index), k \(k)")
                #expect(isClose(model.inertia, reference.inertia))
                for inertia in reference.restarts { #expect(model.inertia <= inertia) }
                // Same seed, same model.
                let again = KMeans.fit(x, k: k, seed: seed)
                #expect(again.labels == model.labels && again.centres == model.centres && again.inertia == model.inertia)
            }
        }
    }

    @Test("SEG-51: plain k-means++ with seed groups skipped draws the textbook's seeds, copies and blobs included")
    func plainSeedsSkipGroups() {
        let blobs = blobMatrix(centres: randomCentres(12, columns: 4, box: 30, seed: 81), perBlob: 80, spread: 0.5, seed: 82).x
        // Every tenth row repeated, so that seeds land on copies and groups of radius 0 appear.
        let rows = blobs.rowArrays
        let x = FeatureMatrix(rows + stride(from: 0, to: rows.count, by: 10).map { rows[$0] })
        for (seed, k) in [(83 as UInt64, 150), (84, 40)] {
            var engine = KMeans.generator(seed: seed, tag: 3, k: 0, restart: 0)
            var reference = segGenerator(seed: seed, tag: 3, k: 0, restart: 0)
            #expect(KMeans.seeds(x, k: k, rng: &engine, candidates: 1) == naiveGreedySeeds(x.rowArrays, k: k, rng: &reference, candidates: 1))
        }
    }

    @Test("SEG-25: the kept model is a Lloyd fixed point: nearest-centre labels and member-mean centres")
    func converged() {
        let x = blobMatrix(centres: randomCentres(5, columns: 2, box: 5, seed: 31), perBlob: 20, spread: 1.2, seed: 32).x
        let points = x.rowArrays
        let model = KMeans.fit(x, k: 5, seed: 42)
        let k = 5
        let centres = (0..<k).map { Array(model.centres[$0 * 2..<($0 + 1) * 2]) }
        for i in points.indices {
            var best = 0
            for j in 1..<k where naiveSquaredDistance(points[i], centres[j]) < naiveSquaredDistance(points[i], centres[best]) { best = j }
            #expect(Int(model.labels[i]) == best)
        }
        for j in 0..<k { #expect(centres[j] == naiveMean(points.indices.filter { model.labels[$0] == j }.map { points[$0] })) }
    }

    @Test("k-means on duplicated points: k up to the distinct count and beyond fills every cluster")
    func duplicates() {
        let rows: [[Double]] = (0..<12).map { [[0, 0], [3, 1], [-2, 5]][$0 % 3] }
        let x = FeatureMatrix(rows)
        let three = KMeans.fit(x, k: 3, seed: 42)
        #expect(three.inertia == 0)
        #expect(sameUpToRenaming(three.labels, (0..<12).map { $0 % 3 }))
        // Four clusters from three distinct points: seeding repeats a point, step 2 of SEG-25 fills the empty cluster.
        let four = KMeans.fit(x, k: 4, seed: 42)
        #expect(Set(four.labels) == [0, 1, 2, 3])
        #expect(four.inertia == 0)
        #expect(four.labels == naiveKMeans(rows, k: 4, seed: 42).labels)
    }
}
