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

    /// Every request example of the source (4.1.1–4.1.7) has a fixture; the source sits in ../shared beside the repo.
    @Test func everyDocumentedRequestExampleHasAFixture() throws {
        let text = try String(contentsOf: Repository.sourceAPI, encoding: .utf8)
        let sections = text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("## 4.1."), let number = line.split(separator: " ").dropFirst().first else { return nil }
            return String(number)
        }
        #expect(sections == ["4.1.1", "4.1.2", "4.1.3", "4.1.4", "4.1.5", "4.1.6", "4.1.7"])
        let tags = Set(try Repository.corpus().fixtures.filter { $0.tags.contains("documented") }.flatMap(\.tags))
        for section in sections {
            #expect(tags.contains("source-\(section)"), "no documented fixture for \(section)")
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
