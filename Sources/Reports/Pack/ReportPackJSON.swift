import Engine

/// The JSON pack (REP-50 … REP-57): the data part, then one text part per language.
extension ReportPack {
    func json(options: ReportOptions, texts: [ReportText]) -> JSONValue {
        .object([
            .init("meta", meta(options)),
            .init("kpis", kpis),
            .init("verdicts", verdicts),
            .init("scorecard", .array(scorecard.map(Self.row))),
            .init("personas", .array(personas.map(persona))),
            .init("noise", noise.map(noiseJSON) ?? .null),
            .init("charts", charts),
            .init("text", .object(texts.map { .init($0.language.rawValue, $0.json) })),
        ])
    }

    private func meta(_ options: ReportOptions) -> JSONValue {
        .object([
            .init("schema_version", .number(1)),
            .init("report_date", options.reportDate.map { .string($0.description) } ?? .null),
            .init("languages", .array(options.languages.map { .string($0.rawValue) })),
            .init("locales", .object(options.locales.map { .init($0.language.rawValue, .string($0.rawValue)) })),
            .init("currency", .string(options.currency.code)),
            .init("dialect", .string(dialect.rawValue)),
            .init("parameters", .object(parameters.map { .init($0.name, $0.value) })),
        ])
    }

    private var kpis: JSONValue {
        .object([
            .init("n_customers", .number(Double(n))),
            .init("n_clusters", .number(Double(nClusters))),
            .init("best_algorithm", selected.map { .string($0.algorithm) } ?? .null),
            .init("best_params", selected.map { Self.params($0) } ?? .null),
            .init("silhouette", Self.number(selected?.silhouette)),
            .init("davies_bouldin", Self.number(selected?.daviesBouldin)),
            .init("calinski_harabasz", Self.number(selected?.calinskiHarabasz)),
            .init("largest_cluster_share", Self.number(largestClusterShare)),
            .init("noise_share", Self.number(noiseShare)),
            .init("total_spend", .number(totalSpend)),
            .init("mean_spend", .number(meanSpend)),
            .init("mean_frequency", .number(meanFrequency)),
        ])
    }

    private var verdicts: JSONValue {
        .object([
            .init("silhouette", selected?.silhouetteBand.map { .string($0.rawValue) } ?? .null),
            .init("davies_bouldin", selected?.daviesBouldinBand.map { .string($0.rawValue) } ?? .null),
            .init("overall", .string(overall.rawValue)),
            .init("advice", .array(advice.map { .string($0.rawValue) })),
        ])
    }

    private static func row(_ model: Model) -> JSONValue {
        .object([
            .init("algorithm", .string(model.algorithm)),
            .init("params", params(model)),
            .init("n_clusters", .number(Double(model.nClusters))),
            .init("silhouette", number(model.silhouette)),
            .init("davies_bouldin", number(model.daviesBouldin)),
            .init("calinski_harabasz", number(model.calinskiHarabasz)),
            .init("silhouette_band", model.silhouetteBand.map { .string($0.rawValue) } ?? .null),
            .init("davies_bouldin_band", model.daviesBouldinBand.map { .string($0.rawValue) } ?? .null),
            .init("overall", .string(model.overall.rawValue)),
            .init("selected", .bool(model.selected)),
        ])
    }

    private static func params(_ model: Model) -> JSONValue { .object(model.params.map { .init($0.name, .number($0.value)) }) }

