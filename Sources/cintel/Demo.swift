import ArgumentParser
import Engine
import Foundation
import Reports

/// `cintel demo`: the main job on a built-in, deterministic retailer. Writes each endpoint's request and response
/// under DIR and prints what each step found.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run every served endpoint on a built-in demo retailer.")

    @Option(help: "Folder for the requests and responses.")
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
        let retailer = DemoRetailer(customers: customers, seed: seed)
        let steps: [AnalysisJob.Step]
        do {
            steps = try AnalysisJob(retailer: retailer).run()
        } catch {
            FileHandle.standardError.write(Data(error.body))
            throw ExitCode(1)
        }
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        print("cintel demo: \(retailer.customers.count) customers, \(retailer.transactionCount) transactions, snapshot \(retailer.today)")
        // The same outputs as `cintel analyze`: requests, responses, the per-customer table and the report packs.
        var reports: [String] = []
        try AnalysisFolder(path: out).write { folder in
            try AnalysisFolder.writeSteps(steps, to: folder)
            try AnalysisFolder.writeCustomerTable(steps, customers: retailer.customers.map(\.customerId), to: folder)
            reports = try AnalysisFolder.writeReports(steps, languages: ["en", "es", "pt"], to: folder.appendingPathComponent("reports"))
        }
        for step in steps { print("  \(step.endpoint): \(step.headline)") }
        print("  per-customer table: customers.csv; segmentation report: \(reports.joined(separator: ", ")) in reports/")
        let elapsed = start.duration(to: clock.now)
        print(
            "Wrote \(steps.count) requests and responses to \(folder.path) in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds], width: .abbreviated)))."
        )
        print("Replay one with: cintel run customer_rfm \(folder.appendingPathComponent("requests/customer_rfm.json").path)")
    }
}
