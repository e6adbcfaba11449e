import ArgumentParser

@main
struct Cintel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cintel",
        abstract: "Customer intelligence: segmentation, RFM, loyalty, CLV, churn and NPS, to a clause-by-clause spec.",
        subcommands: [Demo.self, Run.self, Endpoints.self]
    )
}
