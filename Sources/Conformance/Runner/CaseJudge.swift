import Foundation

/// Compares one response with a fixture's expectations: status, the error body's problems, then the assertions.
enum CaseJudge {
    /// `companions` holds the target's answers to `same_as` and `agrees_with`, when the fixture has them.
    static func judge(_ fixture: Fixture, response: TargetResponse, sameAs: TargetResponse? = nil, agreesWith: TargetResponse? = nil) -> [Finding] {
        let clause = fixture.spec.first
        let expect = fixture.expect
        var findings: [Finding] = []
        if response.status != expect.status {
            findings.append(
                Finding(
                    clause: clause, pointer: "", expected: "status \(expect.status)", actual: "status \(response.status)",
                    message: "wrong HTTP status"))
        }
        let mediaType = response.headers.first { $0.key.lowercased() == "content-type" }.map { mediaTypeOf($0.value) }
        if let expected = expect.mediaType, mediaType != expected.lowercased() {
            findings.append(
                Finding(clause: clause, pointer: "", expected: "Content-Type \(expected)", actual: mediaType ?? "(none)", message: "wrong media type")
            )
        }
        if let sameAs, response.body != sameAs.body || response.status != sameAs.status {
            findings.append(
                Finding(
                    clause: clause, pointer: "", expected: "the same bytes as \(expect.sameAs?.endpoint ?? "") answers (\(sameAs.body.count) bytes)",
                    actual: "\(response.body.count) bytes", message: "not byte-identical to the companion answer"))
        }
        // A report in HTML or XML is judged as text: assertions with pointer "" and oracles see the whole body.
        if let expected = expect.mediaType, expected.lowercased() != "application/json" {
            guard response.status == expect.status else { return findings }
            let text = JSON.string(String(decoding: response.body, as: UTF8.self))
            let request = fixture.request.body ?? .null
            for assertion in expect.assertions ?? [] {
                findings += AssertionEvaluator.evaluate(assertion, request: request, response: text, clause: clause)
            }
            return findings
        }
        guard let body = JSON.parse(response.body) else {
            findings.append(
                Finding(
                    clause: "ERR-1", pointer: "", expected: "a JSON body", actual: "\(response.body.count) bytes of non-JSON",
                    message: "the body is not JSON"))
            return findings
        }
        if expect.status >= 400 {
            findings += errorShape(body, status: response.status)
        }
        if let problems = expect.problems {
            let actual = (body[pointer: "/error/problems"]?.array ?? []).map { ($0["pointer"]?.string ?? "?", $0["code"]?.string ?? "?") }
            for problem in problems where !actual.contains(where: { $0 == (problem.pointer, problem.code) }) {
                findings.append(
                    Finding(
                        clause: "VAL-2", pointer: "/error/problems", expected: "\(problem.code) at \(problem.pointer)",
                        actual: actual.map { "\($1) at \($0)" }.joined(separator: ", "), message: "a required problem is not listed"))
            }
            if expect.problemsExact ?? true {
                for (pointer, code) in actual where !problems.contains(where: { $0.pointer == pointer && $0.code == code }) {
                    findings.append(
                        Finding(
                            clause: "VAL-2", pointer: "/error/problems", expected: "(not listed)", actual: "\(code) at \(pointer)",
                            message: "an unexpected problem is listed"))
                }
            }
        }
        // Assertions describe a successful answer; on the wrong status they would only repeat the status finding.
        guard response.status == expect.status else { return findings }
        let request = fixture.request.body ?? fixture.request.bodyText.flatMap { JSON.parse(Data($0.utf8)) } ?? .null
        for assertion in expect.assertions ?? [] {
            findings += AssertionEvaluator.evaluate(assertion, request: request, response: body, clause: clause)
        }
        if let agreement = expect.agreesWith, let agreesWith {
            if let companion = JSON.parse(agreesWith.body), agreesWith.status == 200 {
                findings += AssertionEvaluator.agreement(agreement.pairs ?? [], answer: body, companion: companion, clause: clause)
            } else {
                findings.append(
                    Finding(
                        clause: clause, pointer: "", expected: "a JSON answer from \(agreement.endpoint)", actual: "status \(agreesWith.status)",
                        message: "the companion request failed"))
            }
        }
        return findings
    }

    /// `text/html; charset=utf-8` → `text/html`.
    static func mediaTypeOf(_ contentType: String) -> String {
        (contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// ERR-1: `{"error": {"status", "code", "message", "problems": [...]}}` with the status of the response.
    static func errorShape(_ body: JSON, status: Int) -> [Finding] {
        var findings: [Finding] = []
        if body[pointer: "/error/status"]?.number != Double(status) {
            findings.append(
                Finding(
                    clause: "ERR-1", pointer: "/error/status", expected: String(status), actual: body[pointer: "/error/status"]?.text ?? "(absent)",
                    message: "error body status"))
        }
        for (pointer, type) in [("/error/code", "string"), ("/error/message", "string"), ("/error/problems", "array")]
        where body[pointer: pointer]?.typeName != type {
            findings.append(
                Finding(
                    clause: "ERR-1", pointer: pointer, expected: type, actual: body[pointer: pointer]?.typeName ?? "(absent)",
                    message: "error body shape"))
        }
        return findings
    }
}
