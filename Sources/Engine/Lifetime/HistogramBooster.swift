/// Squared-error gradient boosting of depth-limited regression trees on binned features (CLV-18 to CLV-20):
/// Friedman's stochastic boosting with the histogram split search of LightGBM, fixed hyperparameters, and a
/// SplitMix64-driven row sample per tree so that any implementation reproduces the same trees from the seed.
package struct HistogramBooster: Sendable {
    package static let trees = 100
    package static let learningRate = 0.1
    package static let maxDepth = 3
    package static let minSamplesSplit = 20
    package static let minSamplesLeaf = 10
    package static let l2Regularization = 1.0
    package static let subsample = 0.8
    package static let maxBins = 256

    /// A node; `feature` < 0 marks a leaf. Every node keeps its value w (CLV-20's path attribution needs it).
    struct Node: Sendable {
        var feature: Int
        var threshold: Double
        /// The threshold's index among the feature's thresholds: training rows go left when their bin is ≤ it.
        var bin: Int
        var left: Int
        var right: Int
        var value: Double
    }

    /// F₀, the mean target.
    package private(set) var base: Double
    /// The forest's nodes in one array, tree after tree, each child index made absolute, with each tree's root:
    /// predicting a million customers then walks one buffer instead of retaining a hundred arrays per customer.
    private var nodes: [Node] = []
    private var roots: [Int] = []
    /// Total split gain per feature (CLV-20's importance before normalising).
    package private(set) var gains: [Double]
    let featureCount: Int

    /// Trains on `rows` (row-major, `featureCount` values each) with targets `targets`; `generator` draws each tree's
    /// sample (CLV-19).
    package init(rows: [Double], featureCount: Int, targets: [Double], generator: inout SplitMix64) {
        self.featureCount = featureCount
        let n = targets.count
        base = targets.reduce(0, +) / Double(n)
        var forest: [[Node]] = []
        gains = [Double](repeating: 0, count: featureCount)
        let binned = BinnedColumns(rows: rows, featureCount: featureCount, count: n)
        var prediction = [Double](repeating: base, count: n)
        var gradient = [Int64](repeating: 0, count: n)
        let sampleSize = n * 8 / 10
        var order = [Int](repeating: 0, count: n)
        var sampled = [Bool](repeating: false, count: n)
        for _ in 0..<Self.trees {
            var sample: [Int] = []
            sample.reserveCapacity(sampleSize)
            order.withUnsafeMutableBufferPointer { order in
                sampled.withUnsafeMutableBufferPointer { sampled in
                    // A fresh request-order list, shuffled (Fisher–Yates from the top), its first ⌊0.8·n⌋ rows sampled.
                    // Step i fixes position i for good, so once the positions from ⌊0.8·n⌋ up are fixed the sample
                    // is known as a set (their complement); the steps left only reorder it, and their draws are
                    // skipped, leaving the generator where the whole shuffle would.
                    for i in 0..<n { order[i] = i }
                    var i = n - 1
                    while i >= max(sampleSize, 1) {
                        order.swapAt(i, Int(generator.next() % UInt64(i + 1)))
                        i -= 1
                    }
                    generator.skip(max(i, 0))
                    // The sample as a set, in row order: the histograms then read memory front to back.
                    for row in 0..<n { sampled[row] = true }
                    for position in sampleSize..<n { sampled[order[position]] = false }
                    for row in 0..<n where sampled[row] { sample.append(row) }
                }
            }
            // Gradients in fixed point: sums over a set of rows are then exact, whatever the order or grouping, so two
            // splits that send the same rows the same way have exactly equal gains and the tie rule decides.
            var largest = 0.0
            for row in sample { largest = max(largest, abs(prediction[row] - targets[row])) }
            let scale = FixedPoint(largest: largest, count: sample.count)
            for row in sample { gradient[row] = scale.fixed(prediction[row] - targets[row]) }
            var tree: [Node] = []
            grow(&tree, rows: sample, depth: 0, gradient: gradient, scale: scale, binned: binned)
            prediction.withUnsafeMutableBufferPointer { buffer in
                let prediction = SharedBuffer(buffer)
                let (tree, bins, columns) = (tree, binned.bins, featureCount)
                forEachChunk(of: n) { rows in
                    for row in rows {
                        var node = 0
                        while tree[node].feature >= 0 {
                            node = Int(bins[row * columns + tree[node].feature]) <= tree[node].bin ? tree[node].left : tree[node].right
                        }
                        prediction.buffer[row] += tree[node].value
                    }
                }
            }
            forest.append(tree)
        }
        for tree in forest {
            let offset = nodes.count
            roots.append(offset)
            nodes += tree.map { node in
                var node = node
                if node.feature >= 0 {
                    node.left += offset
                    node.right += offset
                }
                return node
            }
        }
    }

    /// Appends the node for `rows` and its subtree; returns its index.
    @discardableResult
    private mutating func grow(
        _ tree: inout [Node], rows: [Int], depth: Int, gradient: [Int64], scale: FixedPoint, binned: BinnedColumns,
        histogram given: Histogram? = nil
    ) -> Int {
        var total: Int64 = 0
        for row in rows { total &+= gradient[row] }
        let sum = scale.double(total)
        let count = Double(rows.count)
        let λ = Self.l2Regularization
        let index = tree.count
        tree.append(Node(feature: -1, threshold: 0, bin: 0, left: -1, right: -1, value: -Self.learningRate * sum / (count + λ)))
        guard depth < Self.maxDepth, rows.count >= Self.minSamplesSplit else { return index }
        let width = Self.maxBins
        let histogram = given ?? Histogram(rows, gradient: gradient, binned: binned)
        let parentScore = sum * sum / (count + λ)
        var best: (gain: Double, feature: Int, bin: Int, leftCount: Int)? = nil
        for feature in 0..<featureCount {
            var leftTotal: Int64 = 0
            var leftCount = 0
            for j in 0..<binned.thresholds[feature].count {
                // An empty bin moves no row: its threshold splits like the one before, whose equal gain wins the tie.
                let binCount = Int(histogram.counts[feature * width + j])
                if binCount == 0 && j > 0 { continue }
                leftTotal &+= histogram.sums[feature * width + j]
                leftCount += binCount
                let rightCount = rows.count - leftCount
                guard leftCount >= Self.minSamplesLeaf else { continue }
                guard rightCount >= Self.minSamplesLeaf else { break }
                let leftSum = scale.double(leftTotal)
                let rightSum = scale.double(total &- leftTotal)
                let gain =
                    leftSum * leftSum / (Double(leftCount) + λ) + rightSum * rightSum / (Double(rightCount) + λ) - parentScore
                if gain > 0 && gain > (best?.gain ?? 0) { best = (gain, feature, j, leftCount) }
            }
        }
        guard let best else { return index }
        gains[best.feature] += best.gain
        // One pass sends each row its way, both sides keeping row order.
        var left: [Int] = []
        var right: [Int] = []
        left.reserveCapacity(best.leftCount)
        right.reserveCapacity(rows.count - best.leftCount)
        binned.bins.withUnsafeBufferPointer { bins in
            let (features, feature, bin) = (featureCount, best.feature, best.bin)
            for row in rows {
                if Int(bins[row * features + feature]) <= bin { left.append(row) } else { right.append(row) }
            }
        }
        tree[index].feature = best.feature
        tree[index].threshold = binned.thresholds[best.feature][best.bin]
        tree[index].bin = best.bin
        // Children that may split need histograms: build the smaller child's, take the larger's as the (exact)
        // difference.
        var leftHistogram: Histogram? = nil
        var rightHistogram: Histogram? = nil
        if depth + 1 < Self.maxDepth && max(left.count, right.count) >= Self.minSamplesSplit {
            let smallerIsLeft = left.count <= right.count
            let smaller = Histogram(smallerIsLeft ? left : right, gradient: gradient, binned: binned)
            let larger = histogram.subtracting(smaller)
            (leftHistogram, rightHistogram) = smallerIsLeft ? (smaller, larger) : (larger, smaller)
        }
        tree[index].left = grow(&tree, rows: left, depth: depth + 1, gradient: gradient, scale: scale, binned: binned, histogram: leftHistogram)
        tree[index].right = grow(&tree, rows: right, depth: depth + 1, gradient: gradient, scale: scale, binned: binned, histogram: rightHistogram)
        return index
    }

    /// F(f) before any clipping (CLV-18 step 4).
    package func predict(_ features: ArraySlice<Double>) -> Double {
        var value = base
        nodes.withUnsafeBufferPointer { nodes in
            for root in roots {
                var node = root
                while nodes[node].feature >= 0 {
                    node = features[features.startIndex + nodes[node].feature] <= nodes[node].threshold ? nodes[node].left : nodes[node].right
                }
                value += nodes[node].value
            }
        }
        return value
    }

    /// CLV-20: the base value F₀ + Σ w(root) and each feature's contribution, Σ w(child taken) − w(node) over the
    /// splits on the path that test it. base + Σ contributions = `predict(features)`.
    package func attribution(_ features: ArraySlice<Double>) -> (base: Double, contributions: [Double]) {
        var baseValue = base
        var contributions = [Double](repeating: 0, count: featureCount)
        nodes.withUnsafeBufferPointer { nodes in
            for root in roots {
                baseValue += nodes[root].value
                var node = root
                while nodes[node].feature >= 0 {
                    let feature = nodes[node].feature
                    let next = features[features.startIndex + feature] <= nodes[node].threshold ? nodes[node].left : nodes[node].right
                    contributions[feature] += nodes[next].value - nodes[node].value
                    node = next
                }
            }
        }
        return (baseValue, contributions)
    }
}

