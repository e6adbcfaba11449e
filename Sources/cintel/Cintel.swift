import ArgumentParser

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
}
