import Foundation
import Testing

/// `cintel conform` and `cintel fixtures check` end to end, in-process and against `cintel serve` on loopback.
@Suite("cintel conform", .serialized)
struct ConformCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var fixtures: String { root.appendingPathComponent("fixtures").path }

    /// A running `cintel serve` on a free loopback port, stopped (SIGTERM) by `stop()`.
    final class Server {
        let process = Process()
        let port: Int

        init(arguments: [String], environment: [String: String] = ["LOG_LEVEL": "critical"]) throws {
            port = Int.random(in: 20_000..<40_000)
            process.executableURL = CommandLineTests.binary
            process.arguments = ["serve", "--port", String(port)] + arguments
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 {
                if Self.healthy(port: port) { return }
                Thread.sleep(forTimeInterval: 0.1)
            }
            process.terminate()
            throw CocoaError(.featureUnsupported)
        }

        var url: String { "http://127.0.0.1:\(port)" }

        /// Whether /healthz answers, asked with curl (Foundation on Linux has no http client without FoundationNetworking).
        static func healthy(port: Int) -> Bool {
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            curl.arguments = ["-fsS", "-o", "/dev/null", "http://127.0.0.1:\(port)/healthz"]
            curl.standardOutput = FileHandle.nullDevice
            curl.standardError = FileHandle.nullDevice
            guard (try? curl.run()) != nil else { return false }
            curl.waitUntilExit()
            return curl.terminationStatus == 0
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    static func keyPair(in folder: URL) throws -> (file: String, id: String, secret: String) {
        let file = folder.appendingPathComponent("keys.json").path
        let outcome = try CommandLineTests.run(["keys", "add", "--file", file, "--label", "test"])
        let lines = outcome.stdout.split(separator: "\n")
        let id = lines.first { $0.hasPrefix("X-Customer-Api-Id: ") }!.dropFirst("X-Customer-Api-Id: ".count)
        let secret = lines.first { $0.hasPrefix("X-Secret: ") }!.dropFirst("X-Secret: ".count)
        return (file, String(id), String(secret))
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cintel-conform-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func inProcessRunPassesAndWritesReports() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let junit = folder.appendingPathComponent("junit.xml").path
        let ndjson = folder.appendingPathComponent("run.ndjson").path
        let outcome = try CommandLineTests.run(["conform", "--fixtures", Self.fixtures, "--junit", junit, "--ndjson", ndjson])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(2000))")
        #expect(try String(contentsOfFile: junit, encoding: .utf8).contains("<testsuites"))
        #expect(try String(contentsOfFile: ndjson, encoding: .utf8).hasPrefix("{"))
    }

    @Test func listPrintsTheSelectedFixturesAsJSON() throws {
        let outcome = try CommandLineTests.run(["conform", "--fixtures", Self.fixtures, "--list", "--filter", "http-*"])
        #expect(outcome.status == 0)
        let list = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]]
        #expect(list?.isEmpty == false)
        #expect(list?.allSatisfy { ($0["id"] as? String)?.hasPrefix("http-") == true } == true)
    }

    @Test func fixturesCheckPasses() throws {
        let outcome = try CommandLineTests.run([
            "fixtures", "check", "--fixtures", Self.fixtures, "--spec", Self.root.appendingPathComponent("spec").path,
            "--require-coverage", "customer_rfm.md",
        ])
        #expect(outcome.status == 0, "\(outcome.stdout)")
    }

    @Test func httpRunAgainstOurServerPasses() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let keys = try Self.keyPair(in: folder)
        let server = try Server(arguments: ["--keys", keys.file])
        defer { server.stop() }
        let outcome = try CommandLineTests.run([
            "conform", "--fixtures", Self.fixtures, "--target", server.url, "--api-id", keys.id, "--secret", keys.secret,
            "--expectations", Self.fixtures + "/expectations.json",
        ])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(3000))")
    }

    @Test func aServerWithoutItsAuthCheckFailsTheAuthFixtures() throws {
        let server = try Server(arguments: ["--no-auth"])
        defer { server.stop() }
        let outcome = try CommandLineTests.run(["conform", "--fixtures", Self.fixtures, "--target", server.url, "--filter", "auth"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("GEN-3"))
    }

    @Test func anUnreachableTargetExits2() throws {
        let outcome = try CommandLineTests.run([
            "conform", "--fixtures", Self.fixtures, "--target", "http://127.0.0.1:9", "--filter", "rfm-*", "--timeout", "2",
        ])
        #expect(outcome.status == 2)
    }

    @Test func usageErrorsExit2() throws {
        #expect(try CommandLineTests.run(["conform", "--fixtures", "/nonexistent"]).status == 2)
        #expect(try CommandLineTests.run(["conform", "--fixtures", Self.fixtures, "--level", "sometimes"]).status == 2)
    }
}
