import Conformance
import Foundation
import Testing
import XMLSchemaValidation

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Reporters: console, JUnit, NDJSON, Markdown")
struct ReporterTests {
    // MARK: - A run with every outcome and hostile text

    static let hostileID = "rfm-<script>alert(\"x\")</script>&'\u{0001}"
    static let hostileMessage = "expected <script> & \"quotes\" | pipes `ticks` \u{0001}\u{001B}[31m red\nsecond line"
    static let apostropheBody = JSON.object([
        "bins": .number(5), "today": .string("2025-04-24"),
        "customers": .array([.object(["customer_id": .string("O'Brien <script> & \"co\" | `x` %s \\ $HOME")])]),
    ])
    /// A raw body the shell must pass byte for byte: a leading `@` (curl would read a file), a newline, a control
    /// character, quotes, `%` and a backslash.
    static let rawBody = "@{\"bins\": 5,\n\u{0001}'%d\\n' $PATH é"

    static func fixture(
        _ id: String, endpoint: String = "customer_rfm", level: Fixture.Level = .must, spec: [String] = ["RFM-15", "RFM-19"],
        body: JSON? = apostropheBody, bodyText: String? = nil, headers: [String: String]? = nil
    ) -> Fixture {
        Fixture(
            id: id, endpoint: endpoint, description: "test", spec: spec, level: level, tags: [],
            request: .init(body: bodyText == nil ? body : nil, bodyText: bodyText, headers: headers), expect: .init(status: 200))
    }

    static let findings = [
        Finding(
            clause: "RFM-15", pointer: "/customers/0/rfm_class", expected: "\"3|33\"", actual: "\"`334`\u{0001}\"",
            message: hostileMessage),
        Finding(
            clause: nil, pointer: "/customers/0/monetary_total", expected: "1228.95", actual: "1229.5", tolerance: "abs 0.005",
            message: "monetary total differs"),
    ]

    static func report(startedAt: String = "2025-04-24T10:00:00Z") -> RunReport {
        RunReport(
            runnerVersion: "1.0.0", corpusHash: "0123456789abcdef0123456789abcdef", target: "http://127.0.0.1:8080/",
            startedAt: startedAt,
            results: [
                CaseResult(fixture: fixture("rfm-documented-request"), outcome: .pass, status: 200, seconds: 0.012),
                CaseResult(
                    fixture: fixture(hostileID), outcome: .fail, findings: findings, status: 200,
                    responseBody: "{\"customers\":[{\"rfm_class\":\"<script>\u{0001}\"}]}", seconds: 0.25),
                CaseResult(
                    fixture: fixture("rfm-malformed", spec: ["VAL-1"], bodyText: rawBody, headers: ["Content-Type": "text/plain; x='1'"]),
                    outcome: .fail, findings: [Finding(clause: "VAL-1", pointer: "", expected: "400", actual: "200", message: "status")],
                    status: 200, seconds: 0.001),
                CaseResult(
                    fixture: fixture("rfm-timeout"), outcome: .error, reason: "timed out after 30 s <&> \u{0001}", seconds: 30),
                CaseResult(fixture: fixture("rfm-skipped"), outcome: .skip, reason: "not served by \"legacy\" & <old>"),
                CaseResult(
                    fixture: fixture("rfm-known-gap"), outcome: .xfail, findings: [findings[1]], reason: "rounding differs | upstream"),
                CaseResult(fixture: fixture("rfm-stale"), outcome: .xpass, reason: "was broken in 0.9", seconds: 0.002),
                CaseResult(
                    fixture: fixture("loyalty-tiers", endpoint: "customer_loyalty", level: .should, spec: ["LOY-3"]), outcome: .fail,
                    findings: [findings[1]], seconds: .nan),
                // A repeated id: names must still come out unique.
                CaseResult(fixture: fixture("loyalty-tiers", endpoint: "customer_loyalty", spec: []), outcome: .pass, seconds: -1),
            ])
    }

    static let totalsLine = "2 passed, 3 failed, 1 errors, 1 skipped, 1 xfail, 1 xpass"

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func junitSchema() throws -> XMLSchemaValidator {
        let text = try String(contentsOf: root.appendingPathComponent("schemas/junit.xsd"), encoding: .utf8)
        return try XMLSchemaValidator(schema: text)
    }

