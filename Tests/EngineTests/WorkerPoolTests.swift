import Synchronization
import Testing

@testable import Engine

@Suite("The engine's worker threads")
struct WorkerPoolTests {
    @Test func everyIndexRunsOnce() {
        for count in [0, 1, 2, 7, 1_000] {
            let hits = Mutex([Int](repeating: 0, count: count))
            WorkerPool.shared.run(count) { index in hits.withLock { $0[index] += 1 } }
            #expect(hits.withLock { $0 } == [Int](repeating: 1, count: count), "\(count)")
        }
    }

    /// Loops inside loops, and loops from many threads at once, finish: each caller takes its own loop's indices.
    @Test func nestedAndConcurrentLoopsFinish() {
        let total = Atomic<Int>(0)
        _ = concurrentMap(8) { _ in
            forEachChunk(of: 100, chunks: 10) { rows in
                WorkerPool.shared.run(rows.count) { _ in total.add(1, ordering: .relaxed) }
            }
        }
        #expect(total.load(ordering: .relaxed) == 800)
    }
}
