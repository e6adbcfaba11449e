import Foundation

/// The run as JUnit XML, in the de-facto format CI systems read (schemas/junit.xsd describes what we write):
/// `testsuites` > one `testsuite` per endpoint > one `testcase` per fixture, named by the fixture id, with classname
/// `<endpoint>.<first clause>`.
///
/// | Outcome | Written as |
/// | --- | --- |
/// | pass | an empty `testcase` |
/// | fail | `failure type="ConformanceFailure"`, the findings as text |
/// | xpass | `failure type="StaleExpectation"`: listed as xfail but passed |
/// | error | `error type="CaseError"`, the reason as message |
/// | skip, xfail | `skipped`, the reason as message (an xfail's findings as text) |
///
/// Every value is escaped, and characters XML 1.0 cannot hold (most C0 controls, U+FFFE, U+FFFF) are replaced by a
/// visible `\uXXXX`; C1 controls and DEL, which XML allows but parsers dislike, are replaced the same way.
public enum JUnitReporter {
    public static func render(_ report: RunReport) -> String {
        var endpoints: [String] = []
        var byEndpoint: [String: [CaseResult]] = [:]
        for result in report.results {
            if byEndpoint[result.fixture.endpoint] == nil { endpoints.append(result.fixture.endpoint) }
            byEndpoint[result.fixture.endpoint, default: []].append(result)
        }
        let timestamp = xmlTimestamp(report.startedAt)
        var names = UniqueNames()
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += "<testsuites" + attributes(counts(report.results, name: "cintel conformance", timestamp: timestamp)) + ">\n"
        for endpoint in endpoints {
            let results = byEndpoint[endpoint] ?? []
            xml += "  <testsuite" + attributes(counts(results, name: endpoint, timestamp: timestamp)) + ">\n"
            xml += "    <properties>\n"
            for (name, value) in [
                ("runner_version", report.runnerVersion), ("corpus_hash", report.corpusHash), ("target", report.target),
                ("started_at", report.startedAt),
            ] {
                xml += "      <property" + attributes([("name", name), ("value", value)]) + "/>\n"
            }
            xml += "    </properties>\n"
            for result in results { xml += testcase(result, name: names.claim(clean(result.fixture.id))) }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    // MARK: - Elements

    private static func counts(_ results: [CaseResult], name: String, timestamp: String?) -> [(String, String)] {
        func count(_ outcomes: Outcome...) -> String { String(results.filter { outcomes.contains($0.outcome) }.count) }
        var attributes = [
            ("name", name), ("tests", String(results.count)), ("failures", count(.fail, .xpass)), ("errors", count(.error)),
            ("skipped", count(.skip, .xfail)), ("time", seconds(results.reduce(0) { $0 + safe($1.seconds) })),
        ]
        if let timestamp { attributes.append(("timestamp", timestamp)) }
        return attributes
    }

    private static func testcase(_ result: CaseResult, name: String) -> String {
        let fixture = result.fixture
        let classname = fixture.spec.first.map { fixture.endpoint + "." + $0 } ?? fixture.endpoint
        let open = "    <testcase" + attributes([("name", name), ("classname", classname), ("time", seconds(safe(result.seconds)))])
        var body = ""
        switch result.outcome {
        case .pass:
            return open + "/>\n"
        case .fail:
            let first = result.findings.first.map(summary) ?? result.reason ?? "the response did not meet the fixture's expectations"
            let more = result.findings.count > 1 ? " (and \(result.findings.count - 1) more)" : ""
            body += element("failure", [("message", first + more), ("type", "ConformanceFailure")], text: findingsText(result))
            body += exchange(result)
        case .xpass:
            let reason = result.reason.map { " (\($0))" } ?? ""
            let message = "listed as xfail\(reason) but passed: the expectation is stale; remove it from the expectations file"
            body += element("failure", [("message", message), ("type", "StaleExpectation")], text: describe(fixture))
        case .error:
            let message = result.reason ?? "the case could not be judged"
            body += element("error", [("message", message), ("type", "CaseError")], text: describe(fixture) + "\n" + message)
            body += exchange(result)
        case .skip:
            body += element("skipped", [("message", "skip: " + (result.reason ?? "not run"))], text: nil)
        case .xfail:
            let message = "xfail: " + (result.reason ?? "known failure")
            body += element("skipped", [("message", message)], text: result.findings.isEmpty ? nil : findingsText(result))
        }
        return open + ">\n" + body + "    </testcase>\n"
    }

    private static func element(_ name: String, _ attributes: [(String, String)], text: String?) -> String {
        guard let text else { return "      <\(name)" + self.attributes(attributes) + "/>\n" }
        return "      <\(name)" + self.attributes(attributes) + ">" + escaped(text, inAttribute: false) + "</\(name)>\n"
    }

    /// The status and (a bounded part of) the response body, for failures and errors.
    private static func exchange(_ result: CaseResult) -> String {
        var lines = ["POST /api/v1/ai/\(result.fixture.endpoint)"]
        if let status = result.status { lines.append("status: \(status) (expected \(result.fixture.expect.status))") }
        if let body = result.responseBody {
            let limit = 16_384
            let shown = body.count > limit ? String(body.prefix(limit)) + "\n… (\(body.count - limit) more characters)" : body
            lines.append("response body:\n" + shown)
        }
        return element("system-out", [], text: lines.joined(separator: "\n"))
    }

    private static func describe(_ fixture: Fixture) -> String {
        "\(fixture.id) (\(fixture.endpoint), \(fixture.level.rawValue), \(fixture.spec.joined(separator: ", ")))"
    }

    private static func summary(_ finding: Finding) -> String {
        let clause = finding.clause.map { $0 + " " } ?? ""
        return "\(clause)\(finding.pointer.isEmpty ? "(root)" : finding.pointer): expected \(finding.expected), actual \(finding.actual)"
    }

    private static func findingsText(_ result: CaseResult) -> String {
        var lines = [describe(result.fixture)]
        for (index, finding) in result.findings.enumerated() {
            lines.append("\(index + 1). \(finding.clause ?? "-") at \(finding.pointer.isEmpty ? "(root)" : finding.pointer): \(finding.message)")
            lines.append("   expected:  \(finding.expected)")
            lines.append("   actual:    \(finding.actual)")
            if let tolerance = finding.tolerance { lines.append("   tolerance: \(tolerance)") }
        }
        if result.findings.isEmpty, let reason = result.reason { lines.append(reason) }
        return lines.joined(separator: "\n")
    }

    // MARK: - Values

    private static func safe(_ seconds: Double) -> Double { seconds.isFinite ? max(0, seconds) : 0 }

    private static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    /// `startedAt` as an `xs:dateTime` in UTC, or nil when it is not an ISO 8601 date-time.
    private static func xmlTimestamp(_ text: String) -> String? {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var date = parser.date(from: text)
        if date == nil {
            parser.formatOptions = [.withInternetDateTime]
            date = parser.date(from: text)
        }
        guard let date else { return nil }
        let writer = ISO8601DateFormatter()
        writer.formatOptions = [.withInternetDateTime]
        return writer.string(from: date)
    }

    private static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(escaped($0.1, inAttribute: true))\"" }.joined()
    }

    /// `text` with clean(_:)'s replacements, markup characters as entities, and (in attributes) whitespace as
    /// character references so attribute-value normalisation keeps it.
    private static func escaped(_ text: String, inAttribute: Bool) -> String {
        var out = ""
        for scalar in clean(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "'" where inAttribute: out += "&apos;"
            case "\t" where inAttribute: out += "&#9;"
            case "\n" where inAttribute: out += "&#10;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` with every character XML 1.0 cannot hold (and the discouraged C1 controls and DEL) as a visible `\uXXXX`.
    private static func clean(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let allowed =
                value == 0x9 || value == 0xA || value == 0xD || (0x20...0x7E).contains(value) || (0xA0...0xD7FF).contains(value)
                || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
            if allowed {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
        }
        return out
    }

    /// Testcase names as CI systems key them: the fixture id, with ` (2)`, ` (3)`… added should an id repeat.
    private struct UniqueNames {
        private var taken: Set<String> = []

        mutating func claim(_ name: String) -> String {
            var candidate = name
            var number = 1
            while taken.contains(candidate) {
                number += 1
                candidate = "\(name) (\(number))"
            }
            taken.insert(candidate)
            return candidate
        }
    }
}
