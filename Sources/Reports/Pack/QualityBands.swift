/// The plain-language quality bands and verdicts of REP-16 … REP-20, judged on values as written (NUM-3).
enum SilhouetteBand: String, Sendable {
    case strong, good, fair, poor

    init(_ s: Double) {
        self = s >= 0.60 ? .strong : s >= 0.50 ? .good : s >= 0.25 ? .fair : .poor
    }

    var rank: Int {
        switch self {
        case .strong: 3
        case .good: 2
        case .fair: 1
        case .poor: 0
        }
    }
}

enum DaviesBouldinBand: String, Sendable {
    case great, good, weak

    init(_ d: Double) {
        self = d <= 0.50 ? .great : d <= 1.00 ? .good : .weak
    }

    var rank: Int {
        switch self {
        case .great: 3
        case .good: 2
        case .weak: 1
        }
    }
}

/// REP-18: the weaker of the two bands; inconclusive without both metrics.
enum OverallVerdict: String, Sendable {
    case excellent, good, fair, poor, inconclusive

    init(silhouette: SilhouetteBand?, daviesBouldin: DaviesBouldinBand?) {
        guard let silhouette, let daviesBouldin else {
            self = .inconclusive
            return
        }
        self = [.poor, .fair, .good, .excellent][min(silhouette.rank, daviesBouldin.rank)]
    }
}

/// REP-20's advice codes, in their order.
enum Advice: String, Sendable {
    case keepK = "keep_k"
    case retune
    case checkInputs = "check_inputs"

    static func advise(verdict: OverallVerdict, silhouette: Double?, isDBSCAN: Bool, largestShare: Double?) -> [Advice] {
        var advice: [Advice] = []
        if verdict == .excellent || verdict == .good { advice.append(.keepK) }
        if let silhouette, silhouette < 0.35 {
            advice.append(.retune)
        } else if isDBSCAN, let largestShare, largestShare > 0.5 {
            advice.append(.retune)
        }
        if verdict == .inconclusive { advice.append(.checkInputs) }
        return advice
    }
}
