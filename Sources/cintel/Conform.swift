import ArgumentParser
import Conformance
import Engine
import Foundation
import Reports

/// `cintel conform`: replay the fixture corpus against our engine (default) or any implementation (`--target`),
/// print a report, write JUnit/NDJSON/Markdown files, and exit 0 (every must-level case passed), 1 (a must-level
/// failure or error, or a stale xfail) or 2 (usage error or unreachable target).
struct Conform: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check an implementation of the API against the conformance corpus.")

    @Option(help: "The corpus folder (env CINTEL_FIXTURES).")
    var fixtures: String = ProcessInfo.processInfo.environment["CINTEL_FIXTURES"] ?? "fixtures"

    @Option(help: "Base URL of an implementation to check over HTTP, e.g. http://127.0.0.1:8080 (default: our engine in-process).")
    var target: String?

    @Option(help: "X-Customer-Api-Id for --target (env CINTEL_API_ID).")
    var apiId: String? = ProcessInfo.processInfo.environment["CINTEL_API_ID"]

    @Option(help: "X-Secret for --target (env CINTEL_SECRET).")
    var secret: String? = ProcessInfo.processInfo.environment["CINTEL_SECRET"]

    @Option(name: [.customShort("H"), .customLong("header")], help: "Extra header 'Name: value' for every request (repeatable).")
    var headers: [String] = []

    @Option(help: "Run only fixtures whose id, endpoint, tag or clause matches (glob, or /regex/; repeatable).")
    var filter: [String] = []

    @Option(help: "Lowest level to run.")
    var level: Fixture.Level = .may

    @Flag(help: "Stop after the first must-level failure.")
    var failFast = false

    @Option(help: "Stop after N must-level failures.")
    var maxFail: Int?

    @Option(help: "Expectations file of known skips/xfails (default for the in-process run: <fixtures>/expectations.json).")
    var expectations: String?

    @Option(help: "Requests in flight at once.")
    var concurrency: Int = 4

    @Option(help: "Seconds before a request to --target times out.")
    var timeout: Double = 60

    @Flag(help: "Print the selected fixtures as JSON and exit (for runners in other languages).")
    var list = false

    @Option(help: "Write a JUnit XML report here.")
    var junit: String?
    @Option(help: "Write an NDJSON report here.")
    var ndjson: String?
    @Option(help: "Write a Markdown summary here.")
    var markdown: String?

    @Flag(help: "Show passing cases too.")
    var verbose = false

    func run() async throws {
        let corpus: FixtureCorpus
        do {
            corpus = try FixtureCorpus(root: URL(fileURLWithPath: fixtures, isDirectory: true))
        } catch {
            throw usage("cannot read the corpus at \(fixtures): \(error)")
        }
        guard corpus.problems.isEmpty else {
            throw usage("the corpus has problems (run `cintel fixtures check`):\n" + corpus.problems.map(\.description).joined(separator: "\n"))
        }
        var options = ConformanceRunner.Options()
        options.filters = filter
        options.level = level
        options.failFast = failFast
        options.maxFailures = maxFail
        options.concurrency = max(1, concurrency)
        let expectationsPath = expectations ?? (target == nil ? URL(fileURLWithPath: fixtures).appendingPathComponent("expectations.json").path : nil)
        if let expectationsPath, FileManager.default.fileExists(atPath: expectationsPath) || expectations != nil {
            do {
                options.expectations = try Expectations(contentsOf: URL(fileURLWithPath: expectationsPath))
            } catch {
                throw usage("cannot read the expectations \(expectationsPath): \(error)")
            }
        }
        let runner = ConformanceRunner(options: options)
        let selected: [Fixture]
        do {
            selected = try runner.select(corpus.fixtures)
        } catch {
            throw usage("bad --filter: \(error)")
        }
        if list {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(selected), as: UTF8.self))
            return
        }

        let chosen: any ConformanceTarget
        var httpTarget: HTTPTarget?
        if let target {
            guard target.hasPrefix("http://") || target.hasPrefix("https://") else { throw usage("--target must be an http(s) URL") }
            var pairs: [(String, String)] = []
            if let apiId { pairs.append(("X-Customer-Api-Id", apiId)) }
            if let secret { pairs.append(("X-Secret", secret)) }
            for header in headers {
                let parts = header.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { throw usage("-H takes 'Name: value', got '\(header)'") }
                pairs.append((String(parts[0]).trimmingCharacters(in: .whitespaces), String(parts[1]).trimmingCharacters(in: .whitespaces)))
            }
            httpTarget = HTTPTarget(baseURL: target, headers: pairs, timeoutSeconds: timeout)
            chosen = httpTarget!
        } else {
            chosen = Self.engineTarget
        }

        let started = Date()
        let results = await runner.run(selected, on: chosen)
        try? await httpTarget?.shutdown()
        let report = RunReport(
            runnerVersion: Cintel.version, corpusHash: corpus.hash, target: chosen.name, startedAt: started.formatted(.iso8601), results: results)
        try write(JUnitReporter.render(report), to: junit)
        try write(NDJSONReporter.render(report), to: ndjson)
        try write(MarkdownReporter.render(report), to: markdown)
        print(ConsoleReporter.render(report, targetURL: target, verbose: verbose), terminator: "")
        // Every case an error and none judged: the target is not there (exit 2), not a conformance verdict.
        if !results.isEmpty, results.allSatisfy({ $0.outcome == .error || $0.outcome == .skip }), results.contains(where: { $0.outcome == .error }) {
            throw ExitCode(2)
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    private func write(_ text: String, to path: String?) throws {
        guard let path else { return }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            // One plain line, never Foundation's error text (spec/output.md OUT-10).
            throw usage("cannot write \(path): \(Paths.reason(error, naming: false))")
        }
    }

    private func usage(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("cintel conform: \(message)\n".utf8))
        return ExitCode(2)
    }

    /// Our engine as a target: the same answers `cintel run` and the server give, status included.
    static let engineTarget = FunctionTarget(name: "in-process") { endpoint, _, body in
        guard let found = EndpointCatalog.named(endpoint) else {
            return TargetResponse(status: 404, body: Data(CintelError.unknownEndpoint(endpoint).body))
        }
        do throws(CintelError) {
            let answer = try await found.answerOnComputeThread(to: Array(body), context: ComputeContext(), pretty: false)
            return TargetResponse(status: 200, headers: ["content-type": answer.mediaType], body: Data(answer.bytes))
        } catch {
            return TargetResponse(status: error.status, headers: ["content-type": "application/json"], body: Data(error.body))
        }
    }
}

extension Fixture.Level: ExpressibleByArgument {}
