import Foundation

/// The oracles of `purchasing_segmentation` (spec/purchasing_segmentation.md), for both dialects: the benchmark
/// dialect (`customers`, source 4.1.7) and the features dialect (`data`, source 4.1.1). Everything is recomputed from
/// the request's features and the RESPONSE's own labels (the models themselves are not refitted): coverage of the
/// labels, centroids and sizes, the chosen model's metrics, the choice of the best model and the Ward tree.
enum SegmentationOracles {
    static let labelsCoverRequest = Oracle(
        name: "purchasing_segmentation.labels_cover_request",
        summary: "Every request customer is labelled exactly once in the dialect's shape (SEG-56, SEG-59, SEG-60), with "
            + "ids −1 or 0…K−1 without gaps (SEG-32, SEG-33), K and the noise as the best model reports them, and the "
            + "one-segment labelling when no model is eligible (SEG-40)."
    ) { request, response in
        checkLabels(request: request, response: response)
    }

    static let centroids = Oracle(
        name: "purchasing_segmentation.centroids",
        summary: "Centroids are the member means of the request's features in original units (SEG-32, 2 decimals, "
            + "loyalty_score 4), clusters are numbered by ascending mean spend (SEG-33), and the sizes and shares of "
            + "cluster_legend (SEG-59) or clusters (SEG-62) match the labels."
    ) { request, response in
        checkCentroids(request: request, response: response)
    }

    static let metrics = Oracle(
        name: "purchasing_segmentation.metrics",
        summary: "Silhouette, Davies–Bouldin and Calinski–Harabasz of the best model recomputed naively from the returned "
            + "labels on the z-scored features (SEG-18, SEG-34 to SEG-37, 4 decimals); in the benchmark dialect also every "
            + "agglo row from the cut of the returned Ward tree (SEG-30)."
    ) { request, response in
        checkMetrics(request: request, response: response)
    }

    static let bestModel = Oracle(
        name: "purchasing_segmentation.best_model",
        summary: "Rows in candidate order (SEG-21), eligibility and the −1 silhouette of ineligible rows (SEG-38), and the "
            + "best model as the argmax of the written rows under SEG-39's ordering, or null (SEG-40)."
    ) { request, response in
        checkBestModel(request: request, response: response)
    }

    static let dendrogram = Oracle(
        name: "purchasing_segmentation.dendrogram",
        summary: "The linkage matrix in SciPy's format (SEG-29, SEG-59): n − 1 rows, ids below n + row, each id merged once, "
            + "sizes adding up, non-decreasing heights equal to the Ward distances (4 decimals) of the closest pair, and "
            + "the cut into k clusters equal to the agglo labels up to renaming (SEG-30)."
    ) { request, response in
        checkDendrogram(request: request, response: response)
    }

    static let all = [labelsCoverRequest, centroids, metrics, bestModel, dendrogram]

    // MARK: - The request

    /// A request's customers as the oracles see them (SEG-17): ids and feature vectors in payload order.
    struct Input {
        /// True for the benchmark dialect (`customers`), false for the features dialect (`data`).
        let benchmark: Bool
        let ids: [String]
        /// v_i in original units, features in SEG-17's order.
        let vectors: [[Double]]
        /// The features dialect's feature names, in order (the centroid members of SEG-62).
        let names: [String]
        /// The index of the spend feature (SEG-17).
        let spend: Int
        /// The request's `preprocessing` (SEG-68); nil is `"auto"`.
        var preprocessing: JSON? = nil
        /// The request's `selection` (SEG-70); nil is the defaults.
        var selection: JSON? = nil
        var n: Int { ids.count }
        /// The names `preprocessing` uses, in column order.
        var transformNames: [String] { benchmark ? ["frequency", "amount_spent", "product_type_count"] : names }
    }

    static let featureNames = ["purchase_total", "visit_frequency", "avg_ticket", "product_diversity", "loyalty_score", "recency_days"]

    /// The request's customers, or nil when the body is not a valid request of either dialect (SEG-2).
    static func input(_ request: JSON) -> Input? {
        if let customers = request["customers"]?.array, request["data"] == nil, !customers.isEmpty {
            var ids: [String] = []
            var vectors: [[Double]] = []
            for customer in customers {
                guard let id = customer["id"]?.string, let frequency = customer["frequency"]?.number,
                    let spent = customer["amount_spent"]?.number, let types = customer["product_types"]?.array
                else { return nil }
                // SEG-5, SEG-17: breadth is the number of DISTINCT strings.
                var distinct = Set<String>()
                for type in types { if let s = type.string { distinct.insert(s) } }
                ids.append(id)
                vectors.append([frequency, spent, Double(distinct.count)])
            }
            return Input(
                benchmark: true, ids: ids, vectors: vectors, names: ["frequency", "amount_spent", "product_types"], spend: 1,
                preprocessing: request["preprocessing"], selection: request["selection"])
        }
        if let data = request["data"]?.array, request["customers"] == nil, !data.isEmpty {
            var ids: [String] = []
            var vectors: [[Double]] = []
            for row in data {
                guard let id = row["customer_id"]?.string else { return nil }
                var vector: [Double] = []
                for name in featureNames {
                    guard let value = row["features"]?[name]?.number else { return nil }
                    vector.append(value)
                }
                ids.append(id)
                vectors.append(vector)
            }
            return Input(
                benchmark: false, ids: ids, vectors: vectors, names: featureNames, spend: 0, preprocessing: request["preprocessing"],
                selection: request["selection"])
        }
        return nil
    }

