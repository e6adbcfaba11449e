import Engine

/// The language-independent data part of a report (REP-12 … REP-37): everything the text parts, the HTML deck and
/// the XML pack show, computed once from one `purchasing_segmentation` run.
struct ReportPack: Sendable {
    enum Dialect: String, Sendable {
        case features, customers
    }

    struct Model: Sendable {
        var algorithm: String
        /// SEG's parameter object: `k`, or `eps` and `min_samples`.
        var params: [(name: String, value: Double)]
        var nClusters: Int
        var silhouette: Double?
        var daviesBouldin: Double?
        var calinskiHarabasz: Double?
        var silhouetteBand: SilhouetteBand?
        var daviesBouldinBand: DaviesBouldinBand?
        var overall: OverallVerdict
        var selected: Bool
    }

    /// A group of customers: a cluster (a persona) or the noise.
    struct Group: Sendable {
        var clusterID: Int
        /// The persona key of SEG-42 with its qualifiers and levels; nil for noise.
        var persona: PersonaKey?
        var size: Int
        var share: Double
        var meanSpend: Double
        var meanFrequency: Double
        var topCategories: [String]?
    }

    struct PersonaKey: Sendable {
        var key: String
        var qualifiers: [String]
        var levels: [(role: String, level: String)]
        var actions: [String]
    }

    var n: Int
    var dialect: Dialect
    /// SEG's parameters with defaults filled in, in SEG's schema order (REP-51).
    var parameters: [(name: String, value: JSONValue)]
    var selected: Model?
    var scorecard: [Model]
    var groups: [Group]
    var totalSpend: Double
    var meanSpend: Double
    var meanFrequency: Double
    var advice: [Advice]
    var dendrogram: DendrogramView?
    /// The largest range member of the dialect, named in the retune advice (REP-20).
    var rangeMember: String { dialect == .customers ? "k_range" : "max_clusters" }

    var personas: [Group] { groups.filter { $0.clusterID >= 0 } }
    var noise: Group? { groups.first { $0.clusterID < 0 } }
    var nClusters: Int { personas.count }
    var largestClusterShare: Double? { personas.map(\.share).max() }
    var noiseShare: Double? { selected?.algorithm == "dbscan" ? score(Double(noise?.size ?? 0) / Double(n)) : nil }
    var overall: OverallVerdict { selected?.overall ?? .inconclusive }
}
