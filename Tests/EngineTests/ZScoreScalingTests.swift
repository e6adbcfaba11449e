import Testing

@testable import Engine

@Suite("Feature matrix and z-score scaling (SEG-18, SEG-22)")
struct ZScoreScalingTests {
    @Test("Scaling: population deviation by hand, constant columns scale to exactly 0")
    func handComputed() {
        // 0.1 three times sums to 0.30000000000000004: its computed σ would be a rounding residue, not 0 (SEG-18).
        let raw = FeatureMatrix([[1, 7, 0.1], [2, 7, 0.1], [3, 7, 0.1], [4, 7, 0.1]])
        let scaling = ZScoreScaling(raw)
        #expect(scaling.means == [2.5, 7, 0.1])
        #expect(isClose(scaling.deviations[0], 1.118033988749895, relative: 1e-15))
        #expect(scaling.deviations[1] == 0)
        #expect(scaling.deviations[2] == 0)
        let expected = [-1.3416407864998738, -0.4472135954999579, 0.4472135954999579, 1.3416407864998738]
        for i in 0..<4 {
            #expect(isClose(scaling.scaled[i, 0], expected[i], relative: 1e-15))
            #expect(scaling.scaled[i, 1] == 0)
            #expect(scaling.scaled[i, 2] == 0)
        }
    }

    @Test("Scaling: equals the textbook two-pass z-score on random data; scaled columns have mean 0 and variance 1")
    func matchesTextbook() {
        var rng = SplitMix64(seed: 11)
        let rows = (0..<57).map { _ in [1000 * rng.uniform(), rng.normal(), Double(rng.next() % 5), 3.25] }
        let scaling = ZScoreScaling(FeatureMatrix(rows))
        let n = Double(rows.count)
        for f in 0..<4 {
            let column = rows.map { $0[f] }
            let constant = column.allSatisfy { $0 == column[0] }
            let mean = column.reduce(0, +) / n
            let deviation = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n).squareRoot()
            for i in rows.indices {
                let expected = constant ? 0 : (column[i] - mean) / deviation
                #expect(isClose(scaling.scaled[i, f], expected, relative: 1e-12))
            }
            let scaled = rows.indices.map { scaling.scaled[$0, f] }
            let scaledMean = scaled.reduce(0, +) / n
            let scaledVariance = scaled.map { $0 * $0 }.reduce(0, +) / n
            #expect(abs(scaledMean) < 1e-12)
            #expect(abs(scaledVariance - (constant ? 0 : 1)) < 1e-12)
        }
    }

    @Test("Feature matrix: distinct rows compared exactly, row selection and squared distances")
    func featureMatrix() {
        let x = FeatureMatrix([[1, 2], [1, 2], [2, 1], [1, 2.0000000000000004], [2, 1], [0, 0]])
        #expect(x.distinctRowCount == 4)
        #expect(FeatureMatrix([[5, 5]]).distinctRowCount == 1)
        #expect(FeatureMatrix(rows: 0, columns: 2, values: []).distinctRowCount == 0)
        #expect(x.selecting([5, 2]).values == [0, 0, 2, 1])
        #expect(x.squaredDistance(0, 5) == 5)
        #expect(Array(x.row(2)) == [2, 1])

        // Against a pairwise count on random rows with many repeats.
        var rng = SplitMix64(seed: 5)
        let rows = (0..<80).map { _ in (0..<3).map { _ in Double(rng.next() % 3) } }
        let naive = rows.indices.filter { i in !(0..<i).contains { rows[$0] == rows[i] } }.count
        #expect(FeatureMatrix(rows).distinctRowCount == naive)
        // −0 equals 0, and a table of thousands of rows (probe chains, repeats far apart) against a set of rows.
        #expect(FeatureMatrix([[0, 1], [-0.0, 1], [0, -1]]).distinctRowCount == 2)
        let many = (0..<5000).map { _ in (0..<4).map { _ in Double(rng.next() % 5) - 2 } }
        #expect(FeatureMatrix(many).distinctRowCount == Set(many).count)
    }
}
