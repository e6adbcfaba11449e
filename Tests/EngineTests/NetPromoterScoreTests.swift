import Testing

@testable import Engine

/// `nps` (spec/nps.md) beyond its worked example and fixtures: NPS-8's one-kind groups, the test's refusals
/// (NPS-14), the breakdown orders (NPS-11) and every problem of NPS-17 at its pointer.
@Suite("nps")
struct NetPromoterScoreTests {
    static func body(_ scores: [Int], extra: String = "") -> String {
        #"{"today": "2025-04-24", "responses": [\#(scores.map { #"{"score": \#($0)}"# }.joined(separator: ", "))]\#(extra)}"#
    }

    @Test(arguments: [([10, 9, 10, 9, 9], 100.0, 17.49, 100.0), ([7, 8, 7], 0, -40.01, 40.01), ([3], -100, -98.5, 48.5)])
    func oneKindGroupsHaveNoSpreadButAnInterval(_ scores: [Int], nps: Double, lower: Double, upper: Double) throws {
        let overall = try #require(respond("nps", Self.body(scores))["overall"])
        #expect(overall["nps"]?.double == nps && overall["standard_error"]?.double == 0)
        #expect(overall[pointer: "/interval/lower"]?.double == lower && overall[pointer: "/interval/upper"]?.double == upper)
    }

    @Test func theGroupStatisticsMatchTheFormulas() {
        var group = NPSGroup(scores: [10, 9, 6, 8, 3, 10, 9, 10, 7, 9, 10, 5])
        #expect(group.count == 12 && group.promoters == 7 && group.passives == 2 && group.detractors == 3)
        #expect(abs(group.score! - 100.0 / 3) < 1e-12)
        let variance = 10.0 / 12 - (4.0 / 12) * (4.0 / 12)
        #expect(abs(group.standardError! - 100 * (variance / 12).squareRoot()) < 1e-12)
        group.add(0)
        #expect(group.detractors == 4)
        #expect(NPSGroup().score == nil && NPSGroup().interval == nil)
    }

    @Test func aTestNeedsTwoNonEmptyPeriodsWithSomeSpread() throws {
        func comparison(_ responses: String, _ baseline: String, _ current: String) throws -> JSONValue {
            let body = #"{"today": "2025-04-24", "responses": [\#(responses)], "compare": {"baseline": \#(baseline), "current": \#(current)}}"#
            return try #require(respond("nps", body)["comparison"])
        }
        let march = #"{"from": "2025-03-01", "to": "2025-03-31"}"#
        let april = #"{"from": "2025-04-01", "to": "2025-04-30"}"#
        let empty = try comparison(#"{"score": 9, "date": "2025-03-02"}"#, march, april)
        #expect(empty["reason"] == .string("empty_period") && empty["z"] == .null && empty[pointer: "/current/nps"] == .null)
        #expect(empty[pointer: "/current/responses"]?.double == 0)
        let flat = try comparison(#"{"score": 9, "date": "2025-03-02"}, {"score": 3, "date": "2025-04-02"}"#, march, april)
        #expect(flat["reason"] == .string("zero_standard_error") && flat["difference"]?.double == -200 && flat["significant"] == .null)
    }

    @Test func breakdownsAreOrderedByValueAndMonth() throws {
        let responses = [
            #"{"score": 9, "segment": "é", "date": "2025-02-10"}"#, #"{"score": 9, "segment": "Z", "date": "2024-12-31"}"#,
            #"{"score": 5, "date": "2025-02-01"}"#, #"{"score": 7, "segment": "a"}"#,
        ]
        let response = try respond("nps", #"{"today": "2025-04-24", "responses": [\#(responses.joined(separator: ", "))]}"#)
        #expect(response["by_segment"]?.elements.map { $0["segment"] } == [.string("Z"), .string("a"), .string("é"), .null])
        #expect(response["by_month"]?.elements.map { $0["month"] } == [.string("2024-12"), .string("2025-02")])
        #expect(response["undated_responses"]?.double == 1 && response["comparison"] == .null && response["warnings"] == .array([]))
    }

    @Test func everyProblemIsListedAtItsPointer() throws {
        let responses = #"[{"score": 7.5}, {"score": 11, "date": "2025-05-01"}, {"score": -1, "segment": ""}, {"date": "2025-02-30"}]"#
        let compare = #""compare": {"baseline": {"from": "2025-03-10", "to": "2025-03-01"}, "current": {"from": "2025-03-01"}}"#
        let error = try #require(problems("nps", #"{"today": "2025-04-24", "responses": \#(responses), \#(compare), "extra": 1}"#))
        for (pointer, code) in [
            ("/responses/0/score", "type"), ("/responses/1/score", "maximum"), ("/responses/1/date", "after_today"),
            ("/responses/2/score", "minimum"), ("/responses/2/segment", "min_length"), ("/responses/3", "required"), ("/responses/3/date", "date"),
            ("/compare/baseline/to", "order"), ("/compare/current", "required"), ("/extra", "unknown_member"),
        ] {
            #expect(error.has(pointer, code), "\(pointer) \(code)")
        }
        let overlap = try #require(
            problems(
                "nps",
                #"{"today": "2025-04-24", "responses": [{"score": 1}], "compare": {"baseline": {"from": "2025-03-01", "to": "2025-03-31"}, "current": {"from": "2025-03-31", "to": "2025-04-30"}}}"#
            ))
        #expect(overlap.problems.map(\.code) == ["inconsistent"] && overlap.pointers == ["/compare/current"])
        let limited = try #require(problems("nps", Self.body([1, 2, 3]), limits: Limits(maxTotalTransactions: 2)))
        #expect(limited.status == 413 && limited.pointers == ["/responses"])
    }
}
