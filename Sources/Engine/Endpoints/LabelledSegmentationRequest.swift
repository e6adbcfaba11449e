/// The body `segment_cluster_profiles` and `segment_subsegment_explore` share: a `purchasing_segmentation` body of
/// either dialect (SEG-2) whose rows may each carry a `cluster_id`, on every row or on none (PROF-2, SUB-1).
package struct LabelledSegmentationRequest: Sendable {
    package var segmentation: PurchasingSegmentation.Request
    /// The rows' labels in payload order, or nil when no row carries one.
    package var labels: [Int]?

    /// Reads the body; `readExtra` reads further top-level members (`extraMembers`) or checks members against the
    /// presence of row labels (`labelled`: some raw row has a `cluster_id`). Nil after reporting every problem found.
    package static func read(
        _ body: JSONValue, reader: RequestReader, extraMembers: [String] = [],
        readExtra: (_ root: RequestReader.Fields, _ dialect: PurchasingSegmentation.Dialect, _ labelled: Bool) -> Void
    ) -> LabelledSegmentationRequest? {
        guard let dialect = PurchasingSegmentation.dialect(of: body, reader: reader),
            let root = reader.object(body, allowed: PurchasingSegmentation.members(of: dialect) + extraMembers)
        else { return nil }
        let read = PurchasingSegmentation.readBody(root, dialect: dialect, reader: reader, rowLabels: true)
        let labels = checkAllOrNone(body, dialect: dialect, reader: reader)
        readExtra(root, dialect, labels.any)
        guard let read, labels.consistent, reader.problems.isEmpty else { return nil }
        let given = read.labels.compactMap { $0 }
        return LabelledSegmentationRequest(segmentation: read.request, labels: given.isEmpty ? nil : given)
    }

    /// PROF-2: a row without `cluster_id` in a request where another row has one is `inconsistent` at the row. Checked
    /// on the raw rows, so that the mix is reported even when other members of those rows are invalid. Also says
    /// whether any raw row has a label, from the same pass (each deferred row is built once here).
    private static func checkAllOrNone(_ body: JSONValue, dialect: PurchasingSegmentation.Dialect, reader: RequestReader) -> (
        consistent: Bool, any: Bool
    ) {
        let member = dialect == .benchmark ? "customers" : "data"
        guard case .array(let rows)? = body[member] else { return (true, false) }
        let labelled = rows.map { row -> Bool? in
            guard case .object(let members) = row.resolved else { return nil }
            return members.contains { $0.key == "cluster_id" }
        }
        guard labelled.contains(true) else { return (true, false) }
        var consistent = true
        for (index, flag) in labelled.enumerated() where flag == false {
            reader.report(
                at: JSONPointer([.key(member), .index(index)]), "inconsistent",
                "missing 'cluster_id': other rows of this request have one, so every row needs one")
            consistent = false
        }
        return (consistent, true)
    }

    /// The `cluster_id` members of the raw rows, valid or not, in payload order.
    package static func rawLabels(_ body: JSONValue, dialect: PurchasingSegmentation.Dialect) -> [JSONValue] {
        guard case .array(let rows)? = body[dialect == .benchmark ? "customers" : "data"] else { return [] }
        return rows.compactMap { $0["cluster_id"] }
    }
}
