import Foundation

/// Runs fixtures against a target: filters, levels, expectations, bounded concurrency, fail-fast.
public struct ConformanceRunner: Sendable {
    public struct Options: Sendable {
        /// Patterns matched against id, endpoint, tags and clause IDs: globs, or regexes written `/…/`. A fixture
        /// runs when any pattern matches any of them; no patterns runs everything.
        public var filters: [String] = []
        /// The lowest level that runs; fixtures below it are reported as skipped.
        public var level: Fixture.Level = .may
        public var failFast = false
        public var maxFailures: Int?
        public var concurrency = 4
        public var expectations = Expectations()

        public init() {}
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// The fixtures the filters select, in corpus order.
    public func select(_ fixtures: [Fixture]) throws -> [Fixture] {
        guard !options.filters.isEmpty else { return fixtures }
        let matchers = try options.filters.map(Matcher.init)
        return fixtures.filter { fixture in
            let names = [fixture.id, fixture.endpoint] + fixture.tags + fixture.spec
            return matchers.contains { matcher in names.contains { matcher.matches($0) } }
        }
    }

    public func run(_ fixtures: [Fixture], on target: any ConformanceTarget) async -> [CaseResult] {
        let failures = FailureCounter()
        var results = [CaseResult?](repeating: nil, count: fixtures.count)
        await withTaskGroup(of: (Int, CaseResult).self) { group in
            var next = 0
            func startNext() {
                guard next < fixtures.count else { return }
                let index = next
                next += 1
                group.addTask { (index, await self.runCase(fixtures[index], on: target, failures: failures)) }
            }
            for _ in 0..<max(1, options.concurrency) { startNext() }
            for await (index, result) in group {
                results[index] = result
                startNext()
            }
        }
        return results.compactMap { $0 }
    }

    private func runCase(_ fixture: Fixture, on target: any ConformanceTarget, failures: FailureCounter) async -> CaseResult {
        if fixture.level > options.level { return CaseResult(fixture: fixture, outcome: .skip, reason: "below --level \(options.level.rawValue)") }
        if fixture.tags.contains("http"), !target.speaksHTTP {
            return CaseResult(fixture: fixture, outcome: .skip, reason: "needs an HTTP target (headers, credentials)")
        }
        let expectation = options.expectations.entry(for: fixture.id)
        if expectation?.outcome == .skip { return CaseResult(fixture: fixture, outcome: .skip, reason: expectation?.reason) }
        if await failures.shouldStop(failFast: options.failFast, max: options.maxFailures) {
            return CaseResult(fixture: fixture, outcome: .skip, reason: "stopped after earlier failures")
        }
        let clock = ContinuousClock()
        let start = clock.now
        var result: CaseResult
        do {
            let response = try await target.send(endpoint: fixture.endpoint, headers: fixture.request.headers ?? [:], body: fixture.request.bytes)
            func companion(_ request: Fixture.CompanionRequest?) async throws -> TargetResponse? {
                guard let request else { return nil }
                let body = try JSONEncoder().encode(request.body)
                return try await target.send(endpoint: request.endpoint, headers: fixture.request.headers ?? [:], body: body)
            }
            let sameAs = try await companion(fixture.expect.sameAs)
            let agreesWith = try await companion(fixture.expect.agreesWith)
            let findings = CaseJudge.judge(fixture, response: response, sameAs: sameAs, agreesWith: agreesWith)
            result = CaseResult(
                fixture: fixture, outcome: findings.isEmpty ? .pass : .fail, findings: findings, status: response.status,
                responseBody: String(decoding: response.body.prefix(64 << 10), as: UTF8.self))
        } catch {
            result = CaseResult(fixture: fixture, outcome: .error, reason: "\(error)")
        }
        result.seconds = Self.seconds(start.duration(to: clock.now))
        if expectation?.outcome == .xfail {
            result.outcome = result.outcome == .pass ? .xpass : .xfail
            result.reason = expectation?.reason
        }
        if result.outcome == .fail || result.outcome == .error || result.outcome == .xpass, fixture.level == .must { await failures.add() }
        return result
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Counts blocking failures across concurrent cases for --fail-fast and --max-fail.
actor FailureCounter {
    private var count = 0
    func add() { count += 1 }
    func shouldStop(failFast: Bool, max: Int?) -> Bool {
        (failFast && count > 0) || (max.map { count >= $0 } ?? false)
    }
}

/// A `--filter` pattern: `/regex/` or a glob.
struct Matcher: @unchecked Sendable {
    private let regex: Regex<AnyRegexOutput>?
    private let glob: String

    init(_ pattern: String) throws {
        if pattern.count >= 2, pattern.hasPrefix("/"), pattern.hasSuffix("/") {
            regex = try Regex(String(pattern.dropFirst().dropLast()))
        } else {
            regex = nil
        }
        glob = pattern
    }

    func matches(_ text: String) -> Bool {
        if let regex { return (try? regex.firstMatch(in: text)) != nil }
        return Glob.matches(glob, text)
    }
}
