/// `purchasing_segmentation` (spec/purchasing_segmentation.md): both request dialects, told apart by the body's
/// shape (SEG-2), run one benchmark of clustering families (SegmentationBenchmark) and render it in the dialect's
/// response shape.
package enum PurchasingSegmentation: EndpointComputation {
    package enum Dialect: Sendable { case benchmark, features }

    package struct Request: Sendable {
        package var dialect: Dialect
        package var ids: [String]
        /// Original units: [frequency, amount_spent, types] or the six features of SEG-17.
        package var features: FeatureMatrix
        /// Benchmark dialect: each customer's distinct product types, first occurrence first.
        package var productTypes: [[String]]
        package var clusterCounts: [Int]
        package var families: Set<ClusteringFamily>
        package var eps: Double
        package var minSamples: Int
        package var seed: UInt64
    }

    package typealias Response = JSONValue

    static let benchmarkMembers = ["customers", "k_range", "algorithms", "dbscan_eps", "dbscan_min_samples", "seed"]
    static let featuresMembers = ["data", "max_clusters", "dbscan_eps", "dbscan_min_samples", "seed"]
    package static let featureNames = ["purchase_total", "visit_frequency", "avg_ticket", "product_diversity", "loyalty_score", "recency_days"]

    package static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request? {
        switch dialect(of: body, reader: reader) {
        case .benchmark?: readBenchmark(body, reader)
        case .features?: readFeatures(body, reader)
        case nil: nil
        }
    }

    /// SEG-2: the dialect of a body, told by which of `customers` and `data` it has; nil after reporting why not.
    package static func dialect(of body: JSONValue, reader: RequestReader) -> Dialect? {
        guard case .object(let members) = body else {
            reader.report("type", "expected an object, got \(body.typeName)")
            return nil
        }
        let hasCustomers = members.contains { $0.key == "customers" }
        let hasData = members.contains { $0.key == "data" }
        guard hasCustomers != hasData else {
            reader.report(
                "one_of",
                hasCustomers
                    ? "has both 'customers' (benchmark dialect) and 'data' (features dialect); send one"
                    : "needs 'customers' (benchmark dialect) or 'data' (features dialect)")
            return nil
        }
        return hasCustomers ? .benchmark : .features
    }

    /// Members shared by both dialects (SEG-14 to SEG-16).
    package static func readShared(_ root: RequestReader.Fields, _ reader: RequestReader) -> (eps: Double, minSamples: Int, seed: UInt64)? {
        let eps = reader.field(root, "dbscan_eps", required: false) { reader.number($0, min: 0, max: 10, exclusiveMin: true) }
        let minSamples = reader.field(root, "dbscan_min_samples", required: false) { reader.integer($0, min: 3) }
        let seed = reader.field(root, "seed", required: false) { reader.integer($0, min: 0, max: 4_294_967_295) }
        if root.has("dbscan_eps") && eps == nil || root.has("dbscan_min_samples") && minSamples == nil || root.has("seed") && seed == nil {
            return nil
        }
        return (eps ?? 0.4, minSamples ?? 5, UInt64(seed ?? 42))
    }

    private static func readBenchmark(_ body: JSONValue, _ reader: RequestReader) -> Request? {
        guard let root = reader.object(body, allowed: benchmarkMembers) else { return nil }
        let customers = readRows(root, dialect: .benchmark, reader: reader)
        let ks = readClusterCounts(root, reader)
        let families = reader.field(root, "algorithms", required: false) { value -> Set<ClusteringFamily>? in
            guard let elements = reader.array(value, minItems: 1) else { return nil }
            let names = reader.each(elements) { _, element -> ClusteringFamily? in
                guard let name = reader.string(element) else { return nil }
                guard let family = ClusteringFamily.allCases.first(where: { $0.requestName == name }) else {
                    reader.report("enum", "'\(name)' is not one of kmeans, gmm, agglo, dbscan")
                    return nil
                }
                return family
            }
            return names.allSatisfy { $0 != nil } ? Set(names.compactMap { $0 }) : nil
        }
        let shared = readShared(root, reader)
        guard let customers, let shared, reader.problems.isEmpty,
            !(root.has("k_range") && ks == nil), !(root.has("algorithms") && families == nil)
        else { return nil }
        return Request(
            dialect: .benchmark, ids: customers.ids, features: customers.features, productTypes: customers.productTypes,
            clusterCounts: ks ?? [3, 4, 5, 6], families: families ?? Set(ClusteringFamily.allCases), eps: shared.eps,
            minSamples: shared.minSamples, seed: shared.seed)
    }

    private static func readFeatures(_ body: JSONValue, _ reader: RequestReader) -> Request? {
        guard let root = reader.object(body, allowed: featuresMembers) else { return nil }
        let rows = readRows(root, dialect: .features, reader: reader)
        let maxClusters = reader.field(root, "max_clusters", required: false) { reader.integer($0, min: 2, max: 30) }
        let shared = readShared(root, reader)
        guard let rows, let shared, reader.problems.isEmpty, !(root.has("max_clusters") && maxClusters == nil) else { return nil }
        return Request(
            dialect: .features, ids: rows.ids, features: rows.features, productTypes: [],
            clusterCounts: Array(2...(maxClusters ?? 8)), families: Set(ClusteringFamily.allCases), eps: shared.eps,
            minSamples: shared.minSamples, seed: shared.seed)
    }

    /// The customer rows of either dialect (SEG-4, SEG-5, SEG-10, SEG-11): ids, features in original units and, in the
    /// benchmark dialect, each customer's distinct product types.
    package static func readRows(_ root: RequestReader.Fields, dialect: Dialect, reader: RequestReader) -> (
        ids: [String], features: FeatureMatrix, productTypes: [[String]]
    )? {
        switch dialect {
        case .benchmark:
            let customers = reader.customers(
                root,
                { object -> (id: String?, value: (String, [Double], [String])?)? in
                    let id = reader.field(object, "id") { reader.identifier($0) }
                    let frequency = reader.field(object, "frequency") { reader.integer($0, min: 1) }
                    let amount = reader.field(object, "amount_spent") { reader.number($0, min: 0) }
                    let types = reader.field(object, "product_types") { value -> [String]? in
                        guard let elements = reader.array(value, minItems: 1) else { return nil }
                        let strings = reader.each(elements) { _, element in reader.identifier(element) }
                        guard strings.allSatisfy({ $0 != nil }) else { return nil }
                        // SEG-5: a repeated type counts once.
                        var seen: Set<ExactText> = []
                        return strings.compactMap { $0 }.filter { seen.insert(ExactText($0)).inserted }
                    }
                    guard let id, let frequency, let amount, let types else { return (id, nil) }
                    return (id, (id, [Double(frequency), amount, Double(types.count)], types))
                }, allowed: ["id", "frequency", "amount_spent", "product_types"])
            guard let customers else { return nil }
            return (customers.map(\.0), FeatureMatrix(customers.map(\.1)), customers.map(\.2))
        case .features:
            let rows = reader.customers(
                root, member: "data",
                { object -> (id: String?, value: (String, [Double])?)? in
                    let id = reader.field(object, "customer_id") { reader.identifier($0) }
                    let features = reader.field(object, "features") { value -> [Double]? in
                        guard let fields = reader.object(value, allowed: featureNames) else { return nil }
                        let values: [Double?] = [
                            reader.field(fields, "purchase_total") { reader.number($0, min: 0) },
                            reader.field(fields, "visit_frequency") { reader.integer($0, min: 0).map(Double.init) },
                            reader.field(fields, "avg_ticket") { reader.number($0, min: 0) },
                            reader.field(fields, "product_diversity") { reader.integer($0, min: 0).map(Double.init) },
                            reader.field(fields, "loyalty_score") { reader.number($0, min: 0, max: 1) },
                            reader.field(fields, "recency_days") { reader.integer($0, min: 0).map(Double.init) },
                        ]
                        return values.allSatisfy { $0 != nil } ? values.compactMap { $0 } : nil
                    }
                    guard let id, let features else { return (id, nil) }
                    return (id, (id, features))
                }, allowed: ["customer_id", "features"])
            guard let rows else { return nil }
            return (rows.map(\.0), FeatureMatrix(rows.map(\.1)), [])
        }
    }

    /// `k_range` (SEG-7): nil when absent or invalid (the reader has the problem).
    package static func readClusterCounts(_ root: RequestReader.Fields, _ reader: RequestReader) -> [Int]? {
        reader.field(root, "k_range", required: false) { value -> [Int]? in
            guard let elements = reader.array(value, minItems: 1) else { return nil }
            let ks = reader.each(elements) { _, element in reader.integer(element, min: 2, max: 30) }
            return ks.allSatisfy { $0 != nil } ? ks.compactMap { $0 } : nil
        }
    }

    package static func respond(to request: Request, context: ComputeContext) -> JSONValue {
        let benchmark = request.dialect == .benchmark
        let result = SegmentationBenchmark(setup(for: request, context: context))
        let segments = SegmentSummary.all(result)
        return benchmark
            ? SegmentationRendering.benchmarkResponse(result, segments: segments, request: request)
            : SegmentationRendering.featuresResponse(result, segments: segments, request: request)
    }

    /// The benchmark's input: persona roles per dialect (SEG-17) and the deployment's exact-limit settings.
    package static func setup(for request: Request, context: ComputeContext) -> SegmentationSetup {
        let benchmark = request.dialect == .benchmark
        return SegmentationSetup(
            features: request.features, spendColumn: benchmark ? 1 : 0, frequencyColumn: benchmark ? 0 : 1, breadthColumn: benchmark ? 2 : 3,
            recencyColumn: benchmark ? nil : 5, clusterCounts: request.clusterCounts, families: request.families, eps: request.eps,
            minSamples: request.minSamples, seed: request.seed, exactLimit: context.limits.exactLimit,
            silhouetteSample: context.limits.silhouetteSample, wardCoreset: context.limits.wardCoreset)
    }
}
