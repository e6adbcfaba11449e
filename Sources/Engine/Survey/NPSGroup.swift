import RealModule

/// The answers of one group of an NPS survey (NPS-5 to NPS-8): counts by kind, the score, its standard error and the
/// adjusted-Wald interval.
package struct NPSGroup: Sendable, Equatable {
    package private(set) var promoters = 0
    package private(set) var passives = 0
    package private(set) var detractors = 0

    package init() {}

    package init(scores: some Sequence<Int>) {
        for score in scores { add(score) }
    }

    package mutating func add(_ score: Int) {
        if score >= 9 {
            promoters += 1
        } else if score >= 7 {
            passives += 1
        } else {
            detractors += 1
        }
    }

    package var count: Int { promoters + passives + detractors }

    /// NPS-5: 100 · (p_P − p_D), in points; nil for an empty group.
    package var score: Double? {
        guard count > 0 else { return nil }
        return 100 * (Double(promoters) / Double(count) - Double(detractors) / Double(count))
    }

    /// NPS-6: 100 · √(Var / n) with Var = p_P + p_D − (p_P − p_D)², the raw estimate's spread; nil for an empty group.
    package var standardError: Double? {
        guard count > 0 else { return nil }
        let n = Double(count)
        let (p, d) = (Double(promoters) / n, Double(detractors) / n)
        // A one-kind group has Var = 0 exactly in reals; max() keeps a binary64 residue from going negative.
        return 100 * (max(0, p + d - (p - d) * (p - d)) / n).squareRoot()
    }

    /// NPS-7: the adjusted-Wald 95 % interval (Rocks 2016), clipped to [−100, 100]; nil for an empty group.
    package var interval: (lower: Double, upper: Double)? {
        guard count > 0 else { return nil }
        let n = Double(count) + 3
        let p = (Double(promoters) + 0.75) / n
        let d = (Double(detractors) + 0.75) / n
        let centre = 100 * (p - d)
        let halfWidth = 1.96 * 100 * ((p + d - (p - d) * (p - d)) / n).squareRoot()
        return (max(-100, centre - halfWidth), min(100, centre + halfWidth))
    }

    /// NPS-10's members in order, rounded as NPS-9 says; an empty group has its counts and nulls.
    package var members: [JSONValue.Member] {
        let n = Double(count)
        func share(_ k: Int) -> JSONValue { count == 0 ? .null : .number(Engine.score(Double(k) / n)) }
        return [
            .init("responses", .number(n)),
            .init("promoters", .number(Double(promoters))),
            .init("passives", .number(Double(passives))),
            .init("detractors", .number(Double(detractors))),
            .init("promoter_share", share(promoters)),
            .init("passive_share", share(passives)),
            .init("detractor_share", share(detractors)),
            .init("nps", score.map { .number(money($0)) } ?? .null),
            .init("standard_error", standardError.map { .number(money($0)) } ?? .null),
            .init(
                "interval",
                interval.map {
                    .object([.init("level", .number(0.95)), .init("lower", .number(money($0.lower))), .init("upper", .number(money($0.upper)))])
                } ?? .null),
        ]
    }

    /// NPS-13: the two-sample Wald test of `current` against `baseline`, or why it is not computed (NPS-14).
    package static func compare(baseline: NPSGroup, current: NPSGroup) -> (
        difference: Double?, standardError: Double?, z: Double?, pValue: Double?, reason: String?
    ) {
        guard let b = baseline.score, let c = current.score, let seB = baseline.standardError, let seC = current.standardError else {
            return (nil, nil, nil, nil, "empty_period")
        }
        let difference = c - b
        let standardError = (seB * seB + seC * seC).squareRoot()
        guard standardError > 0 else { return (difference, standardError, nil, nil, "zero_standard_error") }
        let z = difference / standardError
        return (difference, standardError, z, Double.erfc(abs(z) / 2.0.squareRoot()), nil)
    }
}
