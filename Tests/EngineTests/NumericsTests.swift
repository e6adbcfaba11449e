import Testing

@testable import Engine

@Suite("Rounding and percentiles (NUM-2, GEN-8, GEN-9)")
struct NumericsTests {
    @Test func roundsMoneyAndScoresTiesAwayFromZero() {
        #expect(money(520.55 + 398.40 + 310.00) == 1228.95)
        #expect(money(1228.95 / 3) == 409.65)
        #expect(money(0.125) == 0.13)
        #expect(money(-0.125) == -0.13)
        #expect(score(0.601325) == 0.6013)
        #expect(money(-0.001) == 0)
        #expect(money(-0.001).sign == .plus)
        // The binary64 value of 0.96115 computed as below lies under the tie, so it rounds down; 0.125 is an exact tie.
        #expect(score(0.8705 + 0.7 * (1.0 - 0.8705)) == 0.9611)
        #expect(score(0.96115000000000006) == 0.9612)
    }

    @Test func percentileInterpolatesLinearlyLikeNumpy() {
        // The source's 4.1.3 summary: median 0.7026 and 90th percentile 0.9611 of these four scores.
        let scores = [1.0, 0.8705, 0.5348, 0.0].sorted()
        #expect(abs(percentile(sorted: scores, numerator: 9, denominator: 10) - 0.96115) < 1e-12)
        #expect(score(percentile(sorted: scores, numerator: 9, denominator: 10)) == 0.9611)
        #expect(abs(percentile(sorted: scores, numerator: 1, denominator: 2) - 0.70265) < 1e-12)
        #expect(percentile(sorted: [7], numerator: 9, denominator: 10) == 7)
        #expect(percentile(sorted: [1, 2, 3, 4, 5], numerator: 1, denominator: 5) == 1.8)
        #expect(percentile(sorted: [1, 2, 3, 4, 5], numerator: 1, denominator: 1) == 5)
    }

    @Test func percentilePositionsAreExactSoCutPointsLandOnData() {
        // 1 − 1/3 of 9 in binary64 is 6.000000000000001; the integer position is exactly 6.
        let values = (0..<10).map(Double.init)
        #expect(percentile(sorted: values, numerator: 2, denominator: 3) == 6)
        let scale = QuantileScale(values, bins: 3, descending: true)
        #expect(scale.cuts == [6, 3])
        #expect(scale.score(6) == 1)
    }

    @Test func topAndBottomSharesNeverSplitTies() {
        let ranks = RankCounts([10, 9, 9, 9, 5, 5, 1, 1, 1, 0])
        #expect(ranks.above(9) == 1)
        #expect(ranks.below(5) == 4)
        // 30 % of 10 = 3: one customer above 9, so all three 9s are in the top share.
        #expect(ranks.inTop(9, share: 0.3))
        #expect(!ranks.inTop(5, share: 0.3))
        // 20 % of 10 = 2: one customer below 1, so all three 1s are in the bottom share.
        #expect(ranks.inBottom(1, share: 0.2))
        #expect(!ranks.inBottom(5, share: 0.2))
    }

    @Test func seededGeneratorIsDeterministic() {
        var a = SplitMix64(seed: 7)
        var b = SplitMix64(seed: 7)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        var c = SplitMix64(seed: 8)
        #expect(first != (0..<5).map { _ in c.next() })
        var u = SplitMix64(seed: 1)
        #expect(
            (0..<1000).allSatisfy { _ in
                let x = u.uniform(); return x >= 0 && x < 1
            })
    }
}
