/// `segment_hierarchy_chart` (spec/segment_hierarchy_chart.md): the Ward tree of SEG-29 cut into k segments and
/// truncated to its last merges (SciPy's `lastp`), with the leaf order, the cut height and a legend.
package enum SegmentHierarchyChart: EndpointDefinition, EndpointComputation {
    package static let name = "segment_hierarchy_chart"
    package static let sourceSection: String? = nil
    package static let specFile = "segment_hierarchy_chart.md"
    package static let summary = "Ward dendrogram data with the cut for the chosen k"
    package static let requestSchema = EndpointSchemas.document(
        PackageResources.segment_hierarchy_chart_request_json, file: "segment_hierarchy_chart.request.json")
    package static let responseSchema = EndpointSchemas.document(
        PackageResources.segment_hierarchy_chart_response_json, file: "segment_hierarchy_chart.response.json")
    package static let documentedExample = DocumentedExamples.segmentHierarchyChart

    package struct Request: Sendable {
        var rows: PurchasingSegmentation.Request
        var k: Int?
        var p: Int
    }

    package typealias Response = JSONValue

    package static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request? {
        guard let dialect = PurchasingSegmentation.dialect(of: body, reader: reader) else { return nil }
        let rowsMember = dialect == .benchmark ? "customers" : "data"
        guard let root = reader.object(body, allowed: [rowsMember, "k", "k_range", "p", "format", "seed", "preprocessing", "selection", "auto_tune"])
        else { return nil }
        let rows = PurchasingSegmentation.readRows(root, dialect: dialect, reader: reader)
        let k = reader.field(root, "k", required: false) { reader.integer($0, min: 2, max: 30) }
        let ks = PurchasingSegmentation.readClusterCounts(root, reader)
        if root.has("k") && root.has("k_range") {
            reader.at("k_range") { reader.report("inconsistent", "k_range has no effect when k is given; send one of them") }
        }
        let p = reader.field(root, "p", required: false) { reader.integer($0, min: 2, max: 500) }
        reader.field(root, "format", required: false) { value -> String? in
            guard let format = reader.string(value) else { return nil }
            // HIER-13: the drawing comes with the report packs; this build answers the JSON form only.
            guard format == "json" else {
                reader.report("enum", format == "svg" ? "'svg' is drawn by the report packs, not served by this build; use 'json'" : "must be 'json'")
                return nil
            }
            return format
        }
        let shared = PurchasingSegmentation.readShared(root, reader, dialect: dialect)
        guard let rows, let shared, reader.problems.isEmpty, !(root.has("k_range") && ks == nil) else { return nil }
        // HIER-3: k is at most the number of leaves.
        let n = rows.ids.count
        let leaves = n <= context.limits.exactLimit ? n : min(context.limits.wardCoreset, rows.features.distinctRowCount)
        if let k, k > leaves {
            reader.at("k") { reader.report("maximum", "must be ≤ \(leaves), the number of leaves of the tree") }
            return nil
        }
        let request = PurchasingSegmentation.Request(
            dialect: dialect, ids: rows.ids, features: rows.features, productTypes: rows.productTypes,
            clusterCounts: k == nil ? (ks ?? [3, 4, 5, 6]) : [], families: k == nil ? [.agglo] : [], eps: shared.eps,
            minSamples: shared.minSamples, seed: shared.seed, tuning: shared.tuning)
        return Request(rows: request, k: k, p: p ?? 30)
    }

    package static func respond(to request: Request, context: ComputeContext) -> JSONValue {
        let setup = PurchasingSegmentation.setup(for: request.rows, context: context)
        let result = context.segmentation(setup)
        let tree = result.tree
        let merges = tree.linkage.merges
        let leafCount = tree.linkage.leaves
        let n = request.rows.ids.count
        let spend = (0..<n).map { setup.features[$0, setup.spendColumn] }
        let leafOf: (Int) -> Int = { customer in tree.leafOfCustomer.map { Int($0[customer]) } ?? customer }

        // HIER-4 to HIER-6: the cut and its segments.
        let k: Int? = request.k ?? result.best.map { result.models[$0].clusterCount }
        let labels: [Int32]
        if let requested = request.k {
            let leafLabels = tree.linkage.cut(clusters: requested)
            labels = SegmentationBenchmark.renumber((0..<n).map { leafLabels[leafOf($0)] }, spend: spend)
        } else {
            labels = result.chosenLabels
        }
        var cut = JSONValue.null
        if let k {
            let height = { (row: Int) -> Double in row <= 0 ? 0 : merges[row - 1].height }
            let lower = height(leafCount - k)
            let upper = height(leafCount - k + 1)
            cut = .object([
                .init("k", int(k)), .init("selected", .bool(request.k == nil)), .init("height", .number(score((lower + upper) / 2))),
                .init("lower", .number(score(lower))), .init("upper", .number(score(upper))), .init("tie", .bool(lower == upper)),
            ])
        }

        // HIER-7, HIER-8: chart leaves are the clusters of the first L − p′ merges.
        let shown = min(max(request.p, k ?? 2), leafCount)
        let hidden = leafCount - shown
        var sets = DisjointSets(count: leafCount)
        var node = Array(0..<leafCount)
        for t in 0..<hidden {
            let a = sets.root(merges[t].left < leafCount ? merges[t].left : representative(of: merges[t].left, merges, leafCount))
            let b = sets.root(merges[t].right < leafCount ? merges[t].right : representative(of: merges[t].right, merges, leafCount))
            sets.attach(a, to: b)
            node[sets.root(b)] = leafCount + t
        }
        // Chart leaves numbered in payload order of their first customer.
        var chartOfRoot = [Int](repeating: -1, count: leafCount)
        var chartNode: [Int] = []
        var chartOfCustomer = [Int](repeating: 0, count: n)
        for customer in 0..<n {
            let root = sets.root(leafOf(customer))
            if chartOfRoot[root] < 0 {
                chartOfRoot[root] = chartNode.count
                chartNode.append(node[root])
            }
            chartOfCustomer[customer] = chartOfRoot[root]
        }
        var chartOfNode: [Int: Int] = [:]
        for (leaf, id) in chartNode.enumerated() { chartOfNode[id] = leaf }
        var rows: [[Int]] = []
        var heights: [Double] = []
        var sizes: [Int] = []
        for t in hidden..<merges.count {
            func id(_ reference: Int) -> Int { chartOfNode[reference] ?? (shown + reference - leafCount - hidden) }
            let (a, b) = (id(merges[t].left), id(merges[t].right))
            rows.append([min(a, b), max(a, b)])
            heights.append(merges[t].height)
            // HIER-8: the size column counts chart leaves, which keeps the matrix a valid SciPy linkage of p′ leaves;
            // customers per leaf are in `leaves`.
            func leavesUnder(_ id: Int) -> Int { id < shown ? 1 : sizes[id - shown] }
            sizes.append(leavesUnder(a) + leavesUnder(b))
        }

        // HIER-9: the chart leaves.
        var members = [[Int]](repeating: [], count: shown)
        for customer in 0..<n { members[chartOfCustomer[customer]].append(customer) }
        let leaves = (0..<shown).map { leaf -> JSONValue in
            let single = members[leaf].count == 1 ? request.rows.ids[members[leaf][0]] : nil
            return .object([
                .init("leaf", int(leaf)), .init("node", int(chartNode[leaf])), .init("size", int(members[leaf].count)),
                .init("label", .string(single ?? "(\(members[leaf].count))")), .init("customer_id", single.map { .string($0) } ?? .null),
                .init("cluster_id", int(Int(labels[members[leaf][0]]))),
            ])
        }

        // HIER-10: depth-first, first column before second.
        var order: [Int] = []
        if rows.isEmpty {
            order = [0]
        } else {
            var stack = [shown + rows.count - 1]
            while let top = stack.popLast() {
                if top < shown {
                    order.append(top)
                } else {
                    stack.append(rows[top - shown][1])
                    stack.append(rows[top - shown][0])
                }
            }
        }

        var segmentsResult = result
        segmentsResult.overrideLabels(labels)
        let segments = SegmentSummary.all(segmentsResult).filter { $0.id >= 0 }
        let benchmark = request.rows.dialect == .benchmark
        let legend = segments.map { segment -> JSONValue in
            .object([
                .init("cluster_id", int(segment.id)),
                .init("size", int(segment.members.count)),
                .init("avg_spend", .number(money(segment.means[setup.spendColumn]))),
                .init("avg_frequency", .number(money(segment.means[setup.frequencyColumn]))),
                .init("top_categories", .array(benchmark ? segment.topCategories(request.rows.productTypes).map { .string($0) } : [])),
            ])
        }
        return .object([
            .init("n_leaves", int(leafCount)),
            .init("p", int(shown)),
            .init("truncated", .bool(shown < leafCount)),
            .init(
                "linkage_matrix",
                .array(rows.indices.map { .array([int(rows[$0][0]), int(rows[$0][1]), .number(score(heights[$0])), int(sizes[$0])]) })),
            .init("leaves", .array(leaves)),
            .init("order", .array(order.map(int))),
            .init("cut", cut),
            .init("cluster_legend", .array(legend)),
            .init(
                "customer_labels",
                .array((0..<n).map { .object([.init("customer_id", .string(request.rows.ids[$0])), .init("cluster_id", int(Int(labels[$0])))]) })),
            .init("approximations", SegmentationRendering.approximations(result)),
        ])
    }

    /// Some original leaf inside the cluster a full-tree id names (its left-most descendant).
    private static func representative(of id: Int, _ merges: [WardLinkage.Merge], _ leafCount: Int) -> Int {
        var current = id
        while current >= leafCount { current = merges[current - leafCount].left }
        return current
    }

    private static func int(_ value: Int) -> JSONValue { .number(Double(value)) }
}
