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
        let base = Base(spend: spend, frequency: frequency)
        var qualifiers: [Qualifier] = []
        if recency == .high { qualifiers.append(.lapsing) }
        if breadth == .high { qualifiers.append(.broad) }
        if breadth == .low { qualifiers.append(.narrow) }
        key = base.rawValue
        name = (qualifiers.map(\.word) + [base.name]).joined(separator: " ")
        self.qualifiers = qualifiers.map(\.rawValue)
        levels = [("spend", spend), ("frequency", frequency), ("breadth", breadth)] + (recency.map { [("recency", $0)] } ?? [])
        description = Self.description(spend: spend, frequency: frequency, breadth: breadth, recency: recency)
        actions = base.actions + qualifiers.map(\.action)
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
