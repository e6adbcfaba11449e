import Testing

@testable import Engine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Shared helpers of the clustering tests: seeded data and the textbook definitions the engine is compared with. The
// reference code here is deliberately naive (plain arrays, O(n²) or worse) and never calls the code under test.

/// `blobs.count` groups of `perBlob` points around the given centres with standard-normal noise times `spread`,
/// followed by `noise` points uniform in [−`box`, `box`] on every feature. Interleaved so that payload order does
/// not follow the groups.
func blobMatrix(
    centres: [[Double]], perBlob: Int, spread: Double, noise: Int = 0, box: Double = 10, seed: UInt64
) -> (x: FeatureMatrix, truth: [Int32]) {
    var rng = SplitMix64(seed: seed)
    var rows: [[Double]] = []
    var truth: [Int32] = []
    for _ in 0..<perBlob {
        for (b, centre) in centres.enumerated() {
            rows.append(centre.map { $0 + spread * rng.normal() })
            truth.append(Int32(b))
        }
    }
    let d = centres.first?.count ?? 0
    for _ in 0..<noise {
        rows.append((0..<d).map { _ in box * (2 * rng.uniform() - 1) })
        truth.append(-1)
    }
    return (FeatureMatrix(rows), truth)
}

/// `rows` × `columns` standard-normal values.
func gaussianMatrix(rows: Int, columns: Int, seed: UInt64) -> FeatureMatrix {
    var rng = SplitMix64(seed: seed)
    return FeatureMatrix((0..<rows).map { _ in (0..<columns).map { _ in rng.normal() } })
}

/// Random cluster centres uniform in [−`box`, `box`].
func randomCentres(_ count: Int, columns: Int, box: Double, seed: UInt64) -> [[Double]] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in (0..<columns).map { _ in box * (2 * rng.uniform() - 1) } }
}

extension FeatureMatrix {
    /// The rows as plain arrays, for the reference implementations.
    var rowArrays: [[Double]] { (0..<rows).map { Array(row($0)) } }
}

/// Σ_f (a_f − b_f)², summed in feature order.
func naiveSquaredDistance(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for f in a.indices {
        let delta = a[f] - b[f]
        sum += delta * delta
    }
    return sum
}

func naiveDistance(_ a: [Double], _ b: [Double]) -> Double { naiveSquaredDistance(a, b).squareRoot() }

/// The mean of some rows, summed in row order.
func naiveMean(_ rows: [[Double]]) -> [Double] {
    var sum = [Double](repeating: 0, count: rows[0].count)
    for row in rows {
        for f in row.indices { sum[f] += row[f] }
    }
    return sum.map { $0 / Double(rows.count) }
}

/// Whether two labellings are the same partition (a bijection maps one's labels onto the other's).
func sameUpToRenaming<A: Hashable, B: Hashable>(_ a: [A], _ b: [B]) -> Bool {
    guard a.count == b.count else { return false }
    var forward: [A: B] = [:]
    var backward: [B: A] = [:]
    for (x, y) in zip(a, b) {
        if let mapped = forward[x], mapped != y { return false }
        if let mapped = backward[y], mapped != x { return false }
        forward[x] = y
        backward[y] = x
    }
    return true
}

/// Equal, or both finite with |a − b| ≤ tolerance · max(|a|, |b|).
func isClose(_ a: Double, _ b: Double, relative tolerance: Double = 1e-9) -> Bool {
    a == b || (a.isFinite && b.isFinite && abs(a - b) <= tolerance * max(abs(a), abs(b)))
}

/// Both nil, or both values and close.
func isClose(_ a: Double?, _ b: Double?, relative tolerance: Double = 1e-9) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let a?, let b?): isClose(a, b, relative: tolerance)
    default: false
    }
}

