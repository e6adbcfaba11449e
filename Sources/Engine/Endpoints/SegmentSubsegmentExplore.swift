/// `segment_subsegment_explore` (spec/segment_subsegment_explore.md): the members of one parent segment segmented
/// again by `purchasing_segmentation`, standardised within the parent (SUB-4), with personas measured against the
/// whole request (SUB-6), how each sub-segment differs from its parent (SUB-7) and the parent→child tree (SUB-10).
package enum SegmentSubsegmentExplore: EndpointDefinition, EndpointComputation {
    package static let name = "segment_subsegment_explore"
    package static let sourceSection: String? = nil
    package static let specFile = "segment_subsegment_explore.md"
    package static let summary = "Re-segment one cluster into sub-segments"
    package static let requestSchema = EndpointSchemas.document(
        PackageResources.segment_subsegment_explore_request_json, file: "segment_subsegment_explore.request.json")
    package static let responseSchema = EndpointSchemas.document(
        PackageResources.segment_subsegment_explore_response_json, file: "segment_subsegment_explore.response.json")
    package static let documentedExample = DocumentedExamples.segmentSubsegmentExplore

    package struct Request: Sendable {
        var rows: LabelledSegmentationRequest
        var parentId: Int
    }

    package typealias Response = JSONValue

    package static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request? {
        var parentId: Int?
        let rows = LabelledSegmentationRequest.read(body, reader: reader, extraMembers: ["parent_id"]) { root, dialect, _ in
            parentId = reader.field(root, "parent_id") { reader.integer($0, min: -1) }
            // SUB-3: with given labels, a parent no row carries is reported with the body's other problems.
            let given = LabelledSegmentationRequest.rawLabels(body, dialect: dialect)
            if let parentId, !given.isEmpty, !given.contains(.number(Double(parentId))) {
                reader.report("unknown_cluster", "no row has cluster_id \(parentId)", at: .key("parent_id"))
            }
        }
        guard let rows, let parentId else { return nil }
        return Request(rows: rows, parentId: parentId)
    }

    package static func respond(to request: Request, context: ComputeContext) throws(CintelError) -> JSONValue {
        let rows = request.rows.segmentation
        let n = rows.ids.count
        let roles = PurchasingSegmentation.roles(rows.dialect)
        // SUB-2: the parent labelling, given or SEG's on the whole body.
        let run = request.rows.labels == nil ? context.segmentation(PurchasingSegmentation.setup(for: rows, context: context)) : nil
        let labels = request.rows.labels ?? run!.chosenLabels.map { Int($0) }
        let population = run?.scaling ?? ZScoreScaling(rows.features)
        let parents = SegmentSummary.summarize(labels: labels, features: rows.features, population: population, roles: roles)
        guard let parent = parents.first(where: { $0.id == request.parentId }) else {
            throw .invalid([
                Problem(
                    pointer: "/parent_id", code: "unknown_cluster",
                    message:
                        "the computed segmentation has no segment \(request.parentId); its segments are \(parents.map { String($0.id) }.joined(separator: ", "))"
                )
            ])
        }
        // SUB-4: SEG on the parent's members alone, in payload order.
        let members = parent.members
        var inner = rows
        inner.ids = members.map { rows.ids[$0] }
        inner.features = rows.features.selecting(members)
        inner.productTypes = rows.productTypes.isEmpty ? [] : members.map { rows.productTypes[$0] }
        let sub = context.segmentation(PurchasingSegmentation.setup(for: inner, context: context))
        let subLabels = sub.chosenLabels.map { Int($0) }
        let children = SegmentSummary.summarize(labels: subLabels, rows: members, features: rows.features, population: population, roles: roles)
        let names = PurchasingSegmentation.profileFeatureNames(rows.dialect)

        func share(_ size: Int, of total: Int) -> JSONValue { .number(score(Double(size) / Double(total))) }
        func childId(_ j: Int) -> String { "\(request.parentId).\(j)" }
        let subsegments = children.map { child -> JSONValue in
            let centroid = names.indices.map { f -> JSONValue.Member in
                .init(names[f], .number(names[f] == "loyalty_score" ? score(child.means[f]) : money(child.means[f])))
            }
            // SUB-7: the sub-segment's mean as a z-score within the parent.
            let versusParent = roles.columns.map { role, column -> JSONValue.Member in
                let deviation = sub.scaling.deviations[column]
                let z = deviation == 0 ? 0 : (child.means[column] - sub.scaling.means[column]) / deviation
                return .init(role, .string(Persona.level(z).text(high: "higher", mid: "similar", low: "lower")))
            }
            return .object([
                .init("id", .string(childId(child.id))),
                .init("size", .number(Double(child.members.count))),
                .init("share_of_parent", share(child.members.count, of: members.count)),
                .init("share", share(child.members.count, of: n)),
                .init("centroid", .object(centroid)),
                .init("persona", child.persona.json),
                .init("vs_parent", .object(versusParent)),
            ])
        }
        func node(_ id: String, size: Int, name: JSONValue, children: [JSONValue]) -> JSONValue {
            .object([
                .init("id", .string(id)), .init("size", .number(Double(size))), .init("share", share(size, of: n)), .init("name", name),
                .init("children", .array(children)),
            ])
        }
        let leaves = children.map { node(childId($0.id), size: $0.members.count, name: .string($0.persona.name), children: []) }
        let tree = node(
            "all", size: n, name: .null,
            children: parents.map {
                node(String($0.id), size: $0.members.count, name: .string($0.persona.name), children: $0.id == parent.id ? leaves : [])
            })
        return .object([
            .init("labels_source", .string(run == nil ? "request" : "segmentation")),
            .init(
                "parent",
                .object([
                    .init("cluster_id", .number(Double(parent.id))), .init("size", .number(Double(members.count))),
                    .init("share", share(members.count, of: n)), .init("persona", parent.persona.json),
                ])),
            .init("best_model", SegmentationRendering.bestRow(sub, request: inner) ?? .null),
            .init("benchmark", .array(sub.models.map { SegmentationRendering.row($0, request: inner) })),
            .init("subsegments", .array(subsegments)),
            .init("tree", tree),
            .init(
                "customer_labels",
                .array(
                    members.indices.map {
                        .object([.init("customer_id", .string(inner.ids[$0])), .init("subsegment_id", .string(childId(subLabels[$0])))])
                    })),
            .init("skipped", SegmentationRendering.skipped(sub)),
            .init("approximations", SegmentationRendering.approximations(sub)),
        ])
    }
}
