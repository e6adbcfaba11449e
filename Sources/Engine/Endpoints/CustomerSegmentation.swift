/// `customer_segmentation` (spec/customer_segmentation.md): the six `customer_features` values built from raw
/// transactions, segmented by the features dialect of `purchasing_segmentation` (CSEG-2), with each cluster's top
/// categories and one row per customer.
package enum CustomerSegmentation: EndpointDefinition, EndpointComputation {
    package static let name = "customer_segmentation"
    package static let sourceSection: String? = nil
    package static let specFile = "customer_segmentation.md"
    package static let summary = "Segment customers straight from their transactions"
    package static let requestSchema = EndpointSchemas.document(
        PackageResources.customer_segmentation_request_json, file: "customer_segmentation.request.json")
    package static let responseSchema = EndpointSchemas.document(
        PackageResources.customer_segmentation_response_json, file: "customer_segmentation.response.json")
    package static let documentedExample = DocumentedExamples.customerSegmentation

    package struct Request: Sendable {
        var today: Day?
        var customers: [CustomerFeatures.Request.Customer]
        var maxClusters: Int
        var eps: Double
        var minSamples: Int
        var seed: UInt64
        var tuning: SegmentationTuning
    }

    package typealias Response = JSONValue

    package static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request? {
        guard let root = reader.object(body, allowed: ["today", "customers", "max_clusters"] + PurchasingSegmentation.sharedMembers) else {
            return nil
        }
        let today = reader.today(root, default: context.today)
        // CSEG-3: a customer is valid here exactly when it is valid for customer_features.
        let customers = CustomerFeatures.readCustomers(root, reader: reader, today: today, context: context)
        let maxClusters = reader.field(root, "max_clusters", required: false) { reader.integer($0, min: 2, max: 30) }
        let shared = PurchasingSegmentation.readShared(root, reader)
        guard let customers, let shared, reader.problems.isEmpty, !(root.has("max_clusters") && maxClusters == nil) else { return nil }
        return Request(
            today: today, customers: customers, maxClusters: maxClusters ?? 8, eps: shared.eps, minSamples: shared.minSamples, seed: shared.seed,
            tuning: shared.tuning)
    }

    package static func respond(to request: Request, context: ComputeContext) -> JSONValue {
        let today = request.today ?? context.today
        // CSEG-7: the features enter as customer_features writes them (rounded).
        let features = request.customers.map { CustomerFeatures.features(of: $0, today: today) }
        let rows = features.map { [$0.purchaseTotal, $0.visitFrequency, $0.avgTicket, $0.productDiversity, $0.loyaltyScore ?? 0, $0.recencyDays] }
        // CSEG-10: a customer's categories are the distinct categories of its transactions.
        let categories = request.customers.map { customer -> [String] in
            var seen: Set<ExactText> = []
            return customer.transactions.compactMap(\.category).filter { seen.insert(ExactText($0)).inserted }
        }
        let segmentation = PurchasingSegmentation.Request(
            dialect: .features, ids: request.customers.map(\.customerId), features: FeatureMatrix(rows), productTypes: categories,
            clusterCounts: Array(2...request.maxClusters), families: Set(ClusteringFamily.allCases), eps: request.eps,
            minSamples: request.minSamples, seed: request.seed, tuning: request.tuning)
        let setup = PurchasingSegmentation.setup(for: segmentation, context: context)
        let result = context.segmentation(setup)
        return SegmentationRendering.featuresResponse(result, segments: SegmentSummary.all(result), request: segmentation) { index, label, name in
            .object([
                .init("customer_id", .string(request.customers[index].customerId)),
                .init("cluster_id", .number(Double(label))),
                .init("persona_name", .string(name)),
                .init("features", OrderedJSONEncoder.encode(features[index])),
            ])
        }
    }
}