/// The SEG-23 generator state s = seed·2³² + T·2²⁴ + k·2⁸ + r, written out independently of the engine.
func segGenerator(seed: UInt64, tag: UInt64, k: Int, restart: Int) -> SplitMix64 {
    SplitMix64(seed: (seed << 32) &+ (tag << 24) &+ (UInt64(k) << 8) &+ UInt64(restart))
}

/// A uniform real in [0, 1) as SEG-23 defines it: (draw ≫ 11)·2⁻⁵³.
func segUniform(_ rng: inout SplitMix64) -> Double { Double(rng.next() >> 11) * 0x1p-53 }

// MARK: - Reference metrics (SEG-35 to SEG-37)

/// The number of distinct labels.
func clusterCount(_ labels: [Int32]) -> Int { Set(labels).count }

/// SEG-35 straight from the definition; nil unless 2 ≤ K ≤ n − 1 (SEG-34).
func naiveSilhouette(_ points: [[Double]], _ labels: [Int32]) -> Double? {
    let n = points.count
    let clusters = Set(labels)
    guard clusters.count >= 2, clusters.count <= n - 1 else { return nil }
    var total = 0.0
    for i in 0..<n {
        let own = labels[i]
        let members = (0..<n).filter { labels[$0] == own }
        if members.count == 1 { continue }
        var within = 0.0
        for j in members where j != i { within += naiveDistance(points[i], points[j]) }
        let a = within / Double(members.count - 1)
        var b = Double.infinity
        for other in clusters where other != own {
            let others = (0..<n).filter { labels[$0] == other }
            var sum = 0.0
            for j in others { sum += naiveDistance(points[i], points[j]) }
            b = min(b, sum / Double(others.count))
        }
        let largest = max(a, b)
        total += largest == 0 ? 0 : (b - a) / largest
    }
    return total / Double(n)
}

/// Members and mean of every cluster, clusters in ascending label order.
func naiveClusters(_ points: [[Double]], _ labels: [Int32]) -> [(members: [Int], centre: [Double])] {
    Set(labels).sorted().map { label in
        let members = points.indices.filter { labels[$0] == label }
        return (members, naiveMean(members.map { points[$0] }))
    }
}

/// SEG-36 with scikit-learn's zero conventions.
func naiveDaviesBouldin(_ points: [[Double]], _ labels: [Int32]) -> Double? {
    let clusters = naiveClusters(points, labels)
    let k = clusters.count
    guard k >= 2, k <= points.count - 1 else { return nil }
    let scatter = clusters.map { cluster in
        cluster.members.map { naiveDistance(points[$0], cluster.centre) }.reduce(0, +) / Double(cluster.members.count)
    }
    var separations: [Double] = []
    for a in 0..<k {
        for b in 0..<k { separations.append(naiveDistance(clusters[a].centre, clusters[b].centre)) }
    }
    if scatter.allSatisfy({ abs($0) <= 1e-8 }) || separations.allSatisfy({ abs($0) <= 1e-8 }) { return 0 }
    var total = 0.0
    for a in 0..<k {
        var worst = 0.0
        for b in 0..<k where b != a {
            let separation = naiveDistance(clusters[a].centre, clusters[b].centre)
            if separation == 0 { continue }
            worst = max(worst, (scatter[a] + scatter[b]) / separation)
        }
        total += worst
    }
    return total / Double(k)
}

/// SEG-37 with scikit-learn's W = 0 convention.
func naiveCalinskiHarabasz(_ points: [[Double]], _ labels: [Int32]) -> Double? {
    let clusters = naiveClusters(points, labels)
    let k = clusters.count
    let n = points.count
    guard k >= 2, k <= n - 1 else { return nil }
    let mean = naiveMean(points)
    var between = 0.0
    var within = 0.0
    for cluster in clusters {
        between += Double(cluster.members.count) * naiveSquaredDistance(cluster.centre, mean)
        for i in cluster.members { within += naiveSquaredDistance(points[i], cluster.centre) }
    }
    if within == 0 { return 1 }
    return (between / Double(k - 1)) / (within / Double(n - k))
}
