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
        let steps: [DemoJob.Step]
        do {
            steps = try DemoJob(retailer: retailer).run()
        } catch {
            FileHandle.standardError.write(Data(error.body))
            throw ExitCode(1)
        }
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("requests"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("responses"), withIntermediateDirectories: true)
        print("cintel demo: \(retailer.customers.count) customers, \(retailer.transactionCount) transactions, snapshot \(retailer.today)")
        for step in steps {
            try Data(step.request).write(to: folder.appendingPathComponent("requests/\(step.endpoint).json"))
            try Data(step.response).write(to: folder.appendingPathComponent("responses/\(step.endpoint).json"))
            print("  \(step.endpoint): \(step.headline)")
        }
        try writeReports(steps, to: folder.appendingPathComponent("reports"))
        let elapsed = start.duration(to: clock.now)
        print(
            "Wrote \(steps.count) requests and responses to \(folder.path) in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds], width: .abbreviated)))."
        )
        print("Replay one with: cintel run customer_rfm \(folder.appendingPathComponent("requests/customer_rfm.json").path)")
    }

    /// The segmentation's report packs: one HTML deck per language and the XML pack in all three.
    private func writeReports(_ steps: [DemoJob.Step], to folder: URL) throws {
        guard let segmentation = steps.first(where: { $0.endpoint == "purchasing_segmentation" }) else { return }
        let report: SegmentationReport
        do {
            report = try SegmentationReport(body: segmentation.request)
        } catch {
            FileHandle.standardError.write(Data(error.body))
            throw ExitCode(1)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var written: [String] = []
        for language in ["en", "es", "pt"] {
            try Data(report.render(languages: [language], format: .html).bytes).write(to: folder.appendingPathComponent("report-\(language).html"))
            written.append("report-\(language).html")
        }
        try Data(report.render(languages: ["en", "es", "pt"], format: .xml).bytes).write(to: folder.appendingPathComponent("report.xml"))
        written.append("report.xml")
        print("  segmentation report: \(written.joined(separator: ", ")) in \(folder.lastPathComponent)/")
    }
}
