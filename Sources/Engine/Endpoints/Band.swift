/// The High, Medium or Low band of a churn risk (CHR-8) or a CLV forecast (CLV-34); the raw value is the written name.
enum Band: String, CaseIterable {
    case high = "High"
    case medium = "Medium"
    case low = "Low"
}

/// Customers per band; written with every band, in the order High, Medium, Low (CHR-10, CLV-38).
struct BandCounts {
    private(set) var high = 0
    private(set) var medium = 0
    private(set) var low = 0

    mutating func add(_ band: Band) {
        switch band {
        case .high: high += 1
        case .medium: medium += 1
        case .low: low += 1
        }
    }

    subscript(band: Band) -> Int {
        switch band {
        case .high: high
        case .medium: medium
        case .low: low
        }
    }

    var json: JSONValue { .object(Band.allCases.map { .init($0.rawValue, .number(Double(self[$0]))) }) }
}
