import Testing

@testable import Engine

/// `segment_subsegment_explore` (spec/segment_subsegment_explore.md) beyond its worked example and fixtures: the
/// sub-segmentation is purchasing_segmentation on the parent's members alone, the tree adds up, and SUB-3's
/// unknown parent is reported before and after a computed labelling.
@Suite("segment_subsegment_explore")
struct SegmentSubsegmentExploreTests {
    static let rows = SegmentationBodies.customers(30)
    static let labels = (0..<30).map { $0 % 3 == 0 ? 4 : 2 }

    @Test func theSubsegmentationIsSEGOnTheParentsMembersAlone() throws {
        let body = SegmentationBodies.body(SegmentationBodies.labelled(Self.rows, Self.labels), #""parent_id": 2, "k_range": [2, 3]"#)
        let response = try respond("segment_subsegment_explore", body)
        let members = Self.rows.indices.filter { Self.labels[$0] == 2 }
        let alone = try respond("purchasing_segmentation", SegmentationBodies.body(members.map { Self.rows[$0] }, #""k_range": [2, 3]"#))
        #expect(response["benchmark"] == alone["benchmark"])
        #expect(response["best_model"] == alone["best_model"])
        let labels = try #require(alone["labels"])
        let rows = response["customer_labels"]?.elements ?? []
        #expect(rows.map { $0["customer_id"]?.text } == members.map { "C\($0)" })
        for row in rows {
            let id = try #require(row["customer_id"]?.text)
            let label = try #require(labels[id]?.double)
            let expected = "2.\(Int(label))"
            #expect(row["subsegment_id"] == .string(expected))
        }
    }

    @Test func theTreeAddsUpAndOnlyTheParentHasChildren() throws {
        let body = SegmentationBodies.body(SegmentationBodies.labelled(Self.rows, Self.labels), #""parent_id": 4, "k_range": [2]"#)
        let response = try respond("segment_subsegment_explore", body)
        let tree = try #require(response["tree"])
        #expect(tree["size"]?.double == 30 && tree["name"] == .null)
        let parents = tree["children"]?.elements ?? []
        #expect(parents.map { $0["id"]?.text } == ["2", "4"])
        #expect(parents[0]["children"] == .array([]))
        let children = parents[1]["children"]?.elements ?? []
        #expect(children.map { $0["size"]?.double ?? 0 }.reduce(0, +) == 10)
        #expect(children.map { $0["id"] } == (response["subsegments"]?.elements ?? []).map { $0["id"] })
        #expect(response[pointer: "/parent/size"]?.double == 10)
        // SUB-6: a sub-segment's spend level is measured against all 30 customers.
        for subsegment in response["subsegments"]?.elements ?? [] {
            #expect(subsegment["vs_parent"]?["spend"] != nil && subsegment["persona"]?["levels"]?["spend"] != nil)
        }
    }

    @Test func aParentOfOneIsOneSubsegmentWithEveryKSkipped() throws {
        var labels = Array(repeating: 0, count: 30)
        labels[5] = 3
        let body = SegmentationBodies.body(SegmentationBodies.labelled(Self.rows, labels), #""parent_id": 3, "k_range": [2, 3]"#)
        let response = try respond("segment_subsegment_explore", body)
        #expect(response["best_model"] == .null)
        #expect(response["subsegments"]?.elements.map { $0["id"] } == [.string("3.0")])
        #expect(response["skipped"]?.elements.count == 2)
        #expect(response["customer_labels"] == .array([.object([.init("customer_id", .string("C5")), .init("subsegment_id", .string("3.0"))])]))
    }

    @Test func anUnknownParentIsReportedWithGivenAndWithComputedLabels() throws {
        var rows = SegmentationBodies.labelled(Self.rows, Self.labels)
        rows[0] = Self.rows[0] + #", "cluster_id": -5"#
        let given = try #require(problems("segment_subsegment_explore", SegmentationBodies.body(rows, #""parent_id": 9"#)))
        #expect(given.has("/parent_id", "unknown_cluster") && given.has("/customers/0/cluster_id", "minimum") && given.problems.count == 2)
        let computed = try #require(problems("segment_subsegment_explore", SegmentationBodies.body(Self.rows, #""parent_id": 25"#)))
        #expect(computed.problems.map(\.code) == ["unknown_cluster"] && computed.pointers == ["/parent_id"])
        let missing = try #require(problems("segment_subsegment_explore", SegmentationBodies.body(Self.rows)))
        #expect(missing.has("", "required"))
    }
}
