/// The phrases a language builds from the catalog and the data part: counts with their plural, model names,
/// persona names and descriptions, chart texts, methods and appendix tables.
struct ReportPhrases {
    let catalog: MessageCatalog
    let format: LocaleFormatter
    let pack: ReportPack

    /// `purchases` in the customers dialect, `visits` in the features dialect (REP-13).
    var frequencyUnit: String { pack.dialect == .customers ? "purchases" : "visits" }

    func customers(_ count: Int) -> String { catalog.plural("count.customers", count: count, formatter: format) }
    func clusters(_ count: Int) -> String { catalog.plural("count.clusters", count: count, formatter: format) }

    /// A metric as written, 4 decimals (REP-41), or "n/a".
    func metric(_ value: Double?) -> String { value.map { format.decimal($0, digits: 4) } ?? catalog.text("value.none") }

    func params(_ model: ReportPack.Model) -> String {
        if let k = model.params.first(where: { $0.name == "k" }) { return catalog.text("params.k", ["k": format.count(Int(k.value))]) }
        let eps = model.params.first { $0.name == "eps" }?.value ?? 0
        let minSamples = model.params.first { $0.name == "min_samples" }?.value ?? 0
        return catalog.text("params.dbscan", ["eps": format.decimal(eps, digits: 2), "min_samples": format.count(Int(minSamples))])
    }

    /// The models tried, one entry per family in scorecard order: "k-means, k = 2–11" (or "k = 2, 4, 6" when the k
    /// values are not consecutive), "DBSCAN, eps = 0.40, 0.35, min. samples = 5". Thirty models listed one by one do
    /// not fit the methods slide (REP-67).
    func modelFamilies() -> [String] {
        // Families in the order the scorecard first lists them.
        var groups: [(algorithm: String, models: [ReportPack.Model])] = []
        for model in pack.scorecard {
            if let index = groups.firstIndex(where: { $0.algorithm == model.algorithm }) {
                groups[index].models.append(model)
            } else {
                groups.append((model.algorithm, [model]))
            }
        }
        return groups.map { algorithm, models in
            let name = catalog.text("algorithm.\(algorithm)")
            let ks = models.compactMap { $0.params.first { $0.name == "k" }.map { Int($0.value) } }
            if ks.count == models.count {
                let consecutive = ks.count > 2 && zip(ks, ks.dropFirst()).allSatisfy { $1 == $0 + 1 }
                let list = consecutive ? "\(format.count(ks[0]))–\(format.count(ks[ks.count - 1]))" : ks.map(format.count).joined(separator: ", ")
                return catalog.text("model.with_params", ["algorithm": name, "params": catalog.text("params.k", ["k": list])])
            }
            let eps = models.map { format.decimal($0.params.first { $0.name == "eps" }?.value ?? 0, digits: 2) }.joined(separator: ", ")
            let minSamples = models[0].params.first { $0.name == "min_samples" }?.value ?? 0
            let params = catalog.text("params.dbscan", ["eps": eps, "min_samples": format.count(Int(minSamples))])
            return catalog.text("model.with_params", ["algorithm": name, "params": params])
        }
    }

    /// "Agglomerative (Ward), k = 3", or "none eligible".
    func model(_ model: ReportPack.Model?) -> String {
        guard let model else { return catalog.text("model.none") }
        return catalog.text("model.with_params", ["algorithm": catalog.text("algorithm.\(model.algorithm)"), "params": params(model)])
    }

    func personaName(_ persona: ReportPack.PersonaKey) -> String {
        let name = catalog.text("persona.\(persona.key)")
        guard !persona.qualifiers.isEmpty else { return name }
        let qualifiers = persona.qualifiers.map { catalog.text("qualifier.\($0)") }.joined(separator: catalog.text("persona.qualifier_separator"))
        return catalog.text("persona.qualified", ["qualifiers": qualifiers, "name": name])
    }

    func personaDescription(_ persona: ReportPack.PersonaKey) -> String {
        func phrase(_ role: String) -> String {
            guard let level = persona.levels.first(where: { $0.role == role })?.level else { return "" }
            // Middle breadth and recency add nothing to the sentence.
            if (role == "breadth" || role == "recency") && level == "mid" { return "" }
            return catalog.text("phrase.\(role).\(level)")
        }
        return catalog.text(
            "persona.description",
            ["spend": phrase("spend"), "frequency": phrase("frequency"), "breadth": phrase("breadth"), "recency": phrase("recency")])
    }

    func facts(_ group: ReportPack.Group) -> [ReportText.Fact] {
        [
            ReportText.Fact(label: catalog.text("fact.size"), value: format.count(group.size)),
            ReportText.Fact(label: catalog.text("fact.share"), value: format.percent(group.share, digits: 1)),
            ReportText.Fact(label: catalog.text("fact.mean_spend"), value: format.money(group.meanSpend)),
            ReportText.Fact(label: catalog.text("fact.mean_frequency.\(frequencyUnit)"), value: format.decimal(group.meanFrequency, digits: 1)),
        ]
    }

    /// The label of a group in charts and tables: the persona name, or "noise".
    func groupName(_ group: ReportPack.Group) -> String {
        group.persona.map(personaName) ?? catalog.text("label.noise")
    }

    /// The cluster number as shown on a mark: the number, or "noise".
    func groupMark(_ group: ReportPack.Group) -> String {
        group.clusterID < 0 ? catalog.text("label.noise") : format.count(group.clusterID)
    }

