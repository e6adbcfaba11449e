/// The business caps a model must meet to be chosen (SEG-70): segments a marketer can act on, not only a
/// well-separated partition.
package struct SelectionPolicy: Sendable, Equatable {
    package var minSegments = 3
    package var maxSegmentShare = 0.60
    package var minSegmentShare = 0.02
    package var maxNoiseShare = 0.05

    package init() {}

    /// SEG-70's last sentence: the caps that leave SEG-38's rule alone.
    package static let validOnly: SelectionPolicy = {
        var policy = SelectionPolicy()
        policy.minSegments = 2
        policy.maxSegmentShare = 1
        policy.minSegmentShare = 0
        policy.maxNoiseShare = 0.5
        return policy
    }()

    /// Why a model with these cluster sizes fails the caps, in SEG-71's order (empty: it meets them). Shares are of
    /// all n customers, noise included.
    func reasons(sizes: [Int], noise: Int, n: Int) -> [IneligibleReason] {
        var reasons: [IneligibleReason] = []
        let count = Double(n)
        if sizes.count < minSegments { reasons.append(.tooFewSegments) }
        if let largest = sizes.max(), Double(largest) / count > maxSegmentShare { reasons.append(.largestSegmentOverCap) }
        if let smallest = sizes.min(), Double(smallest) / count < minSegmentShare { reasons.append(.segmentUnderMinimum) }
        if Double(noise) / count > maxNoiseShare { reasons.append(.noiseOverCap) }
        return reasons
    }
}

/// SEG-71: the codes of `ineligible_reasons`, in the order a row lists them.
package enum IneligibleReason: String, Sendable, Equatable {
    case metricsUndefined = "metrics_undefined"
    case noiseOverHalf = "noise_over_half"
    case tooFewSegments = "too_few_segments"
    case largestSegmentOverCap = "largest_segment_over_cap"
    case segmentUnderMinimum = "segment_under_minimum"
    case noiseOverCap = "noise_over_cap"
}

/// Everything a request says about how to prepare the matrix and choose among models (SEG-68 to SEG-74).
package struct SegmentationTuning: Sendable, Equatable {
    package var preprocessing = PreprocessingChoice.auto
    package var selection = SelectionPolicy()
    package var autoTune = true
    package var stability = false

    package init() {}

    /// No transform, SEG-38's rule alone and no tuning: the benchmark as it was before SEG-68 to SEG-73.
    package static let untuned: SegmentationTuning = {
        var tuning = SegmentationTuning()
        tuning.preprocessing = .explicit([:])
        tuning.selection = .validOnly
        tuning.autoTune = false
        return tuning
    }()
}
