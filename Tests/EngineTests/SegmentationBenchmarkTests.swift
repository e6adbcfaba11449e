import Testing

@testable import Engine

@Suite("Segmentation benchmark pipeline (SEG-21 to SEG-40, SEG-49 to SEG-53)")
struct SegmentationBenchmarkTests {
    /// A benchmark-dialect setup: columns frequency, amount_spent, product types (SEG-17).
    static func setup(
        _ raw: FeatureMatrix, ks: [Int] = [2, 3, 4, 5], families: Set<ClusteringFamily> = Set(ClusteringFamily.allCases), eps: Double = 0.5,
        minSamples: Int = 4, seed: UInt64 = 42, exactLimit: Int = 20_000, silhouetteSample: Int = 10_000, wardCoreset: Int = 2_000
    ) -> SegmentationSetup {
        SegmentationSetup(
            features: raw, featureNames: ["frequency", "amount_spent", "product_type_count"], spendColumn: 1, frequencyColumn: 0,
            breadthColumn: 2, recencyColumn: nil, clusterCounts: ks, families: families, eps: eps, minSamples: minSamples, seed: seed,
            exactLimit: exactLimit, silhouetteSample: silhouetteSample, wardCoreset: wardCoreset, tuning: .untuned)
    }

    /// n customers from four purchasing profiles, with integer frequencies and breadths and spend in cents.
    static func customers(_ n: Int, seed: UInt64) -> FeatureMatrix {
        var rng = SplitMix64(seed: seed)
        let profiles: [[Double]] = [[3, 200, 1], [12, 900, 3], [25, 2500, 2], [30, 5000, 6]]
        return FeatureMatrix(
            (0..<n).map { i in
                let p = profiles[i % 4]
                return [
                    max(1, (p[0] + 3 * rng.normal()).rounded()), max(0, (p[1] * (1 + 0.25 * rng.normal()) * 100).rounded() / 100),
                    max(1, (p[2] + rng.normal()).rounded()),
                ]
            })
    }