    // MARK: - JUnit

    @Test func junitValidatesAgainstTheSchema() throws {
        let schema = try Self.junitSchema()
        try schema.validate(JUnitReporter.render(Self.report()))
        try schema.validate(JUnitReporter.render(Self.report(startedAt: "not a date")))
        try schema.validate(JUnitReporter.render(RunReport(runnerVersion: "1", corpusHash: "", target: "in-process", startedAt: "", results: [])))
    }

    @Test func junitEscapesHostileText() throws {
        let xml = JUnitReporter.render(Self.report())
        #expect(!xml.contains("<script>"))
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(xml.contains("rfm-&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&apos;\\u0001"))
    }

    #if canImport(FoundationXML)
        @Test func junitCountsAndNames() throws {
            let report = Self.report()
            let document = try XMLDocument(xmlString: JUnitReporter.render(report), options: [])
            let root = try #require(document.rootElement())
            #expect(root.name == "testsuites")
            func attribute(_ element: XMLElement, _ name: String) -> String? { element.attribute(forName: name)?.stringValue }
            #expect(attribute(root, "tests") == "9")
            #expect(attribute(root, "failures") == "4")  // 3 fail + 1 xpass
            #expect(attribute(root, "errors") == "1")
            #expect(attribute(root, "skipped") == "2")  // skip + xfail
            #expect(attribute(root, "timestamp") == "2025-04-24T10:00:00Z")

            let suites = root.elements(forName: "testsuite")
            #expect(suites.compactMap { attribute($0, "name") } == ["customer_rfm", "customer_loyalty"])
            let rfm = suites[0]
            #expect(attribute(rfm, "tests") == "7")
            #expect(attribute(rfm, "failures") == "3")
            #expect(attribute(rfm, "errors") == "1")
            #expect(attribute(rfm, "skipped") == "2")
            #expect(attribute(rfm, "time") == "30.265")
            #expect(attribute(suites[1], "tests") == "2")
            #expect(attribute(suites[1], "failures") == "1")
            for suite in suites {
                let cases = suite.elements(forName: "testcase")
                #expect(String(cases.count) == attribute(suite, "tests"))
                let failing = cases.filter { !$0.elements(forName: "failure").isEmpty }
                #expect(String(failing.count) == attribute(suite, "failures"))
                #expect(String(cases.filter { !$0.elements(forName: "error").isEmpty }.count) == attribute(suite, "errors"))
                #expect(String(cases.filter { !$0.elements(forName: "skipped").isEmpty }.count) == attribute(suite, "skipped"))
            }

            let cases = suites.flatMap { $0.elements(forName: "testcase") }
            let names = cases.compactMap { attribute($0, "name") }
            #expect(names.count == 9)
            #expect(Set(names).count == names.count)
            #expect(names.contains("rfm-<script>alert(\"x\")</script>&'\\u0001"))
            #expect(names.filter { $0.hasPrefix("loyalty-tiers") } == ["loyalty-tiers", "loyalty-tiers (2)"])
            #expect(cases.compactMap { attribute($0, "classname") }.contains("customer_rfm.RFM-15"))
            #expect(cases.compactMap { attribute($0, "classname") }.contains("customer_loyalty"))

            let hostile = try #require(cases.first { attribute($0, "name")?.hasPrefix("rfm-<script>") == true })
            let failure = try #require(hostile.elements(forName: "failure").first)
            #expect(attribute(failure, "type") == "ConformanceFailure")
            #expect(attribute(failure, "message")?.contains("(and 1 more)") == true)
            #expect(failure.stringValue?.contains("expected <script> & \"quotes\"") == true)
            #expect(failure.stringValue?.contains("tolerance: abs 0.005") == true)
            #expect(failure.stringValue?.contains("\\u001B[31m red\nsecond line") == true)

            let stale = try #require(cases.first { attribute($0, "name") == "rfm-stale" })
            #expect(stale.elements(forName: "failure").first.flatMap { attribute($0, "message") }?.contains("stale") == true)
            let skipped = try #require(cases.first { attribute($0, "name") == "rfm-skipped" })
            #expect(skipped.elements(forName: "skipped").first.flatMap { attribute($0, "message") } == "skip: not served by \"legacy\" & <old>")
            let known = try #require(cases.first { attribute($0, "name") == "rfm-known-gap" })
            #expect(known.elements(forName: "skipped").first.flatMap { attribute($0, "message") } == "xfail: rounding differs | upstream")
            let timeout = try #require(cases.first { attribute($0, "name") == "rfm-timeout" })
            #expect(timeout.elements(forName: "error").first.flatMap { attribute($0, "message") } == "timed out after 30 s <&> \\u0001")
            #expect(attribute(timeout, "time") == "30.000")
        }
    #endif

