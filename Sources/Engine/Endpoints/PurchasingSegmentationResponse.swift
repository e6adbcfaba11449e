/// The two response shapes of `purchasing_segmentation`: the benchmark dialect's (SEG-54 to SEG-59) and the
/// features dialect's (SEG-60 to SEG-62), rounded as SEG-63 says.
enum SegmentationRendering {
    static func benchmarkResponse(_ result: SegmentationBenchmark, segments: [SegmentSummary], request: PurchasingSegmentation.Request) -> JSONValue {
        let rows = result.models.map { benchmarkRow($0, n: request.ids.count, stability: request.tuning.stability) }
        let clusters = segments.filter { $0.id >= 0 }
        let labels = result.chosenLabels
        let legend = segments.map { segment -> JSONValue in
            .object([
                .init("cluster_id", int(segment.id)),
                .init("size", int(segment.members.count)),
                .init("avg_spend", .number(money(segment.means[1]))),
                .init("avg_frequency", .number(money(segment.means[0]))),
                .init("top_categories", .array(segment.topCategories(request.productTypes).map { .string($0) })),
            ])
        }
        let interpretations = segments.map { segment -> JSONValue.Member in
            let size = segment.members.count
            let categories = segment.topCategories(request.productTypes).joined(separator: ", ")
            let sentence =
                "\(segment.persona.name): \(size) customer\(size == 1 ? "" : "s"), average spend \(twoDecimals(segment.means[1])), "
                + "\(twoDecimals(segment.means[0])) purchases each on average. Top categories: \(categories)."
            return .init(String(segment.id), .string(sentence))
        }
        var dendrogram: [JSONValue.Member] = [
            .init("linkage_matrix", linkage(result.tree.linkage)),
            .init("leaf_labels", .array(result.tree.leafRepresentative.map { .string(request.ids[$0]) })),
        ]
        if let sizes = result.tree.leafSizes { dendrogram.append(.init("leaf_sizes", .array(sizes.map(int)))) }
        dendrogram.append(.init("cluster_legend", .array(legend)))
        return .object(
            [
                .init("benchmark", .array(rows)),
                .init("best_model", result.best.map { rows[$0] } ?? .null),
                .init("centroids", .array(clusters.map { segment in .array(segment.means.map { .number(money($0)) }) })),
                .init("labels", .object(request.ids.indices.map { .init(request.ids[$0], int(Int(labels[$0]))) })),
                .init("interpretations_en", .object(interpretations)),
                .init("personas", .object(segments.map { .init(String($0.id), $0.persona.json) })),
                .init("dendrogram", .object(dendrogram)),
                .init("skipped", skipped(result)),
                .init("approximations", approximations(result)),
            ] + tuning(result))
    }

    /// The features dialect's response; `customerRows` (CSEG-13) replaces `customer_labels` and adds each cluster's
    /// `top_categories` (CSEG-12) when the segments come from raw transactions.
    static func featuresResponse(
        _ result: SegmentationBenchmark, segments: [SegmentSummary], request: PurchasingSegmentation.Request,
        customerRows: ((_ index: Int, _ label: Int, _ personaName: String) -> JSONValue)? = nil
    ) -> JSONValue {
        let rows = result.models.map { featuresRow($0, n: request.ids.count, request: request) }
        let n = request.ids.count
        let labels = result.chosenLabels
        let names = PurchasingSegmentation.featureNames
        let clusters = segments.map { segment -> JSONValue in
            .object([
                .init("cluster_id", int(segment.id)),
                .init("size", int(segment.members.count)),
                .init("share", .number(score(Double(segment.members.count) / Double(n)))),
                .init(
                    "centroid",
                    .object(
                        names.indices.map { f in
                            .init(names[f], .number(names[f] == "loyalty_score" ? score(segment.means[f]) : money(segment.means[f])))
                        })),
                .init("persona", segment.persona.json),
            ])
        }
        let categorised =
            customerRows == nil
            ? clusters
            : zip(segments, clusters).map { segment, item -> JSONValue in
                guard case .object(var members) = item else { return item }
                members.insert(.init("top_categories", .array(segment.topCategories(request.productTypes).map { .string($0) })), at: 4)
                return .object(members)
            }
        let personaName = Dictionary(uniqueKeysWithValues: segments.map { ($0.id, $0.persona.name) })
        let labelRows: JSONValue.Member
        if let customerRows {
            labelRows = .init("customers", .array(request.ids.indices.map { customerRows($0, Int(labels[$0]), personaName[Int(labels[$0])] ?? "") }))
        } else {
            labelRows = .init(
                "customer_labels",
                .array(
                    request.ids.indices.map { .object([.init("customer_id", .string(request.ids[$0])), .init("cluster_id", int(Int(labels[$0])))]) }))
        }
        let best = result.best.map { result.models[$0] }
        return .object(
            [
                .init("best_algorithm", best.map { .string($0.family.displayName) } ?? .null),
                .init("best_params", best.map { params($0, request: request) } ?? .null),
                .init("evaluation_metrics", .array(rows)),
                .init("clusters", .array(categorised)),
                labelRows,
                .init("skipped", skipped(result)),
                .init("approximations", approximations(result)),
            ] + tuning(result))
    }

