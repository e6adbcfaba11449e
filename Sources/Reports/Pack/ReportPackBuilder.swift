import Engine

extension ReportPack {
    /// Runs SEG on `request` exactly as `purchasing_segmentation` does and gathers what the report shows. The report
    /// never re-clusters or re-selects (REP-12): every metric is SEG's value as SEG writes it.
    init(segmentation request: PurchasingSegmentation.Request, context: ComputeContext) {
        self.init(result: context.segmentation(PurchasingSegmentation.setup(for: request, context: context)), request: request)
    }

    /// The pack of a segmentation already computed for `request`.
    init(result: SegmentationBenchmark, request: PurchasingSegmentation.Request) {
        let segments = SegmentSummary.all(result)
        let roles = PurchasingSegmentation.roles(request.dialect)
        let features = request.features
        let n = features.rows
        self.n = n
        dialect = request.dialect == .benchmark ? .customers : .features

        var parameters: [(name: String, value: JSONValue)] = []
        if request.dialect == .benchmark {
            parameters.append(("k_range", .array(request.clusterCounts.map { .number(Double($0)) })))
            let families = ClusteringFamily.allCases.filter { request.families.contains($0) }
            parameters.append(("algorithms", .array(families.map { .string($0.requestName) })))
        } else {
            parameters.append(("max_clusters", .number(Double(request.clusterCounts.last ?? 8))))
        }
        parameters += [
            ("dbscan_eps", .number(request.eps)), ("dbscan_min_samples", .number(Double(request.minSamples))),
            ("seed", .number(Double(request.seed))),
        ]
        self.parameters = parameters

        let scorecard = result.models.enumerated().map { index, model in
            let silhouette = model.writtenSilhouette
            let daviesBouldin = model.daviesBouldin.map(score)
            let silhouetteBand = SilhouetteBand(silhouette)
            let daviesBouldinBand = daviesBouldin.map(DaviesBouldinBand.init)
            return Model(
                algorithm: model.family.requestName,
                params: model.k.map { [("k", Double($0))] } ?? [("eps", model.eps ?? request.eps), ("min_samples", Double(request.minSamples))],
                nClusters: model.clusterCount, silhouette: silhouette, daviesBouldin: daviesBouldin,
                calinskiHarabasz: model.calinskiHarabasz.map(score),
                silhouetteBand: silhouetteBand, daviesBouldinBand: daviesBouldinBand,
                overall: OverallVerdict(silhouette: silhouetteBand, daviesBouldin: daviesBouldinBand), selected: index == result.best)
        }
        self.scorecard = scorecard
        let selected = result.best.map { scorecard[$0] }
        self.selected = selected

        var totalSpend = 0.0
        var totalFrequency = 0.0
        for i in 0..<n {
            totalSpend += features[i, roles.spend]
            totalFrequency += features[i, roles.frequency]
        }
        self.totalSpend = money(totalSpend)
        meanSpend = money(totalSpend / Double(n))
        meanFrequency = money(totalFrequency / Double(n))

        // REP-13: the segment means are SEG's own raw-unit means, so report and API agree before rounding.
        groups = segments.map { segment in
            let persona = segment.persona
            return Group(
                clusterID: segment.id,
                persona: segment.id < 0
                    ? nil
                    : PersonaKey(
                        key: persona.key, qualifiers: persona.qualifiers, levels: persona.levels.map { ($0.role, $0.level.rawValue) },
                        actions: persona.actions.map(\.key)),
                size: segment.members.count, share: score(Double(segment.members.count) / Double(n)),
                meanSpend: money(segment.means[roles.spend]), meanFrequency: money(segment.means[roles.frequency]),
                topCategories: request.dialect == .benchmark ? Array(segment.topCategories(request.productTypes).prefix(5)) : nil)
        }

        let largest = groups.filter { $0.clusterID >= 0 }.map(\.share).max()
        advice = Advice.advise(
            verdict: selected?.overall ?? .inconclusive, silhouette: selected?.silhouette, isDBSCAN: selected?.algorithm == "dbscan",
            largestShare: largest)
        dendrogram = DendrogramView(
            tree: result.tree, ids: request.ids, clusters: selected.map(\.nClusters))
    }
}
