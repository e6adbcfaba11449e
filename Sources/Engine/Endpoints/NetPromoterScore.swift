/// `nps` (spec/nps.md): the Net Promoter Score of survey answers with its standard error and adjusted-Wald interval,
/// by segment and by month, and a test between two periods.
package enum NetPromoterScore: EndpointDefinition, EndpointComputation {
    package static let name = "nps"
    package static let sourceSection: String? = nil
    package static let specFile = "nps.md"
    package static let summary = "Net Promoter Score with intervals, breakdowns and tests"
    package static let requestSchema = EndpointSchemas.document(PackageResources.nps_request_json, file: "nps.request.json")
    package static let responseSchema = EndpointSchemas.document(PackageResources.nps_response_json, file: "nps.response.json")
    package static let documentedExample = DocumentedExamples.netPromoterScore

    package struct Answer: Sendable {
        var score: Int
        var date: Day?
        var segment: String?
    }

    package struct Period: Sendable {
        var from: Day
        var to: Day
        func contains(_ day: Day) -> Bool { from <= day && day <= to }
    }

    package struct Request: Sendable {
        var answers: [Answer]
        var compare: (baseline: Period, current: Period)?
    }

    package typealias Response = JSONValue

    static let smallSample = 30

    package static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request? {
        guard let root = reader.object(body, allowed: ["today", "responses", "compare"]) else { return nil }
        let today = reader.today(root, default: context.today)
        let answers = reader.field(root, "responses") { value -> [Answer]? in
            // NPS-18: a response costs about what a transaction does, so the total-transactions limit applies.
            guard let elements = reader.array(value, minItems: 1, limit: reader.limits.maxTotalTransactions, limitName: "responses") else {
                return nil
            }
            let answers = reader.each(elements) { _, element -> Answer? in
                guard let fields = reader.object(element, allowed: ["score", "customer_id", "date", "segment"]) else { return nil }
                let score = reader.field(fields, "score") { reader.integer($0, min: 0, max: 10) }
                let customer = reader.field(fields, "customer_id", required: false) { reader.identifier($0) }
                let date = reader.field(fields, "date", required: false) { value -> Day? in
                    guard let day = reader.date(value) else { return nil }
                    if let today, day > today {
                        reader.report("after_today", "\(day) is after today (\(today))")
                        return nil
                    }
                    return day
                }
                let segment = reader.field(fields, "segment", required: false) { reader.identifier($0) }
                guard let score, fields.has("customer_id") == (customer != nil), fields.has("date") == (date != nil),
                    fields.has("segment") == (segment != nil)
                else { return nil }
                return Answer(score: score, date: date, segment: segment)
            }
            return answers.allSatisfy { $0 != nil } ? answers.compactMap { $0 } : nil
        }
        let compare = reader.field(root, "compare", required: false) { value -> (Period, Period)? in
            guard let fields = reader.object(value, allowed: ["baseline", "current"]) else { return nil }
            let baseline = reader.field(fields, "baseline") { period($0, reader) }
            let current = reader.field(fields, "current") { period($0, reader) }
            guard let baseline, let current else { return nil }
            // NPS-12: shared days would put answers in both samples.
            if baseline.from <= current.to && current.from <= baseline.to {
                reader.report("inconsistent", "the periods share days (\(current.from) to \(current.to) overlaps the baseline)", at: .key("current"))
                return nil
            }
            return (baseline, current)
        }
        guard let answers, reader.problems.isEmpty, !(root.has("compare") && compare == nil) else { return nil }
        return Request(answers: answers, compare: compare)
    }

    /// `{from, to}` with from ≤ to (NPS-12).
    private static func period(_ value: JSONValue, _ reader: RequestReader) -> Period? {
        guard let fields = reader.object(value, allowed: ["from", "to"]) else { return nil }
        let from = reader.field(fields, "from") { reader.date($0) }
        let to = reader.field(fields, "to") { reader.date($0) }
        guard let from, let to else { return nil }
        guard from <= to else {
            reader.at("to") { reader.report("order", "\(to) is before 'from' (\(from))") }
            return nil
        }
        return Period(from: from, to: to)
    }

    package static func respond(to request: Request, context: ComputeContext) -> JSONValue {
        let answers = request.answers
        let overall = NPSGroup(scores: answers.map(\.score))

        // NPS-11: segments by Unicode scalar values, the unsegmented last; months chronologically.
        var segments: [ExactText: NPSGroup] = [:]
        var unsegmented = NPSGroup()
        var months: [Int: NPSGroup] = [:]
        for answer in answers {
            if let segment = answer.segment {
                segments[ExactText(segment), default: NPSGroup()].add(answer.score)
            } else {
                unsegmented.add(answer.score)
            }
            if let date = answer.date {
                let (year, month, _) = date.components
                months[year * 12 + month - 1, default: NPSGroup()].add(answer.score)
            }
        }
        var bySegment = segments.sorted { $0.key.string.unicodeScalars.lexicographicallyPrecedes($1.key.string.unicodeScalars) }.map { key, group in
            JSONValue.object([.init("segment", .string(key.string))] + group.members)
        }
        if !segments.isEmpty && unsegmented.count > 0 { bySegment.append(.object([.init("segment", .null)] + unsegmented.members)) }
        let byMonth = months.sorted { $0.key < $1.key }.map { key, group in
            JSONValue.object([.init("month", .string(monthText(key)))] + group.members)
        }

        var warnings: [JSONValue] = []
        var comparison = JSONValue.null
        if let (baseline, current) = request.compare {
            let b = NPSGroup(scores: answers.filter { $0.date.map(baseline.contains) ?? false }.map(\.score))
            let c = NPSGroup(scores: answers.filter { $0.date.map(current.contains) ?? false }.map(\.score))
            let test = NPSGroup.compare(baseline: b, current: c)
            // NPS-13: significance is judged on the written p-value (NUM-3).
            let written = test.pValue.map(score)
            comparison = .object([
                .init("baseline", .object(bounds(baseline) + b.members)),
                .init("current", .object(bounds(current) + c.members)),
                .init("difference", test.difference.map { .number(money($0)) } ?? .null),
                .init("standard_error", test.standardError.map { .number(money($0)) } ?? .null),
                .init("z", test.z.map { .number(score($0)) } ?? .null),
                .init("p_value", written.map { .number($0) } ?? .null),
                .init("significant", written.map { .bool($0 < 0.05) } ?? .null),
                .init("reason", test.reason.map { .string($0) } ?? .null),
            ])
            if b.count < smallSample || c.count < smallSample {
                warnings.append(
                    .object([
                        .init("code", .string("small_sample")),
                        .init("message", .string("A compared period has fewer than 30 responses; the test is approximate.")),
                    ]))
            }
        }
        return .object([
            .init("overall", .object(overall.members)),
            .init("by_segment", .array(bySegment)),
            .init("by_month", .array(byMonth)),
            .init("comparison", comparison),
            .init("undated_responses", .number(Double(answers.filter { $0.date == nil }.count))),
            .init("warnings", .array(warnings)),
        ])
    }

    private static func bounds(_ period: Period) -> [JSONValue.Member] {
        [.init("from", .string(period.from.description)), .init("to", .string(period.to.description))]
    }

    /// `YYYY-MM` of a month numbered year · 12 + month − 1.
    private static func monthText(_ index: Int) -> String {
        let year = index / 12
        let month = index % 12 + 1
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + (month < 10 ? "-0" : "-") + String(month)
    }
}
