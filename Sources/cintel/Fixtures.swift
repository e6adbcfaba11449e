import ArgumentParser
import Conformance
import Foundation

/// `cintel fixtures check`: lint the corpus — every file a well-formed fixture, ids unique, cited clauses defined in
/// spec/, and (with --require-coverage) every MUST clause of the named spec files cited by some fixture.
struct Fixtures: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work with the conformance corpus.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lint the corpus.")

        @Option(help: "The corpus folder.")
        var fixtures: String = "fixtures"

        @Option(help: "The spec folder.")
        var spec: String = "spec"

        @Option(help: "Spec files whose MUST clauses must each be cited by a fixture (repeatable), e.g. customer_rfm.md.")
        var requireCoverage: [String] = []

        func run() throws {
            let corpus = try FixtureCorpus(root: URL(fileURLWithPath: fixtures, isDirectory: true))
            var failed = !corpus.problems.isEmpty
            for problem in corpus.problems { print("error: \(problem)") }
            let (unknown, uncovered) = try corpus.clauseCoverage(specRoot: URL(fileURLWithPath: spec, isDirectory: true), specFiles: requireCoverage)
            for clause in unknown { print("error: fixtures cite \(clause), which spec/ does not define") }
            for clause in uncovered { print("error: MUST clause \(clause) is cited by no fixture") }
            failed = failed || !unknown.isEmpty || !uncovered.isEmpty
            let byEndpoint = Dictionary(grouping: corpus.fixtures, by: \.endpoint)
            for endpoint in byEndpoint.keys.sorted() { print("\(endpoint): \(byEndpoint[endpoint]!.count) fixtures") }
            print("\(corpus.fixtures.count) fixtures, corpus \(corpus.hash.prefix(12)), \(failed ? "problems found" : "ok")")
            if failed { throw ExitCode(1) }
        }
    }
}
