/// The English texts of SEG-42 to SEG-46, each a switch over its enum so that a missing case fails to compile.
extension Persona {
    /// SEG-42: the base persona of a spend × frequency pair; the raw value is its key.
    enum Base: String {
        case bigTicketOccasionals = "big_ticket_occasionals", highValueRegulars = "high_value_regulars", champions
        case occasionalBuyers = "occasional_buyers", coreCustomers = "core_customers", frequentBuyers = "frequent_buyers"
        case lightBuyers = "light_buyers", budgetRegulars = "budget_regulars", smallBasketFrequents = "small_basket_frequents"

        init(spend: Level, frequency: Level) {
            switch (spend, frequency) {
            case (.high, .low): self = .bigTicketOccasionals
            case (.high, .mid): self = .highValueRegulars
            case (.high, .high): self = .champions
            case (.mid, .low): self = .occasionalBuyers
            case (.mid, .mid): self = .coreCustomers
            case (.mid, .high): self = .frequentBuyers
            case (.low, .low): self = .lightBuyers
            case (.low, .mid): self = .budgetRegulars
            case (.low, .high): self = .smallBasketFrequents
            }
        }

        var name: String {
            switch self {
            case .bigTicketOccasionals: "Big-Ticket Occasionals"
            case .highValueRegulars: "High-Value Regulars"
            case .champions: "Champions"
            case .occasionalBuyers: "Occasional Buyers"
            case .coreCustomers: "Core Customers"
            case .frequentBuyers: "Frequent Buyers"
            case .lightBuyers: "Light Buyers"
            case .budgetRegulars: "Budget Regulars"
            case .smallBasketFrequents: "Small-Basket Frequents"
            }
        }

        /// SEG-46: the base persona's two actions.
        var actions: [(key: String, text: String)] {
            switch self {
            case .champions:
                [("vip_access", "Offer VIP status with early access to new products."), ("referral", "Invite them to refer friends.")]
            case .highValueRegulars:
                [("tier_upgrade", "Reward their regularity with a loyalty-tier upgrade."), ("premium_bundles", "Present premium bundles.")]
            case .bigTicketOccasionals:
                [
                    ("timed_reminders", "Send timed reminders to shorten the gap between purchases."),
                    ("premium_launches", "Announce premium launches to them first."),
                ]
            case .frequentBuyers:
                [("basket_upsell", "Suggest add-ons that raise the basket value."), ("points_boost", "Boost loyalty points on larger baskets.")]
            case .coreCustomers:
                [("personal_recs", "Send personalised recommendations."), ("cross_sell", "Cross-sell related categories.")]
            case .occasionalBuyers:
                [
                    ("occasion_reminders", "Remind them around their usual purchase occasions."),
                    ("subscription", "Offer a subscription or automatic replenishment."),
                ]
            case .smallBasketFrequents:
                [
                    ("volume_bundles", "Offer volume bundles to grow the basket."),
                    ("free_shipping_threshold", "Set a free-shipping threshold just above their usual basket."),
                ]
            case .budgetRegulars:
                [("value_packs", "Promote value packs and own-brand lines."), ("price_alerts", "Send price-drop alerts on items they buy.")]
            case .lightBuyers:
                [
                    ("automated_nurture", "Keep them in low-cost automated nurture flows."),
                    ("second_purchase", "Give an incentive for the next purchase."),
                ]
            }
        }
    }

    /// SEG-43: a qualifier; the raw value is its key.
    enum Qualifier: String {
        case lapsing, broad, narrow

        var word: String {
            switch self {
            case .lapsing: "Lapsing"
            case .broad: "Broad-Basket"
            case .narrow: "Narrow-Basket"
            }
        }

        /// SEG-46: the qualifier's action.
        var action: (key: String, text: String) {
            switch self {
            case .lapsing: ("win_back", "Start a win-back sequence now.")
            case .broad: ("cross_category_bundles", "Build bundles across the categories they already buy.")
            case .narrow: ("adjacent_category", "Introduce one adjacent category.")
            }
        }
    }
}

/// SEG-45: the description sentence, one phrase per role and level.
extension Persona {
    static func description(spend: Level, frequency: Level, breadth: Level, recency: Level?) -> String {
        let spendPhrase = spend.text(high: "well above average", mid: "close to average", low: "well below average")
        let frequencyPhrase = frequency.text(high: "more often than most", mid: "about as often as most", low: "less often than most")
        let breadthPhrase = breadth.text(high: ", across many product types", mid: "", low: ", within few product types")
        let recencyPhrase = recency?.text(high: ", but have not bought for a while", mid: "", low: ", and bought recently") ?? ""
        return "Customers who spend \(spendPhrase) and buy \(frequencyPhrase)\(breadthPhrase)\(recencyPhrase)."
    }
}

extension Persona.Level {
    /// The one of three texts that belongs to this level.
    func text(high: String, mid: String, low: String) -> String {
        switch self {
        case .high: high
        case .mid: mid
        case .low: low
        }
    }
}
