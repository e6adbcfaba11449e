import Crypto
import Foundation

/// The API keys of a deployment, as stored on disk: ids and salted SHA-256 hashes of the secrets, never the secrets.
/// Secrets are 256 random bits, so a salted hash is enough (no slow KDF needed: there is nothing to brute-force).
public struct KeyFile: Codable, Sendable, Equatable {
    public struct Key: Codable, Sendable, Equatable {
        public var id: String
        public var label: String
        public var salt: String
        public var hash: String
        public var created: String
        public var revoked: String?
    }

    public var version = 1
    public var keys: [Key] = []

    public init() {}

    /// Reads a key file; a missing file is an empty key set.
    public static func load(path: String) throws -> KeyFile {
        guard FileManager.default.fileExists(atPath: path) else { return KeyFile() }
        return try JSONDecoder().decode(KeyFile.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Writes atomically (temporary file, then rename) with owner-only permissions.
    public func save(path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString)")
        try encoder.encode(self).write(to: temporary)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary.path)
        // rename(2) replaces the old file atomically: a reader sees the old keys or the new ones, never half a file.
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// Adds a new key and returns its id and secret; the secret is not stored and cannot be shown again.
    public mutating func add(label: String, now: Date = Date()) -> (id: String, secret: String) {
        let id = UUID().uuidString.lowercased()
        let secret = Self.randomToken(bytes: 32)
        let salt = Self.randomToken(bytes: 16)
        keys.append(Key(id: id, label: label, salt: salt, hash: Self.digest(salt: salt, secret: secret), created: Self.timestamp(now), revoked: nil))
        return (id, secret)
    }

    /// Marks a key revoked; returns false when no live key has that id.
    public mutating func revoke(id: String, now: Date = Date()) -> Bool {
        guard let index = keys.firstIndex(where: { $0.id == id.lowercased() && $0.revoked == nil }) else { return false }
        keys[index].revoked = Self.timestamp(now)
        return true
    }

    static func digest(salt: String, secret: String) -> String {
        Data(SHA256.hash(data: Data((salt + ":" + secret).utf8))).base64EncodedString()
    }

    private static func randomToken(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
