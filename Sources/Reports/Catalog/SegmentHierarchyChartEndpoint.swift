import Engine

/// The catalog's `segment_hierarchy_chart`: Engine's JSON answer, and with `format: "svg"` (HIER-13) that answer plus
/// the drawn tree, a standalone SVG document in the report's style (REP-27 … REP-35), its texts in English.
enum SegmentHierarchyChartEndpoint: EndpointDefinition {
    static let name = SegmentHierarchyChart.name
    static let sourceSection = SegmentHierarchyChart.sourceSection
    static let specFile = SegmentHierarchyChart.specFile
    static let summary = SegmentHierarchyChart.summary
    static let requestSchema = SegmentHierarchyChart.requestSchema
    static let responseSchema = SegmentHierarchyChart.responseSchema
    static let documentedExample = SegmentHierarchyChart.documentedExample

    static func render(_ body: consuming JSONValue, context: ComputeContext) throws(CintelError) -> Endpoint.Rendering {
        guard case .object(var members) = body, members.contains(where: { $0.key == "format" && $0.value == .string("svg") }) else {
            return .json(try SegmentHierarchyChart.compute(body, context: context))
        }
        // The JSON form is the same request with `format: "json"`; problems keep their pointers.
        for index in members.indices where members[index].key == "format" { members[index].value = .string("json") }
        let response = try SegmentHierarchyChart.compute(.object(members), context: context)
        guard case .object(var fields) = response else { preconditionFailure("segment_hierarchy_chart answers with an object") }
        fields.append(.init("svg", .string(svg(for: response))))
        return .json(.object(fields))
    }

    static func svg(for response: JSONValue) -> String {
        let leafCount = Int(response["p"]?.numberValue ?? 0)
        let rows = response["linkage_matrix"]?.elements ?? []
        let merges = rows.enumerated().map { t, row -> (node: Int, left: Int, right: Int, height: Double) in
            let cells = row.elements.map { $0.numberValue ?? 0 }
            return (leafCount + t, Int(cells[0]), Int(cells[1]), cells[2])
        }
        let leaves = response["leaves"]?.elements ?? []
        let order = (response["order"]?.elements ?? []).map { Int($0.numberValue ?? 0) }
        let clusterIDs = Array(Set(leaves.map { Int($0["cluster_id"]?.numberValue ?? 0) })).sorted()
        let ordered = order.map { leaves[$0] }
        let cut = response["cut"]
        let catalog = MessageCatalog.of(.en)
        let format = LocaleFormatter(locale: .enUS, currency: Currency(code: "USD")!)
        let k = cut?["k"]?.numberValue.map { Int($0) }
        let clusters = k.map { catalog.plural("count.clusters", count: $0, formatter: format) }
        let tree = DendrogramChart.Tree(
            merges: merges,
            leaves: zip(order, ordered).map { ($0, MarkupText.shortened($1["label"]?.stringValue ?? "", limit: 16)) },
            cutHeight: cut?["height"]?.numberValue,
            cutLabel: clusters.map { catalog.text("chart.dendrogram.cut_label", ["clusters": $0]) },
            leafColours: ordered.map { leaf in
                ChartPalette.colour(position: clusterIDs.firstIndex(of: Int(leaf["cluster_id"]?.numberValue ?? 0)) ?? 0)
            })
        let merged = catalog.plural("count.merges", count: merges.count, formatter: format)
        let customers = catalog.plural("count.customers", count: leaves.reduce(0) { $0 + Int($1["size"]?.numberValue ?? 0) }, formatter: format)
        let desc =
            clusters.map { catalog.text("chart.dendrogram.desc_cut", ["merges": merged, "customers": customers, "clusters": $0]) }
            ?? catalog.text("chart.dendrogram.desc", ["merges": merged, "customers": customers])
        return DendrogramChart.draw(
            tree, title: catalog.text("chart.dendrogram.title"), desc: desc, yLabel: catalog.text("chart.dendrogram.y_label"), id: "dendrogram",
            standalone: true
        ) { format.decimal($0, digits: $1) }
    }
}
