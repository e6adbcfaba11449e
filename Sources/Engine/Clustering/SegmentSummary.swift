/// The columns that play the persona roles of SEG-17 (recency only in the features dialect).
package struct PersonaRoles: Sendable {
    package var spend: Int
    package var frequency: Int
    package var breadth: Int
    package var recency: Int?

    /// In persona order: spend, frequency, breadth, then recency when present.
    package var columns: [(role: String, column: Int)] {
        [("spend", spend), ("frequency", frequency), ("breadth", breadth)] + (recency.map { [("recency", $0)] } ?? [])
    }
}

extension SegmentationSetup {
    package var roles: PersonaRoles { PersonaRoles(spend: spendColumn, frequency: frequencyColumn, breadth: breadthColumn, recency: recencyColumn) }
}

/// One segment of a labelling (SEG-32, SEG-41 to SEG-47): its members, per-feature means in original units and its
/// persona. Segments come in ascending id with DBSCAN's noise (−1) last.
package struct SegmentSummary: Sendable {
    package var id: Int
    /// Row indices of the feature matrix the labelling was summarised from, in payload order.
    package var members: [Int]
    package var means: [Double]
    package var persona: Persona

    /// The segments of a benchmark's chosen labelling.
    package static func all(_ result: SegmentationBenchmark) -> [SegmentSummary] {
        summarize(
            labels: result.chosenLabels.map { Int($0) }, features: result.setup.features, population: result.scaling, roles: result.setup.roles)
    }

    /// The segments of any labelling, with ids as given (PROF-4): `labels[i]` labels row `rows?[i] ?? i` of `features`,
    /// and the personas' z-scores are taken against `population` (SEG-41), which need not be the labelled rows' own
    /// (SUB-6). Persona names are made unique over the non-noise segments (SEG-44).
    package static func summarize(
        labels: [Int], rows: [Int]? = nil, features: FeatureMatrix, population: ZScoreScaling, roles: PersonaRoles
    ) -> [SegmentSummary] {
        let d = features.columns
        // Any integer may name a segment, so group by sorting rather than by indexing an array with the labels.
        let order = labels.indices.sorted { labels[$0] != labels[$1] ? labels[$0] < labels[$1] : $0 < $1 }
        var segments: [SegmentSummary] = []
        var start = 0
        while start < order.count {
            let label = labels[order[start]]
            var end = start
            while end < order.count && labels[order[end]] == label { end += 1 }
            let members = order[start..<end].map { rows?[$0] ?? $0 }
            var means = [Double](repeating: 0, count: d)
            for i in members {
                for f in 0..<d { means[f] += features[i, f] }
            }
            for f in 0..<d { means[f] /= Double(members.count) }
            func level(_ column: Int) -> Persona.Level {
                let deviation = population.deviations[column]
                return deviation == 0 ? .mid : Persona.level((means[column] - population.means[column]) / deviation)
            }
            var persona = Persona(
                spend: level(roles.spend), frequency: level(roles.frequency), breadth: level(roles.breadth), recency: roles.recency.map(level))
            if label < 0 { persona = .unclustered(levels: persona.levels) }
            segments.append(SegmentSummary(id: label, members: members, means: means, persona: persona))
            start = end
        }
        if let noise = segments.first, noise.id < 0 { segments.append(segments.removeFirst()) }
        var personas = segments.filter { $0.id >= 0 }.map(\.persona)
        Persona.disambiguate(&personas)
        for index in personas.indices { segments[index].persona = personas[index] }
        return segments
    }

    /// SEG-57: the product types held by the most members, ties in ascending scalar order, at most `limit`.
    package func topCategories(_ productTypes: [[String]], limit: Int = 3) -> [String] {
        rankedCategories(productTypes, limit: limit).map(\.category)
    }

    /// `topCategories` with the number of members holding each (PROF-10).
    package func rankedCategories(_ productTypes: [[String]], limit: Int) -> [(category: String, customers: Int)] {
        var counts: [ExactText: Int] = [:]
        for i in members {
            for type in productTypes[i] { counts[ExactText(type), default: 0] += 1 }
        }
        let ranked = counts.sorted { a, b in
            a.value != b.value ? a.value > b.value : a.key.string.unicodeScalars.lexicographicallyPrecedes(b.key.string.unicodeScalars)
        }
        return ranked.prefix(limit).map { ($0.key.string, $0.value) }
    }
}