    @Test func theSchemaRejectsWrongDocuments() throws {
        let schema = try Self.junitSchema()
        let wrong = [
            // a testcase without a name
            #"<testsuites><testsuite name="a" tests="1"><testcase classname="a.B"/></testsuite></testsuites>"#,
            // a count that is not a number
            #"<testsuites><testsuite name="a" tests="many"><testcase name="x"/></testsuite></testsuites>"#,
            // a negative time
            #"<testsuites><testsuite name="a" tests="1"><testcase name="x" time="-1"/></testsuite></testsuites>"#,
            // a repeated case name
            #"<testsuites><testsuite name="a" tests="2"><testcase name="x"/><testcase name="x"/></testsuite></testsuites>"#,
            // both a failure and a skip
            #"<testsuites><testsuite name="a" tests="1"><testcase name="x"><skipped/><failure/></testcase></testsuite></testsuites>"#,
            // an element the format does not have
            #"<testsuites><testsuite name="a" tests="1"><testcase name="x"><passed/></testcase></testsuite></testsuites>"#,
            // a testsuite as the root
            #"<testsuite name="a" tests="0"/>"#,
        ]
        for document in wrong {
            #expect(throws: XMLSchemaValidator.Failure.self, "\(document)") { try schema.validate(document) }
        }
        try schema.validate(
            #"<testsuites><testsuite name="a" tests="1" time="0.5" timestamp="2025-04-24T10:00:00Z"><testcase name="x" classname="a.B" time="0.5"><failure message="m" type="t">text</failure><system-out>out</system-out></testcase></testsuite></testsuites>"#
        )
    }

    // MARK: - NDJSON

