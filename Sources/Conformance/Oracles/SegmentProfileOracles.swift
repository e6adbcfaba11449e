/// The oracles of `segment_cluster_profiles` (spec/segment_cluster_profiles.md) and `segment_subsegment_explore`
/// (spec/segment_subsegment_explore.md). They take the labels from the request when given and otherwise from the
/// response, and recompute from the request's features everything the labels determine: sizes, shares, means,
/// quartiles, lifts, categories, persona levels, the sub-segments' place in the tree and the sub-segmentation's
/// metrics on features standardised within the parent.
enum SegmentProfileOracles {
    static let profiles = Oracle(
        name: "segment_cluster_profiles.statistics",
        summary: "Population mean, ddof-0 std and quartiles (PROF-7); per segment, in PROF-11's order, size, share, mean, "
            + "quartiles and lift_z (PROF-8), top categories with penetration and lift (PROF-10) and persona levels from the "
            + "written lift_z (PROF-8, PROF-9); the given labels echoed (PROF-4)."
    ) { request, response in
        checkProfiles(request: request, response: response)
    }

    static let subsegments = Oracle(
        name: "segment_subsegment_explore.subsegments",
        summary: "Members of the parent in payload order (SUB-4, SUB-12), sub-segment ids, sizes, shares and centroids "
            + "(SUB-5, SUB-13), vs_parent from z-scores within the parent (SUB-7), persona levels against the whole "
            + "request (SUB-6), the tree (SUB-10) and the best model's metrics on the parent's own z-scores (SUB-4)."
    ) { request, response in
        checkSubsegments(request: request, response: response)
    }

    static let all = [profiles, subsegments]

    // MARK: - Shared

    /// The names PROF-6 gives the features of each dialect, in SEG-17's order, and the persona roles.
    static func names(_ input: SegmentationOracles.Input) -> [String] {
        input.benchmark ? ["frequency", "amount_spent", "product_type_count"] : SegmentationOracles.featureNames
    }

    static func roles(_ input: SegmentationOracles.Input) -> [(role: String, feature: Int)] {
        input.benchmark
            ? [("spend", 1), ("frequency", 0), ("breadth", 2)] : [("spend", 0), ("frequency", 1), ("breadth", 3), ("recency", 5)]
    }

    static func decimals(_ name: String) -> Int { name == "loyalty_score" ? 4 : 2 }

    /// The rows' labels as the request gives them, or nil when no row has one.
    static func givenLabels(_ request: JSON) -> [Int]? {
        let rows = request["customers"]?.array ?? request["data"]?.array ?? []
        let labels = rows.compactMap { $0["cluster_id"]?.number.flatMap { Int(exactly: $0) } }
        return labels.count == rows.count && !rows.isEmpty ? labels : nil
    }

    /// Mean and ddof-0 standard deviation of some values; σ is 0 when all values are equal (SEG-18).
    static func moments(_ values: [Double]) -> (mean: Double, std: Double) {
        var sum = 0.0
        for v in values { sum += v }
        let mean = sum / Double(values.count)
        if values.allSatisfy({ $0 == values[0] }) { return (values[0], 0) }
        var squares = 0.0
        for v in values { squares += (v - mean) * (v - mean) }
        return (mean, (squares / Double(values.count)).squareRoot())
    }

    /// The segments of a labelling in ascending id with −1 last (PROF-11, SUB-5), with their members in payload order.
    static func segments(_ labels: [Int]) -> [(id: Int, members: [Int])] {
        var ids = Array(Set(labels)).sorted()
        if ids.first == -1 { ids.append(ids.removeFirst()) }
        return ids.map { id in (id, labels.indices.filter { labels[$0] == id }) }
    }

    /// SEG-41: the level of a z-score from its value written with 4 decimals.
    static func level(_ z: Double) -> String {
        let written = (z * 10_000).rounded() / 10_000
        return written >= 0.5 ? "high" : written <= -0.5 ? "low" : "mid"
    }

    /// Persona levels of a group of rows against a reference population (SEG-41).
    static func checkLevels(
        _ checker: inout Checker, _ clause: String, _ pointer: String, _ input: SegmentationOracles.Input, members: [Int],
        population: [(mean: Double, std: Double)], _ what: String
    ) {
        for (role, feature) in roles(input) {
            var sum = 0.0
            for i in members { sum += input.vectors[i][feature] }
            let mean = sum / Double(members.count)
            let z = population[feature].std == 0 ? 0 : (mean - population[feature].mean) / population[feature].std
            checker.string(clause, JSON.pointer(JSON.pointer(pointer, "levels"), role), level(z), "\(what): \(role) level")
        }
    }

    // MARK: - segment_cluster_profiles

