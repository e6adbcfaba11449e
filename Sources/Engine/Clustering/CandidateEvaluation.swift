/// A labelling before evaluation: family, k (nil for DBSCAN), ε (DBSCAN only) and labels in payload order.
typealias Labelling = (family: ClusteringFamily, k: Int?, eps: Double?, labels: [Int32])

/// What every candidate is measured against (SEG-33 to SEG-38, SEG-71): the clustered matrix X, the spend that
/// numbers clusters, SEG-50's sample and the request's caps.
struct EvaluationContext {
    let x: FeatureMatrix
    let spend: [Double]
    let sample: [Int]?
    let selection: SelectionPolicy

    /// The labellings renumbered (SEG-33) with their metrics and reasons; one silhouette pass serves every labelling
    /// without noise, DBSCAN's are computed on its own non-noise points.
    func evaluate(_ candidates: [Labelling]) -> [CandidateModel] {
        let n = x.rows
        let renumbered = candidates.map { SegmentationBenchmark.renumber($0.labels, spend: spend) }
        let full = renumbered.indices.filter { candidates[$0].family != .dbscan }
        let silhouetteRows = sample.map { x.selecting($0) } ?? x
        let fullScores = SilhouetteScore.scores(
            silhouetteRows, labellings: full.map { index in sample.map { $0.map { renumbered[index][$0] } } ?? renumbered[index] })
        return candidates.indices.map { index in
            let candidate = candidates[index]
            let labels = renumbered[index]
            let clusterCount = Int((labels.max() ?? -1) + 1)
            var sizes = [Int](repeating: 0, count: clusterCount)
            var noise = 0
            for label in labels {
                if label < 0 { noise += 1 } else { sizes[Int(label)] += 1 }
            }
            let silhouette: Double?
            let daviesBouldin: Double?
            let calinskiHarabasz: Double?
            if candidate.family == .dbscan {
                let kept = (0..<n).filter { labels[$0] >= 0 }
                let points = x.selecting(kept)
                let keptLabels = kept.map { labels[$0] }
                daviesBouldin = DaviesBouldinScore.score(points, labels: keptLabels)
                calinskiHarabasz = CalinskiHarabaszScore.score(points, labels: keptLabels)
                let sampled = sample.map { $0.filter { labels[$0] >= 0 } } ?? kept
                silhouette = SilhouetteScore.scores(x.selecting(sampled), labellings: [sampled.map { labels[$0] }])[0]
            } else {
                daviesBouldin = DaviesBouldinScore.score(x, labels: labels)
                calinskiHarabasz = CalinskiHarabaszScore.score(x, labels: labels)
                silhouette = fullScores[full.firstIndex(of: index)!]
            }
            var reasons: [IneligibleReason] = []
            if silhouette == nil || daviesBouldin == nil || calinskiHarabasz == nil || clusterCount < 2 { reasons.append(.metricsUndefined) }
            if 2 * noise > n { reasons.append(.noiseOverHalf) }
            reasons += selection.reasons(sizes: sizes, noise: noise, n: n)
            return CandidateModel(
                family: candidate.family, k: candidate.k, eps: candidate.eps, labels: labels, clusterCount: clusterCount, noiseCount: noise,
                silhouette: silhouette, daviesBouldin: daviesBouldin, calinskiHarabasz: calinskiHarabasz, reasons: reasons)
        }
    }
}
