import Testing

@testable import Engine

/// The booster of CLV-18 to CLV-20: bins, determinism, the attribution identity and that it learns.
@Suite("Histogram booster")
struct HistogramBoosterTests {
    /// y = 3·f₀ + noise-free step in f₁, 200 rows of 3 features.
    static func data() -> (rows: [Double], targets: [Double]) {
        var rng = SplitMix64(seed: 9)
        var rows: [Double] = []
        var targets: [Double] = []
        for _ in 0..<200 {
            let f = [rng.uniform() * 10, Double(rng.next() % 4), rng.uniform()]
            rows += f
            targets.append(3 * f[0] + (f[1] >= 2 ? 20 : 0))
        }
        return (rows, targets)
    }

    @Test func thresholdsAreMidpointsOrPercentiles() {
        #expect(BinnedColumns.thresholds([3, 1, 1, 2]) == [1.5, 2.5])
        #expect(BinnedColumns.thresholds([7, 7]) == [])
        // More than 256 distinct values: at most 255 percentile cuts, all below the largest value.
        let cuts = BinnedColumns.thresholds((0..<1000).map(Double.init))
        #expect(cuts.count == 255 && cuts.last! < 999 && cuts == cuts.sorted())
    }

    @Test func theSameSeedGrowsTheSameTrees() {
        let (rows, targets) = Self.data()
        var g1 = SplitMix64(seed: 43)
        var g2 = SplitMix64(seed: 43)
        var g3 = SplitMix64(seed: 44)
        let a = HistogramBooster(rows: rows, featureCount: 3, targets: targets, generator: &g1)
        let b = HistogramBooster(rows: rows, featureCount: 3, targets: targets, generator: &g2)
        let c = HistogramBooster(rows: rows, featureCount: 3, targets: targets, generator: &g3)
        let probe: ArraySlice<Double> = [4.2, 3, 0.5]
        #expect(a.predict(probe) == b.predict(probe))
        #expect(a.predict(probe) != c.predict(probe))
    }

    @Test func contributionsAddUpToThePrediction() {
        let (rows, targets) = Self.data()
        var generator = SplitMix64(seed: 43)
        let model = HistogramBooster(rows: rows, featureCount: 3, targets: targets, generator: &generator)
        for i in 0..<20 {
            let features = rows[(3 * i)..<(3 * i + 3)]
            let (base, contributions) = model.attribution(features)
            #expect(abs(base + contributions.reduce(0, +) - model.predict(features)) < 1e-9)
        }
        // The irrelevant third feature earns (almost) no gain; the two that matter earn the rest.
        let total = model.gains.reduce(0, +)
        #expect(model.gains[2] / total < 0.05)
    }

    @Test func itLearnsTheSignal() {
        let (rows, targets) = Self.data()
        var generator = SplitMix64(seed: 43)
        let model = HistogramBooster(rows: rows, featureCount: 3, targets: targets, generator: &generator)
        let mean = targets.reduce(0, +) / Double(targets.count)
        var modelError = 0.0
        var meanError = 0.0
        for i in targets.indices {
            modelError += abs(model.predict(rows[(3 * i)..<(3 * i + 3)]) - targets[i])
            meanError += abs(mean - targets[i])
        }
        #expect(modelError < 0.25 * meanError, "\(modelError) vs \(meanError)")
    }

    /// CLV-19's sample is the first ⌊0.8·n⌋ rows of a full Fisher–Yates shuffle from the top. The booster stops
    /// once those rows are known as a set and skips the draws left; the set and the generator's next draw must be
    /// those of the full shuffle.
    @Test(arguments: [0, 1, 2, 3, 4, 5, 10, 11, 99, 1_000])
    func aPartialShuffleSamplesAsTheFullOneDoes(n: Int) {
        let size = n * 8 / 10
        var full = SplitMix64(seed: UInt64(n) &+ 11)
        var order = Array(0..<n)
        var i = n - 1
        while i >= 1 {
            order.swapAt(i, Int(full.next() % UInt64(i + 1)))
            i -= 1
        }
        var partial = SplitMix64(seed: UInt64(n) &+ 11)
        var rest = Array(0..<n)
        i = n - 1
        while i >= max(size, 1) {
            rest.swapAt(i, Int(partial.next() % UInt64(i + 1)))
            i -= 1
        }
        partial.skip(max(i, 0))
        #expect(Set(order[..<size]) == Set(0..<n).subtracting(rest[size...]))
        #expect(partial.next() == full.next())
    }
}
