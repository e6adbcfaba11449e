import Foundation

/// The run as newline-delimited JSON, for tools: a `header` line, one `case` line per fixture in corpus order, and a
/// `summary` line. Each line is one compact JSON object with sorted keys; members without a value are `null` rather
/// than missing, so every line of a type has the same members.
///
/// ```
/// {"cases":12,"corpus_hash":"…","runner_version":"…","started_at":"…","target":"in-process","type":"header"}
/// {"endpoint":"customer_rfm","findings":[…],"id":"…","level":"must","outcome":"fail","reason":null,"seconds":0.012,"spec":["RFM-15"],"status":200,"type":"case"}
/// {"error":0,"exit_code":1,"fail":1,"pass":11,"skip":0,"total":12,"type":"summary","xfail":0,"xpass":0}
/// ```
public enum NDJSONReporter {
    public static func render(_ report: RunReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines: [String] = []
        func emit(_ value: some Encodable) {
            // The values are strings, integers and finite numbers, which always encode.
            let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
            lines.append(String(decoding: data, as: UTF8.self))
        }
        emit(Header(report: report))
        for result in report.results { emit(Case(result: result)) }
        emit(Summary(report: report))
        return lines.joined(separator: "\n") + "\n"
    }

    private struct Header: Encodable {
        let report: RunReport

        enum CodingKeys: String, CodingKey {
            case type, runnerVersion = "runner_version", corpusHash = "corpus_hash", target, startedAt = "started_at", cases
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode("header", forKey: .type)
            try c.encode(report.runnerVersion, forKey: .runnerVersion)
            try c.encode(report.corpusHash, forKey: .corpusHash)
            try c.encode(report.target, forKey: .target)
            try c.encode(report.startedAt, forKey: .startedAt)
            try c.encode(report.results.count, forKey: .cases)
        }
    }

    private struct Case: Encodable {
        let result: CaseResult

        enum CodingKeys: String, CodingKey {
            case type, id, endpoint, level, spec, outcome, seconds, status, findings, reason
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode("case", forKey: .type)
            try c.encode(result.fixture.id, forKey: .id)
            try c.encode(result.fixture.endpoint, forKey: .endpoint)
            try c.encode(result.fixture.level.rawValue, forKey: .level)
            try c.encode(result.fixture.spec, forKey: .spec)
            try c.encode(result.outcome.rawValue, forKey: .outcome)
            // Microseconds are plenty, and rounding keeps binary noise (0.30000000000000004) out of the file.
            let seconds = result.seconds.isFinite ? max(0, (result.seconds * 1_000_000).rounded() / 1_000_000) : 0
            try c.encode(seconds, forKey: .seconds)
            try c.encode(result.status, forKey: .status)
            try c.encode(result.findings.map(FindingLine.init), forKey: .findings)
            try c.encode(result.reason, forKey: .reason)
        }
    }

    private struct FindingLine: Encodable {
        let finding: Finding

        enum CodingKeys: String, CodingKey {
            case clause, pointer, expected, actual, tolerance, message
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(finding.clause, forKey: .clause)
            try c.encode(finding.pointer, forKey: .pointer)
            try c.encode(finding.expected, forKey: .expected)
            try c.encode(finding.actual, forKey: .actual)
            try c.encode(finding.tolerance, forKey: .tolerance)
            try c.encode(finding.message, forKey: .message)
        }
    }

    private struct Summary: Encodable {
        let report: RunReport

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode("summary", forKey: Key(stringValue: "type"))
            for outcome in Outcome.allCases { try c.encode(report.count(outcome), forKey: Key(stringValue: outcome.rawValue)) }
            try c.encode(report.results.count, forKey: Key(stringValue: "total"))
            try c.encode(report.exitCode, forKey: Key(stringValue: "exit_code"))
        }
    }
}
