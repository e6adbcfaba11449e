@testable import Engine

/// Request bodies for the segmentation endpoints' tests: customers of the benchmark dialect drawn around a few
/// spend/frequency/breadth profiles with a seeded generator, so that each test states only what it varies.
enum SegmentationBodies {
    /// `count` customers of the benchmark dialect as JSON objects without the closing brace, so a test can append
    /// members such as `cluster_id`.
    static func customers(_ count: Int, seed: UInt64 = 7) -> [String] {
        var rng = SplitMix64(seed: seed)
        let profiles: [(frequency: Double, spend: Double, types: Int)] = [(6, 450, 2), (18, 2_100, 3), (32, 5_200, 6)]
        let catalogue = ["wine", "cheese", "laptop", "monitor", "mouse", "soundbar", "books", "garden"]
        return (0..<count).map { i in
            let profile = profiles[i % profiles.count]
            let frequency = max(1, Int(profile.frequency * (0.7 + 0.6 * segUniform(&rng))))
            let spend = (profile.spend * (0.7 + 0.6 * segUniform(&rng)) * 4).rounded() / 4
            let offset = Int(segUniform(&rng) * Double(catalogue.count))
            let types = (0..<profile.types).map { "\"\(catalogue[(offset + $0) % catalogue.count])\"" }.joined(separator: ", ")
            return #"{"id": "C\#(i)", "frequency": \#(frequency), "amount_spent": \#(spend), "product_types": [\#(types)]"#
        }
    }

    /// A benchmark-dialect body: the rows (closed here) and further top-level members.
    static func body(_ rows: [String], _ members: String = "") -> String {
        #"{\#(members.isEmpty ? "" : members + ", ")"customers": [\#(rows.map { $0 + "}" }.joined(separator: ", "))]}"#
    }

    /// The rows with `cluster_id` members from `labels`.
    static func labelled(_ rows: [String], _ labels: [Int]) -> [String] {
        zip(rows, labels).map { #"\#($0), "cluster_id": \#($1)"# }
    }
}