    @Test func ndjsonLinesParseAndCount() throws {
        let report = Self.report()
        let text = NDJSONReporter.render(report)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == report.results.count + 2)
        let objects = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }

        let header = objects[0]
        #expect(header["type"] as? String == "header")
        #expect(header["runner_version"] as? String == "1.0.0")
        #expect(header["corpus_hash"] as? String == report.corpusHash)
        #expect(header["target"] as? String == report.target)
        #expect(header["started_at"] as? String == "2025-04-24T10:00:00Z")
        #expect(header["cases"] as? Int == 9)

        let cases = objects.dropFirst().dropLast()
        #expect(cases.allSatisfy { $0["type"] as? String == "case" })
        #expect(cases.map { $0["id"] as? String } == report.results.map(\.fixture.id))
        #expect(cases.map { $0["outcome"] as? String } == report.results.map(\.outcome.rawValue))
        let keys: Set = ["type", "id", "endpoint", "level", "spec", "outcome", "seconds", "status", "findings", "reason"]
        #expect(cases.allSatisfy { Set($0.keys) == keys })
        let hostile = cases[cases.startIndex + 1]
        #expect(hostile["id"] as? String == Self.hostileID)
        #expect(hostile["spec"] as? [String] == ["RFM-15", "RFM-19"])
        #expect(hostile["status"] as? Int == 200)
        #expect(hostile["reason"] is NSNull)
        let findings = try #require(hostile["findings"] as? [[String: Any]])
        #expect(findings.count == 2)
        #expect(findings[0]["message"] as? String == Self.hostileMessage)
        #expect(findings[0]["tolerance"] is NSNull)
        #expect(findings[1]["clause"] is NSNull)
        #expect(findings[1]["tolerance"] as? String == "abs 0.005")
        #expect(cases.last?["seconds"] as? Double == 0)  // -1 clamps to 0
        #expect(cases[cases.startIndex + 7]["seconds"] as? Double == 0)  // NaN becomes 0

        let summary = try #require(objects.last)
        #expect(summary["type"] as? String == "summary")
        for outcome in Outcome.allCases { #expect(summary[outcome.rawValue] as? Int == report.count(outcome), "\(outcome)") }
        #expect(summary["pass"] as? Int == 2)
        #expect(summary["fail"] as? Int == 3)
        #expect(summary["total"] as? Int == 9)
        #expect(summary["exit_code"] as? Int == 1)

        // Compact, one object per line, keys sorted.
        #expect(lines.allSatisfy { $0.hasPrefix("{") && $0.hasSuffix("}") && !$0.contains(": ") })
        #expect(lines[0].hasPrefix(#"{"cases":9,"corpus_hash""#))
    }

    // MARK: - Console

    @Test func consoleEndsWithTheTotalsLine() throws {
        for verbose in [false, true] {
            let text = ConsoleReporter.render(Self.report(), targetURL: "http://localhost:9000/", verbose: verbose)
            #expect(text.hasSuffix(Self.totalsLine + "\nconformance: 2 passed, 5 failed, 2 skipped\n"))
            let last = try #require(text.split(separator: "\n").last.map(String.init))
            #expect(last.wholeMatch(of: /conformance: \d+ passed, \d+ failed, \d+ skipped/) != nil)
        }
        let empty = RunReport(runnerVersion: "1", corpusHash: "", target: "in-process", startedAt: "", results: [])
        #expect(
            ConsoleReporter.render(empty, targetURL: nil, verbose: false).hasSuffix(
                "\n0 passed, 0 failed, 0 errors, 0 skipped, 0 xfail, 0 xpass\nconformance: 0 passed, 0 failed, 0 skipped\n"))
    }

    @Test func consoleListsEveryCaseThatDidNotPass() throws {
        let text = ConsoleReporter.render(Self.report(), targetURL: nil, verbose: false)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("FAIL ") }.count == 3)
        #expect(lines.filter { $0.hasPrefix("ERROR ") }.count == 1)
        #expect(lines.filter { $0.hasPrefix("SKIP ") }.count == 1)
        #expect(lines.filter { $0.hasPrefix("XFAIL ") }.count == 1)
        #expect(lines.filter { $0.hasPrefix("XPASS ") }.count == 1)
        #expect(!lines.contains { $0.hasPrefix("PASS ") })
        #expect(lines.contains("FAIL  rfm-<script>alert(\"x\")</script>&'\\u{1}  customer_rfm [must] RFM-15, RFM-19"))
        #expect(lines.contains { $0.contains("1. RFM-15 at /customers/0/rfm_class: expected <script>") })
        #expect(lines.contains("       - expected  \"3|33\""))
        #expect(lines.contains("       + actual    \"`334`\\u{1}\""))
        #expect(lines.contains("         tolerance abs 0.005"))
        #expect(lines.contains { $0.contains("stale") })
        #expect(lines.contains { $0.contains("timed out after 30 s") })
        #expect(lines.contains { $0.contains("gate: FAILED (exit 1)") })
        // Nothing from a fixture or response reaches the terminal as a control character.
        #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })

        let verbose = ConsoleReporter.render(Self.report(), targetURL: nil, verbose: true)
        #expect(verbose.split(separator: "\n").filter { $0.hasPrefix("PASS ") }.count == 2)
        #expect(verbose.contains("response body:"))
        #expect(!verbose.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
    }

    @Test func consoleCutsLongValuesAroundTheFirstDifference() {
        let expected = String(repeating: "a", count: 300) + "X" + String(repeating: "b", count: 300)
        let actual = String(repeating: "a", count: 300) + "Y" + String(repeating: "b", count: 300)
        let finding = Finding(clause: "C-1", pointer: "/x", expected: expected, actual: actual, message: "long")
        let report = RunReport(
            runnerVersion: "1", corpusHash: "", target: "in-process", startedAt: "",
            results: [CaseResult(fixture: Self.fixture("long"), outcome: .fail, findings: [finding])])
        let text = ConsoleReporter.render(report, targetURL: nil, verbose: false)
        let lines = text.split(separator: "\n").map(String.init)
        let expectedLine = lines.first { $0.hasPrefix("       - expected  ") }
        #expect(expectedLine?.contains("X") == true)
        #expect((expectedLine?.count ?? 0) < 150)
        #expect(lines.contains { $0.contains("^ first difference at character 301") })
        let caret = lines.first { $0.contains("^ first difference") }
        let column = caret?.firstIndex(of: "^").map { caret!.distance(from: caret!.startIndex, to: $0) }
        let xColumn = expectedLine?.firstIndex(of: "X").map { expectedLine!.distance(from: expectedLine!.startIndex, to: $0) }
        #expect(column != nil && column == xColumn)
        // Verbose shows everything.
        #expect(ConsoleReporter.render(report, targetURL: nil, verbose: true).contains(expected))
    }

    #if os(Linux) || os(macOS)
        /// Each `curl` line, run by /bin/sh with a stand-in `curl`, sends exactly the fixture's bytes to the right URL
        /// with the credentials from the environment.
        @Test(arguments: [
            ("http://127.0.0.1:8080/", "http://localhost:9000/", "http://localhost:9000"),
            ("http://127.0.0.1:8080/", nil, "http://127.0.0.1:8080"),
            ("in-process", nil, "http://127.0.0.1:8080"),
        ])
        func curlCommandsReproduceTheRequestBytes(target: String, targetURL: String?, base: String) throws {
            var report = Self.report()
            report.target = target
            let text = ConsoleReporter.render(report, targetURL: targetURL, verbose: false)
            let commands = Self.curlCommands(text)
            // Three failures and one error print a reproduction; a pass, skip, xfail or xpass does not.
            #expect(commands.count == 4)
            #expect(commands.allSatisfy { $0.contains(#"-H "X-Customer-Api-Id: $CINTEL_API_ID" -H "X-Secret: $CINTEL_SECRET""#) })
            let json = Self.fixture("x").request.bytes
            let expected = [
                (json, "customer_rfm"), (Data(Self.rawBody.utf8), "customer_rfm"), (json, "customer_rfm"), (json, "customer_loyalty"),
            ]
            for (command, (body, endpoint)) in zip(commands, expected) {
                let sent = try Self.runWithFakeCurl(command)
                #expect(sent.body == body, "\(command)")
                #expect(sent.url == base + "/api/v1/ai/" + endpoint)
                #expect(sent.headers.contains("X-Customer-Api-Id: id-123"))
                #expect(sent.headers.contains("X-Secret: s3cr'et"))
            }
            #expect(commands[0].contains("--data-binary '{"))  // printable JSON goes inline
            #expect(commands[1].trimmingCharacters(in: .whitespaces).hasPrefix("printf '@{"))  // a leading @ and control characters go through printf
            let malformed = try Self.runWithFakeCurl(commands[1])
            #expect(malformed.headers.contains("Content-Type: text/plain; x='1'"))
            #expect(!malformed.headers.contains("Content-Type: application/json"))
            #expect(try Self.runWithFakeCurl(commands[0]).headers.contains("Content-Type: application/json"))
        }

        static func curlCommands(_ text: String) -> [String] {
            var commands: [String] = []
            var current: [String]?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line.hasSuffix("reproduce:") {
                    current = []
                    continue
                }
                guard current != nil else { continue }
                current!.append(line)
                if !line.hasSuffix("\\") {
                    commands.append(current!.joined(separator: "\n"))
                    current = nil
                }
            }
            return commands
        }

        struct Sent {
            var url: String
            var headers: [String]
            var body: Data
        }

        /// Runs `command` with `curl` replaced by a shell function that writes its URL, headers and body to files.
        static func runWithFakeCurl(_ command: String) throws -> Sent {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reporter-curl-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let script = """
                curl() {
                  : > "$OUT/headers"
                  while [ $# -gt 0 ]; do
                    case "$1" in
                      -H) printf '%s\\n' "$2" >> "$OUT/headers"; shift ;;
                      -X) shift ;;
                      --data-binary) if [ "$2" = @- ]; then cat > "$OUT/body"; else printf '%s' "$2" > "$OUT/body"; fi; shift ;;
                      -*) ;;
                      *) printf '%s' "$1" > "$OUT/url" ;;
                    esac
                    shift
                  done
                }
                \(command)
                """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script]
            var environment = ProcessInfo.processInfo.environment
            environment["OUT"] = directory.path
            environment["CINTEL_API_ID"] = "id-123"
            environment["CINTEL_SECRET"] = "s3cr'et"
            environment["CINTEL_TARGET"] = nil
            process.environment = environment
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let headers = (try? String(contentsOf: directory.appendingPathComponent("headers"), encoding: .utf8)) ?? ""
            return Sent(
                url: (try? String(contentsOf: directory.appendingPathComponent("url"), encoding: .utf8)) ?? "",
                headers: headers.split(separator: "\n").map(String.init),
                body: (try? Data(contentsOf: directory.appendingPathComponent("body"))) ?? Data())
        }
    #endif

    // MARK: - Markdown

    @Test func markdownEscapesPipesAndBackticks() throws {
        let text = MarkdownReporter.render(Self.report())
        #expect(text.contains(Self.totalsLine + ". Exit code 1."))
        #expect(text.contains("| fail | 3 |"))
        #expect(text.contains("### customer\\_rfm"))
        #expect(text.contains("| must | 7 | 1 | 2 | 1 | 1 | 1 | 1 |"))
        #expect(text.contains("| should | 1 | 0 | 1 | 0 | 0 | 0 | 0 |"))
        // Pipes in cells are escaped, backticks in values get a longer fence, markup stays literal.
        #expect(text.contains(#"`"3\|33"`"#))
        #expect(text.contains("``\"`334`\\u{1}\"``"))
        #expect(text.contains(#"expected \<script\> \& "quotes" \| pipes \`ticks\` \\u{1}\\u{1b}\[31m red\\nsecond line"#))
        #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })

        Self.expectWholeTableRows(text)
    }

    @Test func markdownKeepsTableRowsWhole() {
        let awkward = ["a\\|b", "\\", "`", "``x``", "", " | ", "x\\", "|", "a\n|b", "<b>*bold*</b> ~~no~~ $x$ [link](http://e)"]
        let findings = awkward.map { Finding(clause: $0, pointer: $0, expected: $0, actual: $0, tolerance: $0, message: $0) }
        let report = RunReport(
            runnerVersion: "1", corpusHash: "", target: "in-process", startedAt: "",
            results: [CaseResult(fixture: Self.fixture("awkward|id`"), outcome: .fail, findings: findings)])
        let text = MarkdownReporter.render(report)
        Self.expectWholeTableRows(text)
        #expect(text.contains(#"\<b\>\*bold\*\</b\> \~\~no\~\~ \$x\$ \[link\](http://e)"#))
        #expect(text.contains(#"a\\\|b"#))  // a backslash before a pipe goes out as escaped text, not a code span
    }

    /// Every row of a table has as many cell separators (pipes not escaped by a backslash) as its header.
    static func expectWholeTableRows(_ text: String) {
        var expectedPipes: Int?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("|") else {
                expectedPipes = nil
                continue
            }
            let pipes = unescapedPipes(String(trimmed))
            if let expectedPipes { #expect(pipes == expectedPipes, "\(line)") } else { expectedPipes = pipes }
        }
    }

    @Test func markdownOfACleanRunHasNoFailureSection() {
        let report = RunReport(
            runnerVersion: "1", corpusHash: "abc", target: "in-process", startedAt: "2025-04-24T10:00:00Z",
            results: [CaseResult(fixture: Self.fixture("ok"), outcome: .pass)])
        let text = MarkdownReporter.render(report)
        #expect(text.hasPrefix("## cintel conformance: passed\n"))
        #expect(!text.contains("### Failures"))
    }

    static func unescapedPipes(_ line: String) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if character == "|" && !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count
    }
}