    func sizesChart() -> ReportText.Chart {
        let largest = pack.personas.max { a, b in a.size != b.size ? a.size < b.size : a.clusterID > b.clusterID }
        let desc =
            largest.map {
                catalog.text(
                    "chart.sizes.desc", ["cluster": format.count($0.clusterID), "name": groupName($0), "share": format.percent($0.share, digits: 1)])
            } ?? catalog.text("chart.sizes.desc_noise_only")
        return ReportText.Chart(
            title: catalog.text("chart.sizes.title"), desc: desc, xLabel: catalog.text("chart.sizes.x_label"),
            yLabel: catalog.text("chart.sizes.y_label"))
    }

    func spendFrequencyChart() -> ReportText.Chart {
        let top = pack.groups.max { a, b in a.meanSpend != b.meanSpend ? a.meanSpend < b.meanSpend : a.clusterID > b.clusterID }!
        return ReportText.Chart(
            title: catalog.text("chart.spend_frequency.title"),
            desc: catalog.text("chart.spend_frequency.desc", ["cluster": groupMark(top), "spend": format.money(top.meanSpend)]),
            xLabel: catalog.text("chart.spend_frequency.x_label.\(frequencyUnit)"),
            yLabel: catalog.text("chart.spend_frequency.y_label", ["currency": format.currency.code]))
    }

    func dendrogramChart() -> ReportText.Chart {
        let title = catalog.text("chart.dendrogram.title")
        let xLabel = catalog.text("chart.dendrogram.x_label")
        let yLabel = catalog.text("chart.dendrogram.y_label")
        guard let tree = pack.dendrogram else {
            let note = catalog.text("chart.dendrogram.note_no_tree")
            return ReportText.Chart(title: title, desc: note, xLabel: xLabel, yLabel: yLabel, note: note)
        }
        let merges = catalog.plural("count.merges", count: tree.merges.count, formatter: format)
        var note: String?
        if let selected = pack.selected, selected.algorithm != "agglo" {
            note = catalog.text("chart.dendrogram.note_context", ["algorithm": catalog.text("algorithm.\(selected.algorithm)")])
        }
        guard tree.cutHeight != nil, let k = tree.clusters else {
            if let k = tree.clusters { note = catalog.text("chart.dendrogram.note_no_cut", ["clusters": clusters(k)]) }
            return ReportText.Chart(
                title: title, desc: catalog.text("chart.dendrogram.desc", ["merges": merges, "customers": customers(pack.n)]), xLabel: xLabel,
                yLabel: yLabel, note: note)
        }
        return ReportText.Chart(
            title: title,
            desc: catalog.text("chart.dendrogram.desc_cut", ["merges": merges, "customers": customers(pack.n), "clusters": clusters(k)]),
            xLabel: xLabel, yLabel: yLabel, note: note, cutLabel: catalog.text("chart.dendrogram.cut_label", ["clusters": clusters(k)]))
    }

    func methods() -> [String] {
        let models = modelFamilies().joined(separator: "; ")
        var paragraphs = [
            catalog.text("methods.data.\(pack.dialect.rawValue)", ["customers": customers(pack.n)]),
            catalog.text("methods.scaling"),
            catalog.text(
                "methods.models", ["models": catalog.plural("count.models", count: pack.scorecard.count, formatter: format), "list": models]),
            catalog.text("methods.selection"),
            catalog.text("methods.metrics"),
            catalog.text(
                "methods.bands",
                [
                    "s60": format.decimal(0.60, digits: 2), "s50": format.decimal(0.50, digits: 2), "s25": format.decimal(0.25, digits: 2),
                    "d50": format.decimal(0.50, digits: 2), "d100": format.decimal(1.00, digits: 2),
                ]),
        ]
        if let tree = pack.dendrogram { paragraphs.append(catalog.text("methods.dendrogram", ["p": format.count(tree.p)])) }
        paragraphs += [catalog.text("methods.currency", ["currency": format.currency.code]), catalog.text("methods.determinism")]
        return paragraphs
    }

    /// REP-37: the data behind every chart, at the JSON pack's precision; shares with 2 decimals.
    func appendix() -> [ReportText.Table] {
        let segment = catalog.text("column.segment")
        let persona = catalog.text("column.persona")
        let size = catalog.text("column.customers")
        var tables = [
            ReportText.Table(
                caption: catalog.text("appendix.sizes"), columns: [segment, persona, size, catalog.text("column.share")],
                rows: pack.groups.map { [groupMark($0), groupName($0), format.count($0.size), format.percent($0.share, digits: 2)] }),
            ReportText.Table(
                caption: catalog.text("appendix.spend_frequency"),
                columns: [segment, persona, size, catalog.text("column.mean_frequency"), catalog.text("column.mean_spend")],
                rows: pack.groups.map {
                    [groupMark($0), groupName($0), format.count($0.size), format.decimal($0.meanFrequency, digits: 2), format.money($0.meanSpend)]
                }),
        ]
        if let tree = pack.dendrogram {
            tables.append(
                ReportText.Table(
                    caption: catalog.text("appendix.dendrogram_merges"),
                    columns: ["column.node", "column.left", "column.right", "column.height", "column.size"].map { catalog.text($0) },
                    rows: tree.merges.map {
                        ["\($0.node)", "\($0.left)", "\($0.right)", format.decimal($0.height, digits: 4), format.count($0.size)]
                    }))
            tables.append(
                ReportText.Table(
                    caption: tree.cutHeight.map { catalog.text("appendix.dendrogram_leaves", ["height": format.decimal($0, digits: 4)]) }
                        ?? catalog.text("appendix.dendrogram_leaves_no_cut"),
                    columns: ["column.node", "column.size", "column.customer_id"].map { catalog.text($0) },
                    rows: tree.leaves.map { ["\($0.node)", format.count($0.size), $0.customerID ?? ""] }))
        }
        return tables
    }
}
