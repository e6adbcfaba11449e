import ArgumentParser
import Engine
import Foundation
import Reports

/// `cintel report REQUEST.json`: the segmentation report pack of a `purchasing_segmentation` body, as one HTML deck,
/// XML pack or JSON pack, in one language or all three (spec/segmentation_report.md).
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a slide-ready segmentation report (HTML, XML or JSON) for a request.")

    enum Language: String, ExpressibleByArgument, CaseIterable {
        case en, es, pt, all
    }

    @Argument(help: "A purchasing_segmentation (or segmentation_report) request body; '-' reads standard input.")
    var file: String = "-"

    @Option(help: "en, es, pt or all (default: the body's `languages`, else en).")
    var lang: Language?

    @Option(help: "html, xml or json.")
    var format: SegmentationReport.Format = .html

    @Option(help: "Where to write the report; '-' is standard output. An existing file is replaced only if it is a cintel report.")
    var out: String = "-"

    @Flag(help: "Print the time spent segmenting, building the pack and rendering on standard error.")
    var timings = false

    @OptionGroup var limitOptions: LimitOptions

    func run() throws {
        // The file is checked before the request is read (OUT-11).
        let target = try out == "-" ? nil : OutputRefusal.reporting(out) { try OutputFile(out, input: file) }
        let body: [UInt8]
        do {
            body = try readInput(file, limit: limitOptions.limits.maxBodyBytes)
        } catch {
            FileHandle.standardError.write(Data("cintel report: cannot read \(file): \(error)\n".utf8))
            throw ExitCode(2)
        }
        let report: SegmentationReport
        do {
            report = try SegmentationReport(body: body, context: ComputeContext(limits: limitOptions.limits))
        } catch {
            FileHandle.standardError.write(Data(error.body))
            throw ExitCode(1)
        }
        let languages = lang.map { $0 == .all ? ReportLanguages.all.codes : [$0.rawValue] } ?? report.requestedLanguages
        let clock = ContinuousClock()
        let start = clock.now
        let answer = report.render(languages: languages, format: format)
        if timings {
            let rendering = start.duration(to: clock.now)
            let renderSeconds = Double(rendering.components.seconds) + Double(rendering.components.attoseconds) / 1e18
            let figures = String(
                format: "segmentation %.3f s, pack %.3f s, render %.3f s", report.segmentationSeconds, report.packSeconds, renderSeconds)
            let line = "timings: \(figures) (\(format.rawValue), \(answer.bytes.count) bytes)\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        if let target {
            try OutputRefusal.reporting(out) { try target.write(answer.bytes) }
            FileHandle.standardError.write(Data("cintel report: wrote \(out) (\(answer.mediaType), \(answer.bytes.count) bytes)\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(answer.bytes))
        }
    }
}

extension SegmentationReport.Format: ExpressibleByArgument {}
