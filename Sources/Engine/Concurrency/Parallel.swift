/// Splits `0..<count` into contiguous chunks and runs them on all cores (the engine's `WorkerPool`, never GCD). Chunks are fixed by `count` and
/// `chunks` alone, never by timing, so results that are combined per chunk in chunk order are deterministic.
package func forEachChunk(of count: Int, chunks requested: Int = 2 * activeCoreCount, _ body: @Sendable (Range<Int>) -> Void) {
    let chunks = max(1, min(requested, count))
    guard chunks > 1 else {
        if count > 0 { body(0..<count) }
        return
    }
    WorkerPool.shared.run(chunks) { chunk in
        body(chunk * count / chunks..<(chunk + 1) * count / chunks)
    }
}

/// Runs `body(i)` for every i in `0..<count`, spread over the cores.
package func concurrentMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    // The results hold arrays: deinitialize before freeing, or every call leaks them.
    defer {
        results.deinitialize()
        results.deallocate()
    }
    let shared = SharedBuffer(results)
    WorkerPool.shared.run(count) { index in shared.buffer[index] = body(index) }
    return results.map { $0! }
}

/// `concurrentMap` over contiguous chunks, for many cheap items.
func concurrentMapChunked<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 64 else { return (0..<count).map(body) }
    let chunks = 4 * activeCoreCount
    let parts = concurrentMap(chunks) { chunk in (chunk * count / chunks..<(chunk + 1) * count / chunks).map(body) }
    return parts.flatMap { $0 }
}

/// A buffer whose elements concurrent workers write at disjoint indices only.
package struct SharedBuffer<Element>: @unchecked Sendable {
    package let buffer: UnsafeMutableBufferPointer<Element>
    package init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}

/// The number of cores the process may use (`CoreCount`).
package let activeCoreCount: Int = CoreCount.detected
