import Conformance
import Foundation
import Testing

@Suite("The corpus itself")
struct CorpusTests {
    @Test func corpusIsWellFormedAndCitesOnlyDefinedClauses() throws {
        let corpus = try Repository.corpus()
        #expect(corpus.problems.isEmpty, "\(corpus.problems)")
        #expect(corpus.fixtures.count > 50)
        let (unknown, _) = try corpus.clauseCoverage(specRoot: Repository.spec, specFiles: [])
        #expect(unknown.isEmpty, "cited but undefined: \(unknown)")
    }

    @Test func everyMustClauseOfTheServedEndpointsIsCovered() throws {
        let files = ["customer_features.md", "customer_loyalty.md", "customer_rfm.md", "customer_clv_features.md"]
        let (_, uncovered) = try Repository.corpus().clauseCoverage(specRoot: Repository.spec, specFiles: files)
        #expect(uncovered.isEmpty, "MUST clauses without a fixture: \(uncovered)")
    }

    /// The sections of the source whose request examples are documented fixtures. The list lives here, not in the
    /// source, so the check runs in any clone; `sourceSectionsAreTheDocumentedOnes` ties it to the source where CI has it.
    static let documentedSections = ["4.1.1", "4.1.2", "4.1.3", "4.1.4", "4.1.5", "4.1.6", "4.1.7"]

    @Test func everyDocumentedRequestExampleHasAFixture() throws {
        let tags = Set(try Repository.corpus().fixtures.filter { $0.tags.contains("documented") }.flatMap(\.tags))
        for section in Self.documentedSections {
            #expect(tags.contains("source-\(section)"), "no documented fixture for \(section)")
        }
    }

    /// Provenance, where the environment names the source API description (`CINTEL_SOURCE_API`, set by CI): its
    /// detailed sections are the list above, and each documented fixture's body is that section's request example,
    /// with the example's elisions (`…` lines) left out. The build and the tests never look outside the repository.
    @Test(.enabled(if: Repository.sourceAPI.map { FileManager.default.fileExists(atPath: $0.path) } ?? false, "needs CINTEL_SOURCE_API"))
    func documentedFixturesAreTheSourceExamples() throws {
        let text = try String(contentsOf: try #require(Repository.sourceAPI), encoding: .utf8)
        let examples = SourceExamples(text)
        #expect(examples.sections == Self.documentedSections)
        let documented = try Repository.corpus().fixtures.filter { $0.tags.contains("documented") }
        for section in Self.documentedSections {
            let fixtures = documented.filter { $0.tags.contains("source-\(section)") }
            let example = try #require(try examples.requestBody(section), "no request example in \(section)")
            for fixture in fixtures where fixture.request.body != nil {
                #expect(fixture.request.body == example, "\(fixture.id) is not the request example of \(section)")
            }
        }
    }

    @Test func ourEngineMeetsTheCorpus() async throws {
        let corpus = try Repository.corpus()
        var options = ConformanceRunner.Options()
        options.expectations = try Expectations(contentsOf: Repository.fixtures.appendingPathComponent("expectations.json"))
        let results = await ConformanceRunner(options: options).run(corpus.fixtures, on: EngineTarget())
        let report = RunReport(runnerVersion: "test", corpusHash: corpus.hash, target: "in-process", startedAt: "", results: results)
        let blocking = results.filter { [.fail, .error, .xpass].contains($0.outcome) }
        #expect(blocking.isEmpty, "\(blocking.map { "\($0.fixture.id): \($0.findings.map(\.message)) \($0.reason ?? "")" })")
        #expect(report.exitCode == 0)
        #expect(report.count(.pass) > 50)
    }
}

/// The request examples of the source: each detailed section's first fenced `http` block, whose body follows the
/// first blank line.
struct SourceExamples {
    private(set) var sections: [String] = []
    private var bodies: [String: String] = [:]

    init(_ text: String) {
        var section: String?
        var block: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## 4.1."), let number = line.split(separator: " ").dropFirst().first {
                section = String(number)
                sections.append(String(number))
            } else if line.hasPrefix("```http") {
                block = []
            } else if line.hasPrefix("```"), let lines = block {
                if let section, bodies[section] == nil, let blank = lines.firstIndex(where: { $0.allSatisfy(\.isWhitespace) }) {
                    bodies[section] = lines[(blank + 1)...].joined(separator: "\n")
                }
                block = nil
            } else if block != nil {
                block?.append(line)
            }
        }
    }

    /// The section's body as JSON: a leading `Body:` label, lines that elide items (`…`) and the commas they leave
    /// dangling are dropped.
    func requestBody(_ section: String) throws -> JSON? {
        guard let body = bodies[section] else { return nil }
        let kept = body.split(separator: "\n").filter {
            let line = $0.trimmingCharacters(in: .whitespaces)
            return !line.hasPrefix("…") && line != "Body:"
        }
        let text = kept.joined(separator: "\n").replacing(/,(\s*[\]}])/) { $0.output.1 }
        return try JSONDecoder().decode(JSON.self, from: Data(text.utf8))
    }
}