    /// SEG-75: what was applied to the features, and how the model was chosen.
    static func tuning(_ result: SegmentationBenchmark) -> [JSONValue.Member] {
        let names = result.setup.featureNames
        let policy = result.setup.tuning.selection
        return [
            .init("preprocessing", .object(names.indices.map { .init(names[$0], .string(result.transforms[$0].rawValue)) })),
            .init(
                "selection",
                .object([
                    .init("min_segments", int(policy.minSegments)),
                    .init("max_segment_share", .number(policy.maxSegmentShare)),
                    .init("min_segment_share", .number(policy.minSegmentShare)),
                    .init("max_noise_share", .number(policy.maxNoiseShare)),
                    .init("auto_tune", .bool(result.setup.tuning.autoTune)),
                    .init("eligible_models", int(result.models.filter(\.eligible).count)),
                    .init("fallback", .bool(result.best != nil && result.fallback)),
                ])),
        ]
    }

    /// The best model's row in the request's dialect (SEG-55 or SEG-61), nil when none is eligible (SEG-40).
    static func bestRow(_ result: SegmentationBenchmark, request: PurchasingSegmentation.Request) -> JSONValue? {
        result.best.map { row(result.models[$0], request: request) }
    }

    /// A candidate's row in the request's dialect.
    static func row(_ model: CandidateModel, request: PurchasingSegmentation.Request) -> JSONValue {
        request.dialect == .benchmark
            ? benchmarkRow(model, n: request.ids.count, stability: request.tuning.stability)
            : featuresRow(model, n: request.ids.count, request: request)
    }

    /// SEG-55.
    static func benchmarkRow(_ model: CandidateModel, n: Int, stability: Bool) -> JSONValue {
        var members: [JSONValue.Member] = [.init("algo", .string(model.family.requestName)), .init("k", model.k.map(int) ?? .null)]
        if let eps = model.eps { members.append(.init("eps", .number(eps))) }
        members += metrics(model, n: n, stability: stability)
        return .object(members)
    }

    /// SEG-61.
    static func featuresRow(_ model: CandidateModel, n: Int, request: PurchasingSegmentation.Request) -> JSONValue {
        var members: [JSONValue.Member] = [.init("algorithm", .string(model.family.displayName)), .init("params", params(model, request: request))]
        members += metrics(model, n: n, stability: request.tuning.stability)
        return .object(members)
    }

    static func params(_ model: CandidateModel, request: PurchasingSegmentation.Request) -> JSONValue {
        if let k = model.k { return .object([.init("k", int(k))]) }
        return .object([.init("eps", .number(model.eps ?? request.eps)), .init("min_samples", int(request.minSamples))])
    }

    static func metrics(_ model: CandidateModel, n: Int, stability: Bool) -> [JSONValue.Member] {
        var members: [JSONValue.Member] = [
            .init("silhouette", .number(model.writtenSilhouette)),
            .init("davies_bouldin", model.daviesBouldin.map { .number(score($0)) } ?? .null),
            .init("calinski_harabasz", model.calinskiHarabasz.map { .number(score($0)) } ?? .null),
            .init("n_clusters", int(model.clusterCount)),
        ]
        if model.family == .dbscan { members.append(.init("noise_ratio", .number(score(Double(model.noiseCount) / Double(n))))) }
        members.append(.init("eligible", .bool(model.eligible)))
        // SEG-71: why a row may not be chosen, only on the rows that may not.
        if !model.eligible { members.append(.init("ineligible_reasons", .array(model.reasons.map { .string($0.rawValue) }))) }
        if stability { members.append(.init("stability", model.stability.map { .number(score($0)) } ?? .null)) }
        return members
    }

    static func linkage(_ tree: WardLinkage) -> JSONValue {
        .array(tree.merges.map { .array([int($0.left), int($0.right), .number(score($0.height)), int($0.size)]) })
    }

    static func skipped(_ result: SegmentationBenchmark) -> JSONValue {
        .array(result.skipped.map { .object([.init("k", int($0.k)), .init("reason", .string($0.reason))]) })
    }

    static func approximations(_ result: SegmentationBenchmark) -> JSONValue {
        .array(
            result.approximations.map {
                .object([.init("quantity", .string($0.quantity)), .init("method", .string($0.method)), .init("size", int($0.size))])
            })
    }

    static func int(_ value: Int) -> JSONValue { .number(Double(value)) }

    /// A mean written with exactly two decimals, a point and no grouping (SEG-58), from its NUM-2 rounding.
    static func twoDecimals(_ value: Double) -> String {
        let cents = Int((abs(money(value)) * 100).rounded())
        let fraction = cents % 100
        return "\(value < 0 && cents != 0 ? "-" : "")\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
