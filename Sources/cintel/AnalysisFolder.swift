import ArgumentParser
import Engine
import Foundation
import Reports

/// An output folder written whole or not at all: everything goes into a temporary sibling that replaces the folder
/// only when every file is written.
struct AnalysisFolder {
    let path: String

    func write(_ body: (URL) throws -> Void) throws {
        let target = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())", isDirectory: true)
        let manager = FileManager.default
        try? manager.removeItem(at: temporary)
        try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
        do {
            try body(temporary)
        } catch {
            try? manager.removeItem(at: temporary)
            throw error
        }
        if manager.fileExists(atPath: target.path) {
            let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())", isDirectory: true)
            try manager.moveItem(at: target, to: old)
            try manager.moveItem(at: temporary, to: target)
            try? manager.removeItem(at: old)
        } else {
            try manager.moveItem(at: temporary, to: target)
        }
    }

    /// Each step's request and response under `requests/` and `responses/`.
    static func writeSteps(_ steps: [AnalysisJob.Step], to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("requests"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("responses"), withIntermediateDirectories: true)
        for step in steps {
            try Data(step.request).write(to: folder.appendingPathComponent("requests/\(step.endpoint).json"))
            try Data(step.response).write(to: folder.appendingPathComponent("responses/\(step.endpoint).json"))
        }
    }

    /// `customers.csv`: one row per customer with every score, tier, segment and prediction.
    static func writeCustomerTable(_ steps: [AnalysisJob.Step], customers: [String], to folder: URL) throws {
        var responses: [String: JSONValue] = [:]
        for step in steps where step.endpoint != "nps" {
            responses[step.endpoint] = try? JSONParser.parse(step.response)
        }
        try Data(CustomerTable.csv(customers: customers, responses: responses)).write(to: folder.appendingPathComponent("customers.csv"))
    }

    /// The segmentation's report packs: one HTML deck per language and the XML pack in all of them. Returns the names.
    @discardableResult
    static func writeReports(_ steps: [AnalysisJob.Step], languages: [String], to folder: URL) throws -> [String] {
        guard let segmentation = steps.first(where: { $0.endpoint == "purchasing_segmentation" }) else { return [] }
        let report: SegmentationReport
        do {
            report = try SegmentationReport(body: segmentation.request)
        } catch {
            FileHandle.standardError.write(Data(error.body))
            throw ExitCode(1)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var written: [String] = []
        for language in languages {
            try Data(report.render(languages: [language], format: .html).bytes).write(to: folder.appendingPathComponent("report-\(language).html"))
            written.append("report-\(language).html")
        }
        try Data(report.render(languages: languages, format: .xml).bytes).write(to: folder.appendingPathComponent("report.xml"))
        written.append("report.xml")
        return written
    }
}