    /// SEG-18 written out.
    static func naiveScaled(_ raw: FeatureMatrix) -> [[Double]] {
        let rows = raw.rowArrays
        var out = rows
        let n = Double(rows.count)
        for f in 0..<raw.columns {
            let column = rows.map { $0[f] }
            if column.allSatisfy({ $0 == column[0] }) {
                for i in rows.indices { out[i][f] = 0 }
                continue
            }
            let mean = column.reduce(0, +) / n
            let deviation = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n).squareRoot()
            for i in rows.indices { out[i][f] = (column[i] - mean) / deviation }
        }
        return out
    }

    /// SEG-50: partial Fisher–Yates with the generator (2, 0, 0), the sample in payload order.
    static func naiveSample(n: Int, size: Int, seed: UInt64) -> [Int] {
        var rng = segGenerator(seed: seed, tag: 2, k: 0, restart: 0)
        var indices = Array(0..<n)
        for p in 0..<size { indices.swapAt(p, p + Int(rng.next() % UInt64(n - p))) }
        return indices[0..<size].sorted()
    }

    /// SEG-33 holds: ids ascend with mean spend, equal means by first member; noise stays −1.
    static func numberedBySpend(_ labels: [Int32], spend: [Double]) -> Bool {
        let k = Int((labels.max() ?? -1) + 1)
        let clusters = (0..<k).map { c in labels.indices.filter { labels[$0] == Int32(c) } }
        guard clusters.allSatisfy({ !$0.isEmpty }) else { return false }
        let means: [Double] = clusters.map { members in members.map { spend[$0] }.reduce(0, +) / Double(members.count) }
        for c in 0..<max(0, k - 1) {
            let (low, high): (Double, Double) = (means[c], means[c + 1])
            if low > high || (low == high && clusters[c][0] > clusters[c + 1][0]) { return false }
        }
        return true
    }

    func describe(_ approximations: [(quantity: String, method: String, size: Int)]) -> [String] {
        approximations.map { "\($0.quantity) \($0.method) \($0.size)" }
    }

    @Test("Benchmark: the spec's benchmark-dialect example, metrics and labels as written")
    func specExample() {
        let raw = FeatureMatrix([
            [28, 4120.75, 4], [6, 540.20, 2], [25, 2610.00, 3], [9, 612.40, 3], [30, 4522.60, 4],
            [8, 575.00, 2], [22, 2544.90, 2], [11, 630.10, 3], [21, 2480.35, 2], [7, 498.00, 1],
        ])
        let result = SegmentationBenchmark(Self.setup(raw, ks: [4, 3], families: [.kmeans, .agglo, .dbscan], eps: 0.4, minSamples: 5))
        let rows = result.models.map { model in
            "\(model.family.requestName) \(model.k.map(String.init) ?? "-") \(model.writtenSilhouette) "
                + "\(model.daviesBouldin.map(score) ?? -9) \(model.calinskiHarabasz.map(score) ?? -9) \(model.clusterCount) \(model.eligible)"
        }
        #expect(
            rows == [
                "kmeans 3 0.5876 0.4982 19.8706 3 true", "kmeans 4 0.6444 0.3952 31.0823 4 true", "agglo 3 0.5876 0.4982 19.8706 3 true",
                "agglo 4 0.6444 0.3952 31.0823 4 true", "dbscan - -1.0 -9.0 -9.0 0 false",
            ])
        #expect(result.models[4].noiseCount == 10)
        #expect(result.best == 1)
        #expect(result.chosenLabels == [3, 0, 2, 1, 3, 0, 2, 1, 2, 0])
        #expect(result.skipped.isEmpty && result.approximations.isEmpty)
    }

    /// The spec's features-dialect example: purchase_total, visit_frequency, avg_ticket, product_diversity,
    /// loyalty_score, recency_days.
    static let featuresExample = FeatureMatrix([
        [17850.55, 62, 287.91, 36, 0.97, 3], [16120.40, 55, 293.10, 31, 0.92, 5], [4210.00, 24, 175.42, 12, 0.55, 14],
        [3890.75, 21, 185.27, 10, 0.48, 20], [4475.30, 26, 172.13, 14, 0.60, 9], [395.90, 3, 131.97, 2, 0.05, 210],
        [512.00, 4, 128.00, 3, 0.10, 185], [288.15, 2, 144.08, 2, 0.00, 240],
    ])

    static func featuresSetup(_ raw: FeatureMatrix, ks: [Int]) -> SegmentationSetup {
        SegmentationSetup(
            features: raw, featureNames: PurchasingSegmentation.featureNames, spendColumn: 0, frequencyColumn: 1, breadthColumn: 3,
            recencyColumn: 5, clusterCounts: ks, families: Set(ClusteringFamily.allCases), eps: 0.4, minSamples: 5, seed: 42,
            exactLimit: 20_000, silhouetteSample: 10_000, wardCoreset: 2_000, tuning: .untuned)
    }

    @Test("Benchmark: the spec's features-dialect example (six features), metrics and labels as written")
    func featuresExample() {
        let result = SegmentationBenchmark(Self.featuresSetup(Self.featuresExample, ks: [2, 3]))
        let rows = result.models.map { model in
            "\(model.family.displayName) \(model.k.map(String.init) ?? "-") \(model.writtenSilhouette) "
                + "\(model.daviesBouldin.map(score) ?? -9) \(model.calinskiHarabasz.map(score) ?? -9) \(model.clusterCount) \(model.eligible)"
        }
        #expect(
            rows == [
                "KMeans 2 0.6617 0.3635 16.0948 2 true", "KMeans 3 0.8481 0.1514 197.8214 3 true",
                "GaussianMixture 2 0.6617 0.3635 16.0948 2 true", "GaussianMixture 3 0.8481 0.1514 197.8214 3 true",
                "Agglomerative 2 0.6617 0.3635 16.0948 2 true", "Agglomerative 3 0.8481 0.1514 197.8214 3 true",
                "DBSCAN - -1.0 -9.0 -9.0 0 false",
            ])
        #expect(result.models[6].noiseCount == 8)
        #expect(result.best == 1)
        #expect(result.chosenLabels == [2, 2, 1, 1, 1, 0, 0, 0])
    }

    @Test("Benchmark: every model equals its naive counterpart, metrics included, and the best follows SEG-39")
    func exactPipelineMatchesNaive() {
        let raw = Self.customers(96, seed: 121)
        let result = SegmentationBenchmark(Self.setup(raw, ks: [5, 2, 3, 3, 4]))
        let x = Self.naiveScaled(raw)
        let n = x.count
        let spend = (0..<n).map { raw[$0, 1] }
        let ks = [2, 3, 4, 5]
        let ward = NaiveWard(x)
        var expected: [(family: ClusteringFamily, k: Int?, labels: [Int32])] = []
        let kmeans = ks.map { naiveKMeans(x, k: $0, seed: 42).labels }
        for (index, k) in ks.enumerated() { expected.append((.kmeans, k, kmeans[index])) }
        for (index, k) in ks.enumerated() { expected.append((.gmm, k, NaiveMixture.fit(x, k: k, initial: kmeans[index]).labels)) }
        for k in ks { expected.append((.agglo, k, ward.partitions[k]!.map(Int32.init))) }
        expected.append((.dbscan, nil, naiveDBSCAN(x, eps: 0.5, minSamples: 4)))
        #expect(result.models.count == expected.count)
        #expect(result.approximations.isEmpty && result.skipped.isEmpty)
        #expect(result.tree.leafOfCustomer == nil && result.tree.linkage.leaves == n)

        var keys: [(Double, Double, Int, Int, Int)?] = []
        for (model, reference) in zip(result.models, expected) {
            let name = "\(reference.family.requestName) \(reference.k ?? 0)"
            #expect(model.family == reference.family && model.k == reference.k, "\(name)")
            #expect(sameUpToRenaming(model.labels, reference.labels), "\(name)")
            #expect(model.labels.map { $0 < 0 } == reference.labels.map { $0 < 0 }, "\(name)")
            #expect(Self.numberedBySpend(model.labels, spend: spend), "\(name)")
            let kept = (0..<n).filter { reference.labels[$0] >= 0 }
            let points = kept.map { x[$0] }
            let labels = kept.map { reference.labels[$0] }
            let silhouette = naiveSilhouette(points, labels)
            let daviesBouldin = naiveDaviesBouldin(points, labels)
            let calinskiHarabasz = naiveCalinskiHarabasz(points, labels)
            #expect(isClose(model.silhouette, silhouette), "\(name)")
            #expect(isClose(model.daviesBouldin, daviesBouldin), "\(name)")
            #expect(isClose(model.calinskiHarabasz, calinskiHarabasz), "\(name)")
            let noise = n - kept.count
            let clusters = Set(labels).count
            let eligible = silhouette != nil && daviesBouldin != nil && calinskiHarabasz != nil && 2 * noise <= n
            #expect(model.clusterCount == clusters && model.noiseCount == noise && model.eligible == eligible, "\(name)")
            keys.append(
                eligible ? (-score(silhouette!), score(daviesBouldin!), clusters, reference.family.rawValue, reference.k ?? 0) : nil)
        }
        var best: Int? = nil
        for (index, key) in keys.enumerated() {
            guard let key else { continue }
            if best == nil || key < keys[best!]! { best = index }
        }
        #expect(best != nil)
        #expect(result.best == best)
        // DBSCAN found clusters and noise here, so its silhouette is over its non-noise points only.
        #expect(result.models.last!.noiseCount > 0 && result.models.last!.clusterCount >= 2)
    }

    @Test("Benchmark above exact_limit: silhouette on SEG-50's sample, Ward on SEG-51's coreset, SEG-53's list")
    func approximations() {
        let raw = Self.customers(100, seed: 131)
        let seed: UInt64 = 7
        let result = SegmentationBenchmark(
            Self.setup(raw, ks: [2, 3, 4], seed: seed, exactLimit: 40, silhouetteSample: 25, wardCoreset: 10))
        #expect(describe(result.approximations) == ["silhouette sample 25", "kmeans sample 25", "gmm sample 25", "ward coreset 10"])
        let x = Self.naiveScaled(raw)
        let n = x.count

        // SEG-50: the same sample for every model; DBSCAN scored on the sample's non-noise points.
        let sample = Self.naiveSample(n: n, size: 25, seed: seed)
        #expect(SegmentationBenchmark.silhouetteSample(n: n, size: 25, seed: seed) == sample)
        #expect(Set(sample).count == 25)
        for model in result.models {
            let kept = model.family == .dbscan ? sample.filter { model.labels[$0] >= 0 } : sample
            #expect(isClose(model.silhouette, naiveSilhouette(kept.map { x[$0] }, kept.map { model.labels[$0] })), "\(model.family) \(model.k ?? 0)")
            // Davies–Bouldin and Calinski–Harabasz stay exact (SEG-52).
            let all = (0..<n).filter { model.labels[$0] >= 0 }
            #expect(isClose(model.daviesBouldin, naiveDaviesBouldin(all.map { x[$0] }, all.map { model.labels[$0] })))
            #expect(isClose(model.calinskiHarabasz, naiveCalinskiHarabasz(all.map { x[$0] }, all.map { model.labels[$0] })))
        }

        // SEG-66: the ten restarts on the sample rows, then Lloyd on every row from the kept centres; the mixture
        // starts from that model.
        for model in result.models where model.family == .kmeans {
            let start = naiveKMeans(sample.map { x[$0] }, k: model.k!, seed: seed)
            let refined = naiveLloyd(x, centres: start.centres)
            #expect(sameUpToRenaming(model.labels, refined.labels), "k \(model.k!)")
            // SEG-67: the mixture starts from that model's labels on the sample, then runs on every row.
            let mixture = result.models.first { $0.family == .gmm && $0.k == model.k }!
            #expect(sameUpToRenaming(mixture.labels, NaiveMixture.fit(x, k: model.k!, initial: refined.labels, sample: sample).labels))
        }

        // SEG-51: plain k-means++ seeds with the generator (3, 0, 0), customers to the nearest seed (ties to the
        // first chosen), coreset points the means, numbered in seed order.
        var rng = segGenerator(seed: seed, tag: 3, k: 0, restart: 0)
        let seeds = naiveGreedySeeds(x, k: 10, rng: &rng, candidates: 1)
        let leaf = x.map { point in
            seeds.indices.reduce(0) { naiveSquaredDistance(point, x[seeds[$1]]) < naiveSquaredDistance(point, x[seeds[$0]]) ? $1 : $0 }
        }
        #expect(result.tree.leafOfCustomer == leaf.map(Int32.init))
        let members = (0..<10).map { c in (0..<n).filter { leaf[$0] == c } }
        #expect(result.tree.leafSizes == members.map(\.count))
        #expect(result.tree.leafSizes?.reduce(0, +) == n)
        let centres = members.map { naiveMean($0.map { x[$0] }) }
        let representatives = (0..<10).map { c in
            members[c].reduce(members[c][0]) { naiveSquaredDistance(x[$1], centres[c]) < naiveSquaredDistance(x[$0], centres[c]) ? $1 : $0 }
        }
        #expect(result.tree.leafRepresentative == representatives)

        // SEG-29 on the weighted coreset, and every customer takes its leaf's cluster.
        let ward = NaiveWard(centres, weights: members.map { Double($0.count) })
        #expect(result.tree.linkage.leaves == 10)
        for (merge, row) in zip(result.tree.linkage.merges, ward.rows) {
            #expect(merge.left == row.left && merge.right == row.right && merge.size == row.size)
            #expect(isClose(merge.height, row.height))
        }
        for model in result.models where model.family == .agglo {
            let k = model.k!
            #expect(sameUpToRenaming(model.labels, leaf.map { ward.partitions[k]![$0] }))
            for c in 0..<10 { #expect(Set(members[c].map { model.labels[$0] }).count == 1) }
        }
    }

    @Test("Benchmark above exact_limit: a sample as large as n is no approximation; the coreset is capped at the distinct count")
    func approximationBounds() {
        let raw = Self.customers(100, seed: 141)
        let full = SegmentationBenchmark(Self.setup(raw, ks: [3], exactLimit: 40, silhouetteSample: 100, wardCoreset: 10))
        #expect(describe(full.approximations) == ["ward coreset 10"])
        let x = Self.naiveScaled(raw)
        for model in full.models where model.family != .dbscan { #expect(isClose(model.silhouette, naiveSilhouette(x, model.labels))) }

        // Eight distinct customers, each seven or eight times.
        let distinct = Self.customers(8, seed: 142).rowArrays
        let repeated = FeatureMatrix((0..<60).map { distinct[($0 * 5) % 8] })
        let capped = SegmentationBenchmark(Self.setup(repeated, ks: [2, 3], exactLimit: 40, silhouetteSample: 30, wardCoreset: 10))
        #expect(describe(capped.approximations) == ["silhouette sample 30", "kmeans sample 30", "gmm sample 30", "ward coreset 8"])
        #expect(capped.tree.leafSizes?.sorted() == [7, 7, 7, 7, 8, 8, 8, 8])
        // Every coreset point holds copies of one customer.
        let leaves = capped.tree.leafOfCustomer!
        #expect(sameUpToRenaming(leaves, (0..<60).map { ($0 * 5) % 8 }))

        // SEG-66: a sample of two rows cannot hold three clusters, so k = 3 runs its restarts on every row.
        let tiny = SegmentationBenchmark(Self.setup(repeated, ks: [3], exactLimit: 40, silhouetteSample: 2, wardCoreset: 10))
        #expect(describe(tiny.approximations) == ["silhouette sample 2", "gmm sample 2", "ward coreset 8"])
        let threes = tiny.models.filter { $0.family == .kmeans }
        #expect(threes.count == 1 && sameUpToRenaming(threes[0].labels, naiveKMeans(Self.naiveScaled(repeated), k: 3, seed: 42).labels))
    }

    @Test("Benchmark at or below exact_limit is exact: no approximations, customers are the leaves")
    func exactBelowLimit() {
        let raw = Self.customers(100, seed: 131)
        let result = SegmentationBenchmark(Self.setup(raw, ks: [2, 3, 4], seed: 7, exactLimit: 100, silhouetteSample: 25, wardCoreset: 10))
        #expect(result.approximations.isEmpty)
        #expect(result.tree.leafOfCustomer == nil && result.tree.leafSizes == nil)
        #expect(result.tree.linkage.leaves == 100 && result.tree.leafRepresentative == Array(0..<100))
        let x = Self.naiveScaled(raw)
        for model in result.models {
            let kept = (0..<100).filter { model.labels[$0] >= 0 }
            #expect(isClose(model.silhouette, naiveSilhouette(kept.map { x[$0] }, kept.map { model.labels[$0] })))
        }
    }

    @Test("Benchmark: infeasible k are skipped with their reason; DBSCAN alone reports none (SEG-9, SEG-22)")
    func skippedValues() {
        // Five customers, three distinct vectors.
        let raw = FeatureMatrix([[1, 10, 1], [1, 10, 1], [5, 80, 2], [9, 300, 3], [9, 300, 3]])
        let result = SegmentationBenchmark(Self.setup(raw, ks: [6, 2, 4, 3, 5, 3], families: [.kmeans, .agglo], minSamples: 3))
        #expect(result.skipped.map { "\($0.k) \($0.reason)" } == ["4 k_above_distinct", "5 k_not_below_n", "6 k_not_below_n"])
        #expect(result.models.map { "\($0.family.requestName) \($0.k!)" } == ["kmeans 2", "kmeans 3", "agglo 2", "agglo 3"])
        let dbscanOnly = SegmentationBenchmark(Self.setup(raw, ks: [6, 2], families: [.dbscan], minSamples: 3))
        #expect(dbscanOnly.skipped.isEmpty)
        #expect(dbscanOnly.models.map(\.family) == [.dbscan])
    }

    @Test("Benchmark: identical customers or one customer give no eligible model and everyone in cluster 0 (SEG-40, SEG-65)")
    func degenerate() {
        let same = SegmentationBenchmark(Self.setup(FeatureMatrix([[Double]](repeating: [4, 120.5, 2], count: 6)), ks: [2, 3, 6], minSamples: 3))
        #expect(same.skipped.map { "\($0.k) \($0.reason)" } == ["2 k_above_distinct", "3 k_above_distinct", "6 k_not_below_n"])
        #expect(same.models.map(\.family) == [.dbscan])
        #expect(same.models[0].clusterCount == 1 && !same.models[0].eligible && same.models[0].writtenSilhouette == -1)
        #expect(same.best == nil && same.chosenLabels == [0, 0, 0, 0, 0, 0])
        #expect(same.tree.linkage.merges.allSatisfy { $0.height == 0 })

        let one = SegmentationBenchmark(Self.setup(FeatureMatrix([[4, 120.5, 2]]), ks: [2, 3]))
        #expect(one.skipped.map(\.reason) == ["k_not_below_n", "k_not_below_n"])
        #expect(one.models.count == 1 && one.models[0].noiseCount == 1 && !one.models[0].eligible)
        #expect(one.best == nil && one.chosenLabels == [0] && one.tree.linkage.merges.isEmpty)
    }

    @Test("Benchmark: the same setup twice gives the same models bit for bit (GEN-5)")
    func deterministic() {
        let setup = Self.setup(Self.customers(64, seed: 151), ks: [2, 3, 4], exactLimit: 30, silhouetteSample: 20, wardCoreset: 12)
        let a = SegmentationBenchmark(setup)
        let b = SegmentationBenchmark(setup)
        #expect(a.models.map(\.labels) == b.models.map(\.labels))
        #expect(a.models.map(\.silhouette) == b.models.map(\.silhouette))
        #expect(a.models.map(\.daviesBouldin) == b.models.map(\.daviesBouldin))
        #expect(a.best == b.best && a.tree.linkage.merges == b.tree.linkage.merges)
    }
}
