import Dispatch

/// The time the compute gate measures deadlines by (SRV-1, ERR `deadline_exceeded`): the system's monotonic clock in a
/// deployment; in tests a clock they move by hand, so a deadline passes exactly when the test says.
package protocol DeadlineClock: Sendable {
    /// Nanoseconds since an arbitrary fixed origin; never decreases.
    func nanoseconds() -> UInt64
    /// Runs `action` once `seconds` have passed.
    func after(seconds: Double, _ action: @escaping @Sendable () -> Void)
}

/// Monotonic uptime, with timers on one serial queue (they only answer requests, trivial work).
struct SystemDeadlineClock: DeadlineClock {
    private static let timers = DispatchQueue(label: "cintel.compute-deadlines")

    func nanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    func after(seconds: Double, _ action: @escaping @Sendable () -> Void) {
        Self.timers.asyncAfter(deadline: .now() + seconds, execute: action)
    }
}
