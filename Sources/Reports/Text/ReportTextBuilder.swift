import Engine

extension ReportText {
    /// The text part of `pack` in `locale`'s language (REP-54), every value formatted by REP-41 … REP-45.
    init(pack: ReportPack, locale: ReportLocale, currency: Currency, reportDate: Day?) {
        let catalog = MessageCatalog.of(locale.language)
        let format = LocaleFormatter(locale: locale, currency: currency)
        let words = ReportPhrases(catalog: catalog, format: format, pack: pack)
        language = locale.language
        self.locale = locale
        title = catalog.text("report.title")
        subtitle = catalog.text(
            "report.subtitle",
            ["customers": words.customers(pack.n), "clusters": words.clusters(pack.nClusters), "model": words.model(pack.selected)])
        self.reportDate = reportDate.map(format.date)

        // KPIs (REP-15 order, best_params folded into the model's name, noise share only for DBSCAN).
        let selected = pack.selected
        var kpis: [KPI] = [
            KPI(key: "n_customers", label: catalog.text("kpi.n_customers"), value: format.count(pack.n)),
            KPI(key: "n_clusters", label: catalog.text("kpi.n_clusters"), value: format.count(pack.nClusters)),
            KPI(key: "best_algorithm", label: catalog.text("kpi.best_algorithm"), value: words.model(selected)),
            KPI(
                key: "silhouette", label: catalog.text("kpi.silhouette"), value: words.metric(selected?.silhouette),
                verdict: selected?.silhouetteBand.map { catalog.text("band.silhouette.\($0.rawValue)") }),
            KPI(
                key: "davies_bouldin", label: catalog.text("kpi.davies_bouldin"), value: words.metric(selected?.daviesBouldin),
                verdict: selected?.daviesBouldinBand.map { catalog.text("band.davies_bouldin.\($0.rawValue)") }),
            KPI(key: "calinski_harabasz", label: catalog.text("kpi.calinski_harabasz"), value: words.metric(selected?.calinskiHarabasz)),
            KPI(
                key: "largest_cluster_share", label: catalog.text("kpi.largest_cluster_share"),
                value: pack.largestClusterShare.map { format.percent($0, digits: 1) } ?? catalog.text("value.none")),
        ]
        if let noiseShare = pack.noiseShare {
            kpis.append(KPI(key: "noise_share", label: catalog.text("kpi.noise_share"), value: format.percent(noiseShare, digits: 1)))
        }
        kpis += [
            KPI(key: "total_spend", label: catalog.text("kpi.total_spend"), value: format.money(pack.totalSpend)),
            KPI(key: "mean_spend", label: catalog.text("kpi.mean_spend"), value: format.money(pack.meanSpend)),
            KPI(
                key: "mean_frequency", label: catalog.text("kpi.mean_frequency.\(words.frequencyUnit)"),
                value: format.decimal(pack.meanFrequency, digits: 1)),
        ]
        self.kpis = kpis

        silhouette = selected?.silhouetteBand.map {
            Judgement(
                label: catalog.text("verdict.label.silhouette", ["band": catalog.text("band.silhouette.\($0.rawValue)")]),
                sentence: catalog.text("band.silhouette.\($0.rawValue).sentence"))
        }
        daviesBouldin = selected?.daviesBouldinBand.map {
            Judgement(
                label: catalog.text("verdict.label.davies_bouldin", ["band": catalog.text("band.davies_bouldin.\($0.rawValue)")]),
                sentence: catalog.text("band.davies_bouldin.\($0.rawValue).sentence"))
        }
        overall = Judgement(
            label: catalog.text("verdict.label.overall", ["verdict": catalog.text("verdict.\(pack.overall.rawValue)")]),
            sentence: catalog.text("verdict.\(pack.overall.rawValue).sentence"))
        advice = pack.advice.map { code in
            switch code {
            case .keepK: catalog.text("advice.keep_k", ["clusters": words.clusters(pack.nClusters)])
            case .retune: catalog.text("advice.retune", ["range_member": pack.rangeMember])
            case .checkInputs: catalog.text("advice.check_inputs")
            }
        }

        scorecard = Table(
            caption: catalog.text("scorecard.caption"),
            columns: [
                "column.model", "column.parameters", "column.segments", "column.silhouette", "column.davies_bouldin", "column.calinski_harabasz",
                "column.silhouette_band", "column.davies_bouldin_band", "column.verdict", "column.selected",
            ].map { catalog.text($0) },
            rows: pack.scorecard.map { model in
                [
                    catalog.text("algorithm.\(model.algorithm)"), words.params(model), format.count(model.nClusters), words.metric(model.silhouette),
                    words.metric(model.daviesBouldin), words.metric(model.calinskiHarabasz),
                    model.silhouetteBand.map { catalog.text("band.silhouette.\($0.rawValue)") } ?? catalog.text("value.none"),
                    model.daviesBouldinBand.map { catalog.text("band.davies_bouldin.\($0.rawValue)") } ?? catalog.text("value.none"),
                    catalog.text("verdict.\(model.overall.rawValue)"), catalog.text(model.selected ? "value.yes" : "value.no"),
                ]
            })

        personas = pack.personas.map { group in
            let persona = group.persona!
            let name = words.personaName(persona)
            return Persona(
                clusterID: group.clusterID, heading: catalog.text("persona.heading", ["name": name, "cluster": format.count(group.clusterID)]),
                name: name,
                description: words.personaDescription(persona),
                summary: catalog.text(
                    "persona.summary", ["customers": words.customers(group.size), "share": format.percent(group.share, digits: 1)]),
                facts: words.facts(group), topCategories: group.topCategories,
                categoriesNote: group.topCategories == nil ? catalog.text("persona.categories_not_supplied") : nil,
                actions: persona.actions.map { catalog.text("action.\($0)") })
        }
        noise = pack.noise.map { group in
            Noise(
                heading: catalog.text("noise.heading"),
                summary: catalog.text("noise.summary", ["customers": words.customers(group.size), "share": format.percent(group.share, digits: 1)]))
        }

        sizesChart = words.sizesChart()
        spendFrequencyChart = words.spendFrequencyChart()
        dendrogramChart = words.dendrogramChart()
        methods = words.methods()
        appendixTitle = catalog.text("slide.appendix")
        appendix = words.appendix()
    }
}
