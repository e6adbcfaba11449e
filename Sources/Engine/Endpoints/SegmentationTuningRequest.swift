/// The request members of SEG-68 to SEG-74, shared by every endpoint that segments customers.
extension SegmentationTuning {
    package static let members = ["preprocessing", "selection", "auto_tune", "stability"]
    static let selectionMembers = ["min_segments", "max_segment_share", "min_segment_share", "max_noise_share"]

    /// The members as given, defaults for the absent ones; nil after reporting problems. `featureNames` are the
    /// names `preprocessing` may use: the dialect's features in column order.
    static func read(_ root: RequestReader.Fields, _ reader: RequestReader, featureNames: [String]) -> SegmentationTuning? {
        var tuning = SegmentationTuning()
        var valid = true
        if root.has("preprocessing") {
            let choice = reader.field(root, "preprocessing") { readPreprocessing($0, reader, featureNames: featureNames) }
            if let choice { tuning.preprocessing = choice } else { valid = false }
        }
        if root.has("selection") {
            let policy = reader.field(root, "selection") { readSelection($0, reader) }
            if let policy { tuning.selection = policy } else { valid = false }
        }
        for (key, path) in [("auto_tune", \SegmentationTuning.autoTune), ("stability", \SegmentationTuning.stability)] where root.has(key) {
            if let flag = reader.field(root, key, { reader.bool($0) }) { tuning[keyPath: path] = flag } else { valid = false }
        }
        return valid ? tuning : nil
    }

    /// SEG-68: `"auto"`, `"none"` (every feature untransformed) or an object from feature names to transform names.
    private static func readPreprocessing(_ value: JSONValue, _ reader: RequestReader, featureNames: [String]) -> PreprocessingChoice? {
        if case .string(let name) = value {
            if name == "auto" { return .auto }
            if name == "none" { return .explicit([:]) }
            reader.report("enum", "'\(name)' is not one of auto, none, or an object from feature names to transforms")
            return nil
        }
        guard let fields = reader.object(value, allowed: featureNames) else { return nil }
        var chosen: [String: FeatureTransform] = [:]
        var valid = true
        for name in featureNames where fields.has(name) {
            let transform = reader.field(fields, name) { element -> FeatureTransform? in
                guard let text = reader.string(element) else { return nil }
                guard let transform = FeatureTransform(rawValue: text) else {
                    reader.report("enum", "'\(text)' is not one of \(FeatureTransform.allCases.map(\.rawValue).joined(separator: ", "))")
                    return nil
                }
                return transform
            }
            if let transform { chosen[name] = transform } else { valid = false }
        }
        return valid ? .explicit(chosen) : nil
    }

    /// SEG-70: the caps, each optional; `min_segment_share` must stay below `max_segment_share`.
    private static func readSelection(_ value: JSONValue, _ reader: RequestReader) -> SelectionPolicy? {
        guard let fields = reader.object(value, allowed: selectionMembers) else { return nil }
        var policy = SelectionPolicy()
        let before = reader.problems.count
        if let k = reader.field(fields, "min_segments", required: false, { reader.integer($0, min: 2, max: 30) }) { policy.minSegments = k }
        if let share = reader.field(fields, "max_segment_share", required: false, { reader.number($0, min: 0, max: 1, exclusiveMin: true) }) {
            policy.maxSegmentShare = share
        }
        if let share = reader.field(fields, "min_segment_share", required: false, { reader.number($0, min: 0, max: 0.5) }) {
            policy.minSegmentShare = share
        }
        if let share = reader.field(fields, "max_noise_share", required: false, { reader.number($0, min: 0, max: 1) }) {
            policy.maxNoiseShare = share
        }
        guard reader.problems.count == before else { return nil }
        if policy.minSegmentShare >= policy.maxSegmentShare {
            reader.at("min_segment_share") { reader.report("inconsistent", "must be below max_segment_share (\(policy.maxSegmentShare))") }
            return nil
        }
        return policy
    }
}
