import Foundation
import Testing

@testable import Engine

@Suite("Preprocessing, caps, tuning and stability (SEG-68 to SEG-75)")
struct SegmentationTuningTests {
    /// A heavy-tailed base: log-normal spend and geometric visit counts, as real customer bases are.
    static func heavyTailed(_ n: Int, seed: UInt64) -> FeatureMatrix {
        var rng = SplitMix64(seed: seed)
        return FeatureMatrix(
            (0..<n).map { _ in
                let visits = (1 + (-log(1 - rng.uniform()) * 2.5).rounded(.down))
                let spend = (exp(3.5 + 1.1 * rng.normal()) * visits * 100).rounded() / 100
                let breadth = max(1, min(visits, (1 + rng.uniform() * 4).rounded(.down)))
                return [visits, spend, breadth]
            })
    }

    static func setup(_ raw: FeatureMatrix, tuning: SegmentationTuning = SegmentationTuning()) -> SegmentationSetup {
        var setup = SegmentationBenchmarkTests.setup(raw, ks: [3, 4, 5, 6], eps: 0.4, minSamples: 5)
        setup.tuning = tuning
        return setup
    }

    static func shares(_ labels: [Int32]) -> [Double] {
        let k = Int((labels.max() ?? -1) + 1)
        var sizes = [Int](repeating: 0, count: k)
        for label in labels where label >= 0 { sizes[Int(label)] += 1 }
        return sizes.map { Double($0) / Double(labels.count) }
    }

