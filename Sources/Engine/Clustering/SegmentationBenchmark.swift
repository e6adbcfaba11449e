/// The clustering families of SEG-21, in their fixed order.
package enum ClusteringFamily: Int, Sendable, CaseIterable, Comparable {
    case kmeans, gmm, agglo, dbscan

    package var requestName: String { ["kmeans", "gmm", "agglo", "dbscan"][rawValue] }
    package var displayName: String { ["KMeans", "GaussianMixture", "Agglomerative", "DBSCAN"][rawValue] }
    package static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// What to benchmark: the customers' features in original units, which columns play the persona roles (SEG-17),
/// and the parameters of SEG-4 / SEG-10 and SEG-68 to SEG-74.
package struct SegmentationSetup: Sendable, Equatable {
    package var features: FeatureMatrix
    /// The request's name of each column, for `preprocessing` (SEG-68).
    package var featureNames: [String]
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
    package var tuning = SegmentationTuning()

    /// Whether a run of this setup answers `other` too: equal but for stability, which this one computed if `other`
    /// asks for it.
    func servesWithoutStability(_ other: SegmentationSetup) -> Bool {
        var mine = self
        mine.tuning.stability = other.tuning.stability
        return mine == other && (tuning.stability || !other.tuning.stability)
    }
}

/// One candidate model (SEG-21) with its labels renumbered by mean spend (SEG-33) and its metrics (SEG-34 to SEG-38).
package struct CandidateModel: Sendable {
    package var family: ClusteringFamily
    package var k: Int?
    /// DBSCAN's ε for this try (SEG-72); nil for the other families.
    package var eps: Double?
    package var labels: [Int32]
    package var clusterCount: Int
    package var noiseCount: Int
    package var silhouette: Double?
    package var daviesBouldin: Double?
    package var calinskiHarabasz: Double?
    /// Why the model may not be chosen (SEG-71); empty when it is eligible.
    package var reasons: [IneligibleReason]
    /// SEG-74's mean adjusted Rand index, when requested and the model is eligible.
    package var stability: Double?

    package var eligible: Bool { reasons.isEmpty }
    /// SEG-72: eligible with a written silhouette of at least 0.35, the source's mark of a usable run.
    package var isGood: Bool { eligible && writtenSilhouette >= 0.35 }
    /// SEG-38: metrics defined and at most half noise; only such a model has a written silhouette.
    package var valid: Bool { !reasons.contains(.metricsUndefined) && !reasons.contains(.noiseOverHalf) }

    /// The values as written (NUM-3), which the choice of SEG-39 compares.
    package var writtenSilhouette: Double { valid ? score(silhouette ?? -1) : -1 }
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

/// Everything SEG-17 to SEG-53 and SEG-68 to SEG-74 compute for one request; the endpoints render it.
package struct SegmentationBenchmark: Sendable {
    package let setup: SegmentationSetup
    /// The population in original units, against which personas are read (SEG-41).
    package let scaling: ZScoreScaling
    /// The transform applied to each column before z-scoring (SEG-68, SEG-69).
    package let transforms: [FeatureTransform]
    package let models: [CandidateModel]
    package let best: Int?
    /// True when no model met the caps and the best one was chosen by SEG-73's fallback.
    package let fallback: Bool
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
        self.scaling = scaling
        let transforms = setup.tuning.preprocessing.transforms(for: raw, names: setup.featureNames)
        self.transforms = transforms
        let prepared = raw.transformed(transforms)
        let x = prepared == raw ? scaling.scaled : ZScoreScaling(prepared).scaled
        let distinct = raw.distinctRowCount
        let (feasible, skipped) = Self.feasible(setup.clusterCounts, n: n, distinct: distinct)
        // SEG-9: with DBSCAN alone, k_range has no effect, so nothing is reported as skipped.
        self.skipped = setup.families.isDisjoint(with: [.kmeans, .gmm, .agglo]) ? [] : skipped
        let exact = n <= setup.exactLimit
        var approximations: [(quantity: String, method: String, size: Int)] = []

        // SEG-50's sample, which SEG-66's k-means restarts share.
        let sample: [Int]? = exact || setup.silhouetteSample >= n ? nil : Self.silhouetteSample(n: n, size: setup.silhouetteSample, seed: setup.seed)
        let key = WardTreeKey(features: prepared, coresetSeed: exact ? nil : setup.seed, coresetSize: exact ? nil : setup.wardCoreset)
        let build = { Self.wardTree(x, exact: exact, setup: setup, distinct: distinct) }
        let tree = memo.map { $0.tree(key, build) } ?? build()
        self.tree = tree
        let context = EvaluationContext(x: x, spend: (0..<n).map { raw[$0, setup.spendColumn] }, sample: sample, selection: setup.tuning.selection)
        let fitted = Self.partitions(x, ks: feasible, setup: setup, sample: sample, tree: tree)
        var models = context.evaluate(fitted.candidates)
        if setup.families.contains(.dbscan) {
            let first = DBSCAN(x, eps: setup.eps, minSamples: setup.minSamples).labels
            models += context.evaluate([(.dbscan, nil, setup.eps, first)])
            if setup.tuning.autoTune {
                models += Self.narrowingSearch(x, from: models[models.count - 1], before: models.dropLast(), setup: setup, context: context)
            }
        }
        var kMeansSampled = fitted.kMeansSampled
        var gmmSampled = fitted.gmmSampled
        // SEG-72: widen k once when no model is good enough.
        let wider = Self.widening(models, feasible: feasible, setup: setup, n: n, distinct: distinct)
        if setup.tuning.autoTune, !wider.isEmpty {
            let extra = Self.partitions(x, ks: wider, setup: setup, sample: sample, tree: tree)
            kMeansSampled = kMeansSampled || extra.kMeansSampled
            gmmSampled = gmmSampled || extra.gmmSampled
            models = Self.ordered(models + context.evaluate(extra.candidates))
        }
        if let sample, !models.isEmpty { approximations.append(("silhouette", "sample", sample.count)) }
        if kMeansSampled, let sample { approximations.append(("kmeans", "sample", sample.count)) }
        if gmmSampled, let sample { approximations.append(("gmm", "sample", sample.count)) }
        if tree.leafOfCustomer != nil, let sizes = tree.leafSizes { approximations.append(("ward", "coreset", sizes.count)) }
        self.approximations = approximations
        let choice = Self.choose(models)
        best = choice.index
        fallback = choice.fallback
        if setup.tuning.stability { models = ClusterStability.assess(models, x: x, setup: setup) }
        self.models = models
    }

    /// SEG-22: the k values that can be fitted, and why the others are skipped.
    static func feasible(_ ks: [Int], n: Int, distinct: Int) -> (ks: [Int], skipped: [(k: Int, reason: String)]) {
        var feasible: [Int] = []
        var skipped: [(k: Int, reason: String)] = []
        for k in Set(ks).sorted() {
            if k >= n {
                skipped.append((k, "k_not_below_n"))
            } else if k > distinct {
                skipped.append((k, "k_above_distinct"))
            } else {
                feasible.append(k)
            }
        }
        return (feasible, skipped)
    }

    /// The k-based families' labellings for `ks`, in SEG-21 order.
    static func partitions(_ x: FeatureMatrix, ks: [Int], setup: SegmentationSetup, sample: [Int]?, tree: SegmentationTree) -> (
        candidates: [Labelling], kMeansSampled: Bool, gmmSampled: Bool
    ) {
        var candidates: [Labelling] = []
        let needKMeans = setup.families.contains(.kmeans) || setup.families.contains(.gmm)
        let fitted = needKMeans ? KMeans.fit(x, ks: ks, seed: setup.seed, sample: sample.map { x.selecting($0) }) : (models: [], sampled: false)
        let kmeans = fitted.models.map(\.labels)
        if setup.families.contains(.kmeans) {
            for (index, k) in ks.enumerated() { candidates.append((.kmeans, k, nil, kmeans[index])) }
        }
        if setup.families.contains(.gmm) {
            let mixtures = concurrentMap(ks.count) { index in
                GaussianMixture.fit(x, k: ks[index], initialLabels: kmeans[index], sample: sample).labels
            }
            for (index, k) in ks.enumerated() { candidates.append((.gmm, k, nil, mixtures[index])) }
        }
        if setup.families.contains(.agglo) {
            for k in ks {
                let leafLabels = tree.linkage.cut(clusters: k)
                let labels = tree.leafOfCustomer.map { leaves in leaves.map { leafLabels[Int($0)] } } ?? leafLabels
                candidates.append((.agglo, k, nil, labels))
            }
        }
        return (candidates, fitted.sampled, setup.families.contains(.gmm) && sample != nil && !ks.isEmpty)
    }

    /// SEG-72 (1): the source's tip, for DBSCAN. While no model so far is good (eligible, written silhouette ≥ 0.35)
    /// or the last try holds most customers in one cluster, and the last try is not good and its noise is within the
    /// cap, ε steps down by 0.05, at most seven times and while it stays above 0. (A smaller ε only adds noise, so a
    /// try already over the noise cap ends the search.)
    static func narrowingSearch(
        _ x: FeatureMatrix, from first: CandidateModel, before: ArraySlice<CandidateModel>, setup: SegmentationSetup, context: EvaluationContext
    )
        -> [CandidateModel]
    {
        var tries: [CandidateModel] = []
        var last = first
        var anyGood = before.contains(where: \.isGood) || first.isGood
        let cap = setup.tuning.selection.maxNoiseShare
        for step in 1...7 {
            let dominated = last.reasons.contains(.largestSegmentOverCap)
            guard !last.isGood, !anyGood || dominated, Double(last.noiseCount) / Double(x.rows) <= cap else { break }
            let eps = (100 * setup.eps - 5 * Double(step)) / 100
            guard eps > 0 else { break }
            last = context.evaluate([(.dbscan, nil, eps, DBSCAN(x, eps: eps, minSamples: setup.minSamples).labels)])[0]
            anyGood = anyGood || last.isGood
            tries.append(last)
        }
        return tries
    }

    /// SEG-72 (2): when no model of the run is good, the three k values above the largest requested one (at most 30)
    /// that are feasible and not yet fitted.
    static func widening(_ models: [CandidateModel], feasible: [Int], setup: SegmentationSetup, n: Int, distinct: Int) -> [Int] {
        guard !setup.families.isDisjoint(with: [.kmeans, .gmm, .agglo]), let top = setup.clusterCounts.max() else { return [] }
        if models.contains(where: \.isGood) { return [] }
        return ((top + 1)...(top + 3)).filter { $0 <= 30 && $0 < n && $0 <= distinct && !feasible.contains($0) }
    }

    /// SEG-21's order: k-based families in family order and ascending k, then DBSCAN's tries in the order made.
    static func ordered(_ models: [CandidateModel]) -> [CandidateModel] {
        models.indices.sorted { a, b in
            let (ma, mb) = (models[a], models[b])
            if ma.family != mb.family { return ma.family < mb.family }
            if let ka = ma.k, let kb = mb.k, ka != kb { return ka < kb }
            return a < b
        }.map { models[$0] }
    }

    /// SEG-39 among the eligible models; when there is none, SEG-73: among the SEG-38-valid models, the fewest
    /// reasons first, then SEG-39's order.
    static func choose(_ models: [CandidateModel]) -> (index: Int?, fallback: Bool) {
        if let best = choose(models, among: { $0.eligible }) { return (best, false) }
        return (choose(models, among: { $0.valid }), true)
    }

    private static func choose(_ models: [CandidateModel], among included: (CandidateModel) -> Bool) -> Int? {
        var best: Int?
        for (index, model) in models.enumerated() where included(model) {
            guard let current = best else {
                best = index
                continue
            }
            let a = model
            let b = models[current]
            let keyA = (a.reasons.count, -a.writtenSilhouette, score(a.daviesBouldin!), a.clusterCount, a.family.rawValue, a.k ?? 0)
            let keyB = (b.reasons.count, -b.writtenSilhouette, score(b.daviesBouldin!), b.clusterCount, b.family.rawValue, b.k ?? 0)
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