    static func checkProfiles(request: JSON, response: JSON) -> [Finding] {
        guard let input = SegmentationOracles.input(request) else { return SegmentationOracles.invalidRequest() }
        var checker = Checker(response: response)
        let n = input.n
        let given = givenLabels(request)
        checker.string("PROF-4", "/labels_source", given == nil ? "segmentation" : "request", "labels_source")
        // The labels: the request's, echoed (PROF-4), or the response's own.
        guard let rows = checker.array("PROF-12", "/customer_labels", count: n, "customer_labels") else { return checker.findings }
        var labels: [Int] = []
        for (i, row) in rows.enumerated() {
            let pointer = JSON.pointer("/customer_labels", i)
            checker.string("PROF-12", JSON.pointer(pointer, "customer_id"), input.ids[i], "customer \(i)'s id")
            guard let label = row["cluster_id"]?.number.flatMap({ Int(exactly: $0) }) else {
                checker.report("PROF-12", JSON.pointer(pointer, "cluster_id"), expected: "an integer", actual: row.text, "customer \(i)'s label")
                return checker.findings
            }
            if let given, given[i] != label {
                checker.report("PROF-4", JSON.pointer(pointer, "cluster_id"), expected: String(given[i]), actual: String(label), "given label")
            }
            labels.append(label)
        }
        let names = names(input)
        let population = names.indices.map { f in moments(input.vectors.map { $0[f] }) }
        checker.integer("PROF-7", "/population/size", n, "population size")
        for f in names.indices {
            let base = JSON.pointer("/population/features", names[f])
            let sorted = input.vectors.map { $0[f] }.sorted()
            let d = decimals(names[f])
            checker.rounded("PROF-7", JSON.pointer(base, "mean"), population[f].mean, decimals: d, "\(names[f]) mean")
            checker.rounded("PROF-7", JSON.pointer(base, "std"), population[f].std, decimals: d, "\(names[f]) std")
            checkQuartiles(&checker, "PROF-7", base, sorted, decimals: d, names[f])
        }
        let segments = segments(labels)
        guard checker.array("PROF-11", "/clusters", count: segments.count, "one item per segment") != nil else { return checker.findings }
        // PROF-10: customers of the whole request holding each category.
        let types = (request["customers"]?.array ?? []).map { Set(($0["product_types"]?.array ?? []).compactMap(\.string)) }
        var holders: [String: Int] = [:]
        for set in types { for type in set { holders[type, default: 0] += 1 } }
        for (c, segment) in segments.enumerated() {
            let base = JSON.pointer("/clusters", c)
            let size = segment.members.count
            checker.integer("PROF-11", JSON.pointer(base, "cluster_id"), segment.id, "segment order")
            checker.integer("PROF-11", JSON.pointer(base, "size"), size, "segment \(segment.id) size")
            checker.rounded("PROF-11", JSON.pointer(base, "share"), Double(size) / Double(n), decimals: 4, "segment \(segment.id) share")
            for f in names.indices {
                let pointer = JSON.pointer(JSON.pointer(base, "features"), names[f])
                let values = segment.members.map { input.vectors[$0][f] }
                var sum = 0.0
                for v in values { sum += v }
                let mean = sum / Double(size)
                let d = decimals(names[f])
                checker.rounded("PROF-8", JSON.pointer(pointer, "mean"), mean, decimals: d, "segment \(segment.id) \(names[f]) mean")
                checkQuartiles(&checker, "PROF-8", pointer, values.sorted(), decimals: d, "segment \(segment.id) \(names[f])")
                let lift = population[f].std == 0 ? 0 : (mean - population[f].mean) / population[f].std
                checker.rounded("PROF-8", JSON.pointer(pointer, "lift_z"), lift, decimals: 4, "segment \(segment.id) \(names[f]) lift_z")
            }
            checkCategories(&checker, JSON.pointer(base, "top_categories"), segment.members, types, holders, n: n, "segment \(segment.id)")
            let persona = JSON.pointer(base, "persona")
            if segment.id == -1 { checker.string("PROF-9", JSON.pointer(persona, "key"), "unclustered", "the noise segment's persona") }
            checkLevels(&checker, "PROF-9", persona, input, members: segment.members, population: population, "segment \(segment.id)")
        }
        return checker.findings
    }

    static func checkQuartiles(_ checker: inout Checker, _ clause: String, _ base: String, _ sorted: [Double], decimals: Int, _ what: String) {
        for (member, k) in [("p25", 1), ("median", 2), ("p75", 3)] {
            checker.rounded(clause, JSON.pointer(base, member), OracleMath.percentile(sorted, k, 4), decimals: decimals, "\(what) \(member)")
        }
    }

