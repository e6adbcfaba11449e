import ArgumentParser
import Engine
import Foundation

/// `cintel request <endpoint> ORDERS`: the API request body for an endpoint, built from an orders file the way
/// `cintel analyze` builds it (for callers of a remote instance). Endpoints that take features or labels get them
/// computed here first.
struct Request: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build an endpoint's request body from an orders file.")

    @Argument(help: "The endpoint, e.g. customer_rfm (nps needs --survey).")
    var endpoint: String

    @Argument(help: "The orders: CSV with a header row or JSON Lines (.jsonl).")
    var orders: String

    @Option(help: "CLV forecast horizon in months, for customer_clv_forecast.")
    var horizon: Int?

    @OptionGroup var source: OrderFileOptions

    @Flag(help: "Write the body on one line.")
    var compact = false

    @OptionGroup var limitOptions: LimitOptions

    func run() throws {
        let progress = Progress(quiet: true, start: ContinuousClock.now)
        let base = try source.reader(orders, progress: progress, limits: limitOptions.limits).read()
        var job = AnalysisJob(base: base)
        job.horizonMonths = horizon
        do {
            guard let body = try job.request(for: endpoint, limits: limitOptions.limits) else {
                let reason =
                    endpoint == "nps"
                    ? "nps takes survey answers: give them with --survey FILE" : "no request for '\(endpoint)' can be built from orders"
                FileHandle.standardError.write(Data("cintel request: \(reason)\n".utf8))
                throw ExitCode(2)
            }
            JSONWriter(pretty: !compact).stream(body) { FileHandle.standardOutput.write(Data($0)) }
        } catch let error as CintelError {
            FileHandle.standardError.write(Data(error.body))
            throw ExitCode(1)
        }
    }
}
