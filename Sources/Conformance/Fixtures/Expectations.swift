import Foundation

/// Known departures of a target (fixtures/README.md, "Expectations"): fixture ids or id globs mapped to `skip` or
/// `xfail` with a reason.
public struct Expectations: Sendable {
    public enum Kind: String, Codable, Sendable { case skip, xfail }

    public struct Entry: Codable, Sendable {
        public var outcome: Kind
        public var reason: String

        public init(outcome: Kind, reason: String) {
            self.outcome = outcome
            self.reason = reason
        }
    }

    public let entries: [(pattern: String, entry: Entry)]

    public init(entries: [(pattern: String, entry: Entry)] = []) {
        self.entries = entries
    }

    public init(contentsOf url: URL) throws {
        let decoded = try JSONDecoder().decode([String: Entry].self, from: Data(contentsOf: url))
        entries = decoded.keys.sorted().map { ($0, decoded[$0]!) }
    }

    /// The first entry whose pattern matches the fixture id (exact ids before globs).
    public func entry(for id: String) -> Entry? {
        entries.first { $0.pattern == id }?.entry ?? entries.first { Glob.matches($0.pattern, id) }?.entry
    }
}

/// Shell-style globs: `*` any run, `?` one character; everything else literal.
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern)
        let t = Array(text)
        var (i, j, star, mark) = (0, 0, -1, 0)
        while j < t.count {
            if i < p.count, p[i] == "?" || p[i] == t[j] {
                i += 1
                j += 1
            } else if i < p.count, p[i] == "*" {
                star = i
                mark = j
                i += 1
            } else if star >= 0 {
                i = star + 1
                mark += 1
                j = mark
            } else {
                return false
            }
        }
        while i < p.count, p[i] == "*" { i += 1 }
        return i == p.count
    }
}
