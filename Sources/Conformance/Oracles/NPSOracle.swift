import Foundation

/// `nps.recompute` (spec/nps.md): every group statistics object (overall, per segment, per month, the compared
/// periods), the comparison test, the undated count and the warnings, recomputed from the request's answers.
enum NPSOracle {
    static let recompute = Oracle(
        name: "nps.recompute",
        summary: "Counts, shares, NPS, standard error and adjusted-Wald interval (NPS-5 to NPS-10) of overall, by_segment "
            + "and by_month (NPS-11), the comparison (NPS-12 to NPS-15), undated_responses (NPS-4) and warnings (NPS-16), "
            + "to the decimals of NPS-9."
    ) { request, response in
        check(request: request, response: response)
    }

    static let groupMembers = [
        "responses", "promoters", "passives", "detractors", "promoter_share", "passive_share", "detractor_share", "nps", "standard_error",
        "interval",
    ]

    struct Answer {
        let score: Int
        let day: Int?
        let date: String?
        let segment: String?
    }

    /// NPS-5, NPS-6: the raw score and its standard error in points; nil for an empty group.
    static func raw(_ scores: [Int]) -> (nps: Double, se: Double)? {
        guard !scores.isEmpty else { return nil }
        let n = Double(scores.count)
        let pP = Double(scores.filter { $0 >= 9 }.count) / n
        let pD = Double(scores.filter { $0 <= 6 }.count) / n
        let variance = max(0, pP + pD - (pP - pD) * (pP - pD))
        return (100 * (pP - pD), 100 * (variance / n).squareRoot())
    }

    /// NPS-10: one group statistics object at `pointer`, `extra` members first. An empty group (only possible for a
    /// compared period, NPS-14) has its counts and nulls elsewhere.
    static func group(_ checker: inout Checker, _ pointer: String, _ scores: [Int], extra: [String], _ what: String) {
        checker.members("NPS-10", pointer, extra + groupMembers, what)
        let n = scores.count
        let promoters = scores.filter { $0 >= 9 }.count
        let passives = scores.filter { $0 == 7 || $0 == 8 }.count
        let detractors = scores.filter { $0 <= 6 }.count
        checker.integer("NPS-5", JSON.pointer(pointer, "responses"), n, "\(what): responses")
        checker.integer("NPS-5", JSON.pointer(pointer, "promoters"), promoters, "\(what): promoters (9–10)")
        checker.integer("NPS-5", JSON.pointer(pointer, "passives"), passives, "\(what): passives (7–8)")
        checker.integer("NPS-5", JSON.pointer(pointer, "detractors"), detractors, "\(what): detractors (0–6)")
        guard let stats = raw(scores) else {
            for member in ["promoter_share", "passive_share", "detractor_share", "nps", "standard_error", "interval"] {
                let p = JSON.pointer(pointer, member)
                if let value = checker.value("NPS-14", p, "\(what): \(member)"), value != .null {
                    checker.report("NPS-14", p, expected: "null", actual: value.text, "\(what): an empty period has only its counts")
                }
            }
            return
        }
        let count = Double(n)
        let (nps, se) = stats
        checker.rounded("NPS-5", JSON.pointer(pointer, "promoter_share"), Double(promoters) / count, decimals: 4, "\(what): promoter_share")
        checker.rounded("NPS-5", JSON.pointer(pointer, "passive_share"), Double(passives) / count, decimals: 4, "\(what): passive_share")
        checker.rounded("NPS-5", JSON.pointer(pointer, "detractor_share"), Double(detractors) / count, decimals: 4, "\(what): detractor_share")
        checker.rounded("NPS-5", JSON.pointer(pointer, "nps"), nps, decimals: 2, "\(what): NPS = 100·(p_P − p_D)")
        checker.rounded("NPS-6", JSON.pointer(pointer, "standard_error"), se, decimals: 2, "\(what): 100·√(Var/n)")
        // NPS-7: adjusted Wald, centred on the adjusted score, clipped to [−100, 100].
        let adjusted = count + 3
        let pP = (Double(promoters) + 0.75) / adjusted
        let pD = (Double(detractors) + 0.75) / adjusted
        let centre = 100 * (pP - pD)
        let margin = 1.96 * 100 * ((pP + pD - (pP - pD) * (pP - pD)) / adjusted).squareRoot()
        let interval = JSON.pointer(pointer, "interval")
        checker.members("NPS-7", interval, ["level", "lower", "upper"], "\(what): interval")
        checker.rounded("NPS-7", JSON.pointer(interval, "level"), 0.95, decimals: 2, "\(what): interval level")
        checker.rounded("NPS-7", JSON.pointer(interval, "lower"), max(-100, centre - margin), decimals: 2, "\(what): Ñ − 1.96·100·S̃E")
        checker.rounded("NPS-7", JSON.pointer(interval, "upper"), min(100, centre + margin), decimals: 2, "\(what): Ñ + 1.96·100·S̃E")
    }

