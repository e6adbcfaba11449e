import Synchronization

/// The benchmarks one analysis has already run, found again by their whole setup (features bit for bit, k values,
/// families, DBSCAN settings, seed, approximation limits). A job chains several endpoints over the same rows —
/// `purchasing_segmentation`, `customer_segmentation` and the report packs segment identical features — and the
/// benchmark is deterministic (GEN-7), so a second run would only repeat the first one's answer at its full cost.
package final class SegmentationMemo: Sendable {
    private let results = Mutex<[SegmentationBenchmark]>([])
    private let trees = Mutex<[(key: WardTreeKey, tree: SegmentationTree)]>([])
    private let built = Mutex<(benchmarks: Int, trees: Int)>((0, 0))
    private let parsed = Mutex<[ParsedRows]>([])

    /// Rows read from a JSON array that is held here, so that its storage can be recognised by address: while it is
    /// held it can neither change nor be freed, so an array with the same storage and count is this array.
    package struct ParsedRows: Sendable {
        let source: [JSONValue]
        let dialect: PurchasingSegmentation.Dialect
        let rowLabels: Bool
        let limits: Limits
        let rows: PurchasingSegmentation.Rows
    }

    /// Rows already read, without problems, from this very array (same storage) in the same way.
    package func rows(
        of source: [JSONValue], dialect: PurchasingSegmentation.Dialect, rowLabels: Bool, limits: Limits
    ) -> PurchasingSegmentation.Rows? {
        let address = source.withUnsafeBufferPointer { $0.baseAddress }
        return parsed.withLock { list in
            list.first { entry in
                entry.source.count == source.count && entry.dialect == dialect && entry.rowLabels == rowLabels && entry.limits == limits
                    && entry.source.withUnsafeBufferPointer { $0.baseAddress } == address
            }?.rows
        }
    }

    /// Keeps rows read without problems: a job reads the same features rows for the segmentation, its report
    /// packs and the chart, and the labelled rows for the profiles and the sub-segments.
    package func keep(
        _ rows: PurchasingSegmentation.Rows, of source: [JSONValue], dialect: PurchasingSegmentation.Dialect, rowLabels: Bool, limits: Limits
    ) {
        parsed.withLock { $0.append(ParsedRows(source: source, dialect: dialect, rowLabels: rowLabels, limits: limits, rows: rows)) }
    }

    package init() {}

    /// The benchmark of `setup`: the one already computed for an equal setup, or a new run kept for later.
    package func benchmark(_ setup: SegmentationSetup) -> SegmentationBenchmark {
        // A run with stability serves a request without it: it holds everything else bit for bit (GEN-7).
        if let known = results.withLock({ $0.first { $0.setup.servesWithoutStability(setup) } }) { return known }
        let result = SegmentationBenchmark(setup, memo: self)
        results.withLock { $0.append(result) }
        built.withLock { $0.benchmarks += 1 }
        return result
    }

    /// The Ward tree of `key`, built once: setups that differ only in k values or families (the chart's and the
    /// benchmark's) share it, and above the exact limit it is most of the chart's cost.
    func tree(_ key: WardTreeKey, _ build: () -> SegmentationTree) -> SegmentationTree {
        if let known = trees.withLock({ $0.first { $0.key == key }?.tree }) { return known }
        let tree = build()
        trees.withLock { $0.append((key, tree)) }
        built.withLock { $0.trees += 1 }
        return tree
    }

    /// Forgets the rows read (and the JSON arrays they came from): a job calls it when its feature chain is done.
    package func forgetRows() {
        parsed.withLock { $0.removeAll() }
    }

    /// Forgets every result (a job's last segmenting step is done), keeping the counts.
    package func removeAll() {
        results.withLock { $0.removeAll() }
        trees.withLock { $0.removeAll() }
        parsed.withLock { $0.removeAll() }
    }

    /// How many distinct benchmarks were run, and how many Ward trees they built (for tests and progress).
    package var runCount: Int { built.withLock { $0.benchmarks } }
    package var treeCount: Int { built.withLock { $0.trees } }
}

extension ComputeContext {
    /// The benchmark of `setup`, shared through the context's memo when the caller gave one.
    package func segmentation(_ setup: SegmentationSetup) -> SegmentationBenchmark {
        segmentationMemo?.benchmark(setup) ?? SegmentationBenchmark(setup, memo: nil)
    }
}

/// What the Ward tree of SEG-29 / SEG-51 depends on: the rows, and on a coreset the seed and its size.
struct WardTreeKey: Equatable, Sendable {
    var features: FeatureMatrix
    /// Both nil when the customers are the leaves.
    var coresetSeed: UInt64?
    var coresetSize: Int?
}
