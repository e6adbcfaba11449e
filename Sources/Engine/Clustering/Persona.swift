/// The deterministic persona of a segment (SEG-41 to SEG-48): levels from the segment's z-scores against the
/// population, a base persona from spend × frequency, qualifiers from recency and breadth, and English texts. The
/// keys are the contract the localised reports translate from; the English strings belong to the spec.
package struct Persona: Sendable, Equatable {
    package enum Level: String, Sendable { case low, mid, high }

    package var key: String
    package var name: String
    package var qualifiers: [String]
    /// (role, level) in the order spend, frequency, breadth, recency.
    package var levels: [(role: String, level: Level)]
    package var description: String
    package var actions: [(key: String, text: String)]

    package static func == (a: Persona, b: Persona) -> Bool {
        a.key == b.key && a.name == b.name && a.qualifiers == b.qualifiers && a.description == b.description
            && a.levels.map(\.role) == b.levels.map(\.role) && a.levels.map(\.level) == b.levels.map(\.level)
            && a.actions.map(\.key) == b.actions.map(\.key)
    }

    /// SEG-41: the level of a z-score, judged on its 4-decimal written value.
    package static func level(_ z: Double) -> Level {
        let written = score(z)
        return written >= 0.5 ? .high : written <= -0.5 ? .low : .mid
    }

    /// The persona of a segment with the given levels (recency nil in the benchmark dialect).
    package init(spend: Level, frequency: Level, breadth: Level, recency: Level?) {
        let base = Self.base[spend]![frequency]!
        var qualifiers: [String] = []
        if recency == .high { qualifiers.append("lapsing") }
        if breadth == .high { qualifiers.append("broad") }
        if breadth == .low { qualifiers.append("narrow") }
        key = base.key
        name = (qualifiers.map { Self.qualifierWords[$0]! } + [base.name]).joined(separator: " ")
        self.qualifiers = qualifiers
        levels = [("spend", spend), ("frequency", frequency), ("breadth", breadth)] + (recency.map { [("recency", $0)] } ?? [])
        let recencyPhrase = recency.map { Self.recencyPhrases[$0]! } ?? ""
        description =
            "Customers who spend \(Self.spendPhrases[spend]!) and buy \(Self.frequencyPhrases[frequency]!)\(Self.breadthPhrases[breadth]!)\(recencyPhrase)."
        actions = Self.baseActions[base.key]! + qualifiers.map { Self.qualifierActions[$0]! }
    }

    /// SEG-47: DBSCAN's noise.
    package static func unclustered(levels: [(role: String, level: Level)]) -> Persona {
        var persona = Persona(spend: .mid, frequency: .mid, breadth: .mid, recency: nil)
        persona.key = "unclustered"
        persona.name = "Unclustered"
        persona.qualifiers = []
        persona.levels = levels
        persona.description = "Customers who belong to no dense group."
        persona.actions = [("individual_review", "Review these customers individually before targeting them.")]
        return persona
    }

    /// SEG-44: repeated names among the clusters (in ascending id) get " #1", " #2", ….
    package static func disambiguate(_ personas: inout [Persona]) {
        var groups: [String: [Int]] = [:]
        for (index, persona) in personas.enumerated() { groups[persona.name, default: []].append(index) }
        for (_, members) in groups where members.count > 1 {
            for (ordinal, index) in members.enumerated() { personas[index].name += " #\(ordinal + 1)" }
        }
    }

    static let base: [Level: [Level: (key: String, name: String)]] = [
        .high: [
            .low: ("big_ticket_occasionals", "Big-Ticket Occasionals"), .mid: ("high_value_regulars", "High-Value Regulars"),
            .high: ("champions", "Champions"),
        ],
        .mid: [
            .low: ("occasional_buyers", "Occasional Buyers"), .mid: ("core_customers", "Core Customers"),
            .high: ("frequent_buyers", "Frequent Buyers"),
        ],
        .low: [
            .low: ("light_buyers", "Light Buyers"), .mid: ("budget_regulars", "Budget Regulars"),
            .high: ("small_basket_frequents", "Small-Basket Frequents"),
        ],
    ]
    static let qualifierWords = ["lapsing": "Lapsing", "broad": "Broad-Basket", "narrow": "Narrow-Basket"]
    static let spendPhrases: [Level: String] = [.high: "well above average", .mid: "close to average", .low: "well below average"]
    static let frequencyPhrases: [Level: String] = [.high: "more often than most", .mid: "about as often as most", .low: "less often than most"]
    static let breadthPhrases: [Level: String] = [.high: ", across many product types", .mid: "", .low: ", within few product types"]
    static let recencyPhrases: [Level: String] = [.high: ", but have not bought for a while", .mid: "", .low: ", and bought recently"]
    static let baseActions: [String: [(key: String, text: String)]] = [
        "champions": [("vip_access", "Offer VIP status with early access to new products."), ("referral", "Invite them to refer friends.")],
        "high_value_regulars": [
            ("tier_upgrade", "Reward their regularity with a loyalty-tier upgrade."), ("premium_bundles", "Present premium bundles."),
        ],
        "big_ticket_occasionals": [
            ("timed_reminders", "Send timed reminders to shorten the gap between purchases."),
            ("premium_launches", "Announce premium launches to them first."),
        ],
        "frequent_buyers": [
            ("basket_upsell", "Suggest add-ons that raise the basket value."), ("points_boost", "Boost loyalty points on larger baskets."),
        ],
        "core_customers": [("personal_recs", "Send personalised recommendations."), ("cross_sell", "Cross-sell related categories.")],
        "occasional_buyers": [
            ("occasion_reminders", "Remind them around their usual purchase occasions."),
            ("subscription", "Offer a subscription or automatic replenishment."),
        ],
        "small_basket_frequents": [
            ("volume_bundles", "Offer volume bundles to grow the basket."),
            ("free_shipping_threshold", "Set a free-shipping threshold just above their usual basket."),
        ],
        "budget_regulars": [
            ("value_packs", "Promote value packs and own-brand lines."), ("price_alerts", "Send price-drop alerts on items they buy."),
        ],
        "light_buyers": [
            ("automated_nurture", "Keep them in low-cost automated nurture flows."), ("second_purchase", "Give an incentive for the next purchase."),
        ],
    ]
    static let qualifierActions: [String: (key: String, text: String)] = [
        "lapsing": ("win_back", "Start a win-back sequence now."),
        "broad": ("cross_category_bundles", "Build bundles across the categories they already buy."),
        "narrow": ("adjacent_category", "Introduce one adjacent category."),
    ]

    /// `{key, name, qualifiers, levels, description, actions}` (SEG-48).
    package var json: JSONValue {
        .object([
            .init("key", .string(key)),
            .init("name", .string(name)),
            .init("qualifiers", .array(qualifiers.map { .string($0) })),
            .init("levels", .object(levels.map { .init($0.role, .string($0.level.rawValue)) })),
            .init("description", .string(description)),
            .init("actions", .array(actions.map { .object([.init("key", .string($0.key)), .init("text", .string($0.text))]) })),
        ])
    }
}
