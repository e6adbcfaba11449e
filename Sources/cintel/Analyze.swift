import ArgumentParser
import Engine
import Foundation
import Reports

/// `cintel analyze ORDERS`: an export of the orders table in, everything the API says about those customers out —
/// every endpoint's request and response, a per-customer CSV and the segmentation's report packs.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Analyze an orders file (CSV or JSON Lines) with every endpoint.")

    @Argument(help: "The orders: CSV with a header row (RFC 4180, UTF-8, BOM allowed) or JSON Lines (.jsonl).")
    var orders: String

    @Option(
        help:
            "Output folder: new, empty, or one cintel wrote (it holds cintel-run.json); only cintel's own files are replaced (spec/output.md)."
    )
    var out: String = "cintel-analysis"

    @Option(help: "Report languages, comma separated.")
    var lang: ReportLanguages = .all

    @Option(help: "CLV forecast horizon in months (1-60).")
    var horizon: Int = 12

    @OptionGroup var source: OrderFileOptions

    @Flag(help: "Also write each endpoint's request under requests/ (what a remote instance would be sent).")
    var requests = false

    @Flag(help: "No progress on standard error.")
    var quiet = false

    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        guard (1...60).contains(horizon) else { throw ValidationError("--horizon must be 1 to 60 months") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let progress = Progress(quiet: quiet, start: start)
        // The folder is checked before a byte of the orders is read (OUT-9).
        let inputs = [orders] + [source.loyalty, source.survey].compactMap { $0 }
        let folder = try OutputRefusal.reporting(out) { try OutputFolder(out, command: "analyze", inputs: inputs) }
        let base = try source.reader(orders, progress: progress, limits: limitOptions.limits).read()
        var job = AnalysisJob(base: base)
        job.horizonMonths = horizon
        job.progress = { phase in
            // A phase starts once the last one's answers are gone. glibc keeps freed memory in the arena of the thread
            // that freed it, and the next phase allocates on other threads, so the pages are given back here or each
            // phase's peak would stack on the last one's.
            _ = releaseFreedMemory?(0)
            progress.say(phase)
        }
        // The job builds its requests in-process: the HTTP body limit does not apply to them, the count limits do.
        var limits = limitOptions.limits
        limits.maxBodyBytes = Int.max
        let output = try AnalysisOutput.run(
            job, out: folder, languages: lang.codes, writesRequests: requests, limits: limits)
        let summary = "\(base.customers.count) customers, \(base.transactionCount) orders, snapshot \(base.today)"
        progress.say("done: \(summary) → \(out)")
        if quiet { return }
        for (endpoint, headline) in output.headlines { print("  \(endpoint): \(headline)") }
    }
}

/// Progress lines on standard error: what is happening and the time since the start.
struct Progress: Sendable {
    let quiet: Bool
    let start: ContinuousClock.Instant

    func say(_ message: String) {
        guard !quiet else { return }
        let elapsed = start.duration(to: ContinuousClock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        FileHandle.standardError.write(Data("cintel: [\(String(format: "%7.1f", seconds)) s] \(message)\n".utf8))
    }
}

/// glibc's `malloc_trim`, which Swift's Glibc module does not declare; nil where the C library has none.
private let releaseFreedMemory: (@convention(c) (Int) -> Int32)? = {
    #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    #else
        return nil
    #endif
}()
