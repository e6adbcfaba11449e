import ArgumentParser
import Foundation

@main
struct Cintel: AsyncParsableCommand {
    static let version = "0.3.0"

    static let configuration = CommandConfiguration(
        commandName: "cintel",
        abstract: "Customer intelligence: segmentation, RFM, loyalty, CLV, churn and NPS, to a clause-by-clause spec.",
        version: Cintel.version,
        subcommands: [
            Demo.self, Analyze.self, Request.self, Run.self, Report.self, Endpoints.self, Serve.self, Keys.self, Conform.self, Fixtures.self,
        ]
    )

    /// ArgumentParser's own `main`, except that a usage error ends with status 2, the status every cintel command
    /// gives its own usage errors (spec/output.md), rather than ArgumentParser's EX_USAGE (64).
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            exit(withError: ExitCode(2))
        }
    }
}
