import Testing

@testable import Engine

@Suite("Personas and segment summaries (SEG-32, SEG-40 to SEG-47, SEG-57)")
struct PersonaTests {
    @Test("SEG-41: levels at ±0.5, judged on the 4-decimal value")
    func levels() {
        #expect(Persona.level(0.5) == .high)
        #expect(Persona.level(0.49995) == .high)  // written 0.5
        #expect(Persona.level(0.49994) == .mid)
        #expect(Persona.level(0) == .mid)
        #expect(Persona.level(-0.49994) == .mid)
        #expect(Persona.level(-0.49995) == .low)  // written −0.5
        #expect(Persona.level(-0.5) == .low)
        #expect(Persona.level(-3) == .low && Persona.level(2.2) == .high)
    }

    @Test("SEG-42, SEG-45, SEG-46: the nine base personas with their descriptions and actions")
    func basePersonas() {
        let table: [(Persona.Level, Persona.Level, String, String, [String])] = [
            (.high, .low, "big_ticket_occasionals", "Big-Ticket Occasionals", ["timed_reminders", "premium_launches"]),
            (.high, .mid, "high_value_regulars", "High-Value Regulars", ["tier_upgrade", "premium_bundles"]),
            (.high, .high, "champions", "Champions", ["vip_access", "referral"]),
            (.mid, .low, "occasional_buyers", "Occasional Buyers", ["occasion_reminders", "subscription"]),
            (.mid, .mid, "core_customers", "Core Customers", ["personal_recs", "cross_sell"]),
            (.mid, .high, "frequent_buyers", "Frequent Buyers", ["basket_upsell", "points_boost"]),
            (.low, .low, "light_buyers", "Light Buyers", ["automated_nurture", "second_purchase"]),
            (.low, .mid, "budget_regulars", "Budget Regulars", ["value_packs", "price_alerts"]),
            (.low, .high, "small_basket_frequents", "Small-Basket Frequents", ["volume_bundles", "free_shipping_threshold"]),
        ]
        let spendWords: [Persona.Level: String] = [.high: "well above average", .mid: "close to average", .low: "well below average"]
        let frequencyWords: [Persona.Level: String] = [
            .high: "more often than most", .mid: "about as often as most", .low: "less often than most",
        ]
        for (spend, frequency, key, name, actions) in table {
            let persona = Persona(spend: spend, frequency: frequency, breadth: .mid, recency: nil)
            #expect(persona.key == key && persona.name == name && persona.qualifiers.isEmpty)
            #expect(persona.actions.map(\.key) == actions)
            #expect(persona.description == "Customers who spend \(spendWords[spend]!) and buy \(frequencyWords[frequency]!).")
            #expect(persona.levels.map(\.role) == ["spend", "frequency", "breadth"])
            #expect(persona.levels.map(\.level) == [spend, frequency, .mid])
        }
        let champions = Persona(spend: .high, frequency: .high, breadth: .mid, recency: nil)
        #expect(champions.actions.map(\.text) == ["Offer VIP status with early access to new products.", "Invite them to refer friends."])
    }

    @Test("SEG-43 to SEG-46: qualifiers, names, descriptions and actions in qualifier order")
    func qualifiers() {
        let lapsing = Persona(spend: .low, frequency: .low, breadth: .low, recency: .high)
        #expect(lapsing.name == "Lapsing Narrow-Basket Light Buyers")
        #expect(lapsing.qualifiers == ["lapsing", "narrow"])
        #expect(
            lapsing.description
                == "Customers who spend well below average and buy less often than most, within few product types, but have not bought for a while.")
        #expect(lapsing.actions.map(\.key) == ["automated_nurture", "second_purchase", "win_back", "adjacent_category"])
        #expect(lapsing.actions[2].text == "Start a win-back sequence now." && lapsing.actions[3].text == "Introduce one adjacent category.")
        #expect(lapsing.levels.map(\.role) == ["spend", "frequency", "breadth", "recency"])

