import Engine
import Synchronization

/// Runs CPU-heavy endpoint work off the event loop and off Swift's cooperative pool, at most `limit` at once (beyond
/// that: 503 with Retry-After, at once), and answers 503 when a computation outlives the deadline. A computation past
/// its deadline keeps its slot until it really ends, so the bound stays honest about the CPU in use.
///
/// Each computation gets a thread of its own and fans out on the engine's `WorkerPool`, never on GCD's global
/// queues: those share their threads with the cooperative pool that runs the server's handlers, and measured
/// `/healthz` answers then waited seconds for a computation to end (SRV-2).
final class ComputeGate: Sendable {
    private let limit: Int
    private let deadlineSeconds: Double
    private let inFlight = Atomic<Int>(0)
    private let clock: any DeadlineClock
    private let metrics: ServerMetrics?

    init(limit: Int, deadlineSeconds: Double, clock: any DeadlineClock = SystemDeadlineClock(), metrics: ServerMetrics? = nil) {
        self.limit = max(1, limit)
        self.deadlineSeconds = deadlineSeconds
        self.clock = clock
        self.metrics = metrics
    }

    /// Every slot is taken: a new computation would be refused (`/readyz` answers 503).
    var isSaturated: Bool { inFlight.load(ordering: .acquiring) >= limit }

    func run(_ work: @escaping @Sendable () throws(CintelError) -> EndpointAnswer) async throws -> EndpointAnswer {
        guard inFlight.add(1, ordering: .acquiringAndReleasing).newValue <= limit else {
            inFlight.subtract(1, ordering: .acquiringAndReleasing)
            metrics?.rejected(reason: .overloaded)
            throw ServiceError.overloaded
        }
        metrics?.computationStarted()
        let metrics = metrics
        let outcome = Outcome()
        let deadline = deadlineSeconds
        let clock = clock
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<EndpointAnswer, any Error>) in
            outcome.attach(continuation)
            let start = clock.nanoseconds()
            startThread {
                let result = Result { () throws(CintelError) in try work() }
                self.inFlight.subtract(1, ordering: .acquiringAndReleasing)
                metrics?.computationEnded()
                // The timer below may fire late on a busy machine; a computation that outlived the deadline is
                // answered as such either way, so the outcome does not depend on thread scheduling.
                let elapsed = Double(clock.nanoseconds() - start) / 1e9
                if elapsed > deadline {
                    if outcome.finish(.failure(ServiceError.deadlineExceeded(seconds: deadline))) { metrics?.rejected(reason: .deadlineExceeded) }
                } else {
                    outcome.finish(result.mapError { $0 as any Error })
                }
            }
            clock.after(seconds: deadline) {
                if outcome.finish(.failure(ServiceError.deadlineExceeded(seconds: deadline))) { metrics?.rejected(reason: .deadlineExceeded) }
            }
        }
    }
}

/// Resumes a continuation exactly once: with the result, or with the deadline error, whichever comes first.
private final class Outcome: Sendable {
    private let continuation = Mutex<CheckedContinuation<EndpointAnswer, any Error>?>(nil)

    func attach(_ value: CheckedContinuation<EndpointAnswer, any Error>) {
        continuation.withLock { $0 = value }
    }

    /// Whether this call was the one that answered.
    @discardableResult
    func finish(_ result: Result<EndpointAnswer, any Error>) -> Bool {
        let pending = continuation.withLock { value -> CheckedContinuation<EndpointAnswer, any Error>? in
            defer { value = nil }
            return value
        }
        pending?.resume(with: result)
        return pending != nil
    }
}
