import Foundation

/// A per-feature transform applied before z-scoring (SEG-68): the closed set a request may name.
package enum FeatureTransform: String, Sendable, CaseIterable, Equatable {
    case none
    case log1p

    func apply(_ value: Double) -> Double {
        switch self {
        case .none: value
        case .log1p: Foundation.log1p(value)
        }
    }
}

/// What the request asks for (SEG-68): the automatic rule, or a transform per feature (unnamed features: `none`).
package enum PreprocessingChoice: Sendable, Equatable {
    case auto
    case explicit([String: FeatureTransform])

    /// The transform of each column, in column order, for the features named `names`.
    func transforms(for features: FeatureMatrix, names: [String]) -> [FeatureTransform] {
        switch self {
        case .auto: (0..<features.columns).map { Self.automatic(features, column: $0) }
        case .explicit(let chosen): names.map { chosen[$0] ?? FeatureTransform.none }
        }
    }

    /// SEG-69: log1p for a non-negative feature whose adjusted skewness G1 exceeds both 1 and twice its standard
    /// error; none otherwise (fewer than 3 customers, a constant feature, a negative value).
    static func automatic(_ features: FeatureMatrix, column f: Int) -> FeatureTransform {
        let n = features.rows
        guard n >= 3, let g = adjustedSkewness(features, column: f) else { return .none }
        let count = Double(n)
        let standardError = (6 * count * (count - 1) / ((count - 2) * (count + 1) * (count + 3))).squareRoot()
        return g > max(1, 2 * standardError) ? .log1p : .none
    }

    /// G1 = g1 · √(n(n−1)) / (n−2), with g1 = m3 / m2^1.5 from population moments summed in payload order; nil for
    /// a constant feature or one with a negative value.
    static func adjustedSkewness(_ features: FeatureMatrix, column f: Int) -> Double? {
        let n = features.rows
        let d = features.columns
        return features.values.withUnsafeBufferPointer { v -> Double? in
            var sum = 0.0
            var constant = true
            for i in 0..<n {
                let value = v[i * d + f]
                guard value >= 0 else { return nil }
                if value != v[f] { constant = false }
                sum += value
            }
            // SEG-18's test: equal values, not a σ that may be a rounding residue.
            guard !constant else { return nil }
            let mean = sum / Double(n)
            var m2 = 0.0
            var m3 = 0.0
            for i in 0..<n {
                let delta = v[i * d + f] - mean
                m2 += delta * delta
                m3 += delta * delta * delta
            }
            m2 /= Double(n)
            m3 /= Double(n)
            let g1 = m3 / (m2 * m2.squareRoot())
            let count = Double(n)
            return g1 * (count * (count - 1)).squareRoot() / (count - 2)
        }
    }
}

extension FeatureMatrix {
    /// The matrix with each column's transform applied; the same matrix when every transform is `none`.
    func transformed(_ transforms: [FeatureTransform]) -> FeatureMatrix {
        guard transforms.contains(where: { $0 != .none }) else { return self }
        var out = values
        let d = columns
        out.withUnsafeMutableBufferPointer { v in
            for (f, transform) in transforms.enumerated() where transform != .none {
                for i in 0..<rows { v[i * d + f] = transform.apply(v[i * d + f]) }
            }
        }
        return FeatureMatrix(rows: rows, columns: columns, values: out)
    }
}
