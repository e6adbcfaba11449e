import Foundation

/// The run as a person at a terminal reads it: one line per case that did not pass, what went wrong with each failure
/// (findings, a diff-like view of expected against actual, a `curl` that replays the request), and the totals last, in
/// the plain form CI log scrapers read: `conformance: N passed, N failed, N skipped` (failed counts fail, error and
/// xpass; skipped counts skip and xfail), after a line with every outcome counted apart.
///
/// Everything that comes from fixtures or responses is shown with control characters escaped, so a hostile customer id
/// cannot move the cursor or recolour the terminal.
public enum ConsoleReporter {
    /// Renders `report`. `targetURL` is the base URL the `curl` commands address (nil: the report's target when that is a
    /// URL, else `$CINTEL_TARGET`, defaulting to a local `cintel serve`). `verbose` also lists passing cases, the findings
    /// of expected failures, response bodies and long values in full.
    public static func render(_ report: RunReport, targetURL: String?, verbose: Bool) -> String {
        var lines: [String] = []
        lines.append(
            "cintel conform \(visible(report.runnerVersion)): \(report.results.count) cases against \(visible(report.target))"
                + " (corpus \(visible(String(report.corpusHash.prefix(16)))), started \(visible(report.startedAt)))")
        let base = baseURL(targetURL: targetURL, report: report)
        for result in report.results where verbose || result.outcome != .pass {
            lines.append(headline(result))
            lines += details(result, base: base, verbose: verbose).map { "    " + $0 }
        }
        lines.append("")
        lines.append(gate(report))
        lines.append(totals(report))
        lines.append(closing(report))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The totals line, exactly: `N passed, N failed, N errors, N skipped, N xfail, N xpass`.
    static func totals(_ report: RunReport) -> String {
        "\(report.count(.pass)) passed, \(report.count(.fail)) failed, \(report.count(.error)) errors, "
            + "\(report.count(.skip)) skipped, \(report.count(.xfail)) xfail, \(report.count(.xpass)) xpass"
    }

    /// The closing line in the plain form CI systems read: `conformance: N passed, N failed, N skipped`.
    static func closing(_ report: RunReport) -> String {
        let failed = report.count(.fail) + report.count(.error) + report.count(.xpass)
        let skipped = report.count(.skip) + report.count(.xfail)
        return "conformance: \(report.count(.pass)) passed, \(failed) failed, \(skipped) skipped"
    }

    // MARK: - Cases

    private static func headline(_ result: CaseResult) -> String {
        let fixture = result.fixture
        let label = result.outcome.rawValue.uppercased().padding(toLength: 5, withPad: " ", startingAt: 0)
        var line = "\(label) \(visible(fixture.id))  \(visible(fixture.endpoint)) [\(fixture.level.rawValue)]"
        if !fixture.spec.isEmpty { line += " " + fixture.spec.map(visible).joined(separator: ", ") }
        if result.outcome == .skip || result.outcome == .xfail, let reason = result.reason {
            line += ": " + visible(reason)
        }
        return line
    }

    private static func details(_ result: CaseResult, base: String?, verbose: Bool) -> [String] {
        var lines: [String] = []
        switch result.outcome {
        case .pass, .skip:
            return []
        case .xfail:
            guard verbose else { return [] }
            lines += result.findings.enumerated().flatMap { finding($0.element, number: $0.offset + 1, verbose: verbose) }
            return lines
        case .xpass:
            let reason = result.reason.map { " (\(visible($0)))" } ?? ""
            lines.append("listed as xfail\(reason) but passed: the expectation is stale; remove it from the expectations file")
            return lines
        case .error:
            lines.append("error: " + visible(result.reason ?? "the case could not be judged"))
        case .fail:
            lines += result.findings.enumerated().flatMap { finding($0.element, number: $0.offset + 1, verbose: verbose) }
            if result.findings.isEmpty, let reason = result.reason { lines.append(visible(reason)) }
        }
        if let status = result.status {
            let size = result.responseBody.map { ", \($0.utf8.count) bytes" } ?? ""
            lines.append("response: status \(status)\(size), expected \(result.fixture.expect.status)")
        }
        if verbose, let body = result.responseBody {
            lines.append("response body:")
            lines += visible(body, keepingNewlines: true).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        lines.append("reproduce:")
        lines += curl(result.fixture, base: base).map { "  " + $0 }
        return lines
    }

    private static func finding(_ finding: Finding, number: Int, verbose: Bool) -> [String] {
        let clause = finding.clause.map { visible($0) + " at " } ?? ""
        let pointer = finding.pointer.isEmpty ? "(root)" : visible(finding.pointer)
        var lines = ["\(number). \(clause)\(pointer): \(visible(finding.message))"]
        let (expected, actual, marker) = diffWindow(visible(finding.expected), visible(finding.actual), width: verbose ? Int.max : 100)
        lines.append("   - expected  \(expected)")
        lines.append("   + actual    \(actual)")
        if let marker { lines.append("               " + marker) }
        if let tolerance = finding.tolerance { lines.append("     tolerance \(visible(tolerance))") }
        return lines
    }

    /// Expected and actual cut to `width` characters around their first difference, with a caret line under it when
    /// they were cut.
    private static func diffWindow(_ expected: String, _ actual: String, width: Int) -> (String, String, String?) {
        let e = Array(expected)
        let a = Array(actual)
        guard e.count > width || a.count > width else { return (expected, actual, nil) }
        var common = 0
        while common < min(e.count, a.count) && e[common] == a[common] { common += 1 }
        let start = max(0, common - width / 3)
        func cut(_ chars: [Character]) -> String {
            guard start < chars.count else { return start > 0 ? "…" : "" }
            let end = min(chars.count, start + width)
            return (start > 0 ? "…" : "") + String(chars[start..<end]) + (end < chars.count ? "…" : "")
        }
        let offset = common - start + (start > 0 ? 1 : 0)
        return (cut(e), cut(a), String(repeating: " ", count: offset) + "^ first difference at character \(common + 1)")
    }

    // MARK: - Reproduction

    /// The base URL without a trailing slash, or nil when the run had none (in-process).
    private static func baseURL(targetURL: String?, report: RunReport) -> String? {
        var base: String
        if let targetURL {
            base = targetURL
        } else if report.target.hasPrefix("http://") || report.target.hasPrefix("https://") {
            base = report.target
        } else {
            return nil
        }
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// A POSIX shell command that sends the fixture's request byte for byte; credentials come from `$CINTEL_API_ID` and
    /// `$CINTEL_SECRET`. Bodies of printable text go inline in single quotes; anything else (control characters, a
    /// leading `@` that curl would read as a file name) goes through `printf` with octal escapes.
    private static func curl(_ fixture: Fixture, base: String?) -> [String] {
        let body = String(decoding: fixture.request.bytes, as: UTF8.self)
        var headers: [(String, String)] = [("Content-Type", "application/json")]
        for (name, value) in (fixture.request.headers ?? [:]).sorted(by: { $0.key < $1.key }) {
            headers.removeAll { $0.0.lowercased() == name.lowercased() }
            headers.append((name, value))
        }
        let inline = !body.hasPrefix("@") && !body.unicodeScalars.contains { $0.properties.generalCategory == .control }
        var lines: [String] = []
        let path = "/api/v1/ai/" + visible(fixture.endpoint)
        let url = base.map { shellQuoted(visible($0) + path) } ?? "\"${CINTEL_TARGET:-http://127.0.0.1:8080}\"" + shellQuoted(path)
        lines.append((inline ? "" : "printf " + printfQuoted(body) + " | ") + "curl -sS -i -X POST \(url) \\")
        lines.append("  -H \"X-Customer-Api-Id: $CINTEL_API_ID\" -H \"X-Secret: $CINTEL_SECRET\" \\")
        for (name, value) in headers { lines.append("  -H \(shellQuoted(visible(name) + ": " + visible(value))) \\") }
        lines.append("  --data-binary " + (inline ? shellQuoted(body) : "@-"))
        return lines
    }

    private static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A single-quoted `printf` format that prints exactly `text`: `\` and `%` doubled, control characters as octal.
    private static func printfQuoted(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "%": out += "%%"
            case "'": out += "'\\''"
            default:
                if scalar.properties.generalCategory == .control {
                    for byte in String(scalar).utf8 { out += "\\" + String(byte, radix: 8).leftPadded(to: 3) }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return "'" + out + "'"
    }

    // MARK: - Totals

    private static func gate(_ report: RunReport) -> String {
        let blocking = report.results.filter { result in
            switch result.outcome {
            case .fail, .error: result.fixture.level == .must
            case .xpass: true
            default: false
            }
        }
        let seconds = report.results.reduce(0) { $0 + ($1.seconds.isFinite ? max(0, $1.seconds) : 0) }
        let time = String(format: "%.2f s", seconds)
        if blocking.isEmpty { return "gate: passed (exit 0), \(report.results.count) cases in \(time)" }
        return "gate: FAILED (exit \(report.exitCode)), \(blocking.count) blocking (must-level fail or error, or xpass), "
            + "\(report.results.count) cases in \(time)"
    }

    // MARK: - Terminal safety

    /// `text` with control characters (and bidirectional overrides) written as escapes, so it shows as one inert line.
    /// Control and bidirectional-override characters as visible escapes, so text from fixtures or responses cannot act
    /// on a terminal, and a value stays on its line (or Markdown table row).
    static func visible(_ text: String) -> String { visible(text, keepingNewlines: false) }

    static func visible(_ text: String, keepingNewlines: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where keepingNewlines: out += "\n"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let bidi = (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
                if scalar.properties.generalCategory == .control || bidi {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