    static func invalidRequest() -> [Finding] {
        [
            Finding(
                clause: "SEG-2", pointer: "", expected: "a valid request of one dialect", actual: "not one",
                message: "the request is not a valid purchasing_segmentation body: the oracle cannot check the response")
        ]
    }

    /// SEG-18: z-scores with the population standard deviation; a column whose values are all equal scales to 0.
    /// SEG-20 applies it after SEG-68's transforms of the request.
    static func scaled(_ input: Input) -> [[Double]] {
        let n = input.n
        let dims = input.vectors[0].count
        let logged = SegmentationSelection.transforms(input).map { $0 == "log1p" }
        let vectors = input.vectors.map { v in (0..<dims).map { logged[$0] ? log1p(v[$0]) : v[$0] } }
        var x = [[Double]](repeating: [Double](repeating: 0, count: dims), count: n)
        for f in 0..<dims {
            var constant = true
            var sum = 0.0
            for i in 0..<n {
                sum += vectors[i][f]
                if vectors[i][f] != vectors[0][f] { constant = false }
            }
            if constant { continue }
            let mean = sum / Double(n)
            var squares = 0.0
            for i in 0..<n {
                let d = vectors[i][f] - mean
                squares += d * d
            }
            let sd = (squares / Double(n)).squareRoot()
            for i in 0..<n { x[i][f] = (vectors[i][f] - mean) / sd }
        }
        return x
    }

    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for f in 0..<a.count {
            let d = a[f] - b[f]
            sum += d * d
        }
        return sum.squareRoot()
    }

    // MARK: - The response's labels

    /// The pointer of customer i's label: `/labels/<id>` (benchmark) or `/customer_labels/i/cluster_id` (features).
    static func labelPointer(_ input: Input, _ i: Int) -> String {
        input.benchmark ? JSON.pointer("/labels", input.ids[i]) : JSON.pointer(JSON.pointer("/customer_labels", i), "cluster_id")
    }

    static func labelsContainer(_ benchmark: Bool) -> String { benchmark ? "/labels" : "/customer_labels" }

    /// Every customer's label as written, or nil when one is missing or not an integer ≥ −1.
    static func labels(_ input: Input, _ response: JSON) -> [Int]? {
        var labels: [Int] = []
        for i in 0..<input.n {
            guard let value = response[pointer: labelPointer(input, i)]?.number, let label = Int(exactly: value), label >= -1 else {
                return nil
            }
            labels.append(label)
        }
        return labels
    }

    /// The oracles other than labels_cover_request need the labels; without them they say so once.
    static func unreadableLabels(_ input: Input) -> [Finding] {
        [
            Finding(
                clause: "SEG-56", pointer: labelsContainer(input.benchmark), expected: "an integer label ≥ −1 per customer",
                actual: "missing or malformed", message: "the labels are unreadable: see purchasing_segmentation.labels_cover_request")
        ]
    }

    // MARK: - The benchmark rows

    /// One row of `benchmark` (SEG-55) or `evaluation_metrics` (SEG-61), normalised across the dialects.
    struct Row {
        let pointer: String
        let json: JSON
        /// SEG-21, SEG-39: kmeans 0, gmm 1, agglo 2, dbscan 3; nil for an unknown name.
        let family: Int?
        let k: Int?
        let silhouette: Double?
        let daviesBouldin: Double?
        let calinskiHarabasz: Double?
        let nClusters: Int?
        let noiseRatio: Double?
        let eligible: Bool?
    }

    static let benchmarkFamilies = ["kmeans", "gmm", "agglo", "dbscan"]
    static let featuresFamilies = ["KMeans", "GaussianMixture", "Agglomerative", "DBSCAN"]

    static func rows(_ input: Input, _ response: JSON) -> [Row] {
        let base = input.benchmark ? "/benchmark" : "/evaluation_metrics"
        var rows: [Row] = []
        for (index, row) in (response[pointer: base]?.array ?? []).enumerated() {
            let family =
                input.benchmark
                ? row["algo"]?.string.flatMap { benchmarkFamilies.firstIndex(of: $0) }
                : row["algorithm"]?.string.flatMap { featuresFamilies.firstIndex(of: $0) }
            let k = (input.benchmark ? row["k"] : row["params"]?["k"])?.number.flatMap { Int(exactly: $0) }
            rows.append(
                Row(
                    pointer: JSON.pointer(base, index), json: row, family: family, k: k, silhouette: row["silhouette"]?.number,
                    daviesBouldin: row["davies_bouldin"]?.number, calinskiHarabasz: row["calinski_harabasz"]?.number,
                    nClusters: row["n_clusters"]?.number.flatMap { Int(exactly: $0) }, noiseRatio: row["noise_ratio"]?.number,
                    eligible: row["eligible"]?.bool))
        }
        return rows
    }

    enum Best {
        /// The response names no best model (SEG-40).
        case none
        /// The row the response names as best (matched by family and k, not by value, so that a row whose numbers
        /// are off is still found).
        case row(Row)
        /// The response names a best model that matches no row.
        case unmatched
    }

    static func best(_ input: Input, _ response: JSON, _ rows: [Row]) -> Best {
        if input.benchmark {
            guard let best = response["best_model"], best != .null else { return .none }
            let family = best["algo"]?.string.flatMap { benchmarkFamilies.firstIndex(of: $0) }
            let k = best["k"]?.number.flatMap { Int(exactly: $0) }
            // SEG-72: DBSCAN's tries share k = null and differ in eps.
            return rows.first { $0.family == family && $0.k == k && family != nil && $0.json["eps"] == best["eps"] }.map { .row($0) }
                ?? .unmatched
        }
        guard let algorithm = response["best_algorithm"], algorithm != .null else { return .none }
        let params = response["best_params"] ?? .null
        return rows.first { $0.json["algorithm"] == algorithm && $0.json["params"] == params }.map { .row($0) } ?? .unmatched
    }

    // MARK: - labels_cover_request

    static func checkLabels(request: JSON, response: JSON) -> [Finding] {
        guard let input = input(request) else { return invalidRequest() }
        var checker = Checker(response: response)
        let n = input.n
        if input.benchmark {
            // SEG-56, SEG-59 table: an object id → cluster with exactly the request's ids.
            guard let object = checker.value("SEG-56", "/labels", "labels")?.object else {
                if response["labels"] != nil {
                    checker.report("SEG-56", "/labels", expected: "an object id → cluster", actual: response["labels"]!.text, "labels")
                }
                return checker.findings
            }
            let ids = Set(input.ids)
            for key in object.keys.sorted() where !ids.contains(key) {
                checker.report(
                    "SEG-56", JSON.pointer("/labels", key), expected: "no label", actual: object[key]!.text,
                    "labels names a customer that is not in the request")
            }
        } else {
            // SEG-60 table: `customer_labels`, every customer in payload order, `{customer_id, cluster_id}`.
            guard checker.array("SEG-60", "/customer_labels", count: n, "one customer_labels entry per request customer") != nil else {
                return checker.findings
            }
            for i in 0..<n {
                let entry = JSON.pointer("/customer_labels", i)
                checker.members("SEG-60", entry, ["customer_id", "cluster_id"], "customer_labels entry")
                checker.string("SEG-60", JSON.pointer(entry, "customer_id"), input.ids[i], "customer_id in payload order")
            }
        }
        // Each customer exactly once: one integer label ≥ −1 at its pointer.
        var labels: [Int] = []
        for i in 0..<n {
            let pointer = labelPointer(input, i)
            guard let value = checker.value("SEG-56", pointer, "label of customer \(input.ids[i])") else { continue }
            guard let number = value.number, let label = Int(exactly: number), label >= -1 else {
                checker.report("SEG-33", pointer, expected: "an integer ≥ −1", actual: value.text, "label of customer \(input.ids[i])")
                continue
            }
            labels.append(label)
        }
        guard labels.count == n else { return checker.findings }

        // SEG-33: the clusters other than noise are numbered 0 … K−1, without gaps.
        let used = Set(labels.filter { $0 >= 0 })
        let k = (labels.max() ?? -1) + 1
        for c in 0..<max(k, 0) where !used.contains(c) {
            checker.report(
                "SEG-33", labelsContainer(input.benchmark), expected: "cluster ids 0…\(k - 1) all used", actual: "no customer in cluster \(c)",
                "cluster ids must be 0 … K−1 without gaps")
        }
        let rows = rows(input, response)
        switch best(input, response, rows) {
        case .none:
            // SEG-40: no eligible model → every customer in cluster 0.
            for i in 0..<n where labels[i] != 0 {
                checker.report(
                    "SEG-40", labelPointer(input, i), expected: "0", actual: String(labels[i]),
                    "no best model: every customer is labelled 0")
            }
        case .unmatched:
            break  // best_model reports this.
        case .row(let row):
            // SEG-32: n_clusters is the number of distinct labels other than −1.
            if let written = row.nClusters, written != used.count {
                checker.report(
                    "SEG-32", labelsContainer(input.benchmark), expected: "\(written) clusters (the best model's n_clusters)",
                    actual: "\(used.count) clusters", "the labels do not form the best model's clusters")
            }
            // SEG-31: only DBSCAN labels noise; its noise ratio is noise / n (4 decimals, SEG-63).
            let noise = labels.filter { $0 == -1 }.count
            if row.family == 3 {
                checker.rounded("SEG-31", JSON.pointer(row.pointer, "noise_ratio"), Double(noise) / Double(n), decimals: 4, "noise_ratio = noise / n")
            } else {
                for i in 0..<n where labels[i] == -1 {
                    checker.report(
                        "SEG-31", labelPointer(input, i), expected: "a cluster 0…\(k - 1)", actual: "-1", "only a DBSCAN model labels noise")
                }
            }
        }
        return checker.findings
    }

    // MARK: - centroids

    static func checkCentroids(request: JSON, response: JSON) -> [Finding] {
        guard let input = input(request) else { return invalidRequest() }
        guard let labels = labels(input, response) else { return unreadableLabels(input) }
        var checker = Checker(response: response)
        let n = input.n
        let dims = input.vectors[0].count
        let k = (labels.max() ?? -1) + 1
        // SEG-32: per-cluster member means in original units, sums in payload order (SEG-19).
        var sizes = [Int](repeating: 0, count: k)
        var sums = [[Double]](repeating: [Double](repeating: 0, count: dims), count: k)
        var first = [Int](repeating: -1, count: k)
        var noise = 0
        for i in 0..<n {
            let c = labels[i]
            if c < 0 {
                noise += 1
                continue
            }
            if first[c] < 0 { first[c] = i }
            sizes[c] += 1
            for f in 0..<dims { sums[c][f] += input.vectors[i][f] }
        }
        var means = sums
        for c in 0..<k where sizes[c] > 0 {
            for f in 0..<dims { means[c][f] = sums[c][f] / Double(sizes[c]) }
        }
        let items = k + (noise > 0 ? 1 : 0)

        if input.benchmark {
            // SEG-56 table: centroids [frequency, amount_spent, product types] indexed by cluster id; noise has none.
            if let centroids = checker.array("SEG-56", "/centroids", count: k, "one centroid per cluster other than noise") {
                for c in 0..<k where sizes[c] > 0 {
                    let pointer = JSON.pointer("/centroids", c)
                    guard centroids[c].array?.count == dims else {
                        checker.report("SEG-56", pointer, expected: "[frequency, amount_spent, product types]", actual: centroids[c].text, "centroid")
                        continue
                    }
                    for f in 0..<dims {
                        checker.rounded("SEG-32", JSON.pointer(pointer, f), means[c][f], decimals: 2, "mean \(input.names[f]) of cluster \(c)")
                    }
                }
            }
            // SEG-59: the legend, ascending id then noise, with size, mean amount_spent and mean frequency.
            if checker.array("SEG-59", "/dendrogram/cluster_legend", count: items, "one legend item per cluster, noise last") != nil {
                for item in 0..<items {
                    let pointer = JSON.pointer("/dendrogram/cluster_legend", item)
                    let c = item < k ? item : -1
                    checker.integer("SEG-59", JSON.pointer(pointer, "cluster_id"), c, "legend item \(item): cluster id")
                    checker.integer("SEG-59", JSON.pointer(pointer, "size"), c >= 0 ? sizes[c] : noise, "members of cluster \(c)")
                    if c >= 0 {
                        checker.rounded("SEG-59", JSON.pointer(pointer, "avg_spend"), means[c][1], decimals: 2, "mean amount_spent of cluster \(c)")
                        checker.rounded("SEG-59", JSON.pointer(pointer, "avg_frequency"), means[c][0], decimals: 2, "mean frequency of cluster \(c)")
                    }
                }
            }
        } else {
            // SEG-62: clusters in ascending id, noise last, with size, share = size / n (4) and the six means.
            if checker.array("SEG-60", "/clusters", count: items, "one clusters item per cluster, noise last") != nil {
                for item in 0..<items {
                    let pointer = JSON.pointer("/clusters", item)
                    let c = item < k ? item : -1
                    let size = c >= 0 ? sizes[c] : noise
                    checker.integer("SEG-62", JSON.pointer(pointer, "cluster_id"), c, "clusters item \(item): cluster id")
                    checker.integer("SEG-62", JSON.pointer(pointer, "size"), size, "members of cluster \(c)")
                    checker.rounded("SEG-62", JSON.pointer(pointer, "share"), Double(size) / Double(n), decimals: 4, "share of cluster \(c)")
                    // The noise item's centroid is not defined by SEG-32 ("noise has no centroid"): not checked.
                    guard c >= 0 else { continue }
                    let centroid = JSON.pointer(pointer, "centroid")
                    checker.members("SEG-62", centroid, input.names, "centroid of cluster \(c)")
                    for f in 0..<dims {
                        // SEG-63: loyalty_score means with 4 decimals, every other mean with 2.
                        checker.rounded(
                            "SEG-32", JSON.pointer(centroid, input.names[f]), means[c][f], decimals: input.names[f] == "loyalty_score" ? 4 : 2,
                            "mean \(input.names[f]) of cluster \(c)")
                    }
                }
            }
        }
        // SEG-33: ascending mean spend; equal means by the payload position of the first member.
        for c in 1..<max(k, 1) where sizes[c] > 0 && sizes[c - 1] > 0 {
            let previous = means[c - 1][input.spend]
            let current = means[c][input.spend]
            if previous > current || (previous == current && first[c - 1] > first[c]) {
                checker.report(
                    "SEG-33", input.benchmark ? JSON.pointer("/centroids", c) : JSON.pointer(JSON.pointer("/clusters", c), "cluster_id"),
                    expected: "mean spend ≥ \(OracleFormat.number(previous)) (cluster \(c - 1))", actual: OracleFormat.number(current),
                    "clusters are numbered in ascending order of mean spend")
            }
        }
        return checker.findings
    }

    // MARK: - metrics

    /// The three metrics of SEG-35 to SEG-37 of a labelling of `x`, noise (−1) left out (SEG-34); nil when undefined.
    struct Scores {
        let silhouette: Double
        let daviesBouldin: Double
        let calinskiHarabasz: Double
    }

    static func scores(_ x: [[Double]], _ labels: [Int]) -> Scores? {
        var points: [Int] = []
        for i in 0..<labels.count where labels[i] >= 0 { points.append(i) }
        // Renumber the clusters of the evaluated points 0 … K−1.
        var index: [Int: Int] = [:]
        for i in points where index[labels[i]] == nil { index[labels[i]] = index.count }
        let k = index.count
        let m = points.count
        // SEG-34: defined when 2 ≤ K ≤ n′ − 1.
        guard k >= 2, k <= m - 1 else { return nil }
        let dims = x[0].count
        var cluster = [Int](repeating: 0, count: labels.count)
        var sizes = [Int](repeating: 0, count: k)
        var centres = [[Double]](repeating: [Double](repeating: 0, count: dims), count: k)
        var overall = [Double](repeating: 0, count: dims)
        for i in points {
            let c = index[labels[i]]!
            cluster[i] = c
            sizes[c] += 1
            for f in 0..<dims {
                centres[c][f] += x[i][f]
                overall[f] += x[i][f]
            }
        }
        for c in 0..<k { for f in 0..<dims { centres[c][f] /= Double(sizes[c]) } }
        for f in 0..<dims { overall[f] /= Double(m) }

        // SEG-35: silhouette, O(n²) over all pairs.
        var silhouetteSum = 0.0
        for i in points {
            var totals = [Double](repeating: 0, count: k)
            for j in points where j != i { totals[cluster[j]] += distance(x[i], x[j]) }
            let own = cluster[i]
            guard sizes[own] >= 2 else { continue }  // s(i) = 0 for a singleton.
            let a = totals[own] / Double(sizes[own] - 1)
            var b = Double.infinity
            for c in 0..<k where c != own { b = min(b, totals[c] / Double(sizes[c])) }
            let top = max(a, b)
            if top > 0 { silhouetteSum += (b - a) / top }
        }
        // SEG-36: Davies–Bouldin with scikit-learn's zero conventions.
        var spread = [Double](repeating: 0, count: k)
        for i in points { spread[cluster[i]] += distance(x[i], centres[cluster[i]]) }
        for c in 0..<k { spread[c] /= Double(sizes[c]) }
        var allSpreadZero = true
        var allSeparationZero = true
        for c in 0..<k where spread[c].magnitude > 1e-8 { allSpreadZero = false }
        for c in 0..<k { for l in 0..<k where l != c && distance(centres[c], centres[l]).magnitude > 1e-8 { allSeparationZero = false } }
        var db = 0.0
        if !allSpreadZero && !allSeparationZero {
            for c in 0..<k {
                var worst = 0.0
                for l in 0..<k where l != c {
                    let d = distance(centres[c], centres[l])
                    if d > 0 { worst = max(worst, (spread[c] + spread[l]) / d) }
                }
                db += worst
            }
            db /= Double(k)
        }
        // SEG-37: Calinski–Harabasz, 1 when W = 0.
        var between = 0.0
        for c in 0..<k {
            let d = distance(centres[c], overall)
            between += Double(sizes[c]) * d * d
        }
        var within = 0.0
        for i in points {
            let d = distance(x[i], centres[cluster[i]])
            within += d * d
        }
        let ch = within == 0 ? 1 : (between / Double(k - 1)) / (within / Double(m - k))
        return Scores(silhouette: silhouetteSum / Double(m), daviesBouldin: db, calinskiHarabasz: ch)
    }

    static func checkRow(_ checker: inout Checker, _ row: Row, _ scores: Scores?, sampled: Bool, _ what: String) {
        guard let scores else {
            // SEG-34, SEG-38: undefined metrics are null and the silhouette −1.
            for member in ["davies_bouldin", "calinski_harabasz"] where row.json[member] != .null {
                checker.report(
                    "SEG-34", JSON.pointer(row.pointer, member), expected: "null", actual: row.json[member]?.text ?? "missing",
                    "\(what): the metrics are undefined for these labels")
            }
            return
        }
        // An ineligible row writes −1 (SEG-38, checked by best_model); otherwise the silhouette itself.
        if row.eligible != false && !sampled {
            checker.rounded("SEG-35", JSON.pointer(row.pointer, "silhouette"), scores.silhouette, decimals: 4, "\(what): silhouette")
        }
        checker.rounded("SEG-36", JSON.pointer(row.pointer, "davies_bouldin"), scores.daviesBouldin, decimals: 4, "\(what): Davies–Bouldin")
        checker.rounded(
            "SEG-37", JSON.pointer(row.pointer, "calinski_harabasz"), scores.calinskiHarabasz, decimals: 4, "\(what): Calinski–Harabasz")
    }

    static func checkMetrics(request: JSON, response: JSON) -> [Finding] {
        guard let input = input(request) else { return invalidRequest() }
        guard let labels = labels(input, response) else { return unreadableLabels(input) }
        var checker = Checker(response: response)
        SegmentationSelection.checkPreprocessing(&checker, input)
        let x = scaled(input)
        let rows = rows(input, response)
        // SEG-50: above exact_limit the silhouette is computed on a sample the oracle cannot redraw; skip it then.
        let sampled = (response["approximations"]?.array ?? []).contains { $0["quantity"]?.string == "silhouette" }
        if case .row(let row) = best(input, response, rows) {
            checkRow(&checker, row, scores(x, labels), sampled: sampled, "the best model")
        }
        // SEG-30: in the benchmark dialect every agglo row's labels are a cut of the returned tree (exact tree only).
        if input.benchmark, response[pointer: "/dendrogram/leaf_sizes"] == nil, let merges = wellFormedMerges(response, leaves: input.n) {
            for row in rows where row.family == 2 {
                guard let k = row.k, k >= 1, k <= input.n else { continue }
                checkRow(&checker, row, scores(x, cut(merges, leaves: input.n, k: k)), sampled: sampled, "agglo k = \(k) (cut of the dendrogram)")
            }
        }
        return checker.findings
    }

    // MARK: - best_model

    /// SEG-39's order: is `a` better than `b`? Written values; silhouette, then lower DB, fewer clusters, family, k.
    static func better(_ a: Row, _ b: Row) -> Bool {
        let sa = a.silhouette ?? -1
        let sb = b.silhouette ?? -1
        if sa != sb { return sa > sb }
        let da = a.daviesBouldin ?? .infinity
        let dbb = b.daviesBouldin ?? .infinity
        if da != dbb { return da < dbb }
        let na = a.nClusters ?? .max
        let nb = b.nClusters ?? .max
        if na != nb { return na < nb }
        let fa = a.family ?? .max
        let fb = b.family ?? .max
        if fa != fb { return fa < fb }
        return (a.k ?? .max) < (b.k ?? .max)
    }

    static func checkBestModel(request: JSON, response: JSON) -> [Finding] {
        guard let input = input(request) else { return invalidRequest() }
        var checker = Checker(response: response)
        let n = input.n
        let rows = rows(input, response)
        var candidates: [(row: Row, reasons: Int)] = []
        for (index, row) in rows.enumerated() {
            guard let family = row.family else {
                checker.report(
                    input.benchmark ? "SEG-55" : "SEG-61", row.pointer, expected: "a known algorithm", actual: row.json.text, "benchmark row")
                continue
            }
            // SEG-21: families in the order kmeans, gmm, agglo, dbscan; k ascending within a family.
            if index > 0, let previous = rows[index - 1].family {
                if previous > family || (previous == family && family != 3 && (rows[index - 1].k ?? 0) >= (row.k ?? 0)) {
                    checker.report(
                        "SEG-21", row.pointer, expected: "after row \(index - 1) in candidate order", actual: row.json.text,
                        "rows follow the candidate order of SEG-21")
                }
            }
            // SEG-38: valid = defined metrics (2 ≤ K ≤ n′ − 1) and at most half noise. Noise from the written ratio.
            guard let clusters = row.nClusters else {
                _ = checker.number("SEG-32", JSON.pointer(row.pointer, "n_clusters"), "n_clusters")
                continue
            }
            let noise = family == 3 ? Int(((row.noiseRatio ?? 0) * Double(n)).rounded()) : 0
            let valid = clusters >= 2 && clusters <= n - noise - 1 && 2 * noise <= n
            // SEG-70, SEG-71: the reasons the row gives, checked where the row's own numbers decide them.
            let reasons = SegmentationSelection.checkReasons(&checker, row, input: input, clusters: clusters, noise: noise, valid: valid)
            if valid {
                if row.silhouette == nil { _ = checker.number("SEG-35", JSON.pointer(row.pointer, "silhouette"), "silhouette") }
                candidates.append((row, reasons))
            } else if row.silhouette != -1 {
                checker.report(
                    "SEG-38", JSON.pointer(row.pointer, "silhouette"), expected: "-1", actual: row.json["silhouette"]?.text ?? "missing",
                    "a model that is not valid writes its silhouette as −1")
            }
        }
        // SEG-39 among the eligible rows; SEG-73: otherwise the valid row with the fewest reasons; SEG-40: none.
        let eligible = candidates.filter { $0.reasons == 0 }
        let pool = eligible.isEmpty ? candidates : eligible
        var winner: (row: Row, reasons: Int)? = nil
        for candidate in pool
        where winner == nil || candidate.reasons < winner!.reasons || (candidate.reasons == winner!.reasons && better(candidate.row, winner!.row)) {
            winner = candidate
        }
        SegmentationSelection.checkFallback(&checker, fallback: winner != nil && eligible.isEmpty)
        if input.benchmark {
            let expected = winner?.row.json ?? .null
            guard let actual = checker.value("SEG-39", "/best_model", "best_model") else { return checker.findings }
            if actual != expected {
                checker.report(
                    winner == nil ? "SEG-40" : "SEG-39", "/best_model", expected: expected.text, actual: actual.text,
                    winner == nil ? "no model is valid: best_model is null" : "best_model is a copy of the best row (\(winner!.row.pointer))")
            }
        } else {
            let algorithm = winner?.row.json["algorithm"] ?? .null
            let params = winner?.row.json["params"] ?? .null
            for (member, expected) in [("best_algorithm", algorithm), ("best_params", params)] {
                guard let actual = checker.value("SEG-39", "/" + member, member) else { continue }
                if actual != expected {
                    checker.report(
                        winner == nil ? "SEG-40" : "SEG-39", "/" + member, expected: expected.text, actual: actual.text,
                        winner == nil ? "no model is valid: \(member) is null" : "\(member) of the best row (\(winner!.row.pointer))")
                }
            }
        }
        return checker.findings
    }

    // MARK: - dendrogram

    /// The merges of a well-formed linkage matrix over `leaves` leaves (SEG-29), or nil.
    static func wellFormedMerges(_ response: JSON, leaves: Int) -> [(Int, Int)]? {
        var checker = Checker(response: response)
        return linkage(&checker, leaves: leaves, sizes: [Int](repeating: 1, count: leaves))
    }

    /// Checks the SciPy format of `/dendrogram/linkage_matrix` and returns its merges when it is well-formed.
    static func linkage(_ checker: inout Checker, leaves m: Int, sizes leafSizes: [Int]) -> [(Int, Int)]? {
        guard let rows = checker.array("SEG-59", "/dendrogram/linkage_matrix", count: max(m - 1, 0), "m − 1 linkage rows") else {
            return nil
        }
        var sizes = leafSizes
        var used = [Bool](repeating: false, count: 2 * m)
        var merges: [(Int, Int)] = []
        var previousHeight = -Double.infinity
        var wellFormed = true
        for (t, row) in rows.enumerated() {
            let pointer = JSON.pointer("/dendrogram/linkage_matrix", t)
            guard let values = row.array, values.count == 4, let i = values[0].number.flatMap({ Int(exactly: $0) }),
                let j = values[1].number.flatMap({ Int(exactly: $0) }), let height = values[2].number,
                let size = values[3].number.flatMap({ Int(exactly: $0) })
            else {
                checker.report("SEG-29", pointer, expected: "[i, j, height, size] with integer ids and size", actual: row.text, "linkage row")
                return nil
            }
            // Ids < m + t (a leaf or a cluster made by an earlier row), smaller first, each merged once.
            guard i >= 0, i < j, j < m + t, !used[i], !used[j] else {
                checker.report(
                    "SEG-29", pointer, expected: "ids i < j < \(m + t), neither merged before", actual: row.text,
                    "linkage row \(t) merges ids that are not available clusters")
                return nil
            }
            used[i] = true
            used[j] = true
            if size != sizes[i] + sizes[j] {
                checker.report(
                    "SEG-29", JSON.pointer(pointer, 3), expected: String(sizes[i] + sizes[j]), actual: String(size), "size of the merged cluster")
                wellFormed = false
            }
            if height < 0 || height < previousHeight {
                checker.report(
                    "SEG-29", JSON.pointer(pointer, 2), expected: "≥ \(OracleFormat.number(max(previousHeight, 0)))",
                    actual: OracleFormat.number(height), "heights are non-negative and non-decreasing")
                wellFormed = false
            }
            previousHeight = height
            sizes.append(sizes[i] + sizes[j])
            merges.append((i, j))
        }
        return wellFormed ? merges : nil
    }

    /// SEG-30: the clusters of leaves after rows 0 … m−k−1, numbered by first leaf.
    static func cut(_ merges: [(Int, Int)], leaves m: Int, k: Int) -> [Int] {
        var owner = Array(0..<(2 * m))  // union–find over cluster ids
        func root(_ a: Int) -> Int {
            var a = a
            while owner[a] != a { a = owner[a] }
            return a
        }
        for t in 0..<max(m - k, 0) {
            owner[merges[t].0] = m + t
            owner[merges[t].1] = m + t
        }
        var number: [Int: Int] = [:]
        var labels: [Int] = []
        for leaf in 0..<m {
            let r = root(leaf)
            if number[r] == nil { number[r] = number.count }
            labels.append(number[r]!)
        }
        return labels
    }

    /// Closest-pair check cost is O(m³): done up to this many leaves.
    static let closestPairLimit = 400

    static func checkDendrogram(request: JSON, response: JSON) -> [Finding] {
        guard let input = input(request) else { return invalidRequest() }
        guard input.benchmark else { return [] }  // Only the benchmark dialect has a dendrogram (SEG-54).
        var checker = Checker(response: response)
        let n = input.n
        let coreset = response[pointer: "/dendrogram/leaf_sizes"]
        if let coreset {
            // SEG-51, SEG-59: on a coreset only the format can be checked; the leaves are coreset points.
            let leafSizes = (coreset.array ?? []).compactMap { $0.number.flatMap { Int(exactly: $0) } }
            guard leafSizes.count == coreset.array?.count, leafSizes.reduce(0, +) == n else {
                checker.report("SEG-59", "/dendrogram/leaf_sizes", expected: "coreset sizes adding up to \(n)", actual: coreset.text, "leaf_sizes")
                return checker.findings
            }
            _ = linkage(&checker, leaves: leafSizes.count, sizes: leafSizes)
            return checker.findings
        }
        // SEG-59: the leaves are the customers in payload order.
        checker.strings("SEG-59", "/dendrogram/leaf_labels", input.ids, "leaf_labels")
        guard let merges = linkage(&checker, leaves: n, sizes: [Int](repeating: 1, count: n)) else { return checker.findings }

        // SEG-29: every height is the Ward distance of the two clusters it merges, and (no ties assumed, as the
        // fixtures avoid them) the pair is the closest of the clusters present at that step.
        let x = scaled(input)
        let dims = x[0].count
        var centre = x
        var weight = [Double](repeating: 1, count: n)
        var active = [Bool](repeating: true, count: n)
        func ward(_ a: Int, _ b: Int) -> Double {
            (2 * weight[a] * weight[b] / (weight[a] + weight[b])).squareRoot() * distance(centre[a], centre[b])
        }
        for (t, (i, j)) in merges.enumerated() {
            let d = ward(i, j)
            let pointer = JSON.pointer("/dendrogram/linkage_matrix", t)
            checker.rounded("SEG-29", JSON.pointer(pointer, 2), d, decimals: 4, "Ward distance of clusters \(i) and \(j)")
            if n <= closestPairLimit {
                var closest = (d, i, j)
                for a in 0..<active.count where active[a] {
                    for b in (a + 1)..<active.count where active[b] {
                        let other = ward(a, b)
                        if other < closest.0 { closest = (other, a, b) }
                    }
                }
                if closest.0 < d * (1 - 1e-9) - 1e-12 {
                    checker.report(
                        "SEG-29", pointer, expected: "a merge of the closest pair (\(closest.1), \(closest.2)) at \(closest.0)",
                        actual: "\(i), \(j) at \(d)", tolerance: "relative 1e-9", "Ward merges the closest pair first")
                }
            }
            var merged = [Double](repeating: 0, count: dims)
            for f in 0..<dims { merged[f] = (weight[i] * centre[i][f] + weight[j] * centre[j][f]) / (weight[i] + weight[j]) }
            centre.append(merged)
            weight.append(weight[i] + weight[j])
            active[i] = false
            active[j] = false
            active.append(true)
        }

        // SEG-30: when the best model is agglo with k clusters, its labels are the tree's cut, up to renaming.
        guard let best = response["best_model"], best["algo"]?.string == "agglo", let k = best["k"]?.number.flatMap({ Int(exactly: $0) }),
            k >= 1, k <= n, let labels = labels(input, response)
        else { return checker.findings }
        let expected = cut(merges, leaves: n, k: k)
        var forward: [Int: Int] = [:]
        var backward: [Int: Int] = [:]
        for i in 0..<n {
            let a = expected[i]
            let b = labels[i]
            if forward[a] == nil && backward[b] == nil {
                forward[a] = b
                backward[b] = a
            }
            if forward[a] != b || backward[b] != a {
                checker.report(
                    "SEG-30", labelPointer(input, i), expected: forward[a].map { String($0) } ?? "the label of its tree cluster",
                    actual: String(b), "the agglo labels are the dendrogram cut into \(k) clusters (up to renaming)")
            }
        }
        return checker.findings
    }
}
