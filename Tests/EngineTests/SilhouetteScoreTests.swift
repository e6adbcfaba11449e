import Testing

@testable import Engine

@Suite("Silhouette (SEG-34, SEG-35)")
struct SilhouetteScoreTests {
    @Test("Silhouette by hand: two pairs, a singleton cluster, coincident points")
    func handComputed() {
        let line = FeatureMatrix([[0], [1], [4], [5]])
        // s = 3.5/4.5, 2.5/3.5, 2.5/3.5, 3.5/4.5.
        let scores = SilhouetteScore.scores(line, labellings: [[0, 0, 1, 1], [7, 7, 3, 3], [0, 0, 0, 1], [0, 1, 1, 0]])
        #expect(isClose(scores[0], (7.0 / 9 + 5.0 / 7) / 2, relative: 1e-14))
        #expect(scores[1] == scores[0])
        // {0, 1, 4} and the singleton {5}: s(3) = 0; s(0) = (5 − 5/2)/5, s(1) = (4 − 2)/4, s(2) = (1 − 7/2)/(7/2).
        let fourPoints: Double = (0.5 + 0.5 - 5.0 / 7) / 4
        #expect(isClose(scores[2], fourPoints, relative: 1e-14))
        // {0, 5} and {1, 4}: a(0) = 5, b(0) = 2.5 → −1/2; a(1) = 3, b(1) = (1 + 4)/2 → −1/6; symmetric.
        #expect(isClose(scores[3], -1.0 / 3, relative: 1e-14))

        let three = FeatureMatrix([[0], [1], [4]])
        #expect(isClose(SilhouetteScore.scores(three, labellings: [[0, 0, 1]])[0], (0.75 + 2.0 / 3 + 0) / 3, relative: 1e-14))
        // Every distance 0: max(a, b) = 0 gives s = 0.
        #expect(SilhouetteScore.scores(FeatureMatrix([[1], [1], [1], [1]]), labellings: [[0, 0, 1, 1]]) == [0])
    }

    @Test("Silhouette is undefined for K < 2 and K > n − 1, defined for 2 ≤ K ≤ n − 1, in one batch")
    func definedness() {
        let x = FeatureMatrix([[0], [1], [4], [5], [9]])
        let scores = SilhouetteScore.scores(x, labellings: [[0, 0, 0, 0, 0], [0, 1, 2, 3, 4], [0, 1, 2, 3, 3], [1, 1, 2, 2, 2]])
        #expect(scores[0] == nil && scores[1] == nil)
        #expect(scores[2] != nil && scores[3] != nil)
        #expect(isClose(scores[2], naiveSilhouette(x.rowArrays, [0, 1, 2, 3, 3])))
        #expect(SilhouetteScore.scores(x, labellings: [[3, 3, 3, 3, 3]]) == [nil])
        #expect(SilhouetteScore.scores(FeatureMatrix([[0], [1]]), labellings: [[0, 1]]) == [nil])
    }

    @Test(
        "Silhouette of many labellings at once equals the per-labelling definition", arguments: [(80, 3, 101 as UInt64), (61, 6, 102), (33, 1, 103)])
    func matchesNaive(rows: Int, columns: Int, seed: UInt64) {
        let data = blobMatrix(
            centres: randomCentres(4, columns: columns, box: 3, seed: seed), perBlob: rows / 4, spread: 1, noise: rows % 4, seed: seed + 1)
        let x = data.x
        let n = x.rows
        var rng = SplitMix64(seed: seed + 2)
        var labellings: [[Int32]] = [data.truth.map { max($0, 0) }]
        for k in [2, 3, 5, 9] { labellings.append(KMeans.fit(x, k: k, seed: seed).labels) }
        // Random labellings with sparse label values and singleton clusters.
        for k in [2, 4, 12] { labellings.append((0..<n).map { _ in Int32(3 * (rng.next() % UInt64(k))) }) }
        labellings.append((0..<n).map { $0 < 3 ? Int32($0 + 10) : 0 })
        labellings.append((0..<n).map { Int32($0 % (n - 1)) })
        labellings.append([Int32](repeating: 4, count: n))
        labellings.append((0..<n).map { Int32($0) })
        let scores = SilhouetteScore.scores(x, labellings: labellings)
        let points = x.rowArrays
        for (index, labels) in labellings.enumerated() {
            let expected = naiveSilhouette(points, labels)
            #expect(isClose(scores[index], expected), "labelling \(index): \(String(describing: scores[index])) vs \(String(describing: expected))")
            // Alone, the labelling scores the same.
            #expect(isClose(SilhouetteScore.scores(x, labellings: [labels])[0], expected))
        }
    }
}
