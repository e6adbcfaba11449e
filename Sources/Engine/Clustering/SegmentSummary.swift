/// One segment of the chosen labelling (SEG-32, SEG-41 to SEG-47): its members, per-feature means in original units
/// and its persona. Segments come in ascending id with DBSCAN's noise (−1) last.
package struct SegmentSummary: Sendable {
    package var id: Int
    package var members: [Int]
    package var means: [Double]
    package var persona: Persona

    package static func all(_ result: SegmentationBenchmark) -> [SegmentSummary] {
        let setup = result.setup
        let raw = setup.features
        let labels = result.chosenLabels
        let count = Int((labels.max() ?? -1) + 1)
        var members = [[Int]](repeating: [], count: count + 1)
        for (i, label) in labels.enumerated() { members[label < 0 ? count : Int(label)].append(i) }
        var segments: [SegmentSummary] = []
        for slot in 0...count where !members[slot].isEmpty {
            let rows = members[slot]
            var means = [Double](repeating: 0, count: raw.columns)
            for i in rows {
                for f in 0..<raw.columns { means[f] += raw[i, f] }
            }
            for f in 0..<raw.columns { means[f] /= Double(rows.count) }
            func level(_ column: Int) -> Persona.Level {
                let deviation = result.scaling.deviations[column]
                return deviation == 0 ? .mid : Persona.level((means[column] - result.scaling.means[column]) / deviation)
            }
            let spend = level(setup.spendColumn)
            let frequency = level(setup.frequencyColumn)
            let breadth = level(setup.breadthColumn)
            let recency = setup.recencyColumn.map(level)
            var persona = Persona(spend: spend, frequency: frequency, breadth: breadth, recency: recency)
            if slot == count { persona = .unclustered(levels: persona.levels) }
            segments.append(SegmentSummary(id: slot == count ? -1 : slot, members: rows, means: means, persona: persona))
        }
        var personas = segments.filter { $0.id >= 0 }.map(\.persona)
        Persona.disambiguate(&personas)
        for index in personas.indices { segments[index].persona = personas[index] }
        return segments
    }

    /// SEG-57: the product types held by the most members, ties in ascending scalar order, at most `limit`.
    package func topCategories(_ productTypes: [[String]], limit: Int = 3) -> [String] {
        var counts: [ExactText: Int] = [:]
        for i in members {
            for type in productTypes[i] { counts[ExactText(type), default: 0] += 1 }
        }
        let ranked = counts.sorted { a, b in
            a.value != b.value ? a.value > b.value : a.key.string.unicodeScalars.lexicographicallyPrecedes(b.key.string.unicodeScalars)
        }
        return ranked.prefix(limit).map(\.key.string)
    }
}
