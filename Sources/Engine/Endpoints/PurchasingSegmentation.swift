/// `purchasing_segmentation` (spec/purchasing_segmentation.md): both request dialects, told apart by the body's
/// shape (SEG-2), run one benchmark of clustering families (SegmentationBenchmark) and render it in the dialect's
/// response shape.
package enum PurchasingSegmentation: EndpointDefinition, EndpointComputation {
    package static let name = "purchasing_segmentation"
    package static let sourceSection: String? = "4.1.1, 4.1.7"
    package static let specFile = "purchasing_segmentation.md"
    package static let summary = "Benchmark clustering algorithms and return segments with personas"
    package static let requestSchema = EndpointSchemas.document(
        PackageResources.purchasing_segmentation_request_json, file: "purchasing_segmentation.request.json")
    package static let responseSchema = EndpointSchemas.document(
        PackageResources.purchasing_segmentation_response_json, file: "purchasing_segmentation.response.json")
    package static let documentedExample = DocumentedExamples.purchasingSegmentation

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
        /// SEG-68 to SEG-74: preprocessing, caps, automatic tuning and stability.
        package var tuning = SegmentationTuning()
    }

    package typealias Response = JSONValue

    /// The members SEG-14 to SEG-16 and SEG-68 to SEG-74 add to every segmenting request.
    package static let sharedMembers = ["dbscan_eps", "dbscan_min_samples", "seed"] + SegmentationTuning.members
    static let benchmarkMembers = ["customers", "k_range", "algorithms"] + sharedMembers
    static let featuresMembers = ["data", "max_clusters"] + sharedMembers
    package static let featureNames = ["purchase_total", "visit_frequency", "avg_ticket", "product_diversity", "loyalty_score", "recency_days"]

    package static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request? {
        guard let dialect = dialect(of: body, reader: reader), let root = reader.object(body, allowed: members(of: dialect)) else { return nil }
        return readBody(root, dialect: dialect, reader: reader)?.request
    }

    /// The top-level members a dialect's body may have.
    package static func members(of dialect: Dialect) -> [String] { dialect == .benchmark ? benchmarkMembers : featuresMembers }

    /// The segmentation parameters a dialect's body may have (everything but its rows).
    package static func parameters(of dialect: Dialect) -> [String] { Array(members(of: dialect).dropFirst()) }

    /// A body of either dialect whose object `root` has been checked for unknown members. With `rowLabels`, each row
    /// may also carry a `cluster_id` ≥ −1 (PROF-2), returned per row (nil where absent). Nil after reporting problems.
    package static func readBody(_ root: RequestReader.Fields, dialect: Dialect, reader: RequestReader, rowLabels: Bool = false) -> (
        request: Request, labels: [Int?]
    )? {
        switch dialect {
        case .benchmark: readBenchmark(root, reader, rowLabels: rowLabels)
        case .features: readFeatures(root, reader, rowLabels: rowLabels)
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

    /// Members shared by both dialects (SEG-14 to SEG-16, SEG-68 to SEG-74).
    package struct SharedParameters {
        package var eps: Double
        package var minSamples: Int
        package var seed: UInt64
        package var tuning: SegmentationTuning
    }

    /// The shared members of a body whose rows are of `dialect`; nil after reporting problems.
    package static func readShared(_ root: RequestReader.Fields, _ reader: RequestReader, dialect: Dialect = .features) -> SharedParameters? {
        let eps = reader.field(root, "dbscan_eps", required: false) { reader.number($0, min: 0, max: 10, exclusiveMin: true) }
        let minSamples = reader.field(root, "dbscan_min_samples", required: false) { reader.integer($0, min: 3) }
        let seed = reader.field(root, "seed", required: false) { reader.integer($0, min: 0, max: 4_294_967_295) }
        let tuning = SegmentationTuning.read(root, reader, featureNames: profileFeatureNames(dialect))
        if root.has("dbscan_eps") && eps == nil || root.has("dbscan_min_samples") && minSamples == nil || root.has("seed") && seed == nil {
            return nil
        }
        guard let tuning else { return nil }
        return SharedParameters(eps: eps ?? 0.4, minSamples: minSamples ?? 5, seed: UInt64(seed ?? 42), tuning: tuning)
    }

    private static func readBenchmark(_ root: RequestReader.Fields, _ reader: RequestReader, rowLabels: Bool) -> (request: Request, labels: [Int?])? {
        let customers = readRows(root, dialect: .benchmark, reader: reader, rowLabels: rowLabels)
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
        let shared = readShared(root, reader, dialect: .benchmark)
        guard let customers, let shared, reader.problems.isEmpty,
            !(root.has("k_range") && ks == nil), !(root.has("algorithms") && families == nil)
        else { return nil }
        let request = Request(
            dialect: .benchmark, ids: customers.ids, features: customers.features, productTypes: customers.productTypes,
            clusterCounts: ks ?? [3, 4, 5, 6], families: families ?? Set(ClusteringFamily.allCases), eps: shared.eps,
            minSamples: shared.minSamples, seed: shared.seed, tuning: shared.tuning)
        return (request, customers.labels)
    }

    private static func readFeatures(_ root: RequestReader.Fields, _ reader: RequestReader, rowLabels: Bool) -> (request: Request, labels: [Int?])? {
        let rows = readRows(root, dialect: .features, reader: reader, rowLabels: rowLabels)
        let maxClusters = reader.field(root, "max_clusters", required: false) { reader.integer($0, min: 2, max: 30) }
        let shared = readShared(root, reader)
        guard let rows, let shared, reader.problems.isEmpty, !(root.has("max_clusters") && maxClusters == nil) else { return nil }
        let request = Request(
            dialect: .features, ids: rows.ids, features: rows.features, productTypes: [],
            clusterCounts: Array(2...(maxClusters ?? 8)), families: Set(ClusteringFamily.allCases), eps: shared.eps,
            minSamples: shared.minSamples, seed: shared.seed, tuning: shared.tuning)
        return (request, rows.labels)
    }

    /// The customer rows of either dialect (SEG-4, SEG-5, SEG-10, SEG-11): ids, features in original units and, in the
    /// benchmark dialect, each customer's distinct product types; with `rowLabels`, each row's `cluster_id` (nil where
    /// the row has none).
    package typealias Rows = (ids: [String], features: FeatureMatrix, productTypes: [[String]], labels: [Int?])

    package static func readRows(_ root: RequestReader.Fields, dialect: Dialect, reader: RequestReader, rowLabels: Bool = false) -> Rows? {
        // The same array read before in this job (same storage, so same contents) gives the same rows.
        let source = root.elements(dialect == .benchmark ? "customers" : "data")
        if let memo = reader.segmentationMemo, let source, reader.problems.isEmpty,
            let known = memo.rows(of: source, dialect: dialect, rowLabels: rowLabels, limits: reader.limits)
        {
            return known
        }
        let rows = readRowsOnce(root, dialect: dialect, reader: reader, rowLabels: rowLabels)
        if let memo = reader.segmentationMemo, let source, let rows, reader.problems.isEmpty, reader.limitProblems.isEmpty {
            memo.keep(rows, of: source, dialect: dialect, rowLabels: rowLabels, limits: reader.limits)
        }
        return rows
    }

    private static func readRowsOnce(_ root: RequestReader.Fields, dialect: Dialect, reader: RequestReader, rowLabels: Bool) -> Rows? {
        /// The row's label, nil when absent; false when present but invalid (the reader has the problem).
        func label(_ object: RequestReader.Fields) -> (valid: Bool, value: Int?) {
            guard rowLabels, object.has("cluster_id") else { return (true, nil) }
            let value = reader.field(object, "cluster_id") { reader.integer($0, min: -1) }
            return (value != nil, value)
        }
        let labelMember = rowLabels ? ["cluster_id"] : []
        switch dialect {
        case .benchmark:
            let customers = reader.customers(
                root,
                { object -> (id: String?, value: (String, [Double], [String], Int?)?)? in
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
                    let cluster = label(object)
                    guard let id, let frequency, let amount, let types, cluster.valid else { return (id, nil) }
                    return (id, (id, [Double(frequency), amount, Double(types.count)], types, cluster.value))
                }, allowed: ["id", "frequency", "amount_spent", "product_types"] + labelMember)
            guard let customers else { return nil }
            return (customers.map(\.0), FeatureMatrix(customers.map(\.1)), customers.map(\.2), customers.map(\.3))
        case .features:
            let rows = reader.customers(
                root, member: "data",
                { object -> (id: String?, value: (String, [Double], Int?)?)? in
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
                    let cluster = label(object)
                    guard let id, let features, cluster.valid else { return (id, nil) }
                    return (id, (id, features, cluster.value))
                }, allowed: ["customer_id", "features"] + labelMember)
            guard let rows else { return nil }
            return (rows.map(\.0), FeatureMatrix(rows.map(\.1)), [], rows.map(\.2))
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
        let result = context.segmentation(setup(for: request, context: context))
        let segments = SegmentSummary.all(result)
        return benchmark
            ? SegmentationRendering.benchmarkResponse(result, segments: segments, request: request)
            : SegmentationRendering.featuresResponse(result, segments: segments, request: request)
    }

    /// The columns that play the persona roles in a dialect (SEG-17).
    package static func roles(_ dialect: Dialect) -> PersonaRoles {
        dialect == .benchmark
            ? PersonaRoles(spend: 1, frequency: 0, breadth: 2, recency: nil) : PersonaRoles(spend: 0, frequency: 1, breadth: 3, recency: 5)
    }

    /// The names of a dialect's features in original units, in column order (SEG-17, PROF-6).
    package static func profileFeatureNames(_ dialect: Dialect) -> [String] {
        dialect == .benchmark ? ["frequency", "amount_spent", "product_type_count"] : featureNames
    }

    /// The benchmark's input: persona roles per dialect (SEG-17) and the deployment's exact-limit settings.
    package static func setup(for request: Request, context: ComputeContext) -> SegmentationSetup {
        let roles = roles(request.dialect)
        return SegmentationSetup(
            features: request.features, featureNames: profileFeatureNames(request.dialect), spendColumn: roles.spend,
            frequencyColumn: roles.frequency, breadthColumn: roles.breadth,
            recencyColumn: roles.recency, clusterCounts: request.clusterCounts, families: request.families, eps: request.eps,
            minSamples: request.minSamples, seed: request.seed, exactLimit: context.limits.exactLimit,
            silhouetteSample: context.limits.silhouetteSample, wardCoreset: context.limits.wardCoreset, tuning: request.tuning)
    }
}
