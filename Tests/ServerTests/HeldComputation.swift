import Dispatch
import Engine
import Synchronization

@testable import Server

/// A request computation a test holds until it releases it, and that says when it has started: the bound, the
/// deadline and shutdown are then checked by what happened, never by how long a real computation took.
final class HeldComputation: RequestComputation {
    static let answerBytes = Array(#"{"held":true}"#.utf8)
    private let started = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)

    func answer(_ endpoint: Endpoint, body: consuming [UInt8], context: ComputeContext) throws(CintelError) -> EndpointAnswer {
        run()
    }

    /// The held work itself, for the gate's own tests.
    func run() -> EndpointAnswer {
        started.signal()
        released.wait()
        return EndpointAnswer(mediaType: EndpointAnswer.json, bytes: Self.answerBytes)
    }

    /// Waits until one more computation has started; false after ten minutes (other suites running beside this one
    /// can hold every thread of the cooperative pool for a while, but an event that never comes must not hang CI).
    /// The wait blocks a thread of its own: on Linux, GCD's workers also run every test's tasks.
    func waitUntilStarted() async -> Bool {
        await withCheckedContinuation { continuation in
            startThread { continuation.resume(returning: self.started.wait(timeout: .now() + 600) == .success) }
        }
    }

    /// Lets one held computation (now or later) finish.
    func release() { released.signal() }
}

/// A deadline clock that moves only when the test moves it.
final class ManualDeadlineClock: DeadlineClock {
    private struct Timer {
        var due: UInt64
        var action: @Sendable () -> Void
    }

    private let state = Mutex<(now: UInt64, timers: [Timer])>((0, []))

    func nanoseconds() -> UInt64 { state.withLock { $0.now } }

    func after(seconds: Double, _ action: @escaping @Sendable () -> Void) {
        state.withLock { $0.timers.append(Timer(due: $0.now + UInt64(seconds * 1e9), action: action)) }
    }

    /// Moves time on; with `firingTimers`, runs the timers now due (a late timer is one not fired yet).
    func advance(seconds: Double, firingTimers: Bool = true) {
        let due = state.withLock { state -> [Timer] in
            state.now += UInt64(seconds * 1e9)
            guard firingTimers else { return [] }
            let now = state.now
            let due = state.timers.filter { $0.due <= now }
            state.timers.removeAll { $0.due <= now }
            return due
        }
        for timer in due { timer.action() }
    }
}
