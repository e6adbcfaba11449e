import Foundation
import Logging
import Synchronization

/// The live key set of a running server. Re-reads the key file when it changes on disk (checked on each request,
/// one `stat`) or on SIGHUP, so keys are added and revoked without a restart.
public final class KeyStore: Sendable {
    private struct State {
        var keys: [String: KeyFile.Key] = [:]
        var stamp: FileStamp?
    }

    private struct FileStamp: Equatable {
        var modified: Date?
        var size: Int?
    }

    private let path: String
    private let logger: Logger
    private let state = Mutex(State())

    public init(path: String, logger: Logger) throws {
        self.path = path
        self.logger = logger
        try reload()
    }

    /// Re-reads the file. A file that cannot be read keeps the previous keys (and says so in the log).
    public func reload() throws {
        let stamp = currentStamp()
        let file = try KeyFile.load(path: path)
        let live = Dictionary(file.keys.filter { $0.revoked == nil }.map { ($0.id.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        state.withLock {
            $0.keys = live
            $0.stamp = stamp
        }
        logger.info("keys loaded", metadata: ["keys.live": "\(live.count)"])
    }

    /// Whether the pair names a live key. The work done is the same whether the id is unknown or the secret wrong.
    public func authenticate(id: String, secret: String) -> Bool {
        reloadIfChanged()
        let key = state.withLock { $0.keys[id.lowercased()] }
        let salt = key?.salt ?? "no-such-key"
        let expected = Data(base64Encoded: key?.hash ?? "") ?? Data(repeating: 0, count: 32)
        let actual = Data(base64Encoded: KeyFile.digest(salt: salt, secret: secret)) ?? Data()
        return constantTimeEqual(expected, actual) && key != nil && UUID(uuidString: id) != nil
    }

    private func reloadIfChanged() {
        let stamp = currentStamp()
        guard state.withLock({ $0.stamp != stamp }) else { return }
        do {
            try reload()
        } catch {
            logger.error("key file unreadable; keeping the previous keys", metadata: ["error": "\(error)"])
            state.withLock { $0.stamp = stamp }
        }
    }

    private func currentStamp() -> FileStamp {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return FileStamp(modified: attributes?[.modificationDate] as? Date, size: (attributes?[.size] as? NSNumber)?.intValue)
    }
}

/// Compares two digests without an early exit.
func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for (x, y) in zip(a, b) { difference |= x ^ y }
    return difference == 0
}
