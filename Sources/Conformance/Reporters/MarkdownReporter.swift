import Foundation

/// The run as GitHub-flavoured Markdown for CI job pages: the totals, a table per endpoint (outcomes per level), and the
/// failing cases with their findings.
///
/// Text from fixtures and responses is escaped: plain text with backslashes (so `<script>`, `*`, `|` stay literal),
/// values in code spans fenced by more backticks than they hold, pipes in table cells as `\|`, newlines and control
/// characters as visible escapes. Long values are cut, and at most `failureLimit` failing cases are listed.
public enum MarkdownReporter {
    static let failureLimit = 100
    static let valueLimit = 200

    public static func render(_ report: RunReport) -> String {
        var lines: [String] = []
        let passed = report.exitCode == 0
        lines.append("## cintel conformance: \(passed ? "passed" : "FAILED")")
        lines.append("")
        lines.append(
            "Target \(code(report.target)), runner \(code(report.runnerVersion)), corpus \(code(String(report.corpusHash.prefix(16)))), "
                + "started \(text(report.startedAt)).")
        lines.append("")
        lines.append(ConsoleReporter.totals(report) + ". Exit code \(report.exitCode).")
        lines.append("")
        lines.append("| Outcome | Cases |")
        lines.append("| --- | ---: |")
        for outcome in Outcome.allCases { lines.append("| \(outcome.rawValue) | \(report.count(outcome)) |") }
        lines.append("| **total** | **\(report.results.count)** |")

        lines += endpointTables(report)
        lines += failures(report)
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Sections

    private static func endpointTables(_ report: RunReport) -> [String] {
        var endpoints: [String] = []
        var byEndpoint: [String: [CaseResult]] = [:]
        for result in report.results {
            if byEndpoint[result.fixture.endpoint] == nil { endpoints.append(result.fixture.endpoint) }
            byEndpoint[result.fixture.endpoint, default: []].append(result)
        }
        var lines: [String] = []
        for endpoint in endpoints {
            let results = byEndpoint[endpoint] ?? []
            lines.append("")
            lines.append("### \(text(endpoint))")
            lines.append("")
            lines.append("| Level | Cases | " + Outcome.allCases.map(\.rawValue).joined(separator: " | ") + " |")
            lines.append("| --- | ---: |" + String(repeating: " ---: |", count: Outcome.allCases.count))
            for level in Fixture.Level.allCases {
                let atLevel = results.filter { $0.fixture.level == level }
                guard !atLevel.isEmpty else { continue }
                let counts = Outcome.allCases.map { outcome in String(atLevel.filter { $0.outcome == outcome }.count) }
                lines.append("| \(level.rawValue) | \(atLevel.count) | " + counts.joined(separator: " | ") + " |")
            }
        }
        return lines
    }

    private static func failures(_ report: RunReport) -> [String] {
        let failing = report.results.filter { [.fail, .error, .xpass].contains($0.outcome) }
        guard !failing.isEmpty else { return [] }
        var lines = ["", "### Failures"]
        for result in failing.prefix(failureLimit) {
            let fixture = result.fixture
            lines.append("")
            lines.append(
                "- **\(result.outcome.rawValue)** \(code(fixture.id)): \(text(fixture.endpoint)), \(fixture.level.rawValue), "
                    + fixture.spec.map(text).joined(separator: ", "))
            switch result.outcome {
            case .error:
                lines.append("  - " + text(result.reason ?? "the case could not be judged"))
            case .xpass:
                let reason = result.reason.map { " (\(text($0)))" } ?? ""
                lines.append("  - listed as xfail\(reason) but passed: the expectation is stale")
            default:
                if let status = result.status, status != fixture.expect.status {
                    lines.append("  - status \(status), expected \(fixture.expect.status)")
                }
                if result.findings.isEmpty, let reason = result.reason { lines.append("  - " + text(reason)) }
                guard !result.findings.isEmpty else { continue }
                lines.append("")
                lines.append("  | Clause | Pointer | Expected | Actual | Tolerance | Message |")
                lines.append("  | --- | --- | --- | --- | --- | --- |")
                for finding in result.findings {
                    let cells = [
                        finding.clause.map(text) ?? "", finding.pointer.isEmpty ? "(root)" : code(finding.pointer, inTable: true),
                        code(finding.expected, inTable: true),
                        code(finding.actual, inTable: true), finding.tolerance.map { code($0, inTable: true) } ?? "",
                        text(finding.message),
                    ]
                    lines.append("  | " + cells.joined(separator: " | ") + " |")
                }
            }
        }
        if failing.count > failureLimit {
            lines.append("")
            lines.append("… and \(failing.count - failureLimit) more failing cases; the JUnit and NDJSON reports list them all.")
        }
        return lines
    }

    // MARK: - Escaping

    /// Plain inline text, on one line, with every character that could start markup mid-line backslash-escaped (a
    /// backslash before ASCII punctuation is always literal in CommonMark; `$` would open GitHub's math). Callers never
    /// put it at the start of a line, where `#`, `-` or `1.` would matter.
    static func text(_ value: String) -> String {
        var out = ""
        for scalar in visible(shortened(value)).unicodeScalars {
            if scalar.isASCII, "\\`*_[]<>|~&$".unicodeScalars.contains(scalar) { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// A code span holding `value` literally: fenced by one more backtick than its longest run, padded when it starts or
    /// ends with a backtick or a space; in a table cell, pipes as `\|` (GFM reads those before the code span).
    static func code(_ value: String, inTable: Bool = false) -> String {
        var content = visible(shortened(value))
        guard !content.isEmpty else { return "(empty)" }
        if inTable {
            // GFM splits a row before it parses code spans, reading `\\` as an escaped backslash: `\\|` would end the
            // cell. Such a value goes out as escaped plain text instead.
            if content.contains("\\|") { return text(value) }
            content = content.replacingOccurrences(of: "|", with: "\\|")
        }
        var longest = 0
        var run = 0
        for character in content {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = content.hasPrefix("`") || content.hasSuffix("`") || content.hasPrefix(" ") || content.hasSuffix(" ") ? " " : ""
        return fence + pad + content + pad + fence
    }

    private static func shortened(_ value: String) -> String {
        value.count > valueLimit ? String(value.prefix(valueLimit)) + "…" : value
    }

    /// Newlines, tabs and other control characters as visible escapes, so a value stays on its line (or table row).
    private static func visible(_ value: String) -> String { ConsoleReporter.visible(value) }
}
