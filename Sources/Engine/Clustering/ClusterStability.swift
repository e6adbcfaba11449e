/// SEG-74: how well each eligible model survives a refit on part of the data. Each of three seeded subsamples of
/// m = min(⌊0.8·n⌋, 2,000) customers is clustered again by the model's family with its parameters, on the rows of X;
/// the adjusted Rand index [HubertArabie1985] compares that labelling with the model's own labels of the same
/// customers, and the model's stability is the mean of the three.
enum ClusterStability {
    static let replicates = 3
    static let largestSubsample = 2_000

    static func assess(_ models: [CandidateModel], x: FeatureMatrix, setup: SegmentationSetup) -> [CandidateModel] {
        let n = x.rows
        let m = min(n * 4 / 5, largestSubsample)
        let wanted = models.indices.filter { models[$0].eligible }
        guard m >= 2, !wanted.isEmpty else { return models }
        var totals = [Double](repeating: 0, count: models.count)
        for replicate in 0..<replicates {
            let rows = subsample(n: n, size: m, seed: setup.seed, replicate: replicate)
            let points = x.selecting(rows)
            let refits = refit(points, models: wanted.map { models[$0] }, setup: setup, n: n)
            for (slot, index) in wanted.enumerated() {
                totals[index] += AdjustedRandIndex.score(rows.map { models[index].labels[$0] }, refits[slot])
            }
        }
        var assessed = models
        for index in wanted { assessed[index].stability = totals[index] / Double(replicates) }
        return assessed
    }

    /// A partial Fisher–Yates shuffle with the generator (tag 4, k = 0, restart = replicate); rows in payload order.
    static func subsample(n: Int, size: Int, seed: UInt64, replicate: Int) -> [Int] {
        var rng = KMeans.generator(seed: seed, tag: 4, k: 0, restart: replicate)
        var indices = Array(0..<n)
        for p in 0..<size {
            let q = p + Int(rng.next() % UInt64(n - p))
            indices.swapAt(p, q)
        }
        return indices[0..<size].sorted()
    }

    /// Each model's family refitted on `points`: k-means (SEG-24 to SEG-26), the mixture from those k-means labels
    /// (SEG-27), the cut of one exact Ward tree (SEG-29, SEG-30), DBSCAN with its ε and M scaled by m/n (at least 3,
    /// so that a core point needs the same density).
    private static func refit(_ points: FeatureMatrix, models: [CandidateModel], setup: SegmentationSetup, n: Int) -> [[Int32]] {
        let m = points.rows
        let ks = Set(models.compactMap { $0.family == .kmeans || $0.family == .gmm ? $0.k : nil }).sorted()
        let kmeans = ks.map { KMeans.fit(points, k: $0, seed: setup.seed).labels }
        let tree = models.contains { $0.family == .agglo } ? WardLinkage(points) : nil
        let minSamples = max(3, Int((Double(setup.minSamples) * Double(m) / Double(n)).rounded()))
        @Sendable func kmeansLabels(_ k: Int) -> [Int32] {
            ks.firstIndex(of: k).map { kmeans[$0] } ?? KMeans.fit(points, k: k, seed: setup.seed).labels
        }
        return concurrentMap(models.count) { index in
            let model = models[index]
            switch (model.family, model.k) {
            case (.kmeans, let k?): return kmeansLabels(k)
            case (.gmm, let k?): return GaussianMixture.fit(points, k: k, initialLabels: kmeansLabels(k)).labels
            case (.agglo, let k?): return (tree ?? WardLinkage(points)).cut(clusters: k)
            case (.kmeans, nil), (.gmm, nil), (.agglo, nil): preconditionFailure("a \(model.family) model is fitted with a k")
            case (.dbscan, _): return DBSCAN(points, eps: model.eps ?? setup.eps, minSamples: minSamples).labels
            }
        }
    }
}

/// The adjusted Rand index of two labellings of the same items, as scikit-learn's `adjusted_rand_score` computes it:
/// from the pair confusion matrix in integers, with one division at the end. 1 for equal partitions, about 0 for
/// independent ones. Every label, −1 included, is a cluster.
enum AdjustedRandIndex {
    static func score(_ a: [Int32], _ b: [Int32]) -> Double {
        let n = a.count
        // Labels are −1 … K−1, so label + 1 indexes the contingency table directly.
        let ca = Int(a.max() ?? -1) + 2
        let cb = Int(b.max() ?? -1) + 2
        var table = [Int](repeating: 0, count: ca * cb)
        var sumsA = [Int](repeating: 0, count: ca)
        var sumsB = [Int](repeating: 0, count: cb)
        for i in 0..<n {
            let (p, q) = (Int(a[i]) + 1, Int(b[i]) + 1)
            table[p * cb + q] += 1
            sumsA[p] += 1
            sumsB[q] += 1
        }
        var squares = 0
        var byColumn = 0
        var byRow = 0
        for p in 0..<ca {
            for q in 0..<cb where table[p * cb + q] > 0 {
                let count = table[p * cb + q]
                squares += count * count
                byColumn += count * sumsB[q]
                byRow += count * sumsA[p]
            }
        }
        let tp = squares - n
        let fp = byColumn - squares
        let fn = byRow - squares
        let tn = n * n - fp - fn - squares
        if fn == 0 && fp == 0 { return 1 }
        return Double(2 * (tp * tn - fn * fp)) / Double((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))
    }
}