/// Per feature and bin, the fixed-point gradient sum and the row count of a node's sampled rows.
struct Histogram: Sendable {
    var sums: [Int64]
    var counts: [Int32]

    init(_ rows: [Int], gradient: [Int64], binned: BinnedColumns) {
        // Integer sums are exact in any grouping, so a large node's rows are counted in parts on all cores.
        guard rows.count >= 1 << 16 else {
            self.init(part: rows[...], gradient: gradient, binned: binned)
            return
        }
        let parts = 2 * activeCoreCount
        let partial = concurrentMap(parts) { part in
            Histogram(part: rows[part * rows.count / parts..<(part + 1) * rows.count / parts], gradient: gradient, binned: binned)
        }
        self = partial.dropFirst().reduce(partial[0]) { $0.adding($1) }
    }

    private init(part rows: ArraySlice<Int>, gradient: [Int64], binned: BinnedColumns) {
        let features = binned.featureCount
        let width = HistogramBooster.maxBins
        sums = [Int64](repeating: 0, count: features * width)
        counts = [Int32](repeating: 0, count: features * width)
        sums.withUnsafeMutableBufferPointer { sums in
            counts.withUnsafeMutableBufferPointer { counts in
                binned.bins.withUnsafeBufferPointer { bins in
                    gradient.withUnsafeBufferPointer { gradient in
                        for row in rows {
                            let g = gradient[row]
                            let base = row * features
                            for f in 0..<features {
                                let slot = f * width + Int(bins[base + f])
                                sums[slot] &+= g
                                counts[slot] &+= 1
                            }
                        }
                    }
                }
            }
        }
    }

