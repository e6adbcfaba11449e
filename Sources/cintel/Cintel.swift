import ArgumentParser

@main
struct Cintel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cintel",
        abstract: "Customer intelligence: segmentation, RFM, loyalty, CLV, churn and NPS, to a clause-by-clause spec.",
        subcommands: [Demo.self, Run.self, Endpoints.self, Serve.self, Keys.self]
    )
}
