import ArgumentParser
import Engine
import Foundation
import Reports

/// `cintel demo`: the main job on a built-in, deterministic retailer. Writes each endpoint's request and response
/// under DIR and prints what each step found.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run every served endpoint on a built-in demo retailer.")

    @Option(help: "Folder for the requests and responses: new, empty, or one cintel wrote (spec/output.md).")
    var out: String = "cintel-demo"

    @Option(help: "How many demo customers to generate.")
    var customers: Int = 3_000

    @Option(help: "Seed of the demo data generator.")
    var seed: UInt64 = 20_250_424

    func validate() throws {
        guard customers >= 1 else { throw ValidationError("--customers must be at least 1") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let folder = try OutputRefusal.reporting(out) { try OutputFolder(out, command: "demo", inputs: []) }
        let retailer = DemoRetailer(customers: customers, seed: seed)
        print("cintel demo: \(retailer.customers.count) customers, \(retailer.transactionCount) transactions, snapshot \(retailer.today)")
        // The same outputs as `cintel analyze`, with every request too: the replayable examples.
        let output = try AnalysisOutput.run(AnalysisJob(retailer: retailer), out: folder, languages: ReportLanguages.all.codes, writesRequests: true)
        let written = URL(fileURLWithPath: out, isDirectory: true)
        for (endpoint, headline) in output.headlines { print("  \(endpoint): \(headline)") }
        print("  per-customer table: customers.csv; segmentation report: \(output.reports.joined(separator: ", ")) in reports/")
        let elapsed = start.duration(to: clock.now)
        print(
            "Wrote \(output.headlines.count) requests and responses to \(written.path) in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds], width: .abbreviated)))."
        )
        print("Replay one with: cintel run customer_rfm \(written.appendingPathComponent("requests/customer_rfm.json").path)")
    }
}
