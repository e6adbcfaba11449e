import Crypto
import Foundation

/// The fixtures of a corpus folder, loaded and checked: ids unique and well-formed, levels and clauses present.
public struct FixtureCorpus: Sendable {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    public let root: URL
    public let fixtures: [Fixture]
    public let problems: [Problem]
    /// SHA-256 over every fixture file's path and bytes, in path order.
    public let hash: String

    /// Files that live in the corpus folder but are not fixtures.
    static let nonFixtures: Set<String> = ["fixture.schema.json", "expectations.json"]

    public init(root: URL) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: root.path])
        }
        self.root = root
        let files = try Self.fixtureFiles(under: root)
        var fixtures: [Fixture] = []
        var problems: [Problem] = []
        var hasher = SHA256()
        var seen: [String: String] = [:]
        let idPattern = try Regex("^[a-z0-9][a-z0-9.-]*$")
        for relative in files {
            let data = try Data(contentsOf: root.appendingPathComponent(relative))
            hasher.update(data: Data(relative.utf8))
            hasher.update(data: data)
            do {
                var fixture = try JSONDecoder().decode(Fixture.self, from: data)
                fixture.path = relative
                if (try? idPattern.wholeMatch(in: fixture.id)) == nil {
                    problems.append(Problem(path: relative, message: "id '\(fixture.id)' is not of the form [a-z0-9][a-z0-9.-]*"))
                }
                if let first = seen[fixture.id] { problems.append(Problem(path: relative, message: "id '\(fixture.id)' is also used by \(first)")) }
                seen[fixture.id] = relative
                if !relative.hasPrefix(fixture.endpoint + "/") {
                    problems.append(Problem(path: relative, message: "endpoint '\(fixture.endpoint)' does not match the folder"))
                }
                if fixture.spec.isEmpty { problems.append(Problem(path: relative, message: "cites no spec clause")) }
                if (fixture.request.body == nil) == (fixture.request.bodyText == nil) {
                    problems.append(Problem(path: relative, message: "request needs exactly one of body, body_text"))
                }
                problems += Self.unknownMembers(in: data).map { Problem(path: relative, message: "unknown member \($0)") }
                fixtures.append(fixture)
            } catch {
                problems.append(Problem(path: relative, message: "not a fixture: \(error)"))
            }
        }
        self.fixtures = fixtures
        self.problems = problems
        self.hash = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The format's members (fixtures/README.md); anything else is a typo that would silently drop a check.
    private static let members: [String: Set<String>] = [
        "": ["id", "endpoint", "description", "spec", "level", "tags", "request", "expect"],
        "/request": ["body", "body_text", "headers", "pad_to_bytes"],
        "/expect": ["status", "assertions", "problems", "problems_exact", "media_type", "same_as", "agrees_with"],
        "/expect/same_as": ["endpoint", "body"],
        "/expect/agrees_with": ["endpoint", "body", "pairs"],
    ]
    private static let assertionMembers: Set<String> = [
        "pointer", "equals", "approx", "abs", "rel", "type", "range", "oneOf", "setEquals", "length", "partition", "contains", "excludes", "oracle",
    ]

    /// Pointers of members the format does not define, in the fixture, its request, its expectation and its assertions.
    static func unknownMembers(in data: Data) -> [String] {
        guard let root = JSON.parse(data) else { return [] }
        var unknown: [String] = []
        for (pointer, allowed) in members {
            for key in (root[pointer: pointer]?.object ?? [:]).keys.sorted() where !allowed.contains(key) {
                unknown.append(JSON.pointer(pointer, key))
            }
        }
        for (index, assertion) in (root[pointer: "/expect/assertions"]?.array ?? []).enumerated() {
            for key in (assertion.object ?? [:]).keys.sorted() where !assertionMembers.contains(key) {
                unknown.append(JSON.pointer("/expect/assertions/\(index)", key))
            }
        }
        return unknown.sorted()
    }

    /// Every `*.json` below the root except the format's schema, the expectations and generator tools, sorted.
    static func fixtureFiles(under root: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var files: [String] = []
        let base = root.standardizedFileURL.path
        for case let url as URL in enumerator where url.pathExtension == "json" {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            if nonFixtures.contains(relative) || relative.hasPrefix("tools/") { continue }
            files.append(relative)
        }
        return files.sorted()
    }

    /// Clause IDs cited by the corpus that `spec/` does not define, and the MUST clauses of `specFiles` no fixture
    /// cites.
    public func clauseCoverage(specRoot: URL, specFiles: [String]) throws -> (unknown: [String], uncovered: [String]) {
        var defined: Set<String> = []
        var must: [String] = []
        let clausePattern = try Regex(#"^- \*\*([A-Z]+-[0-9]+)\*\*(.*)$"#)
        for file in try FileManager.default.contentsOfDirectory(atPath: specRoot.path) where file.hasSuffix(".md") {
            let text = try String(contentsOf: specRoot.appendingPathComponent(file), encoding: .utf8)
            var current: (id: String, text: String)?
            func close() {
                if let clause = current, specFiles.contains(file), clause.text.contains("MUST"), !clause.text.contains("*Withdrawn*") {
                    must.append(clause.id)
                }
            }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if let match = try? clausePattern.wholeMatch(in: String(line)), let id = match.output[1].substring {
                    close()
                    defined.insert(String(id))
                    current = (String(id), String(match.output[2].substring ?? ""))
                } else if line.hasPrefix("  "), current != nil {
                    current!.text += " " + line
                } else {
                    close()
                    current = nil
                }
            }
            close()
        }
        let cited = Set(fixtures.flatMap(\.spec))
        return (cited.subtracting(defined).sorted(), must.filter { !cited.contains($0) })
    }
}
