/// `segment_cluster_profiles` (spec/segment_cluster_profiles.md): each segment of a labelling, given on the rows or
/// computed by `purchasing_segmentation`, described by its size, feature distributions, lift against the population,
/// top categories and persona.
package enum SegmentClusterProfiles: EndpointDefinition, EndpointComputation {
    package static let name = "segment_cluster_profiles"
    package static let sourceSection: String? = nil
    package static let specFile = "segment_cluster_profiles.md"
    package static let summary = "Per-cluster statistics, lift, personas and actions"
    package static let requestSchema = EndpointSchemas.document(
        PackageResources.segment_cluster_profiles_request_json, file: "segment_cluster_profiles.request.json")
    package static let responseSchema = EndpointSchemas.document(
        PackageResources.segment_cluster_profiles_response_json, file: "segment_cluster_profiles.response.json")
    package static let documentedExample = DocumentedExamples.segmentClusterProfiles

    package typealias Request = LabelledSegmentationRequest
    package typealias Response = JSONValue

    package static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request? {
        LabelledSegmentationRequest.read(body, reader: reader) { root, dialect, labelled in
            // PROF-3: parameters of a segmentation that will not run.
            guard labelled else { return }
            for key in PurchasingSegmentation.parameters(of: dialect) where root.has(key) {
                reader.report("inconsistent", "'\(key)' has no effect when the rows carry cluster_id; send one or the other", at: .key(key))
            }
        }
    }

    package static func respond(to request: Request, context: ComputeContext) -> JSONValue {
        let rows = request.segmentation
        let n = rows.ids.count
        // PROF-5: without labels, SEG's best model (or SEG-40's single segment).
        let run = request.labels == nil ? context.segmentation(PurchasingSegmentation.setup(for: rows, context: context)) : nil
        let labels = request.labels ?? run!.chosenLabels.map { Int($0) }
        let population = run?.scaling ?? ZScoreScaling(rows.features)
        let segments = SegmentSummary.summarize(
            labels: labels, features: rows.features, population: population, roles: PurchasingSegmentation.roles(rows.dialect))
        let names = PurchasingSegmentation.profileFeatureNames(rows.dialect)
        let write = names.map { $0 == "loyalty_score" ? score : money }
        let holders = CategoryPenetration(rows.productTypes)

        var populationFeatures: [JSONValue.Member] = []
        for f in names.indices {
            let quartiles = Quartiles((0..<n).map { rows.features[$0, f] })
            populationFeatures.append(
                .init(
                    names[f],
                    .object(
                        [
                            .init("mean", .number(write[f](population.means[f]))),
                            .init("std", .number(write[f](population.deviations[f]))),
                        ] + quartiles.members(write[f]))))
        }
        let clusters = segments.map { segment -> JSONValue in
            let size = segment.members.count
            let features = names.indices.map { f -> JSONValue.Member in
                let deviation = population.deviations[f]
                let lift = deviation == 0 ? 0 : (segment.means[f] - population.means[f]) / deviation
                let quartiles = Quartiles(segment.members.map { rows.features[$0, f] })
                return .init(
                    names[f],
                    .object(
                        [.init("mean", .number(write[f](segment.means[f])))] + quartiles.members(write[f]) + [.init("lift_z", .number(score(lift)))]))
            }
            let categories = rows.productTypes.isEmpty ? [] : segment.rankedCategories(rows.productTypes, limit: 5)
            return .object([
                .init("cluster_id", .number(Double(segment.id))),
                .init("size", .number(Double(size))),
                .init("share", .number(score(Double(size) / Double(n)))),
                .init("features", .object(features)),
                .init("top_categories", .array(categories.map { holders.json($0, segmentSize: size) })),
                .init("persona", segment.persona.json),
            ])
        }
        return .object([
            .init("labels_source", .string(run == nil ? "request" : "segmentation")),
            .init("best_model", run.flatMap { SegmentationRendering.bestRow($0, request: rows) } ?? .null),
            .init("population", .object([.init("size", .number(Double(n))), .init("features", .object(populationFeatures))])),
            .init("clusters", .array(clusters)),
            .init(
                "customer_labels",
                .array(
                    rows.ids.indices.map { .object([.init("customer_id", .string(rows.ids[$0])), .init("cluster_id", .number(Double(labels[$0])))]) })
            ),
            .init("skipped", run.map(SegmentationRendering.skipped) ?? .array([])),
            .init("approximations", run.map(SegmentationRendering.approximations) ?? .array([])),
        ])
    }
}

/// The 0.25, 0.5 and 0.75 percentiles of some values by GEN-8 (PROF-7, PROF-8).
struct Quartiles {
    let p25: Double
    let median: Double
    let p75: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        p25 = percentile(sorted: sorted, numerator: 1, denominator: 4)
        median = percentile(sorted: sorted, numerator: 1, denominator: 2)
        p75 = percentile(sorted: sorted, numerator: 3, denominator: 4)
    }

    func members(_ write: (Double) -> Double) -> [JSONValue.Member] {
        [.init("p25", .number(write(p25))), .init("median", .number(write(median))), .init("p75", .number(write(p75)))]
    }
}

/// How many customers of the whole request hold each category, for the lift of PROF-10.
struct CategoryPenetration {
    private let holders: [ExactText: Int]
    private let customers: Int

    init(_ productTypes: [[String]]) {
        var holders: [ExactText: Int] = [:]
        for types in productTypes {
            for type in types { holders[ExactText(type), default: 0] += 1 }
        }
        self.holders = holders
        customers = productTypes.count
    }

    /// `{category, customers, share, lift}`: lift = share in the segment / share in the request.
    func json(_ category: (category: String, customers: Int), segmentSize: Int) -> JSONValue {
        let share = Double(category.customers) / Double(segmentSize)
        let base = Double(holders[ExactText(category.category)] ?? 0) / Double(customers)
        return .object([
            .init("category", .string(category.category)),
            .init("customers", .number(Double(category.customers))),
            .init("share", .number(score(share))),
            .init("lift", .number(score(share / base))),
        ])
    }
}
