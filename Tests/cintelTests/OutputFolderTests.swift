import Foundation
import Testing

/// `--out` never destroys what the user owns (spec/output.md): the rules for the folders of `analyze` and `demo`
/// and the file of `report`, run as the user runs the binary.
@Suite struct OutputFolderTests {
    static let manager = FileManager.default

    /// A fresh scratch folder with a small, valid orders file in it.
    static func scratch() throws -> (dir: URL, orders: URL) {
        let dir = AnalyzeCommandTests.folder()
        let orders = dir.appendingPathComponent("orders.csv")
        try write(ordersCSV(ids: (0..<24).map { "C\($0)" }), to: orders)
        return (dir, orders)
    }

    /// Orders for `ids`, one to three orders each, all in 2025.
    static func ordersCSV(ids: [String]) -> String {
        var lines = ["customer_id,date,amount,product_id,category"]
        for (n, id) in ids.enumerated() {
            let field = "\"" + id.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            for order in 0..<(1 + n % 3) {
                lines.append("\(field),2025-0\(1 + (n + order * 3) % 9)-\(10 + n % 18),\(15 + n * 4 + order * 9).5,P\(order + n % 4),K\(n % 3)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A scratch folder whose `analysis` folder holds a finished run.
    static func analyzed() throws -> (dir: URL, orders: URL, out: URL) {
        let (dir, orders) = try scratch()
        let out = dir.appendingPathComponent("analysis")
        let outcome = try analyze(orders, out: out.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return (dir, orders, out)
    }

    static func write(_ text: String, to url: URL) throws {
        try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// Every entry under `folder` with its bytes (folders as nil): what "untouched" is compared by.
    static func contents(_ folder: URL) -> [String: Data?] {
        var all: [String: Data?] = [:]
        guard let walker = manager.enumerator(atPath: folder.path) else { return all }
        while let name = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = manager.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
            all[name] = isFolder.boolValue ? nil : manager.contents(atPath: folder.appendingPathComponent(name).path)
        }
        return all
    }

    static func analyze(_ orders: URL, out: String, _ extra: [String] = [], in directory: URL? = nil) throws -> CommandLineTests.Outcome {
        try CommandLineTests.run(
            ["analyze", orders.path, "--out", out, "--quiet"] + (extra.contains("--lang") ? extra : ["--lang", "en"] + extra), in: directory)
    }

    static func manifest(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("cintel-run.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// OUT-9: a refusal is status 2 and one line that starts with "cintel: ".
    static func expectRefusal(_ outcome: CommandLineTests.Outcome, saying words: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status == 2, "\(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stderr.hasPrefix("cintel: "), "\(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stderr.filter { $0 == "\n" }.count == 1, "\(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stderr.contains(words), "\(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(!outcome.stderr.contains("Domain"), "\(outcome.stderr)", sourceLocation: sourceLocation)
    }

    // MARK: Folders that may be written (OUT-1, OUT-3, OUT-4)

    @Test("OUT-1, OUT-3: a new folder is created, parents too, with its manifest")
    func newFolderWithParents() throws {
        let (dir, orders) = try Self.scratch()
        let out = dir.appendingPathComponent("a/b/analysis")
        let outcome = try Self.analyze(orders, out: out.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let manifest = try Self.manifest(out)
        #expect(manifest["manifest_version"] as? Int == 1)
        #expect(manifest["command"] as? String == "analyze")
        #expect((manifest["inputs"] as? [String])?.first?.hasSuffix("/orders.csv") == true)
        #expect(manifest["snapshot"] as? String != nil)
        let files = manifest["files"] as? [String] ?? []
        #expect(files.contains("customers.csv") && files.contains("responses/customer_rfm.json") && files.contains("reports/report-en.html"))
        #expect(!files.contains("cintel-run.json"))
        // Every listed file is there, and nothing else but the manifest.
        let present = Set(Self.contents(out).filter { $0.value != nil }.keys)
        #expect(present == Set(files + ["cintel-run.json"]))
        // No hidden sibling is left beside it.
        #expect(try Self.manager.contentsOfDirectory(atPath: dir.appendingPathComponent("a/b").path) == ["analysis"])
    }

    @Test("OUT-1: an empty folder is written")
    func emptyFolder() throws {
        let (dir, orders) = try Self.scratch()
        let out = dir.appendingPathComponent("empty")
        try Self.manager.createDirectory(at: out, withIntermediateDirectories: true)
        let outcome = try Self.analyze(orders, out: out.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(Self.manager.fileExists(atPath: out.appendingPathComponent("customers.csv").path))
    }

    @Test("OUT-4: a re-run keeps the user's files, replaces its own and removes the ones it no longer writes")
    func reRunOverOwnOutput() throws {
        let (dir, orders) = try Self.scratch()
        let out = dir.appendingPathComponent("analysis")
        #expect(try Self.analyze(orders, out: out.path, ["--lang", "en,es", "--requests"]).status == 0)
        #expect(Self.manager.fileExists(atPath: out.appendingPathComponent("reports/report-es.html").path))
        try Self.write("mine", to: out.appendingPathComponent("notes.txt"))
        try Self.write("mine too", to: out.appendingPathComponent("reports/my-slides.txt"))
        let outcome = try Self.analyze(orders, out: out.path, ["--lang", "en"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try Self.read(out.appendingPathComponent("notes.txt")) == "mine")
        #expect(try Self.read(out.appendingPathComponent("reports/my-slides.txt")) == "mine too")
        #expect(!Self.manager.fileExists(atPath: out.appendingPathComponent("reports/report-es.html").path))
        // requests/ held only cintel's files: emptied, it is removed.
        #expect(!Self.manager.fileExists(atPath: out.appendingPathComponent("requests").path))
        #expect(Self.manager.fileExists(atPath: out.appendingPathComponent("reports/report-en.html").path))
        let files = try Self.manifest(out)["files"] as? [String] ?? []
        #expect(!files.contains("reports/report-es.html") && !files.contains("notes.txt") && files.contains("customers.csv"))
    }

    // MARK: The four reproductions of issue 18 and the other refusals (OUT-1, OUT-2, OUT-9)

    @Test("OUT-1, OUT-9: a non-empty folder cintel did not write is refused and untouched")
    func foreignFolderRefused() throws {
        let (dir, orders) = try Self.scratch()
        let out = dir.appendingPathComponent("d")
        try Self.write("x", to: out.appendingPathComponent("notes.txt"))
        let before = Self.contents(out)
        let outcome = try Self.analyze(orders, out: out.path)
        Self.expectRefusal(outcome, saying: "files cintel did not write (no cintel-run.json); name an empty or new folder")
        #expect(Self.contents(out) == before)
    }

    @Test("OUT-1: a file named as --out is refused and keeps its content")
    func fileRefused() throws {
        let (dir, orders) = try Self.scratch()
        let file = dir.appendingPathComponent("f.txt")
        try Self.write("important\n", to: file)
        Self.expectRefusal(try Self.analyze(orders, out: file.path), saying: "is a file, not a folder")
        #expect(try Self.read(file) == "important\n")
    }

    @Test("OUT-2: a folder holding the input is refused, even one cintel wrote")
    func folderWithInputRefused() throws {
        let (dir, orders) = try Self.scratch()
        let project = dir.appendingPathComponent("proj")
        try Self.manager.createDirectory(at: project, withIntermediateDirectories: true)
        let input = project.appendingPathComponent("orders.csv")
        try Self.manager.copyItem(at: orders, to: input)
        Self.expectRefusal(try Self.analyze(input, out: project.path), saying: "contains the input")
        #expect(Self.manager.fileExists(atPath: input.path))
        // A cintel folder the user later put an input into.
        let out = dir.appendingPathComponent("analysis")
        #expect(try Self.analyze(orders, out: out.path).status == 0)
        let inside = out.appendingPathComponent("more-orders.csv")
        try Self.manager.copyItem(at: orders, to: inside)
        let before = Self.contents(out)
        Self.expectRefusal(try Self.analyze(inside, out: out.path), saying: "contains the input")
        #expect(Self.contents(out) == before)
        // Through a symbolic link to the folder too.
        let link = dir.appendingPathComponent("link")
        try Self.manager.createSymbolicLink(at: link, withDestinationURL: project)
        Self.expectRefusal(try Self.analyze(input, out: link.path), saying: "contains the input")
    }

    @Test("OUT-2: `--out ..` from a sub-folder (an ancestor of the working folder) is refused")
    func ancestorOfWorkingFolderRefused() throws {
        let (dir, _) = try Self.scratch()
        let work = dir.appendingPathComponent("a/b")
        let input = work.appendingPathComponent("orders.csv")
        try Self.write(Self.ordersCSV(ids: ["A", "B", "C"]), to: input)
        let before = Self.contents(dir.appendingPathComponent("a"))
        let outcome = try CommandLineTests.run(["analyze", "orders.csv", "--out", "..", "--quiet"], in: work)
        Self.expectRefusal(outcome, saying: "is the current folder or contains it")
        #expect(Self.contents(dir.appendingPathComponent("a")) == before)
    }

    @Test("OUT-2: `--out` naming the working folder itself is refused, even when it is empty")
    func workingFolderRefused() throws {
        let (dir, orders) = try Self.scratch()
        let work = dir.appendingPathComponent("empty")
        try Self.manager.createDirectory(at: work, withIntermediateDirectories: true)
        for out in [".", work.path] {
            Self.expectRefusal(try Self.analyze(orders, out: out, in: work), saying: "is the current folder")
        }
        #expect(try Self.manager.contentsOfDirectory(atPath: work.path).isEmpty)
    }

    @Test("OUT-9: the folder is refused before the input is read")
    func refusedBeforeReading() throws {
        let (dir, _) = try Self.scratch()
        let out = dir.appendingPathComponent("d")
        try Self.write("x", to: out.appendingPathComponent("notes.txt"))
        // A missing input would be status 1 with its own message if it were read first.
        let outcome = try Self.analyze(dir.appendingPathComponent("missing.csv"), out: out.path)
        Self.expectRefusal(outcome, saying: "cintel did not write")
    }

    @Test("OUT-1, OUT-9: demo follows the same rules")
    func demoRefusesForeignFolder() throws {
        let (dir, _) = try Self.scratch()
        let out = dir.appendingPathComponent("d")
        try Self.write("x", to: out.appendingPathComponent("notes.txt"))
        Self.expectRefusal(try CommandLineTests.run(["demo", "--out", out.path, "--customers", "50"]), saying: "cintel did not write")
        #expect(Self.contents(out).count == 1)
    }

    // MARK: Failures and damaged manifests (OUT-5 to OUT-8, OUT-10)

    @Test("OUT-7: a failed run leaves the previous output exactly as it was")
    func failedRunLeavesPreviousOutput() throws {
        let (dir, orders, out) = try Self.analyzed()
        try Self.write("mine", to: out.appendingPathComponent("notes.txt"))
        let before = Self.contents(out)
        let bad = dir.appendingPathComponent("bad.csv")
        try Self.write("customer_id,date,amount\nA,2025-01-01,5\nB,2025-02-30,7\n", to: bad)
        #expect(try Self.analyze(bad, out: out.path).status == 1)
        #expect(Self.contents(out) == before)
        #expect(try Self.manager.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test("OUT-5: a corrupt manifest is refused and the folder left as it is")
    func corruptManifestRefused() throws {
        let (_, orders, out) = try Self.analyzed()
        for damaged in [
            "{not json", #"{"manifest_version": 1}"#, #"{"manifest_version": 2, "files": []}"#, #"{"manifest_version": 1, "files": [3]}"#,
        ] {
            try Self.write(damaged, to: out.appendingPathComponent("cintel-run.json"))
            let before = Self.contents(out)
            Self.expectRefusal(try Self.analyze(orders, out: out.path), saying: "has a cintel-run.json cintel cannot use")
            #expect(Self.contents(out) == before)
        }
    }

    @Test("OUT-6: a manifest listing paths outside the folder never deletes outside")
    func escapingManifestNeverDeletesOutside() throws {
        let (dir, orders) = try Self.scratch()
        let out = dir.appendingPathComponent("analysis")
        let victim = dir.appendingPathComponent("victim.txt")
        try Self.write("keep", to: victim)
        for listed in ["../victim.txt", victim.path, "a/../../victim.txt", "./x", ""] {
            try Self.write(#"{"manifest_version": 1, "files": ["\#(listed)"]}"#, to: out.appendingPathComponent("cintel-run.json"))
            Self.expectRefusal(try Self.analyze(orders, out: out.path), saying: "not a plain path inside the folder")
            #expect(try Self.read(victim) == "keep")
        }
        // A listed file behind a folder the user replaced by a link to elsewhere: left alone.
        let elsewhere = dir.appendingPathComponent("elsewhere")
        try Self.write("keep", to: elsewhere.appendingPathComponent("x.json"))
        try Self.manager.createSymbolicLink(at: out.appendingPathComponent("sub"), withDestinationURL: elsewhere)
        try Self.write(#"{"manifest_version": 1, "files": ["sub/x.json"]}"#, to: out.appendingPathComponent("cintel-run.json"))
        let outcome = try Self.analyze(orders, out: out.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try Self.read(elsewhere.appendingPathComponent("x.json")) == "keep")
    }

    @Test("OUT-8: a file the run would write over that cintel did not write refuses the run")
    func userFileWhereTheRunWritesRefused() throws {
        let (dir, orders, out) = try Self.analyzed()
        try Self.write("my Spanish deck", to: out.appendingPathComponent("reports/report-es.html"))
        let before = Self.contents(out)
        let outcome = try Self.analyze(orders, out: out.path, ["--lang", "en,es"])
        Self.expectRefusal(outcome, saying: "reports/report-es.html is there and cintel did not write it")
        #expect(Self.contents(out) == before)
        #expect(try Self.manager.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test("OUT-10: an --out that cannot be written is one plain line, status 2, before reading")
    func unwritableOutIsOneLine() throws {
        let (dir, orders) = try Self.scratch()
        let file = dir.appendingPathComponent("f.txt")
        try Self.write("important\n", to: file)
        let outcome = try Self.analyze(orders, out: file.appendingPathComponent("sub").path)
        Self.expectRefusal(outcome, saying: "\(file.path) is a file, not a folder")
        #expect(try Self.read(file) == "important\n")
        let report = try CommandLineTests.run(["report", orders.path, "--out", file.appendingPathComponent("r.html").path])
        Self.expectRefusal(report, saying: "is a file, not a folder")
    }

    // MARK: report --out FILE (OUT-11, OUT-12)

    @Test("OUT-11, OUT-12: report --out writes a new file, replaces its own report and refuses anything else")
    func reportOutRules() throws {
        let (dir, orders) = try Self.scratch()
        let built = try CommandLineTests.run(["request", "purchasing_segmentation", orders.path, "--compact"])
        #expect(built.status == 0, "\(built.stderr)")
        let request = dir.appendingPathComponent("request.json")
        try Self.write(built.stdout, to: request)
        let deck = dir.appendingPathComponent("out/deck.html")
        for format in ["html", "xml", "json", "html"] {
            // New, then a cintel report in each format replaced by the next.
            let outcome = try CommandLineTests.run(["report", request.path, "--format", format, "--out", deck.path])
            #expect(outcome.status == 0, "\(format): \(outcome.stderr)")
        }
        #expect(try Self.read(deck).contains(#"<meta name="generator" content="cintel">"#))
        #expect(try Self.manager.contentsOfDirectory(atPath: deck.deletingLastPathComponent().path) == ["deck.html"])
        let mine = dir.appendingPathComponent("mine.html")
        try Self.write("<!DOCTYPE html>\n<html><p>my own page</p></html>\n", to: mine)
        Self.expectRefusal(try CommandLineTests.run(["report", request.path, "--out", mine.path]), saying: "a file cintel did not write")
        #expect(try Self.read(mine) == "<!DOCTYPE html>\n<html><p>my own page</p></html>\n")
        let json = dir.appendingPathComponent("mine.json")
        try Self.write("{\n  \"meta\": {\n    \"schema_version\": 1\n  }\n}\n", to: json)
        Self.expectRefusal(try CommandLineTests.run(["report", request.path, "--out", json.path]), saying: "a file cintel did not write")
        Self.expectRefusal(try CommandLineTests.run(["report", request.path, "--out", dir.path]), saying: "not a file")
        Self.expectRefusal(try CommandLineTests.run(["report", request.path, "--out", request.path]), saying: "is the input")
        #expect(try Self.read(request) == built.stdout)
    }

    // MARK: CSV cells (OUT-13 to OUT-15)

    @Test("OUT-13: customer ids that a spreadsheet would run are written as text in customers.csv")
    func formulaIdsAreNeutralised() throws {
        let (dir, _) = try Self.scratch()
        let hostile = ["+cmd|' /C calc'!A0", #"=HYPERLINK("http://x")"#, "@SUM(1)", "-2+3"]
        let orders = dir.appendingPathComponent("hostile.csv")
        try Self.write(Self.ordersCSV(ids: hostile + (0..<20).map { "C\($0)" }), to: orders)
        let out = dir.appendingPathComponent("analysis")
        let outcome = try Self.analyze(orders, out: out.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let table = try Self.read(out.appendingPathComponent("customers.csv"))
        for expected in [#""'+cmd|' /C calc'!A0","#, #""'=HYPERLINK(""http://x"")","#, #""'@SUM(1)","#, #""'-2+3","#] {
            #expect(table.contains("\n" + expected), "\(expected)")
        }
        // No field anywhere starts with a formula lead.
        for line in table.split(separator: "\n") {
            for field in line.split(separator: ",", omittingEmptySubsequences: false) {
                #expect(!["=", "+", "@"].contains(field.first), "\(line)")
                #expect(field.first != "-" || Double(field) != nil, "\(line)")
            }
        }
    }
}
