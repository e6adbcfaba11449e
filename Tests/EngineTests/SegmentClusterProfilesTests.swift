import Testing

@testable import Engine

/// `segment_cluster_profiles` (spec/segment_cluster_profiles.md) beyond its worked example and fixtures: labels used
/// as given, the computed labelling equal to purchasing_segmentation's, the statistics against plain recomputation,
/// and every problem of PROF-14 at its pointer.
@Suite("segment_cluster_profiles")
struct SegmentClusterProfilesTests {
    static let rows = SegmentationBodies.customers(24)

    @Test func givenLabelsAreUsedAsGivenInAscendingOrderWithNoiseLast() throws {
        let labels = (0..<24).map { [1000, 7, -1][$0 % 3] }
        let response = try respond("segment_cluster_profiles", SegmentationBodies.body(SegmentationBodies.labelled(Self.rows, labels)))
        #expect(response["labels_source"] == .string("request"))
        #expect(response["best_model"] == .null)
        #expect(response["clusters"]?.elements.map { $0["cluster_id"]?.double } == [7, 1000, -1])
        #expect(response["clusters"]?.elements.last?[pointer: "/persona/key"] == .string("unclustered"))
        #expect(response["customer_labels"]?.elements.map { $0["cluster_id"]?.double } == labels.map(Double.init))
        #expect(response["skipped"] == .array([]) && response["approximations"] == .array([]))
    }

    @Test func statisticsAreThoseOfTheMembers() throws {
        let labels = (0..<24).map { $0 % 3 == 2 ? 1 : 0 }
        let response = try respond("segment_cluster_profiles", SegmentationBodies.body(SegmentationBodies.labelled(Self.rows, labels)))
        let spends = try Self.rows.map { row in try #require(JSONParser.parse(Array((row + "}").utf8))["amount_spent"]?.double) }
        for (index, id) in [0, 1].enumerated() {
            let values = spends.indices.filter { labels[$0] == id }.map { spends[$0] }.sorted()
            let cluster = try #require(response["clusters"]?.elements[index])
            #expect(cluster["size"]?.double == Double(values.count))
            #expect(cluster[pointer: "/features/amount_spent/mean"]?.double == money(values.reduce(0, +) / Double(values.count)))
            #expect(cluster[pointer: "/features/amount_spent/median"]?.double == money(percentile(sorted: values, numerator: 1, denominator: 2)))
            #expect(cluster[pointer: "/features/amount_spent/p75"]?.double == money(percentile(sorted: values, numerator: 3, denominator: 4)))
        }
        let mean = spends.reduce(0, +) / Double(spends.count)
        let std = (spends.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(spends.count)).squareRoot()
        #expect(response[pointer: "/population/features/amount_spent/std"]?.double == money(std))
        // PROF-8: the persona's spend level follows from the written lift_z.
        for cluster in response["clusters"]?.elements ?? [] {
            let lift = try #require(cluster[pointer: "/features/amount_spent/lift_z"]?.double)
            #expect(cluster[pointer: "/persona/levels/spend"] == .string(lift >= 0.5 ? "high" : lift <= -0.5 ? "low" : "mid"))
        }
    }

    @Test func withoutLabelsTheSegmentationsBestModelIsProfiled() throws {
        let body = SegmentationBodies.body(Self.rows, #""k_range": [2, 3], "seed": 9"#)
        let profiles = try respond("segment_cluster_profiles", body)
        let segmentation = try respond("purchasing_segmentation", body)
        #expect(profiles["labels_source"] == .string("segmentation"))
        #expect(profiles["best_model"] == segmentation["best_model"])
        #expect(profiles["skipped"] == segmentation["skipped"])
        let labels = try #require(segmentation["labels"])
        for row in profiles["customer_labels"]?.elements ?? [] {
            let id = try #require(row["customer_id"]?.text)
            #expect(labels[id] == row["cluster_id"])
        }
        // The profiled means are purchasing_segmentation's centroids (both in original units, 2 decimals).
        for (index, centroid) in (segmentation["centroids"]?.elements ?? []).enumerated() {
            #expect(profiles[pointer: "/clusters/\(index)/features/amount_spent/mean"] == centroid.elements[1])
        }
    }

    @Test func aConstantFeatureHasNoLiftAndOneCustomerIsOneSegment() throws {
        let rows = (0..<6).map {
            #"{"id": "K\#($0)", "frequency": 4, "amount_spent": \#(100 + 50 * $0), "product_types": ["a"], "cluster_id": \#($0 % 2)"#
        }
        let response = try respond("segment_cluster_profiles", SegmentationBodies.body(rows))
        #expect(response[pointer: "/population/features/frequency/std"]?.double == 0)
        #expect(response["clusters"]?.elements.allSatisfy { $0[pointer: "/features/frequency/lift_z"]?.double == 0 } == true)
        let one = try respond("segment_cluster_profiles", SegmentationBodies.body([rows[0]]))
        #expect(one["clusters"]?.elements.count == 1)
        #expect(one[pointer: "/clusters/0/features/amount_spent/p25"] == one[pointer: "/clusters/0/features/amount_spent/p75"])
        #expect(one[pointer: "/clusters/0/persona/key"] == .string("core_customers"))
    }

    @Test func everyProblemIsListedAtItsPointer() throws {
        var rows = SegmentationBodies.labelled(Array(Self.rows.prefix(4)), [0, 1, 0, 1])
        rows[1] = Self.rows[1]
        rows[2] = Self.rows[2] + #", "cluster_id": -2"#
        rows[3] = Self.rows[3] + #", "cluster_id": "1""#
        let error = try #require(problems("segment_cluster_profiles", SegmentationBodies.body(rows, #""k_range": [3], "seed": 1"#)))
        #expect(error.status == 422)
        #expect(error.has("/customers/1", "inconsistent"))
        #expect(error.has("/customers/2/cluster_id", "minimum"))
        #expect(error.has("/customers/3/cluster_id", "type"))
        #expect(error.has("/k_range", "inconsistent") && error.has("/seed", "inconsistent"))
        #expect(error.problems.count == 5)
    }
}