        let broad = Persona(spend: .high, frequency: .high, breadth: .high, recency: .low)
        #expect(broad.name == "Broad-Basket Champions" && broad.qualifiers == ["broad"])
        #expect(
            broad.description
                == "Customers who spend well above average and buy more often than most, across many product types, and bought recently.")
        #expect(broad.actions.map(\.key) == ["vip_access", "referral", "cross_category_bundles"])
        #expect(broad.actions[2].text == "Build bundles across the categories they already buy.")

        let lapsingBroad = Persona(spend: .mid, frequency: .low, breadth: .high, recency: .high)
        #expect(lapsingBroad.name == "Lapsing Broad-Basket Occasional Buyers")
        #expect(lapsingBroad.actions.map(\.key) == ["occasion_reminders", "subscription", "win_back", "cross_category_bundles"])

        // A mid or low recency adds no qualifier; in the benchmark dialect there is no recency at all.
        let recent = Persona(spend: .mid, frequency: .mid, breadth: .mid, recency: .mid)
        #expect(recent.name == "Core Customers" && recent.qualifiers.isEmpty)
        #expect(recent.description == "Customers who spend close to average and buy about as often as most.")
        #expect(Persona(spend: .mid, frequency: .mid, breadth: .mid, recency: .low).name == "Core Customers")
    }

    @Test("SEG-44: repeated names get #1, #2, … in ascending cluster id; unique names are left alone")
    func suffixes() {
        let core = Persona(spend: .mid, frequency: .mid, breadth: .mid, recency: nil)
        let light = Persona(spend: .low, frequency: .low, breadth: .mid, recency: nil)
        let narrow = Persona(spend: .low, frequency: .low, breadth: .low, recency: nil)
        var personas = [core, light, core, narrow, core, light]
        Persona.disambiguate(&personas)
        #expect(
            personas.map(\.name) == [
                "Core Customers #1", "Light Buyers #1", "Core Customers #2", "Narrow-Basket Light Buyers", "Core Customers #3", "Light Buyers #2",
            ])
        #expect(personas.map(\.key) == ["core_customers", "light_buyers", "core_customers", "light_buyers", "core_customers", "light_buyers"])
    }

    @Test("SEG-47: the noise persona keeps its computed levels")
    func unclustered() {
        let persona = Persona.unclustered(levels: [("spend", .high), ("frequency", .low), ("breadth", .mid), ("recency", .high)])
        #expect(persona.key == "unclustered" && persona.name == "Unclustered" && persona.qualifiers.isEmpty)
        #expect(persona.description == "Customers who belong to no dense group.")
        #expect(persona.actions.map(\.key) == ["individual_review"])
        #expect(persona.actions[0].text == "Review these customers individually before targeting them.")
        #expect(persona.levels.map(\.level) == [.high, .low, .mid, .high])
    }

    @Test("Summaries of the spec's benchmark example: sizes, means, personas and top categories")
    func specExample() {
        let raw = FeatureMatrix([
            [28, 4120.75, 4], [6, 540.20, 2], [25, 2610.00, 3], [9, 612.40, 3], [30, 4522.60, 4],
            [8, 575.00, 2], [22, 2544.90, 2], [11, 630.10, 3], [21, 2480.35, 2], [7, 498.00, 1],
        ])
        let products = [
            ["laptop", "mouse", "keyboard", "monitor"], ["wine", "cheese"], ["smart-tv", "soundbar", "hdmi-cable"], ["wine", "cheese", "diapers"],
            ["laptop", "monitor", "docking-station", "mouse"], ["diapers", "wine"], ["smart-tv", "soundbar"], ["cheese", "diapers", "wine"],
            ["smart-tv", "hdmi-cable"], ["wine"],
        ]
        let result = SegmentationBenchmark(
            SegmentationBenchmarkTests.setup(raw, ks: [3, 4], families: [.kmeans, .agglo, .dbscan], eps: 0.4, minSamples: 5))
        let segments = SegmentSummary.all(result)
        #expect(segments.map(\.id) == [0, 1, 2, 3])
        #expect(segments.map(\.members) == [[1, 5, 9], [3, 7], [2, 6, 8], [0, 4]])
        #expect(segments.map { $0.means.map(money) } == [[7, 537.73, 1.67], [10, 621.25, 3], [22.67, 2545.08, 2.33], [29, 4321.68, 4]])
        #expect(segments.map(\.persona.name) == ["Narrow-Basket Light Buyers", "Light Buyers", "Frequent Buyers", "Broad-Basket Champions"])
        #expect(segments[2].persona.levels.map(\.level) == [.mid, .high, .mid])
        #expect(
            segments.map { $0.topCategories(products) } == [
                ["wine", "cheese", "diapers"], ["cheese", "diapers", "wine"], ["smart-tv", "hdmi-cable", "soundbar"], ["laptop", "monitor", "mouse"],
            ])
    }

    @Test("Summaries of the spec's features-dialect example: recency levels and the lapsing qualifier")
    func featuresExample() {
        let result = SegmentationBenchmark(
            SegmentationBenchmarkTests.featuresSetup(SegmentationBenchmarkTests.featuresExample, ks: [2, 3]))
        let segments = SegmentSummary.all(result)
        #expect(segments.map(\.members.count) == [3, 3, 2])
        #expect(segments[0].means.map(money) == [398.68, 3, 134.68, 2.33, 0.05, 211.67])
        #expect(segments[1].means.map(money) == [4192.02, 23.67, 177.61, 12, 0.54, 14.33])
        #expect(score(segments[1].means[4]) == 0.5433)
        #expect(segments[2].means.map(money) == [16985.47, 58.5, 290.5, 33.5, 0.95, 4])
        #expect(segments.map(\.persona.name) == ["Lapsing Narrow-Basket Light Buyers", "Core Customers", "Broad-Basket Champions"])
        #expect(segments[0].persona.levels.map(\.level) == [.low, .low, .low, .high])
        #expect(segments[1].persona.levels.map(\.level) == [.mid, .mid, .mid, .low])
        #expect(segments[2].persona.levels.map(\.level) == [.high, .high, .high, .low])
        #expect(
            segments[1].persona.description == "Customers who spend close to average and buy about as often as most, and bought recently.")
        #expect(segments[0].persona.actions.map(\.key) == ["automated_nurture", "second_purchase", "win_back", "adjacent_category"])
    }

    @Test("Summaries: equal names get suffixes, DBSCAN noise comes last as Unclustered and takes no suffix")
    func noiseAndSuffixes() {
        // Frequency and breadth are constant (level mid). Spend groups around 12, 102, 112 and 202 dollars, five
        // customers each, and two isolated customers at 50 and 160: DBSCAN finds the four groups and two noise points.
        var rows: [[Double]] = []
        for base in [100.0, 10, 200, 110] {
            for step in 0..<5 { rows.append([4, base + Double(step), 2]) }
        }
        rows.insert([4, 50, 2], at: 7)
        rows.append([4, 160, 2])
        let result = SegmentationBenchmark(
            SegmentationBenchmarkTests.setup(FeatureMatrix(rows), ks: [2], families: [.dbscan], eps: 0.04, minSamples: 3))
        #expect(result.best == 0)
        let segments = SegmentSummary.all(result)
        #expect(segments.map(\.id) == [0, 1, 2, 3, -1])
        #expect(segments.map(\.members.count) == [5, 5, 5, 5, 2])
        #expect(
            segments.map(\.persona.name) == ["Budget Regulars", "Core Customers #1", "Core Customers #2", "High-Value Regulars", "Unclustered"])
        #expect(segments.last!.persona.levels.map(\.level) == [.mid, .mid, .mid])
        #expect(segments.last!.members == [7, 21])
        #expect(segments.last!.means == [4, 105, 2])
    }

    @Test("Summaries without an eligible model: one cluster of everyone, all levels mid (SEG-40)")
    func noEligibleModel() {
        let result = SegmentationBenchmark(SegmentationBenchmarkTests.setup(FeatureMatrix([[3, 100, 2], [9, 700, 5]]), ks: [2, 3]))
        #expect(result.best == nil)
        let segments = SegmentSummary.all(result)
        #expect(segments.count == 1 && segments[0].id == 0 && segments[0].members == [0, 1])
        #expect(segments[0].means == [6, 400, 3.5])
        #expect(segments[0].persona.key == "core_customers" && segments[0].persona.name == "Core Customers")
        #expect(segments[0].persona.levels.map(\.level) == [.mid, .mid, .mid])
    }
}
