import Foundation
import Testing

/// `cintel serve`'s environment variables: unset or empty means the default, junk stops the command with one line and
/// status 2 rather than being replaced by the default.
@Suite("cintel serve environment", .serialized)
struct EnvironmentDefaultTests {
    /// A variable holding junk and the line that refuses it.
    struct Junk: Sendable, CustomTestStringConvertible {
        let variable: String
        let value: String
        let expected: String
        var line: String { "cintel: \(variable) must be \(expected), got '\(value)'\n" }
        var testDescription: String { "\(variable)=\(value)" }
    }

    static let variables = [
        "CINTEL_PORT", "CINTEL_MAX_CONCURRENT", "CINTEL_DEADLINE_SECONDS", "CINTEL_IDLE_TIMEOUT_SECONDS", "LOG_LEVEL", "CINTEL_METRICS",
    ]

    static let junk = [
        Junk(variable: "CINTEL_PORT", value: "abc", expected: "an integer from 1 to 65535"),
        Junk(variable: "CINTEL_PORT", value: "70000", expected: "an integer from 1 to 65535"),
        Junk(variable: "CINTEL_MAX_CONCURRENT", value: "four", expected: "an integer of at least 1"),
        Junk(variable: "CINTEL_MAX_CONCURRENT", value: "0", expected: "an integer of at least 1"),
        Junk(variable: "CINTEL_DEADLINE_SECONDS", value: "1m", expected: "a number of seconds above 0"),
        Junk(variable: "CINTEL_IDLE_TIMEOUT_SECONDS", value: "-5", expected: "a number of seconds above 0"),
        Junk(variable: "LOG_LEVEL", value: "verbose", expected: "one of trace, debug, info, notice, warning, error, critical"),
        Junk(variable: "CINTEL_METRICS", value: "yes", expected: "1 or 0"),
    ]

    /// The key file is a folder, so a variable wrongly accepted ends the command (status 1, another message) rather
    /// than leaving a server listening.
    @Test(arguments: junk)
    func junkIsRefusedInOneLine(_ junk: Junk) throws {
        let outcome = try CommandLineTests.run(["serve", "--keys", "/"], environment: [junk.variable: junk.value])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == junk.line)
    }

    @Test func junkIsRefusedEvenWhenTheOptionIsGiven() throws {
        let outcome = try CommandLineTests.run(
            ["serve", "--keys", "/", "--port", "8081"], environment: ["CINTEL_PORT": "abc"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "cintel: CINTEL_PORT must be an integer from 1 to 65535, got 'abc'\n")
    }

    /// `--help` prints each option's default as the variables make it.
    @Test(arguments: [[:], Dictionary(uniqueKeysWithValues: variables.map { ($0, "") })])
    func unsetOrEmptyMeansTheDefault(_ environment: [String: String]) throws {
        let defaults = try Self.helpDefaults(environment)
        #expect(defaults == ["8080", "4", "60.0", "30.0", "info"])
    }

    @Test func aValueReplacesTheDefault() throws {
        let environment = [
            "CINTEL_PORT": "9123", "CINTEL_MAX_CONCURRENT": "2", "CINTEL_DEADLINE_SECONDS": "5", "CINTEL_IDLE_TIMEOUT_SECONDS": "1.5",
            "LOG_LEVEL": "error",
        ]
        #expect(try Self.helpDefaults(environment) == ["9123", "2", "5.0", "1.5", "error"])
    }

    /// Empty variables pass the check and the server starts with the defaults.
    @Test func aServerStartsWithEveryVariableEmpty() throws {
        let environment = Dictionary(uniqueKeysWithValues: Self.variables.map { ($0, "") })
        let server = try ConformCommandTests.Server(arguments: ["--no-auth"], environment: environment)
        server.stop()
    }

    /// The `(default: …)` of --port, --max-concurrent, --deadline-seconds, --idle-timeout-seconds and --log-level.
    static func helpDefaults(_ environment: [String: String]) throws -> [String] {
        let outcome = try CommandLineTests.run(["serve", "--help"], environment: environment)
        #expect(outcome.status == 0)
        let help = outcome.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let options = try #require(help.range(of: "OPTIONS:")).upperBound
        return ["--port", "--max-concurrent", "--deadline-seconds", "--idle-timeout-seconds", "--log-level"].map { option in
            guard let start = help.range(of: "\(option) <", range: options..<help.endIndex)?.upperBound,
                let mark = help.range(of: "default: ", range: start..<help.endIndex)
            else { return "none" }
            return String(help[mark.upperBound...].prefix { $0 != ")" })
        }
    }
}
