import Synchronization

/// A request body handed to the computation that parses it. The route keeps no copy, so the bytes are freed once
/// parsed instead of living as long as the answer (SRV-6).
final class RequestBytes: Sendable {
    private let storage: Mutex<[UInt8]>

    init(_ bytes: consuming [UInt8]) {
        storage = Mutex(bytes)
    }

    /// The bytes, leaving none behind: the one reference then belongs to the caller.
    func take() -> [UInt8] {
        storage.withLock { bytes in
            var taken: [UInt8] = []
            swap(&taken, &bytes)
            return taken
        }
    }
}
