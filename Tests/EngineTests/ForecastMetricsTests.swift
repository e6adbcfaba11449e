import Testing

@testable import Engine

/// CLV-25's backtest metrics on hand-computed cases.
@Suite("Forecast metrics")
struct ForecastMetricsTests {
    @Test func errorsAndTotalsByHand() {
        let m = ForecastMetrics(predicted: [1, 2, 3, 6], actual: [0, 2, 5, 4])
        #expect(m.mae == 5.0 / 4)  // |1| + 0 + |−2| + |2|
        #expect(m.rmse == (9.0 / 4).squareRoot())
        #expect(m.totalPredicted == 12 && m.totalActual == 11)
        #expect(m.totalBias == 1.0 / 11)
    }

    @Test func giniOfPerfectAndConstantRankings() throws {
        let actual = [0.0, 10, 30, 60]
        #expect(try #require(ForecastMetrics(predicted: actual, actual: actual).normalizedGini) == 1)
        // A constant prediction is one tied group: every customer carries the mean, so G = 0 exactly.
        #expect(ForecastMetrics(predicted: [5, 5, 5, 5], actual: actual).normalizedGini == 0)
        // Reversed order: G(reversed) = −G(y).
        #expect(abs(try #require(ForecastMetrics(predicted: [60, 30, 10, 0], actual: actual).normalizedGini) + 1) < 1e-15)
        // No spend in the holdout: undefined.
        #expect(ForecastMetrics(predicted: [1, 2], actual: [0, 0]).normalizedGini == nil)
        #expect(ForecastMetrics(predicted: [1, 2], actual: [0, 0]).totalBias == nil)
    }

    @Test func giniByHand() throws {
        // ŷ orders customers C, A, B; y = (A 1, B 0, C 3); Σy = 4.
        // G(ŷ): cumulative 3, 4, 4 → (3/4 − 1/3) + (1 − 2/3) + (1 − 1) = 0.75; G(y) is the same order, so 1.
        // With ŷ ordering A, B, C: cumulative 1, 1, 4 → (1/4 − 1/3) + (1/4 − 2/3) + 0 = −0.5, over 0.75/3 … per 1/n.
        let m = ForecastMetrics(predicted: [2, 1, 0.5], actual: [1, 0, 3])
        let gy = ((3.0 / 4 - 1.0 / 3) + (1 - 2.0 / 3)) / 3
        let gz = ((1.0 / 4 - 1.0 / 3) + (1.0 / 4 - 2.0 / 3)) / 3
        #expect(abs(try #require(m.normalizedGini) - gz / gy) < 1e-15)
    }

    @Test func spearmanUsesAverageRanks() throws {
        #expect(ForecastMetrics.averageRanks([3, 1, 3, 2]) == [3.5, 1, 3.5, 2])
        #expect(try #require(ForecastMetrics(predicted: [1, 2, 3], actual: [10, 20, 30]).spearman) == 1)
        #expect(ForecastMetrics(predicted: [1, 1, 1], actual: [10, 20, 30]).spearman == nil)
    }
}
