import Conformance
import Foundation
import Testing

@Suite("Runner: assertions, filters, expectations, outcomes")
struct RunnerTests {
    static func fixture(_ id: String, level: Fixture.Level = .must, tags: [String] = [], status: Int = 200, assertions: [Assertion] = []) -> Fixture {
        Fixture(
            id: id, endpoint: "customer_rfm", description: "test", spec: ["RFM-1"], level: level, tags: tags,
            request: .init(body: .object([:]), bodyText: nil, headers: nil),
            expect: .init(status: status, assertions: assertions, problems: nil, problemsExact: nil), path: nil)
    }

    static func target(status: Int = 200, body: String) -> FunctionTarget {
        FunctionTarget(name: "fake") { _, _, _ in TargetResponse(status: status, body: Data(body.utf8)) }
    }

    static func evaluate(_ assertion: Assertion, _ body: String) -> [Finding] {
        AssertionEvaluator.evaluate(assertion, request: .null, response: JSON.parse(Data(body.utf8))!, clause: "X-1")
    }

    @Test func assertionsHoldAndFailAsDocumented() {
        let body = #"{"a": 3, "b": [1, 2, 2], "c": "x", "d": {"u": 0, "v": 0, "w": 1}, "e": [5, 5, 7]}"#
        #expect(Self.evaluate(.equals(pointer: "/a", .number(3.0)), body).isEmpty)
        #expect(!Self.evaluate(.equals(pointer: "/a", .number(4)), body).isEmpty)
        #expect(Self.evaluate(.approx(pointer: "/a", value: 3.004, abs: 0.005, rel: 0), body).isEmpty)
        #expect(!Self.evaluate(.approx(pointer: "/a", value: 3.1, abs: 0.005, rel: 0.01), body).isEmpty)
        #expect(Self.evaluate(.type(pointer: "/a", "integer"), body).isEmpty)
        #expect(Self.evaluate(.type(pointer: "/a", "number"), body).isEmpty)
        #expect(!Self.evaluate(.type(pointer: "/c", "number"), body).isEmpty)
        #expect(Self.evaluate(.range(pointer: "/a", low: 0, high: nil), body).isEmpty)
        #expect(!Self.evaluate(.range(pointer: "/a", low: nil, high: 2), body).isEmpty)
        #expect(Self.evaluate(.oneOf(pointer: "/c", [.string("y"), .string("x")]), body).isEmpty)
        #expect(Self.evaluate(.setEquals(pointer: "/b", [.number(2), .number(1), .number(2)]), body).isEmpty)
        #expect(!Self.evaluate(.setEquals(pointer: "/b", [.number(1), .number(2)]), body).isEmpty)
        #expect(Self.evaluate(.length(pointer: "/d", 3), body).isEmpty)
        #expect(Self.evaluate(.partition(pointer: "/d", .object(["u": .number(7), "v": .number(7), "w": .number(2)])), body).isEmpty)
        #expect(!Self.evaluate(.partition(pointer: "/d", .object(["u": .number(7), "v": .number(8), "w": .number(2)])), body).isEmpty)
        #expect(Self.evaluate(.partition(pointer: "/e", .array([.number(0), .number(0), .number(1)])), body).isEmpty)
        #expect(!Self.evaluate(.partition(pointer: "/e", .array([.number(0), .number(1), .number(1)])), body).isEmpty)
        let missing = Self.evaluate(.equals(pointer: "/nope", .null), body)
        #expect(missing.first?.pointer == "/nope" && missing.first?.clause == "X-1")
        #expect(!Self.evaluate(.oracle("no.such.oracle"), body).isEmpty)
    }

    @Test func outcomesFollowExpectations() async throws {
        var options = ConformanceRunner.Options()
        options.expectations = Expectations(entries: [
            ("known-*", .init(outcome: .xfail, reason: "known")), ("skipped", .init(outcome: .skip, reason: "not here")),
        ])
        let runner = ConformanceRunner(options: options)
        let good = Assertion.equals(pointer: "/ok", .bool(true))
        let fixtures = [
            Self.fixture("passes", assertions: [good]), Self.fixture("fails", assertions: [.equals(pointer: "/ok", .bool(false))]),
            Self.fixture("known-bad", assertions: [.equals(pointer: "/ok", .bool(false))]), Self.fixture("known-good", assertions: [good]),
            Self.fixture("skipped"), Self.fixture("http-only", tags: ["http"]),
        ]
        let results = await runner.run(fixtures, on: Self.target(body: #"{"ok": true}"#))
        #expect(results.map(\.outcome) == [.pass, .fail, .xfail, .xpass, .skip, .skip])
        let report = RunReport(runnerVersion: "t", corpusHash: "h", target: "fake", startedAt: "now", results: results)
        #expect(report.exitCode == 1)
        let clean = RunReport(runnerVersion: "t", corpusHash: "h", target: "fake", startedAt: "now", results: [results[0], results[2], results[4]])
        #expect(clean.exitCode == 0)
    }

    @Test func shouldLevelFailuresDoNotFailTheGate() async {
        let runner = ConformanceRunner(options: .init())
        let results = await runner.run([Self.fixture("soft", level: .should, status: 201)], on: Self.target(body: "{}"))
        #expect(results.map(\.outcome) == [.fail])
        #expect(RunReport(runnerVersion: "t", corpusHash: "h", target: "f", startedAt: "n", results: results).exitCode == 0)
    }

    @Test func levelFilterSkipsLowerLevels() async {
        var options = ConformanceRunner.Options()
        options.level = .must
        let results = await ConformanceRunner(options: options).run([Self.fixture("maybe", level: .may)], on: Self.target(body: "{}"))
        #expect(results.map(\.outcome) == [.skip])
    }

    @Test func failFastStopsAfterTheFirstMustFailure() async {
        var options = ConformanceRunner.Options()
        options.failFast = true
        options.concurrency = 1
        let fixtures = (0..<5).map { Self.fixture("f\($0)", status: 201) }
        let results = await ConformanceRunner(options: options).run(fixtures, on: Self.target(body: "{}"))
        #expect(results.map(\.outcome) == [.fail, .skip, .skip, .skip, .skip])
    }

    @Test func filtersMatchIdsEndpointsTagsAndClausesByGlobOrRegex() throws {
        let fixtures = [Self.fixture("rfm-one", tags: ["edge"]), Self.fixture("loy-two", tags: ["negative"])]
        func select(_ patterns: [String]) throws -> [String] {
            var options = ConformanceRunner.Options()
            options.filters = patterns
            return try ConformanceRunner(options: options).select(fixtures).map(\.id)
        }
        #expect(try select([]) == ["rfm-one", "loy-two"])
        #expect(try select(["rfm-*"]) == ["rfm-one"])
        #expect(try select(["negative"]) == ["loy-two"])
        #expect(try select(["/^loy/"]) == ["loy-two"])
        #expect(try select(["RFM-1"]).count == 2)
        #expect(try select(["customer_rfm"]).count == 2)
    }

    @Test func errorsAndUnreadableBodiesAreReported() async {
        struct Unreachable: Error {}
        let failing = FunctionTarget(name: "down") { _, _, _ in throw Unreachable() }
        let results = await ConformanceRunner(options: .init()).run([Self.fixture("x")], on: failing)
        #expect(results.map(\.outcome) == [.error])
        let garbage = await ConformanceRunner(options: .init()).run([Self.fixture("y")], on: Self.target(body: "<html>"))
        #expect(garbage.map(\.outcome) == [.fail])
        #expect(garbage[0].findings.contains { $0.clause == "ERR-1" })
    }
}
