import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The threads every parallel loop of the engine runs on: one per core, started on first use and kept.
///
/// Not GCD's global queues: on Linux, Swift's global executor (the cooperative pool that runs every `async` task, the
/// HTTP server's handlers included) draws its threads from the same pool as `DispatchQueue.concurrentPerform`, so two
/// computations fanning out there hold up every waiting task, even when started from threads of their own. On plain
/// threads they do not, so the engine's parallel work never touches GCD.
///
/// A loop is a `ParallelLoop` of `count` indices. Its caller takes indices too, so a loop always finishes even when
/// every worker is busy elsewhere, and loops nested in a loop's body cannot deadlock.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool(threads: activeCoreCount)

    private let condition = ThreadCondition()
    /// Loops with indices not yet taken, oldest first.
    private var loops: [ParallelLoop] = []

    private init(threads: Int) {
        // Deep recursion (Ward trees, k-d trees) runs on these threads as it does on the caller's: 16 MiB stacks.
        for _ in 0..<max(1, threads) { startThread(stackSize: 16 << 20) { [unowned self] in self.serve() } }
    }

    /// Runs `body(i)` for every i in `0..<count`, on the caller's thread and any idle worker.
    func run(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let loop = ParallelLoop(count: count, body: body)
            condition.withLock {
                loops.append(loop)
                condition.broadcast()
            }
            loop.take()
            condition.withLock { loops.removeAll { $0 === loop } }
            loop.waitUntilFinished()
        }
    }

    private func serve() {
        while true {
            let loop = condition.withLock {
                while loops.isEmpty { condition.wait() }
                return loops[0]
            }
            loop.take()
            // Every index is taken: the loop leaves the list so workers move on to the next one.
            condition.withLock { loops.removeAll { $0 === loop } }
        }
    }
}

/// One parallel loop: indices are handed out by an atomic counter, and the caller waits until every taken index is
/// done. After that nothing calls `body` again, so the caller may drop it.
private final class ParallelLoop: @unchecked Sendable {
    let count: Int
    private var body: ((Int) -> Void)?
    private let next = Atomic<Int>(0)
    private let done = Atomic<Int>(0)
    private let finished = DispatchSemaphore(value: 0)

    init(count: Int, body: @escaping (Int) -> Void) {
        self.count = count
        self.body = body
    }

    /// Runs indices until none is left.
    func take() {
        while true {
            let index = next.add(1, ordering: .relaxed).oldValue
            guard index < count else { return }
            body!(index)
            if done.add(1, ordering: .acquiringAndReleasing).newValue == count { finished.signal() }
        }
    }

    func waitUntilFinished() {
        finished.wait()
        body = nil
    }
}

/// A pthread mutex with its condition variable (the engine does without Foundation).
final class ThreadCondition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Waits for a broadcast; call with the lock held.
    func wait() { pthread_cond_wait(condition, mutex) }
    func broadcast() { pthread_cond_broadcast(condition) }
}

/// Starts a detached thread of its own (not one of GCD's) running `body`.
package func startThread(stackSize: Int = 16 << 20, _ body: @escaping @Sendable () -> Void) {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, stackSize)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    var thread = pthread_t()
    let start = Unmanaged.passRetained(ThreadStart(body)).toOpaque()
    let status = pthread_create(
        &thread, &attributes,
        { pointer in
            Unmanaged<ThreadStart>.fromOpaque(pointer!).takeRetainedValue().body()
            return nil
        }, start)
    precondition(status == 0, "cannot start a thread (pthread_create: \(status))")
}

private final class ThreadStart {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}