    /// PROF-10: at most five categories by members holding them, ties in ascending code-point order; [] without categories.
    static func checkCategories(
        _ checker: inout Checker, _ pointer: String, _ members: [Int], _ types: [Set<String>], _ holders: [String: Int], n: Int, _ what: String
    ) {
        var counts: [String: Int] = [:]
        for i in members where i < types.count { for type in types[i] { counts[type, default: 0] += 1 } }
        let ranked = counts.sorted {
            $0.value != $1.value
                ? $0.value > $1.value : Array($0.key.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.key.unicodeScalars.map(\.value))
        }
        .prefix(5)
        guard checker.array("PROF-10", pointer, count: ranked.count, "\(what) top_categories") != nil else { return }
        for (index, (category, count)) in ranked.enumerated() {
            let item = JSON.pointer(pointer, index)
            checker.string("PROF-10", JSON.pointer(item, "category"), category, "\(what) category \(index)")
            checker.integer("PROF-10", JSON.pointer(item, "customers"), count, "\(what) \(category) holders")
            let share = Double(count) / Double(members.count)
            checker.rounded("PROF-10", JSON.pointer(item, "share"), share, decimals: 4, "\(what) \(category) share")
            checker.rounded(
                "PROF-10", JSON.pointer(item, "lift"), share / (Double(holders[category] ?? 1) / Double(n)), decimals: 4, "\(what) \(category) lift")
        }
    }

    // MARK: - segment_subsegment_explore

