/// The clustering families of SEG-21, in their fixed order.
package enum ClusteringFamily: Int, Sendable, CaseIterable, Comparable {
    case kmeans, gmm, agglo, dbscan

    package var requestName: String { ["kmeans", "gmm", "agglo", "dbscan"][rawValue] }
    package var displayName: String { ["KMeans", "GaussianMixture", "Agglomerative", "DBSCAN"][rawValue] }
    package static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// What to benchmark: the customers' features in original units, which columns play the persona roles (SEG-17),
/// and the parameters of SEG-4 / SEG-10.
package struct SegmentationSetup: Sendable, Equatable {
    package var features: FeatureMatrix
    package var spendColumn: Int
    package var frequencyColumn: Int
    package var breadthColumn: Int
    package var recencyColumn: Int?
    package var clusterCounts: [Int]
    package var families: Set<ClusteringFamily>
    package var eps: Double
    package var minSamples: Int
    package var seed: UInt64
    package var exactLimit: Int
    package var silhouetteSample: Int
    package var wardCoreset: Int
}

/// One candidate model (SEG-21) with its labels renumbered by mean spend (SEG-33) and its metrics (SEG-34 to SEG-38).
package struct CandidateModel: Sendable {
    package var family: ClusteringFamily
    package var k: Int?
    package var labels: [Int32]
    package var clusterCount: Int
    package var noiseCount: Int
    package var silhouette: Double?
    package var daviesBouldin: Double?
    package var calinskiHarabasz: Double?
    package var eligible: Bool

    /// The values as written (NUM-3), which the choice of SEG-39 compares.
    package var writtenSilhouette: Double { eligible ? score(silhouette ?? -1) : -1 }
}

/// The Ward tree with what its leaves are: customers, or coreset points (SEG-51).
package struct SegmentationTree: Sendable {
    package var linkage: WardLinkage
    /// Per customer, its leaf; nil when the leaves are the customers.
    package var leafOfCustomer: [Int32]?
    /// Per leaf, the customer whose id labels it and the leaf's customer count (coreset only).
    package var leafRepresentative: [Int]
    package var leafSizes: [Int]?
}

/// Everything SEG-17 to SEG-53 compute for one request; the endpoints render it.
package struct SegmentationBenchmark: Sendable {
    package let setup: SegmentationSetup
    package let scaling: ZScoreScaling
    package let models: [CandidateModel]
    package let best: Int?
    package let skipped: [(k: Int, reason: String)]
    package let tree: SegmentationTree
    package let approximations: [(quantity: String, method: String, size: Int)]

    /// Labels chosen otherwise than by SEG-39, such as a requested cut of the tree (HIER-5).
    private var labelOverride: [Int32]?

    package mutating func overrideLabels(_ labels: [Int32]) { labelOverride = labels }

    /// The labels the response describes: the best model's, or everyone in cluster 0 (SEG-40).
    package var chosenLabels: [Int32] {
        if let labelOverride { return labelOverride }
        if let best { return models[best].labels }
        return [Int32](repeating: 0, count: setup.features.rows)
    }

    /// `memo`, when given, shares the Ward tree with other setups over the same rows.
    package init(_ setup: SegmentationSetup, memo: SegmentationMemo? = nil) {
        self.setup = setup
        let raw = setup.features
        let n = raw.rows
        let scaling = ZScoreScaling(raw)
        let x = scaling.scaled
        self.scaling = scaling
        let distinct = raw.distinctRowCount
        var feasible: [Int] = []
        var skipped: [(k: Int, reason: String)] = []
        for k in Set(setup.clusterCounts).sorted() {
            if k >= n {
                skipped.append((k, "k_not_below_n"))
            } else if k > distinct {
                skipped.append((k, "k_above_distinct"))
            } else {
                feasible.append(k)
            }
        }
        // SEG-9: with DBSCAN alone, k_range has no effect, so nothing is reported as skipped.
        self.skipped = setup.families.isDisjoint(with: [.kmeans, .gmm, .agglo]) ? [] : skipped
        let exact = n <= setup.exactLimit
        var approximations: [(quantity: String, method: String, size: Int)] = []

        // Labellings in SEG-21 order.
        var candidates: [(ClusteringFamily, Int?, [Int32])] = []
        let needKMeans = setup.families.contains(.kmeans) || setup.families.contains(.gmm)
        // SEG-50's sample, which SEG-66's k-means restarts share.
        let sample: [Int]? = exact || setup.silhouetteSample >= n ? nil : Self.silhouetteSample(n: n, size: setup.silhouetteSample, seed: setup.seed)
        let fitted = needKMeans ? KMeans.fit(x, ks: feasible, seed: setup.seed, sample: sample.map { x.selecting($0) }) : (models: [], sampled: false)
        let kmeans = fitted.models.map(\.labels)
        if fitted.sampled, let sample { approximations.append(("kmeans", "sample", sample.count)) }
        if setup.families.contains(.kmeans) {
            for (index, k) in feasible.enumerated() { candidates.append((.kmeans, k, kmeans[index])) }
        }
        if setup.families.contains(.gmm) {
            let ks = feasible
            let mixtures = concurrentMap(ks.count) { index in
                GaussianMixture.fit(x, k: ks[index], initialLabels: kmeans[index], sample: sample).labels
            }
            if let sample, !ks.isEmpty { approximations.append(("gmm", "sample", sample.count)) }
            for (index, k) in feasible.enumerated() { candidates.append((.gmm, k, mixtures[index])) }
        }
        let key = WardTreeKey(features: raw, coresetSeed: exact ? nil : setup.seed, coresetSize: exact ? nil : setup.wardCoreset)
        let build = { Self.wardTree(x, exact: exact, setup: setup, distinct: distinct) }
        let tree = memo.map { $0.tree(key, build) } ?? build()
        if tree.leafOfCustomer != nil, let sizes = tree.leafSizes {
            approximations.append(("ward", "coreset", sizes.count))
        }
        self.tree = tree
        if setup.families.contains(.agglo) {
            for k in feasible {
                let leafLabels = tree.linkage.cut(clusters: k)
                let labels = tree.leafOfCustomer.map { leaves in leaves.map { leafLabels[Int($0)] } } ?? leafLabels
                candidates.append((.agglo, k, labels))
            }
        }
        if setup.families.contains(.dbscan) {
            candidates.append((.dbscan, nil, DBSCAN(x, eps: setup.eps, minSamples: setup.minSamples).labels))
        }

        // Metrics: one silhouette pass for every labelling without noise, DBSCAN on its own non-noise points.
        // Listed only when a silhouette was computed on it (SEG-53: approximations that changed the computation).
        if let sample, !candidates.isEmpty { approximations.insert(("silhouette", "sample", sample.count), at: 0) }
        self.approximations = approximations
        let spend = (0..<n).map { raw[$0, setup.spendColumn] }
        let renumbered = candidates.map { Self.renumber($0.2, spend: spend) }
        let full = renumbered.indices.filter { candidates[$0].0 != .dbscan }
        let silhouetteRows = sample.map { x.selecting($0) } ?? x
        let fullScores = SilhouetteScore.scores(
            silhouetteRows, labellings: full.map { index in sample.map { $0.map { renumbered[index][$0] } } ?? renumbered[index] })
        var models: [CandidateModel] = []
        for (index, candidate) in candidates.enumerated() {
            let labels = renumbered[index]
            let noise = labels.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
            let clusterCount = Int((labels.max() ?? -1) + 1)
            let silhouette: Double?
            let daviesBouldin: Double?
            let calinskiHarabasz: Double?
            if candidate.0 == .dbscan {
                let kept = (0..<n).filter { labels[$0] >= 0 }
                let points = x.selecting(kept)
                let keptLabels = kept.map { labels[$0] }
                daviesBouldin = DaviesBouldinScore.score(points, labels: keptLabels)
                calinskiHarabasz = CalinskiHarabaszScore.score(points, labels: keptLabels)
                let sampled = sample.map { $0.filter { labels[$0] >= 0 } } ?? kept
                silhouette = SilhouetteScore.scores(x.selecting(sampled), labellings: [sampled.map { labels[$0] }])[0]
            } else {
                daviesBouldin = DaviesBouldinScore.score(x, labels: labels)
                calinskiHarabasz = CalinskiHarabaszScore.score(x, labels: labels)
                silhouette = fullScores[full.firstIndex(of: index)!]
            }
            let defined = silhouette != nil && daviesBouldin != nil && calinskiHarabasz != nil
            models.append(
                CandidateModel(
                    family: candidate.0, k: candidate.1, labels: labels, clusterCount: clusterCount, noiseCount: noise,
                    silhouette: silhouette, daviesBouldin: daviesBouldin, calinskiHarabasz: calinskiHarabasz,
                    eligible: defined && clusterCount >= 2 && 2 * noise <= n))
        }
        self.models = models
        best = Self.choose(models)
    }

    /// SEG-39: highest written silhouette, then lowest written Davies–Bouldin, fewer clusters, family order, smaller k.
    static func choose(_ models: [CandidateModel]) -> Int? {
        var best: Int?
        for (index, model) in models.enumerated() where model.eligible {
            guard let current = best else {
                best = index
                continue
            }
            let a = model
            let b = models[current]
            let keyA = (-a.writtenSilhouette, score(a.daviesBouldin!), a.clusterCount, a.family.rawValue, a.k ?? 0)
            let keyB = (-b.writtenSilhouette, score(b.daviesBouldin!), b.clusterCount, b.family.rawValue, b.k ?? 0)
            if keyA < keyB { best = index }
        }
        return best
    }

    /// SEG-33: clusters renumbered by ascending mean spend, ties by the payload position of their first member.
    package static func renumber(_ labels: [Int32], spend: [Double]) -> [Int32] {
        let count = Int((labels.max() ?? -1) + 1)
        guard count > 0 else { return labels }
        var sums = [Double](repeating: 0, count: count)
        var sizes = [Int](repeating: 0, count: count)
        var first = [Int](repeating: Int.max, count: count)
        for (i, label) in labels.enumerated() where label >= 0 {
            let c = Int(label)
            sums[c] += spend[i]
            sizes[c] += 1
            first[c] = min(first[c], i)
        }
        let present = (0..<count).filter { sizes[$0] > 0 }
        let order = present.sorted { a, b in
            let ma = sums[a] / Double(sizes[a])
            let mb = sums[b] / Double(sizes[b])
            return ma != mb ? ma < mb : first[a] < first[b]
        }
        var map = [Int32](repeating: -1, count: count)
        for (rank, c) in order.enumerated() { map[c] = Int32(rank) }
        return labels.map { $0 < 0 ? -1 : map[Int($0)] }
    }

    /// SEG-50: a partial Fisher–Yates shuffle with the tag-2 generator; the sample in payload order.
    static func silhouetteSample(n: Int, size: Int, seed: UInt64) -> [Int] {
        var rng = KMeans.generator(seed: seed, tag: 2, k: 0, restart: 0)
        var indices = Array(0..<n)
        for p in 0..<size {
            let q = p + Int(rng.next() % UInt64(n - p))
            indices.swapAt(p, q)
        }
        return indices[0..<size].sorted()
    }

    /// SEG-29 on the customers, or above the exact limit on the weighted coreset of SEG-51.
    static func wardTree(_ x: FeatureMatrix, exact: Bool, setup: SegmentationSetup, distinct: Int) -> SegmentationTree {
        let n = x.rows
        if exact {
            return SegmentationTree(linkage: WardLinkage(x), leafOfCustomer: nil, leafRepresentative: Array(0..<n), leafSizes: nil)
        }
        let c = min(setup.wardCoreset, distinct)
        var rng = KMeans.generator(seed: setup.seed, tag: 3, k: 0, restart: 0)
        let seeds = KMeans.seeds(x, k: c, rng: &rng, candidates: 1)
        var centres = x.selecting(seeds).values
        var leafOfCustomer = [Int32](repeating: 0, count: n)
        var distance = [Double](repeating: 0, count: n)
        KMeans.assign(x, centres: centres, k: c, labels: &leafOfCustomer, distance: &distance)
        let (means, sizes) = ClusterCentroids.of(x, labels: leafOfCustomer, clusters: c)
        centres = means
        let points = FeatureMatrix(rows: c, columns: x.columns, values: centres)
        // The leaf's label: its member closest to the coreset point, ties to the earliest.
        var representative = [Int](repeating: -1, count: c)
        var closest = [Double](repeating: .infinity, count: c)
        for i in 0..<n {
            let leaf = Int(leafOfCustomer[i])
            var squares = 0.0
            for f in 0..<x.columns {
                let delta = x[i, f] - centres[leaf * x.columns + f]
                squares += delta * delta
            }
            if squares < closest[leaf] {
                closest[leaf] = squares
                representative[leaf] = i
            }
        }
        return SegmentationTree(
            linkage: WardLinkage(points, weights: sizes.map(Double.init)), leafOfCustomer: leafOfCustomer,
            leafRepresentative: representative, leafSizes: sizes)
    }
}
