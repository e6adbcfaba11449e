import ArgumentParser
import Engine
import Foundation
import Reports

/// What `analyze` and `demo` write as each step of the job finishes: its response (and request when asked) as JSON,
/// its cells of the per-customer table, and the report packs once the segmentation is known. Nothing of a step is
/// kept but its cells and its headline, so a large base never holds every answer at once.
struct AnalysisOutput {
    let folder: URL
    let languages: [String]
    let writesRequests: Bool
    /// The job's context: its segmentation memo lets the report packs reuse the segmentation just computed.
    let context: ComputeContext
    private var table: CustomerTable
    /// Each response file is written while the job computes the next step.
    private let files = BackgroundWriter()
    private(set) var headlines: [(endpoint: String, text: String)] = []
    private(set) var reports: [String] = []

    init(folder: URL, customers: [String], languages: [String], writesRequests: Bool, context: ComputeContext) throws {
        self.folder = folder
        self.languages = languages
        self.writesRequests = writesRequests
        self.context = context
        table = CustomerTable(customers: customers)
        for sub in ["responses"] + (writesRequests ? ["requests"] : []) {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
    }

    /// Runs `job` into the folder `out` (checked by the caller before the job's data was read), written whole or
    /// not at all (spec/output.md); the job's errors go to standard error as the API's JSON and end the command
    /// with status 1, a folder that cannot be written ends it with one line and status 2.
    static func run(
        _ job: AnalysisJob, out: OutputFolder, languages: [String], writesRequests: Bool, limits: Limits = .default
    ) throws -> AnalysisOutput {
        var context = ComputeContext(today: job.base.today, limits: limits)
        context.segmentationMemo = SegmentationMemo()
        var output: AnalysisOutput?
        try OutputRefusal.reporting(out.given) {
            try out.write(snapshot: job.base.today.description) { folder in
                var writing = try AnalysisOutput(
                    folder: folder, customers: job.base.customers.map(\.customerId), languages: languages, writesRequests: writesRequests,
                    context: context)
                do {
                    try job.run(context: context) { try writing.take($0) }
                } catch let error as CintelError {
                    try? writing.files.wait()
                    FileHandle.standardError.write(Data(error.body))
                    throw ExitCode(1)
                } catch {
                    // No write may still be running when the partial folder is removed.
                    try? writing.files.wait()
                    throw error
                }
                try writing.finish()
                output = writing
            }
        }
        return output!
    }

    mutating func take(_ stage: AnalysisJob.Stage) throws {
        if writesRequests { try Self.write(stage.request(), to: folder.appendingPathComponent("requests/\(stage.endpoint).json")) }
        let (response, url) = (stage.response, folder.appendingPathComponent("responses/\(stage.endpoint).json"))
        try files.submit { try Self.write(response, to: url) }
        table.take(stage.endpoint, response: stage.response)
        headlines.append((stage.endpoint, stage.headline))
        if stage.endpoint == "purchasing_segmentation" { try writeReports(stage.request()) }
    }

    /// `customers.csv`: one row per customer with every score, tier, segment and prediction.
    func finish() throws {
        try files.wait()
        let handle = try Self.create(folder.appendingPathComponent("customers.csv"))
        defer { try? handle.close() }
        try table.csv { try handle.write(contentsOf: $0) }
    }

    /// The segmentation's report packs: one HTML deck per language and the XML pack in all of them.
    private mutating func writeReports(_ request: JSONValue) throws {
        let report: SegmentationReport
        do {
            report = try SegmentationReport(json: request, context: context)
        } catch {
            FileHandle.standardError.write(Data(error.body))
            throw ExitCode(1)
        }
        let reports = folder.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        for language in languages {
            try Data(report.render(languages: [language], format: .html).bytes).write(to: reports.appendingPathComponent("report-\(language).html"))
            self.reports.append("report-\(language).html")
        }
        try Data(report.render(languages: languages, format: .xml).bytes).write(to: reports.appendingPathComponent("report.xml"))
        self.reports.append("report.xml")
    }

    /// A JSON document written as it is serialised, a megabyte at a time.
    private static func write(_ value: JSONValue, to url: URL) throws {
        let handle = try create(url)
        defer { try? handle.close() }
        var failure: (any Error)?
        JSONWriter().stream(value) { piece in
            guard failure == nil else { return }
            do { try handle.write(contentsOf: piece) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private static func create(_ url: URL) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        return try FileHandle(forWritingTo: url)
    }
}

/// Runs file writes one at a time on a background queue. `submit` first waits for the write before it (and rethrows
/// its error), so at most one answer is held for writing while the next is computed.
final class BackgroundWriter: @unchecked Sendable {
    private let queue = DispatchQueue(label: "cintel.analysis-files")
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var failure: (any Error)?

    func submit(_ work: @escaping @Sendable () throws -> Void) throws {
        try wait()
        queue.async(group: group) {
            do {
                try work()
            } catch {
                self.lock.withLock { self.failure = self.failure ?? error }
            }
        }
    }

    /// Waits for the write in flight; throws the first error a write met.
    func wait() throws {
        group.wait()
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}