    private func adding(_ other: Histogram) -> Histogram {
        var result = self
        for i in result.sums.indices {
            result.sums[i] &+= other.sums[i]
            result.counts[i] &+= other.counts[i]
        }
        return result
    }

    func subtracting(_ other: Histogram) -> Histogram {
        var result = self
        for i in result.sums.indices {
            result.sums[i] &-= other.sums[i]
            result.counts[i] &-= other.counts[i]
        }
        return result
    }
}

/// Gradients as integers of 2^−k: k is the largest power (at most 60) for which `count` gradients of magnitude up
/// to `largest` cannot overflow 2^62, so every sum is exact; each gradient is rounded by at most `count`·2^−62 of the
/// largest, far below what could make two different splits tie.
struct FixedPoint {
    let scale: Double

    init(largest: Double, count: Int) {
        var exponent = 60
        let bound = largest * Double(max(count, 1))
        while exponent > -900 && bound * pow2(exponent) >= 0x1p62 { exponent -= 1 }
        scale = pow2(exponent)
    }

    func fixed(_ value: Double) -> Int64 { Int64((value * scale).rounded()) }
    func double(_ value: Int64) -> Double { Double(value) / scale }
}

private func pow2(_ exponent: Int) -> Double { Double(sign: .plus, exponent: exponent, significand: 1) }

/// The training rows as bin numbers (CLV-18 step 1), row-major, with each feature's thresholds.
struct BinnedColumns: Sendable {
    let count: Int
    let featureCount: Int
    var thresholds: [[Double]] = []
    var bins: [UInt8]

    init(rows: [Double], featureCount: Int, count: Int) {
        self.count = count
        self.featureCount = featureCount
        bins = [UInt8](repeating: 0, count: featureCount * count)
        for feature in 0..<featureCount {
            let column = (0..<count).map { rows[$0 * featureCount + feature] }
            let cuts = Self.thresholds(column)
            thresholds.append(cuts)
            for row in 0..<count {
                // The number of thresholds below the value: the row is left of t_j exactly when this is ≤ j.
                var low = 0
                var high = cuts.count
                while low < high {
                    let mid = (low + high) / 2
                    if cuts[mid] < column[row] { low = mid + 1 } else { high = mid }
                }
                bins[row * featureCount + feature] = UInt8(low)
            }
        }
    }

    /// Midpoints of consecutive distinct values when there are at most 256 of them, else the percentiles at j/256
    /// (GEN-8) without duplicates and below the largest value.
    static func thresholds(_ column: [Double]) -> [Double] {
        let sorted = column.sorted()
        var distinct: [Double] = []
        for value in sorted where distinct.last != value { distinct.append(value) }
        if distinct.count <= HistogramBooster.maxBins {
            return (1..<max(distinct.count, 1)).map { (distinct[$0 - 1] + distinct[$0]) / 2 }
        }
        var cuts: [Double] = []
        for j in 1..<HistogramBooster.maxBins {
            let cut = percentile(sorted: sorted, numerator: j, denominator: HistogramBooster.maxBins)
            if cut < distinct[distinct.count - 1] && cuts.last != cut { cuts.append(cut) }
        }
        return cuts
    }
}
