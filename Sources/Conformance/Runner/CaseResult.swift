import Foundation

/// How one fixture went against one target.
public enum Outcome: String, Codable, Sendable, CaseIterable {
    /// Every expectation held.
    case pass
    /// An expectation did not hold.
    case fail
    /// The case could not be judged: the target was unreachable, timed out, or answered something unreadable.
    case error
    /// Not run: filtered by level or listed as `skip` in the expectations file.
    case skip
    /// Failed as the expectations file says it would.
    case xfail
    /// Listed as `xfail` but passed: the expectation is stale, and the gate fails.
    case xpass
}

/// The result of one fixture: its outcome, what went wrong, and how the exchange looked.
public struct CaseResult: Codable, Sendable {
    public var fixture: Fixture
    public var outcome: Outcome
    public var findings: [Finding]
    /// The reason from the expectations file (skip/xfail), or the error's description.
    public var reason: String?
    public var status: Int?
    public var responseBody: String?
    public var seconds: Double

    public init(
        fixture: Fixture, outcome: Outcome, findings: [Finding] = [], reason: String? = nil, status: Int? = nil, responseBody: String? = nil,
        seconds: Double = 0
    ) {
        self.fixture = fixture
        self.outcome = outcome
        self.findings = findings
        self.reason = reason
        self.status = status
        self.responseBody = responseBody
        self.seconds = seconds
    }
}

/// A whole run: what was run against which target, and every case's result in corpus order.
public struct RunReport: Codable, Sendable {
    public var runnerVersion: String
    /// SHA-256 over the corpus files (sorted by path), so two reports can tell whether they ran the same corpus.
    public var corpusHash: String
    /// `in-process` or the base URL.
    public var target: String
    public var startedAt: String
    public var results: [CaseResult]

    public init(runnerVersion: String, corpusHash: String, target: String, startedAt: String, results: [CaseResult]) {
        self.runnerVersion = runnerVersion
        self.corpusHash = corpusHash
        self.target = target
        self.startedAt = startedAt
        self.results = results
    }

    public func count(_ outcome: Outcome) -> Int { results.filter { $0.outcome == outcome }.count }

    /// The gate (issue 4): 0 when every must-level case passed (or is a known xfail/skip), 1 otherwise.
    public var exitCode: Int32 {
        let blocking = results.contains { result in
            switch result.outcome {
            case .fail, .error: result.fixture.level == .must
            case .xpass: true
            default: false
            }
        }
        return blocking ? 1 : 0
    }
}