    @Test("SEG-69: G1 and its standard error decide log1p; small, constant or negative columns stay untransformed")
    func automaticTransform() throws {
        let skewed = FeatureMatrix([1, 1, 2, 2, 2, 3, 3, 4, 5, 40].map { [$0] })
        // g1 = m3 / m2^1.5 from population moments, then G1 = g1·√(n(n−1))/(n−2).
        let values: [Double] = [1, 1, 2, 2, 2, 3, 3, 4, 5, 40]
        let mean = values.reduce(0, +) / 10
        let m2 = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 10
        let m3 = values.map { ($0 - mean) * ($0 - mean) * ($0 - mean) }.reduce(0, +) / 10
        let expected = m3 / (m2 * m2.squareRoot()) * (90.0).squareRoot() / 8
        let g = try #require(PreprocessingChoice.adjustedSkewness(skewed, column: 0))
        #expect(abs(g - expected) < 1e-12 && g > 2.5)
        #expect(PreprocessingChoice.automatic(skewed, column: 0) == .log1p)
        let symmetric = FeatureMatrix([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map { [$0] })
        #expect(PreprocessingChoice.automatic(symmetric, column: 0) == FeatureTransform.none)
        #expect(PreprocessingChoice.automatic(FeatureMatrix([[1], [100]]), column: 0) == FeatureTransform.none)
        #expect(PreprocessingChoice.automatic(FeatureMatrix([[3], [3], [3], [3]]), column: 0) == FeatureTransform.none)
        #expect(PreprocessingChoice.automatic(FeatureMatrix([[-1], [0], [0], [0], [50]]), column: 0) == FeatureTransform.none)
        // Three moderately skewed values: G1 above 1 but within two standard errors.
        #expect(PreprocessingChoice.automatic(FeatureMatrix([[1], [2], [6]]), column: 0) == FeatureTransform.none)
    }

    @Test("SEG-68: an explicit choice names features; the others stay untransformed")
    func explicitChoice() {
        let raw = FeatureMatrix([[1, 10, 1], [2, 1000, 2], [3, 100000, 3]])
        let names = ["frequency", "amount_spent", "product_type_count"]
        let transforms = PreprocessingChoice.explicit(["amount_spent": .log1p]).transforms(for: raw, names: names)
        #expect(transforms == [FeatureTransform.none, .log1p, FeatureTransform.none])
        let applied = raw.transformed(transforms)
        #expect(applied[1, 1] == Foundation.log1p(1000) && applied[1, 0] == 2)
    }

    @Test("SEG-70, SEG-71: every cap a model breaks, in order")
    func caps() {
        let policy = SelectionPolicy()
        #expect(policy.reasons(sizes: [40, 35, 25], noise: 0, n: 100).isEmpty)
        #expect(policy.reasons(sizes: [61, 20, 19], noise: 0, n: 100) == [.largestSegmentOverCap])
        #expect(policy.reasons(sizes: [60, 39, 1], noise: 0, n: 100) == [.segmentUnderMinimum])
        #expect(policy.reasons(sizes: [90, 4], noise: 6, n: 100) == [.tooFewSegments, .largestSegmentOverCap, .noiseOverCap])
        #expect(SelectionPolicy.validOnly.reasons(sizes: [98, 1, 1], noise: 0, n: 100).isEmpty)
    }

    @Test("On a heavy-tailed base the defaults give 3 to 8 segments of real size, where SEG-38 alone does not")
    func marketerSegments() throws {
        let raw = Self.heavyTailed(1_500, seed: 11)
        let tuned = SegmentationBenchmark(Self.setup(raw))
        #expect(tuned.transforms[1] == .log1p && tuned.transforms[0] == .log1p)
        let best = try #require(tuned.best)
        #expect(!tuned.fallback && tuned.models[best].eligible)
        let shares = Self.shares(tuned.chosenLabels)
        #expect((3...8).contains(shares.count) && shares.allSatisfy { $0 <= 0.6 && $0 >= 0.02 }, "\(shares)")
        let untuned = SegmentationBenchmark(Self.setup(raw, tuning: .untuned))
        let before = Self.shares(untuned.chosenLabels)
        #expect(before.max()! > 0.6 || before.count < 3 || before.min()! < 0.02, "\(before)")
    }

    @Test("SEG-72: DBSCAN's ε steps down by 0.05 from the request's, each try a row, until one is good or over the noise cap")
    func narrowingSearch() {
        let raw = Self.heavyTailed(600, seed: 5)
        var setup = Self.setup(raw)
        setup.families = [.dbscan]
        setup.eps = 0.6
        let result = SegmentationBenchmark(setup)
        let eps = result.models.map { $0.eps! }
        #expect(eps.first == 0.6 && eps.count <= 8)
        for (a, b) in zip(eps, eps.dropFirst()) { #expect(abs(a - b - 0.05) < 1e-12) }
        for model in result.models.dropLast() {
            #expect(!(model.eligible && model.writtenSilhouette >= 0.35) && Double(model.noiseCount) / 600 <= 0.05)
        }
        setup.tuning.autoTune = false
        #expect(SegmentationBenchmark(setup).models.count == 1)
    }

    @Test("SEG-72: k is widened by three once when no k-based model is good enough; SEG-73 falls back when none is eligible")
    func wideningAndFallback() throws {
        let raw = Self.heavyTailed(400, seed: 8)
        var setup = Self.setup(raw)
        setup.families = [.kmeans]
        setup.clusterCounts = [2]
        setup.tuning.selection.minSegments = 5
        let result = SegmentationBenchmark(setup)
        #expect(result.models.map { $0.k! } == [2, 3, 4, 5])
        #expect(result.models[0].reasons.contains(.tooFewSegments))
        setup.tuning.selection.minSegments = 30
        let impossible = SegmentationBenchmark(setup)
        let best = try #require(impossible.best)
        #expect(impossible.fallback && !impossible.models[best].eligible && impossible.models[best].valid)
    }

    @Test("SEG-74: stability is the mean adjusted Rand index of three refits; planted groups are stable")
    func stability() throws {
        let raw = SegmentationBenchmarkTests.customers(400, seed: 3)
        var tuning = SegmentationTuning()
        tuning.stability = true
        let result = SegmentationBenchmark(Self.setup(raw, tuning: tuning))
        for model in result.models {
            #expect((model.stability != nil) == model.eligible)
            if let value = model.stability { #expect(value <= 1 + 1e-12 && value > -1) }
        }
        let best = try #require(result.best)
        #expect(try #require(result.models[best].stability) > 0.8)
        #expect(
            ClusterStability.subsample(n: 10, size: 8, seed: 42, replicate: 0) == ClusterStability.subsample(n: 10, size: 8, seed: 42, replicate: 0))
        #expect(ClusterStability.subsample(n: 10, size: 8, seed: 42, replicate: 0).count == 8)
    }

    @Test("The adjusted Rand index is scikit-learn's")
    func adjustedRandIndex() {
        #expect(AdjustedRandIndex.score([0, 0, 1, 1], [1, 1, 0, 0]) == 1)
        #expect(abs(AdjustedRandIndex.score([0, 0, 1, 1], [0, 0, 1, 2]) - 0.5714285714285714) < 1e-15)
        #expect(AdjustedRandIndex.score([0, 0, 0, 0], [0, 1, 2, 3]) == 0)
        #expect(AdjustedRandIndex.score([0, 0, 1, 1], [0, 1, 0, 1]) == -0.5)
        #expect(abs(AdjustedRandIndex.score([-1, -1, 0, 0, 1], [0, 0, 1, 1, 1]) - 0.5454545454545454) < 1e-15)
    }
}
