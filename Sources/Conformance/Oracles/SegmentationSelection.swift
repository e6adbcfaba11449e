import Foundation

/// The oracle's own reading of SEG-68 to SEG-73: which transform each feature gets, and what a row's `eligible` and
/// `ineligible_reasons` must say where the row's own numbers decide it.
enum SegmentationSelection {
    static let reasonOrder = [
        "metrics_undefined", "noise_over_half", "too_few_segments", "largest_segment_over_cap", "segment_under_minimum", "noise_over_cap",
    ]

    /// SEG-68, SEG-69: the transform of each column the request asks for.
    static func transforms(_ input: SegmentationOracles.Input) -> [String] {
        let names = input.transformNames
        switch input.preprocessing {
        case .string("none")?: return names.map { _ in "none" }
        case .object(let chosen)?: return names.map { chosen[$0]?.string ?? "none" }
        default: return names.indices.map { f in automatic(input.vectors.map { $0[f] }) }
        }
    }

    /// SEG-69 on one column.
    static func automatic(_ values: [Double]) -> String {
        let n = values.count
        guard n >= 3, values.allSatisfy({ $0 >= 0 }), values.contains(where: { $0 != values[0] }) else { return "none" }
        let count = Double(n)
        let mean = values.reduce(0, +) / count
        var m2 = 0.0
        var m3 = 0.0
        for value in values {
            let d = value - mean
            m2 += d * d
            m3 += d * d * d
        }
        m2 /= count
        m3 /= count
        let adjusted = m3 / (m2 * m2.squareRoot()) * (count * (count - 1)).squareRoot() / (count - 2)
        let standardError = (6 * count * (count - 1) / ((count - 2) * (count + 1) * (count + 3))).squareRoot()
        return adjusted > max(1, 2 * standardError) ? "log1p" : "none"
    }

    /// SEG-75: the response names the transforms SEG-68 applies (when it has the member).
    static func checkPreprocessing(_ checker: inout Checker, _ input: SegmentationOracles.Input) {
        guard checker.response["preprocessing"] != nil else { return }
        for (name, transform) in zip(input.transformNames, transforms(input)) {
            checker.string("SEG-69", "/preprocessing/" + name, transform, "the transform of \(name)")
        }
    }

    /// The caps in force (SEG-70).
    static func cap(_ input: SegmentationOracles.Input, _ name: String, _ fallback: Double) -> Double {
        input.selection?[name]?.number ?? fallback
    }

    /// SEG-71: `eligible` agrees with `ineligible_reasons`, the reasons are known and in order, and those the row's
    /// numbers decide are present exactly when they apply. Returns the number of reasons (0: eligible).
    static func checkReasons(
        _ checker: inout Checker, _ row: SegmentationOracles.Row, input: SegmentationOracles.Input, clusters: Int, noise: Int, valid: Bool
    ) -> Int {
        let listed = (row.json["ineligible_reasons"]?.array ?? []).compactMap(\.string)
        let n = Double(input.n)
        var decided: [String: Bool] = [
            "metrics_undefined": clusters < 2 || clusters > input.n - noise - 1,
            "noise_over_half": 2 * noise > input.n,
            "too_few_segments": Double(clusters) < cap(input, "min_segments", 3),
        ]
        if row.family == 3 { decided["noise_over_cap"] = Double(noise) / n > cap(input, "max_noise_share", 0.05) }
        for (code, applies) in decided.sorted(by: { $0.key < $1.key }) where applies != listed.contains(code) {
            checker.report(
                "SEG-71", JSON.pointer(row.pointer, "ineligible_reasons"), expected: applies ? "\(code) listed" : "\(code) not listed",
                actual: row.json["ineligible_reasons"]?.text ?? "absent", "K = \(clusters), noise \(Int(noise)) of \(input.n)")
        }
        let known = listed.compactMap { reasonOrder.firstIndex(of: $0) }
        if known.count != listed.count || known != known.sorted() {
            checker.report(
                "SEG-71", JSON.pointer(row.pointer, "ineligible_reasons"), expected: "known codes in SEG-71's order",
                actual: row.json["ineligible_reasons"]?.text ?? "absent", "ineligible_reasons")
        }
        checker.bool("SEG-71", JSON.pointer(row.pointer, "eligible"), listed.isEmpty, "eligible exactly when no reason is listed")
        return valid ? listed.count : Int.max
    }

    /// SEG-73, SEG-75: `selection.fallback` says whether the best model was chosen among models that break a cap.
    static func checkFallback(_ checker: inout Checker, fallback: Bool) {
        guard checker.response["selection"] != nil else { return }
        checker.bool("SEG-73", "/selection/fallback", fallback, "the best model was chosen by SEG-73's fallback")
    }
}
