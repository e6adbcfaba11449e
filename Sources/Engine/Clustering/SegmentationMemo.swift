import Synchronization

/// The benchmarks one analysis has already run, found again by their whole setup (features bit for bit, k values,
/// families, DBSCAN settings, seed, approximation limits). A job chains several endpoints over the same rows —
/// `purchasing_segmentation`, `customer_segmentation` and the report packs segment identical features — and the
/// benchmark is deterministic (GEN-7), so a second run would only repeat the first one's answer at its full cost.
package final class SegmentationMemo: Sendable {
    private let results = Mutex<[SegmentationBenchmark]>([])

    package init() {}

    /// The benchmark of `setup`: the one already computed for an equal setup, or a new run kept for later.
    package func benchmark(_ setup: SegmentationSetup) -> SegmentationBenchmark {
        if let known = results.withLock({ $0.first { $0.setup == setup } }) { return known }
        let result = SegmentationBenchmark(setup)
        results.withLock { $0.append(result) }
        return result
    }

    /// How many distinct benchmarks were run (for tests and progress).
    package var runCount: Int { results.withLock { $0.count } }
}

extension ComputeContext {
    /// The benchmark of `setup`, shared through the context's memo when the caller gave one.
    package func segmentation(_ setup: SegmentationSetup) -> SegmentationBenchmark {
        segmentationMemo?.benchmark(setup) ?? SegmentationBenchmark(setup)
    }
}