    static func checkSubsegments(request: JSON, response: JSON) -> [Finding] {
        guard let input = SegmentationOracles.input(request), let parentId = request["parent_id"]?.number.flatMap({ Int(exactly: $0) }) else {
            return SegmentationOracles.invalidRequest()
        }
        var checker = Checker(response: response)
        let n = input.n
        let given = givenLabels(request)
        checker.string("SUB-2", "/labels_source", given == nil ? "segmentation" : "request", "labels_source")
        // The parent's members: from the given labels, else as many as the response's parent size says, by id.
        let ids = Dictionary(input.ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        guard let rows = response["customer_labels"]?.array else {
            checker.report("SUB-12", "/customer_labels", expected: "an array", actual: "missing", "customer_labels")
            return checker.findings
        }
        var members: [Int] = []
        var subLabels: [Int] = []
        let prefix = "\(parentId)."
        for (index, row) in rows.enumerated() {
            let pointer = JSON.pointer("/customer_labels", index)
            guard let id = row["customer_id"]?.string, let i = ids[id], let label = row["subsegment_id"]?.string, label.hasPrefix(prefix),
                let j = Int(label.dropFirst(prefix.count)), j >= -1
            else {
                checker.report("SUB-5", pointer, expected: "{customer_id, subsegment_id \"\(prefix)j\"}", actual: row.text, "a member's label")
                return checker.findings
            }
            members.append(i)
            subLabels.append(j)
        }
        if members != members.sorted() { checker.report("SUB-12", "/customer_labels", expected: "payload order", actual: "another order", "members") }
        if let given {
            let expected = given.indices.filter { given[$0] == parentId }
            if members != expected {
                checker.report(
                    "SUB-4", "/customer_labels", expected: "\(expected.count) members with cluster_id \(parentId)",
                    actual: "\(members.count) members",
                    "the parent's members")
                return checker.findings
            }
        }
        let names = names(input)
        let population = names.indices.map { f in moments(input.vectors.map { $0[f] }) }
        let parent = names.indices.map { f in moments(members.map { input.vectors[$0][f] }) }
        checker.integer("SUB-9", "/parent/cluster_id", parentId, "parent id")
        checker.integer("SUB-9", "/parent/size", members.count, "parent size")
        checker.rounded("SUB-13", "/parent/share", Double(members.count) / Double(n), decimals: 4, "parent share")
        checkLevels(&checker, "SUB-9", "/parent/persona", input, members: members, population: population, "parent")

        let children = segments(subLabels).map { (id: $0.id, members: $0.members.map { members[$0] }) }
        guard checker.array("SUB-5", "/subsegments", count: children.count, "one item per sub-segment") != nil else { return checker.findings }
        for (c, child) in children.enumerated() {
            let base = JSON.pointer("/subsegments", c)
            let what = "sub-segment \(prefix)\(child.id)"
            checker.string("SUB-5", JSON.pointer(base, "id"), "\(prefix)\(child.id)", "sub-segment order")
            checker.integer("SUB-5", JSON.pointer(base, "size"), child.members.count, "\(what) size")
            checker.rounded("SUB-13", JSON.pointer(base, "share_of_parent"), Double(child.members.count) / Double(members.count), decimals: 4, what)
            checker.rounded("SUB-13", JSON.pointer(base, "share"), Double(child.members.count) / Double(n), decimals: 4, what)
            for f in names.indices {
                var sum = 0.0
                for i in child.members { sum += input.vectors[i][f] }
                checker.rounded(
                    "SUB-13", JSON.pointer(JSON.pointer(base, "centroid"), names[f]), sum / Double(child.members.count), decimals: decimals(names[f]),
                    "\(what) \(names[f]) centroid")
            }
            checkLevels(&checker, "SUB-6", JSON.pointer(base, "persona"), input, members: child.members, population: population, what)
            for (role, feature) in roles(input) {
                var sum = 0.0
                for i in child.members { sum += input.vectors[i][feature] }
                let z = parent[feature].std == 0 ? 0 : (sum / Double(child.members.count) - parent[feature].mean) / parent[feature].std
                let expected = ["low": "lower", "mid": "similar", "high": "higher"][level(z)]!
                checker.string("SUB-7", JSON.pointer(JSON.pointer(base, "vs_parent"), role), expected, "\(what) vs parent on \(role)")
            }
        }
        checkTree(&checker, given: given, parentId: parentId, children: children, n: n)
        checkSubsegmentMetrics(&checker, input, members: members, subLabels: subLabels)
        return checker.findings
    }

    /// SUB-10: root, parent-level segments (sizes from the given labels when there are any), the explored parent's children.
    static func checkTree(_ checker: inout Checker, given: [Int]?, parentId: Int, children: [(id: Int, members: [Int])], n: Int) {
        checker.string("SUB-10", "/tree/id", "all", "the root")
        checker.integer("SUB-10", "/tree/size", n, "the root's size")
        checker.integer("SUB-10", "/tree/share", 1, "the root's share")
        guard let nodes = checker.response[pointer: "/tree/children"]?.array else {
            checker.report("SUB-10", "/tree/children", expected: "an array", actual: "missing", "the parent-level nodes")
            return
        }
        if let given {
            let parents = segments(given)
            guard checker.array("SUB-10", "/tree/children", count: parents.count, "one node per parent-level segment") != nil else { return }
            for (p, segment) in parents.enumerated() {
                let base = JSON.pointer("/tree/children", p)
                checker.string("SUB-10", JSON.pointer(base, "id"), String(segment.id), "parent-level order")
                checker.integer("SUB-10", JSON.pointer(base, "size"), segment.members.count, "segment \(segment.id) size")
                checker.rounded("SUB-10", JSON.pointer(base, "share"), Double(segment.members.count) / Double(n), decimals: 4, "segment share")
            }
        }
        guard let index = nodes.firstIndex(where: { $0["id"]?.string == String(parentId) }) else {
            checker.report("SUB-10", "/tree/children", expected: "a node \"\(parentId)\"", actual: "none", "the explored parent's node")
            return
        }
        for (p, node) in nodes.enumerated() where p != index && node["children"]?.array?.isEmpty != true {
            checker.report(
                "SUB-10", JSON.pointer(JSON.pointer("/tree/children", p), "children"), expected: "[]", actual: "children",
                "only the explored parent has children")
        }
        let base = JSON.pointer(JSON.pointer("/tree/children", index), "children")
        guard checker.array("SUB-10", base, count: children.count, "the explored parent's children") != nil else { return }
        for (c, child) in children.enumerated() {
            let node = JSON.pointer(base, c)
            checker.string("SUB-10", JSON.pointer(node, "id"), "\(parentId).\(child.id)", "child order")
            checker.integer("SUB-10", JSON.pointer(node, "size"), child.members.count, "child size")
            if let name = checker.response[pointer: JSON.pointer(JSON.pointer("/subsegments", c), "persona/name")]?.string {
                checker.string("SUB-10", JSON.pointer(node, "name"), name, "child name = its persona's")
            }
        }
    }

    /// SUB-4: the best model's metrics are those of the returned sub-labels on the features z-scored within the parent.
    static func checkSubsegmentMetrics(_ checker: inout Checker, _ input: SegmentationOracles.Input, members: [Int], subLabels: [Int]) {
        guard let best = checker.response["best_model"], best != .null, !members.isEmpty else { return }
        let sampled = (checker.response["approximations"]?.array ?? []).contains { $0["quantity"]?.string == "silhouette" }
        let inner = SegmentationOracles.Input(
            benchmark: input.benchmark, ids: members.map { input.ids[$0] }, vectors: members.map { input.vectors[$0] }, names: input.names,
            spend: input.spend, preprocessing: input.preprocessing, selection: input.selection)
        let row = SegmentationOracles.Row(
            pointer: "/best_model", json: best, family: nil, k: nil, silhouette: best["silhouette"]?.number,
            daviesBouldin: best["davies_bouldin"]?.number, calinskiHarabasz: best["calinski_harabasz"]?.number,
            nClusters: best["n_clusters"]?.number.flatMap { Int(exactly: $0) }, noiseRatio: best["noise_ratio"]?.number,
            eligible: best["eligible"]?.bool)
        SegmentationOracles.checkRow(
            &checker, row, SegmentationOracles.scores(SegmentationOracles.scaled(inner), subLabels), sampled: sampled,
            "the sub-segmentation's best model")
    }
}