    /// Orders strings by their Unicode scalar values (NPS-11).
    static func scalarOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.map(\.value).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
    }

    static func check(request: JSON, response: JSON) -> [Finding] {
        var checker = Checker(response: response)
        var answers: [Answer] = []
        for item in request["responses"]?.array ?? [] {
            guard let score = item["score"]?.number.flatMap({ Int(exactly: $0) }), score >= 0, score <= 10 else {
                return [
                    Finding(
                        clause: "NPS-2", pointer: "", expected: "a valid request", actual: item.text,
                        message: "the request has an invalid score: the oracle cannot check the response")
                ]
            }
            let date = item["date"]?.string
            answers.append(Answer(score: score, day: date.flatMap(OracleDays.number), date: date, segment: item["segment"]?.string))
        }
        checker.members("NPS-16", "", ["overall", "by_segment", "by_month", "comparison", "undated_responses", "warnings"], "response")

        // NPS-11: overall.
        group(&checker, "/overall", answers.map(\.score), extra: [], "overall")

        // NPS-11: by_segment, distinct values in Unicode scalar order, then null for the unsegmented ones.
        // Distinct by exact scalars: "café" with é and with e + U+0301 are two segments (VAL-7), though Swift's == merges them.
        var segments: [String] = []
        for segment in answers.compactMap(\.segment).sorted(by: scalarOrder)
        where segments.last.map({ !$0.unicodeScalars.elementsEqual(segment.unicodeScalars) }) ?? true {
            segments.append(segment)
        }
        let unsegmented = answers.contains { $0.segment == nil }
        var keys: [String?] = segments.map { $0 }
        if unsegmented && !segments.isEmpty { keys.append(nil) }
        if segments.isEmpty { keys = [] }
        if checker.array("NPS-11", "/by_segment", count: keys.count, "one entry per segment, then null") != nil {
            for (index, key) in keys.enumerated() {
                let pointer = JSON.pointer("/by_segment", index)
                let segmentPointer = JSON.pointer(pointer, "segment")
                if let value = checker.value("NPS-11", segmentPointer, "segment"),
                    key.map({ k in !(value.string?.unicodeScalars.elementsEqual(k.unicodeScalars) ?? false) }) ?? (value != .null)
                {
                    checker.report(
                        "NPS-11", segmentPointer, expected: key.map { JSON.string($0).text } ?? "null", actual: value.text, "segment order")
                }
                group(
                    &checker, pointer,
                    answers.filter { a in
                        a.segment.map { s in key.map { s.unicodeScalars.elementsEqual($0.unicodeScalars) } ?? false } ?? (key == nil)
                    }.map(\.score), extra: ["segment"], "segment \(key ?? "null")")
            }
        }

        // NPS-11: by_month, chronological, months with dated answers only.
        let months = Array(Set(answers.compactMap { $0.day == nil ? nil : $0.date.map { String($0.prefix(7)) } })).sorted()
        if checker.array("NPS-11", "/by_month", count: months.count, "one entry per month with answers") != nil {
            for (index, month) in months.enumerated() {
                let pointer = JSON.pointer("/by_month", index)
                checker.string("NPS-11", JSON.pointer(pointer, "month"), month, "month in chronological order")
                let scores = answers.filter { $0.day != nil && $0.date.map { String($0.prefix(7)) } == month }.map(\.score)
                group(&checker, pointer, scores, extra: ["month"], "month \(month)")
            }
        }

        // NPS-4.
        checker.integer("NPS-4", "/undated_responses", answers.filter { $0.day == nil }.count, "responses without a date")

        // NPS-12 to NPS-15: the comparison.
        var warnings: [String] = []
        if let compare = request["compare"] {
            var periods: [[Int]] = []
            for name in ["baseline", "current"] {
                let from = compare[name]?["from"]?.string
                let to = compare[name]?["to"]?.string
                guard let fromDay = from.flatMap(OracleDays.number), let toDay = to.flatMap(OracleDays.number) else {
                    return checker.findings
                }
                let pointer = "/comparison/" + name
                checker.string("NPS-15", JSON.pointer(pointer, "from"), from!, "\(name) from")
                checker.string("NPS-15", JSON.pointer(pointer, "to"), to!, "\(name) to")
                let scores = answers.filter { $0.day.map { $0 >= fromDay && $0 <= toDay } ?? false }.map(\.score)
                group(&checker, pointer, scores, extra: ["from", "to"], name)
                periods.append(scores)
            }
            checker.members(
                "NPS-15", "/comparison", ["baseline", "current", "difference", "standard_error", "z", "p_value", "significant", "reason"],
                "comparison")
            if periods[0].count < 30 || periods[1].count < 30 { warnings.append("small_sample") }
            let nulls: [String]
            if let b = raw(periods[0]), let c = raw(periods[1]) {
                let difference = c.nps - b.nps
                let se = (b.se * b.se + c.se * c.se).squareRoot()
                checker.rounded("NPS-13", "/comparison/difference", difference, decimals: 2, "NPS_c − NPS_b")
                checker.rounded("NPS-13", "/comparison/standard_error", se, decimals: 2, "√(SE_b² + SE_c²)")
                if se == 0 {
                    checker.string("NPS-14", "/comparison/reason", "zero_standard_error", "reason")
                    nulls = ["z", "p_value", "significant"]
                } else {
                    let z = difference / se
                    checker.rounded("NPS-13", "/comparison/z", z, decimals: 4, "difference / standard_error")
                    checker.rounded("NPS-13", "/comparison/p_value", erfc(z.magnitude / 2.0.squareRoot()), decimals: 4, "erfc(|z|/√2)")
                    // NPS-13: significance from the p-value as written (NUM-3).
                    if let p = response[pointer: "/comparison/p_value"]?.number {
                        checker.bool("NPS-13", "/comparison/significant", p < 0.05, "p_value \(OracleFormat.number(p)) < 0.05")
                    }
                    nulls = ["reason"]
                }
            } else {
                checker.string("NPS-14", "/comparison/reason", "empty_period", "reason")
                nulls = ["difference", "standard_error", "z", "p_value", "significant"]
            }
            for member in nulls {
                let pointer = JSON.pointer("/comparison", member)
                if let value = checker.value("NPS-14", pointer, member), value != .null {
                    checker.report("NPS-14", pointer, expected: "null", actual: value.text, "comparison \(member)")
                }
            }
        } else if let value = checker.value("NPS-15", "/comparison", "comparison"), value != .null {
            checker.report("NPS-15", "/comparison", expected: "null", actual: value.text, "no compare in the request")
        }

        // NPS-16: warnings, by code.
        if let list = checker.value("NPS-16", "/warnings", "warnings")?.array {
            let codes = list.map { $0["code"]?.string ?? "" }
            if codes != warnings {
                checker.report(
                    "NPS-14", "/warnings", expected: JSON.array(warnings.map { .string($0) }).text,
                    actual: JSON.array(codes.map { .string($0) }).text,
                    "warning codes")
            }
        }
        return checker.findings
    }
}
