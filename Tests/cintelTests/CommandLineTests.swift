import Foundation
import Testing

/// End-to-end tests of the `cintel` binary built beside this test bundle, as a user runs it.
@Suite("cintel command line")
struct CommandLineTests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("cintel")
    }

    static let documented412 = """
        {
          "today": "2025-04-24",
          "customers": [
            {
              "customer_id": "C-1001",
              "loyalty_score": 0.97,
              "transactions": [
                { "transaction_id": "T-001", "date": "2025-04-21", "amount": 520.55, "product_id": "P-01" },
                { "transaction_id": "T-002", "date": "2025-04-18", "amount": 398.40, "product_id": "P-02" },
                { "transaction_id": "T-003", "date": "2025-03-29", "amount": 310.00, "product_id": "P-01" }
              ]
            },
            {
              "customer_id": "C-1002",
              "transactions": [
                { "transaction_id": "T-004", "date": "2025-01-05", "amount": 120.00, "product_id": "P-10" },
                { "transaction_id": "T-005", "date": "2024-12-19", "amount": 75.90,  "product_id": "P-11" }
              ]
            }
          ]
        }
        """

    /// Runs the binary; `environment`, when given, is its whole environment.
    static func run(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil, environment: [String: String]? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = binary
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Compares with `Snapshots/<name>`; `CINTEL_RECORD_SNAPSHOTS=1` writes the file instead.
    static func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["CINTEL_RECORD_SNAPSHOTS"] == "1" {
            try Data(text.utf8).write(to: url)
            return
        }
        let recorded = try String(contentsOf: url, encoding: .utf8)
        #expect(text == recorded, "snapshot \(name) differs; re-record with CINTEL_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
    }

    @Test func runPrintsTheDocumentedCustomerFeaturesExactly() throws {
        let outcome = try Self.run(["run", "customer_features", "-"], stdin: Self.documented412)
        #expect(outcome.status == 0)
        #expect(outcome.stderr.isEmpty)
        try Self.assertSnapshot(outcome.stdout, named: "run-customer_features-4.1.2.json")
        for figure in ["1228.95", "409.65", "\"recency_days\": 3\n", "195.9", "97.95", "\"recency_days\": 109"] {
            #expect(outcome.stdout.contains(figure), "missing \(figure)")
        }
    }

    @Test func runReadsAFileAndWritesCompactOutput() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cintel-rfm-\(UUID().uuidString).json")
        try Data(#"{"customers": [{"customer_id": "A", "transactions": [{"date": "2025-01-01", "amount": 5}]}]}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try Self.run(["run", "customer_rfm", file.path, "--today", "2025-01-11", "--compact"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix(#"{"customers":[{"customer_id":"A","recency_days":10,"#))
    }

    @Test func invalidRequestsPrintTheJSONErrorOnStderrAndExit1() throws {
        let outcome = try Self.run(["run", "customer_rfm"], stdin: #"{"bins": 12, "customers": []}"#)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        try Self.assertSnapshot(outcome.stderr, named: "run-customer_rfm-invalid.json")
        let malformed = try Self.run(["run", "customer_rfm"], stdin: "{")
        #expect(malformed.status == 1)
        #expect(malformed.stderr.contains("\"malformed_json\""))
    }

    @Test func unknownEndpointsAndUnreadableFilesExit2() throws {
        let unknown = try Self.run(["run", "no_such_thing"], stdin: "{}")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("\"unknown_endpoint\""))
        // Every family is served now; an invalid report body is an API error (exit 1), in JSON whatever the format.
        let invalid = try Self.run(["run", "segmentation_report"], stdin: #"{"format": "html"}"#)
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("\"invalid_request\""))
        let missingFile = try Self.run(["run", "customer_rfm", "/nonexistent/request.json"])
        #expect(missingFile.status == 2)
    }

    @Test func endpointsListsEveryFamilyWithItsSpec() throws {
        let outcome = try Self.run(["endpoints", "--json"])
        #expect(outcome.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: String]])
        #expect(rows.count == 15)
        #expect(rows.first { $0["name"] == "customer_features" }?["source_section"] == "4.1.2")
        #expect(rows.first { $0["name"] == "customer_features" }?["spec"] == "spec/customer_features.md")
        #expect(rows.first { $0["name"] == "churn_label" }?["spec"] == "spec/churn_label.md")
    }

    @Test func demoWritesEveryRequestAndResponse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cintel-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try Self.run(["demo", "--out", folder.path, "--customers", "150"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("150 customers"))
        for endpoint in [
            "customer_features", "customer_loyalty", "purchasing_segmentation", "segment_hierarchy_chart", "customer_segmentation", "customer_rfm",
            "customer_clv_features",
        ] {
            let request = folder.appendingPathComponent("requests/\(endpoint).json")
            let response = try Data(contentsOf: folder.appendingPathComponent("responses/\(endpoint).json"))
            // Replaying the written request reproduces the written response byte for byte.
            let replay = try Self.run(["run", endpoint, request.path])
            #expect(replay.status == 0)
            #expect(Data(replay.stdout.utf8) == response, "\(endpoint)")
        }
    }
}
