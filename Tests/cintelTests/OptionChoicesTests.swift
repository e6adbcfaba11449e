import Foundation
import Testing

/// Options with a fixed set of values (`conform --level`, `analyze --lang`, `serve --log-level`): `--help` lists the
/// values, and the parser refuses any other with the list and status 2.
@Suite("cintel option choices")
struct OptionChoicesTests {
    /// A command line with one wrong value, and the parser's list of the right ones.
    struct WrongValue: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let refusal: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// `serve` is given a folder as its key file, so a value wrongly accepted ends the command (status 1) rather than
    /// leaving a server listening.
    static let wrongValues = [
        WrongValue(
            arguments: ["conform", "--fixtures", "/nonexistent", "--level", "sometimes"],
            refusal: "The value 'sometimes' is invalid for '--level <level>'. Please provide one of 'must', 'should' or 'may'."),
        WrongValue(
            arguments: ["analyze", "/nonexistent/orders.csv", "--lang", "en,fr"],
            refusal: "The value 'en,fr' is invalid for '--lang <lang>'. Please provide one of 'en', 'es' or 'pt'."),
        WrongValue(
            arguments: ["analyze", "/nonexistent/orders.csv", "--lang", ","],
            refusal: "The value ',' is invalid for '--lang <lang>'. Please provide one of 'en', 'es' or 'pt'."),
        WrongValue(
            arguments: ["serve", "--keys", "/", "--log-level", "verbose"],
            refusal: """
                The value 'verbose' is invalid for '--log-level <log-level>'. Please provide one of the following:
                  - trace
                  - debug
                  - info
                  - notice
                  - warning
                  - error
                  - critical
                """),
    ]

    @Test(arguments: wrongValues)
    func aWrongValueIsRefusedWithTheAllowedOnes(_ wrong: WrongValue) throws {
        let outcome = try CommandLineTests.run(wrong.arguments)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(wrong.refusal), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }

    /// `--help`, its lines joined, lists each option's values and default.
    @Test(arguments: [
        (["conform", "--help"], "(values: must, should, may; default: may)"),
        (["analyze", "--help"], "(values: en, es, pt; default: en,es,pt)"),
        (["serve", "--help"], "(values: trace, debug, info, notice, warning, error, critical; default: info)"),
    ])
    func helpListsTheValues(_ arguments: [String], listing: String) throws {
        let outcome = try CommandLineTests.run(arguments, environment: [:])
        #expect(outcome.status == 0)
        let joined = outcome.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(joined.contains(listing), "\(outcome.stdout)")
    }

    /// A should-level fixture runs by default and is skipped under `--level must`.
    @Test func aLevelSkipsTheFixturesBelowIt() throws {
        let run = ["conform", "--fixtures", ConformCommandTests.fixtures, "--filter", "nps-neg-body-over-default-limit", "--verbose"]
        let mustOnly = try CommandLineTests.run(run + ["--level", "must"])
        #expect(mustOnly.status == 0, "\(mustOnly.stdout)")
        #expect(mustOnly.stdout.contains("SKIP  nps-neg-body-over-default-limit  nps [should]"), "\(mustOnly.stdout)")
        #expect(mustOnly.stdout.contains("below --level must"))
        let everyLevel = try CommandLineTests.run(run)
        #expect(everyLevel.status == 0, "\(everyLevel.stdout)")
        #expect(everyLevel.stdout.contains("PASS  nps-neg-body-over-default-limit  nps [should]"), "\(everyLevel.stdout)")
    }

    /// `--lang` keeps its comma-separated form: the decks in the languages given, an empty item skipped.
    @Test func languagesAreGivenCommaSeparated() throws {
        let (dir, orders) = try OutputFolderTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("analysis")
        let outcome = try OutputFolderTests.analyze(orders, out: out.path, ["--lang", "pt,,es"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let reports = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("reports").path)
        #expect(reports.sorted() == ["report-es.html", "report-pt.html", "report.xml"])
    }

    @Test func anOptionValueOutsideItsRangeIsAUsageError() throws {
        let outcome = try CommandLineTests.run(["serve", "--keys", "/", "--port", "0"], environment: [:])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--port must be an integer from 1 to 65535, got '0'"), "\(outcome.stderr)")
    }
}