    private static func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }

    private func persona(_ group: Group) -> JSONValue {
        .object([
            .init("cluster_id", .number(Double(group.clusterID))),
            .init("persona", .string(group.persona?.key ?? "")),
            .init("size", .number(Double(group.size))),
            .init("share", .number(group.share)),
            .init("mean_spend", .number(group.meanSpend)),
            .init("mean_frequency", .number(group.meanFrequency)),
            .init("top_categories", group.topCategories.map { .array($0.map { .string($0) }) } ?? .null),
            .init("actions", .array((group.persona?.actions ?? []).map { .string($0) })),
        ])
    }

    private func noiseJSON(_ group: Group) -> JSONValue {
        .object([
            .init("size", .number(Double(group.size))),
            .init("share", .number(group.share)),
            .init("mean_spend", .number(group.meanSpend)),
            .init("mean_frequency", .number(group.meanFrequency)),
        ])
    }

    private var charts: JSONValue {
        .object([
            .init(
                "cluster_sizes",
                .array(
                    groups.map {
                        .object([
                            .init("cluster_id", .number(Double($0.clusterID))), .init("size", .number(Double($0.size))),
                            .init("share", .number($0.share)),
                        ])
                    })),
            .init(
                "spend_frequency",
                .array(
                    groups.map {
                        .object([
                            .init("cluster_id", .number(Double($0.clusterID))), .init("size", .number(Double($0.size))),
                            .init("mean_frequency", .number($0.meanFrequency)), .init("mean_spend", .number($0.meanSpend)),
                        ])
                    })),
            .init("dendrogram", dendrogram.map(Self.dendrogramJSON) ?? .null),
        ])
    }

    private static func dendrogramJSON(_ tree: DendrogramView) -> JSONValue {
        .object([
            .init("p", .number(Double(tree.p))),
            .init(
                "merges",
                .array(
                    tree.merges.map {
                        .object([
                            .init("node", .number(Double($0.node))), .init("left", .number(Double($0.left))),
                            .init("right", .number(Double($0.right))),
                            .init("height", .number($0.height)), .init("size", .number(Double($0.size))),
                        ])
                    })),
            .init(
                "leaves",
                .array(
                    tree.leaves.map {
                        .object([
                            .init("node", .number(Double($0.node))), .init("size", .number(Double($0.size))),
                            .init("customer_id", $0.customerID.map { .string($0) } ?? .null),
                        ])
                    })),
            .init("n_clusters", tree.clusters.map { .number(Double($0)) } ?? .null),
            .init("cut_height", tree.cutHeight.map { .number($0) } ?? .null),
        ])
    }
}

extension ReportText {
    var json: JSONValue {
        .object([
            .init("locale", .string(locale.rawValue)),
            .init("title", .string(title)),
            .init("subtitle", .string(subtitle)),
            .init("report_date", reportDate.map { .string($0) } ?? .null),
            .init(
                "kpis",
                .array(
                    kpis.map {
                        .object([
                            .init("key", .string($0.key)), .init("label", .string($0.label)), .init("value", .string($0.value)),
                            .init("verdict", $0.verdict.map { .string($0) } ?? .null),
                        ])
                    })),
            .init(
                "verdicts",
                .object([
                    .init("silhouette", silhouette.map(Self.judgement) ?? .null),
                    .init("davies_bouldin", daviesBouldin.map(Self.judgement) ?? .null),
                    .init("overall", Self.judgement(overall)),
                    .init("advice", .array(advice.map { .string($0) })),
                ])),
            .init("scorecard", Self.table(scorecard)),
            .init("personas", .array(personas.map(Self.persona))),
            .init("noise", noise.map { .object([.init("heading", .string($0.heading)), .init("summary", .string($0.summary))]) } ?? .null),
            .init(
                "charts",
                .object([
                    .init("cluster_sizes", Self.chart(sizesChart, cut: false)),
                    .init("spend_frequency", Self.chart(spendFrequencyChart, cut: false)),
                    .init("dendrogram", Self.chart(dendrogramChart, cut: true)),
                ])),
            .init("methods", .array(methods.map { .string($0) })),
            .init("appendix", .object([.init("title", .string(appendixTitle)), .init("tables", .array(appendix.map(Self.table)))])),
        ])
    }

    private static func judgement(_ judgement: Judgement) -> JSONValue {
        .object([.init("label", .string(judgement.label)), .init("sentence", .string(judgement.sentence))])
    }

    static func table(_ table: Table) -> JSONValue {
        .object([
            .init("caption", .string(table.caption)),
            .init("columns", .array(table.columns.map { .string($0) })),
            .init("rows", .array(table.rows.map { .array($0.map { .string($0) }) })),
        ])
    }

    private static func persona(_ persona: Persona) -> JSONValue {
        .object([
            .init("cluster_id", .number(Double(persona.clusterID))),
            .init("heading", .string(persona.heading)),
            .init("name", .string(persona.name)),
            .init("description", .string(persona.description)),
            .init("summary", .string(persona.summary)),
            .init("facts", .array(persona.facts.map { .object([.init("label", .string($0.label)), .init("value", .string($0.value))]) })),
            .init("top_categories", persona.topCategories.map { .array($0.map { .string($0) }) } ?? .null),
            .init("categories_note", persona.categoriesNote.map { .string($0) } ?? .null),
            .init("actions", .array(persona.actions.map { .string($0) })),
        ])
    }

    private static func chart(_ chart: Chart, cut: Bool) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("title", .string(chart.title)), .init("desc", .string(chart.desc)), .init("x_label", .string(chart.xLabel)),
            .init("y_label", .string(chart.yLabel)), .init("note", chart.note.map { .string($0) } ?? .null),
        ]
        if cut { members.append(.init("cut_label", chart.cutLabel.map { .string($0) } ?? .null)) }
        return .object(members)
    }
}
