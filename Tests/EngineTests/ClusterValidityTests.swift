import Testing

@testable import Engine

@Suite("Davies–Bouldin, Calinski–Harabasz and centroids (SEG-34, SEG-36, SEG-37)")
struct ClusterValidityTests {
    @Test("Metrics by hand: two pairs on a line")
    func handComputed() {
        let x = FeatureMatrix([[0], [1], [4], [5]])
        // Centroids 0.5 and 4.5, scatters 0.5, separation 4: DB = (0.5 + 0.5)/4. B = 2·2² + 2·2² = 16, W = 1.
        #expect(DaviesBouldinScore.score(x, labels: [0, 0, 1, 1]) == 0.25)
        #expect(CalinskiHarabaszScore.score(x, labels: [0, 0, 1, 1]) == 32)
        let (centroids, sizes) = ClusterCentroids.of(x, labels: [0, 0, 1, 1], clusters: 2)
        #expect(centroids == [0.5, 4.5] && sizes == [2, 2])
    }

    @Test("Metrics: zero conventions (W = 0 → CH 1, all scatters 0 → DB 0, coincident centroids contribute 0)")
    func zeroConventions() {
        let twoPoints = FeatureMatrix([[0], [0], [5], [5]])
        #expect(CalinskiHarabaszScore.score(twoPoints, labels: [0, 0, 1, 1]) == 1)
        #expect(DaviesBouldinScore.score(twoPoints, labels: [0, 0, 1, 1]) == 0)
        // Clusters 0 and 1 share the centroid 0; cluster 2 is {5}. Scatters 1, 0, 0.
        // DB = (max(·, (1 + 0)/5) + max(·, 0/5) + max((0 + 1)/5, ·)) / 3.
        let shared = FeatureMatrix([[-1], [1], [0], [0], [5]])
        let labels: [Int32] = [0, 0, 1, 1, 2]
        #expect(isClose(DaviesBouldinScore.score(shared, labels: labels)!, 0.4 / 3, relative: 1e-15))
        #expect(isClose(DaviesBouldinScore.score(shared, labels: labels), naiveDaviesBouldin(shared.rowArrays, labels)))
        // Every centroid within 10⁻⁸ of the others: DB = 0.
        let centred = FeatureMatrix([[-1], [1], [-2], [2], [0]])
        #expect(DaviesBouldinScore.score(centred, labels: [0, 0, 1, 1, 2]) == 0)
        #expect(naiveDaviesBouldin(centred.rowArrays, [0, 0, 1, 1, 2]) == 0)
    }

    @Test("Metrics are undefined for K < 2 and K > n − 1")
    func definedness() {
        let x = FeatureMatrix([[0], [1], [4]])
        for labels: [Int32] in [[0, 0, 0], [0, 1, 2], [5, 9, 2]] {
            #expect(DaviesBouldinScore.score(x, labels: labels) == nil)
            #expect(CalinskiHarabaszScore.score(x, labels: labels) == nil)
        }
        #expect(DaviesBouldinScore.score(x, labels: [4, 4, 9]) != nil)
        #expect(CalinskiHarabaszScore.score(x, labels: [4, 4, 9]) != nil)
    }

    @Test("Metrics equal the textbook definitions on random data and labellings", arguments: [(90, 3, 111 as UInt64), (50, 6, 112), (40, 2, 113)])
    func matchesNaive(rows: Int, columns: Int, seed: UInt64) {
        let data = blobMatrix(centres: randomCentres(5, columns: columns, box: 3, seed: seed), perBlob: rows / 5, spread: 1, seed: seed + 1)
        let x = data.x
        var rng = SplitMix64(seed: seed + 2)
        var labellings: [[Int32]] = [data.truth]
        for k in [2, 3, 7] { labellings.append(KMeans.fit(x, k: k, seed: seed).labels) }
        for k in [2, 5, 15] { labellings.append((0..<x.rows).map { _ in Int32(7 * (rng.next() % UInt64(k))) }) }
        let points = x.rowArrays
        for (index, labels) in labellings.enumerated() {
            #expect(isClose(DaviesBouldinScore.score(x, labels: labels), naiveDaviesBouldin(points, labels)), "labelling \(index)")
            #expect(isClose(CalinskiHarabaszScore.score(x, labels: labels), naiveCalinskiHarabasz(points, labels)), "labelling \(index)")
            let (compact, k) = SilhouetteScore.compacted(labels)
            let (centroids, sizes) = ClusterCentroids.of(x, labels: compact, clusters: k)
            for (c, cluster) in naiveClusters(points, compact).enumerated() {
                #expect(sizes[c] == cluster.members.count)
                #expect(Array(centroids[c * columns..<(c + 1) * columns]) == cluster.centre)
            }
        }
    }
}
