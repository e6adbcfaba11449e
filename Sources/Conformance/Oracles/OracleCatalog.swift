/// Every oracle of the suite, by the name a fixture gives in `{"oracle": "name"}` (fixtures/README.md).
public enum OracleCatalog {
    public static let all: [Oracle] = [
        CustomerFeaturesOracle.rollup,
        CustomerLoyaltyOracle.scores,
        CustomerRFMOracle.scores,
        CustomerRFMOracle.tiers,
        CustomerCLVFeaturesOracle.summary,
        SegmentationOracles.labelsCoverRequest,
        SegmentationOracles.centroids,
        SegmentationOracles.metrics,
        SegmentationOracles.bestModel,
        SegmentationOracles.dendrogram,
        SegmentProfileOracles.profiles,
        SegmentProfileOracles.subsegments,
        CLVForecastOracles.shape,
        CLVForecastOracles.bgnbdOptimum,
        CLVModelOracles.gammaGammaOptimum,
        CLVModelOracles.identities,
        CLVBacktestOracle.backtest,
        NPSOracle.recompute,
        ChurnLabelOracle.labels,
        ChurnRiskOracle.scores,
        SegmentationReportOracles.pack,
        SegmentationReportOracles.html,
        SegmentationReportOracles.xml,
    ]

    public static func named(_ name: String) -> Oracle? {
        all.first { $0.name == name }
    }
}

// MARK: - What the oracles share

/// Collects the findings of one oracle run. Every check names the clause it enforces and the JSON Pointer of the
/// value in the RESPONSE; a missing or mistyped value is itself a finding at that pointer.
struct Checker {
    let response: JSON
    private(set) var findings: [Finding] = []

    init(response: JSON) {
        self.response = response
    }

    mutating func report(_ clause: String, _ pointer: String, expected: String, actual: String, tolerance: String? = nil, _ message: String) {
        findings.append(Finding(clause: clause, pointer: pointer, expected: expected, actual: actual, tolerance: tolerance, message: message))
    }

    /// The value at `pointer`, or nil after a finding that it is missing.
    mutating func value(_ clause: String, _ pointer: String, _ what: String) -> JSON? {
        guard let value = response[pointer: pointer] else {
            report(clause, pointer, expected: "a value", actual: "missing", "\(what): the member is missing")
            return nil
        }
        return value
    }

    /// The number at `pointer`, or nil after a finding.
    mutating func number(_ clause: String, _ pointer: String, _ what: String) -> Double? {
        guard let value = value(clause, pointer, what) else { return nil }
        guard let number = value.number else {
            report(clause, pointer, expected: "a number", actual: value.text, "\(what): not a number")
            return nil
        }
        return number
    }

    /// A number written with `decimals` places (NUM-2) must lie within half a unit of the last place of the
    /// unrounded re-computation `expected` (any rounding of it, ties either way), and must be written with at most
    /// `decimals` places.
    mutating func rounded(_ clause: String, _ pointer: String, _ expected: Double, decimals: Int, _ what: String) {
        guard let actual = number(clause, pointer, what) else { return }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let half = 0.5 / scale
        // The half unit is the tolerance; the slack only absorbs the binary64 error of the re-computation itself.
        let slack = max(1e-9, 8 * expected.magnitude.ulp)
        let tolerance = "±0." + String(repeating: "0", count: decimals) + "5 (\(decimals) decimals, NUM-2)"
        guard (actual - expected).magnitude <= half + slack else {
            report(clause, pointer, expected: OracleFormat.number(expected), actual: OracleFormat.number(actual), tolerance: tolerance, what)
            return
        }
        // NUM-2: the written value is on the grid of `decimals` places (checked where binary64 can tell).
        if actual.magnitude < 1e11 && (actual * scale).rounded() / scale != actual {
            report(
                "NUM-2", pointer, expected: "at most \(decimals) decimals", actual: OracleFormat.number(actual), tolerance: tolerance,
                "\(what): written with more than \(decimals) decimals")
        }
    }

    /// A count or day count: an exact integer (NUM-2, NUM-4).
    mutating func integer(_ clause: String, _ pointer: String, _ expected: Int, _ what: String) {
        guard let actual = number(clause, pointer, what) else { return }
        if actual != Double(expected) {
            report(clause, pointer, expected: String(expected), actual: OracleFormat.number(actual), what)
        }
    }

    mutating func string(_ clause: String, _ pointer: String, _ expected: String, _ what: String) {
        guard let value = value(clause, pointer, what) else { return }
        if value.string != expected {
            report(clause, pointer, expected: JSON.string(expected).text, actual: value.text, what)
        }
    }

    mutating func bool(_ clause: String, _ pointer: String, _ expected: Bool, _ what: String) {
        guard let value = value(clause, pointer, what) else { return }
        if value.bool != expected {
            report(clause, pointer, expected: String(expected), actual: value.text, what)
        }
    }

    /// An array of strings, compared element by element in order.
    mutating func strings(_ clause: String, _ pointer: String, _ expected: [String], _ what: String) {
        guard let value = value(clause, pointer, what) else { return }
        let expectedJSON = JSON.array(expected.map { JSON.string($0) })
        if value != expectedJSON {
            report(clause, pointer, expected: expectedJSON.text, actual: value.text, what)
        }
    }

    /// An object with exactly the members `expected` (their order is not visible in `JSON` and is not checked).
    mutating func members(_ clause: String, _ pointer: String, _ expected: [String], _ what: String) {
        guard let value = value(clause, pointer, what) else { return }
        guard let object = value.object else {
            report(clause, pointer, expected: "an object", actual: value.text, "\(what): not an object")
            return
        }
        let actual = object.keys.sorted()
        if actual != expected.sorted() {
            report(clause, pointer, expected: expected.joined(separator: ", "), actual: actual.joined(separator: ", "), "\(what): wrong members")
        }
    }

    /// The array at `pointer` when it has exactly `count` elements; otherwise nil after a finding.
    mutating func array(_ clause: String, _ pointer: String, count: Int, _ what: String) -> [JSON]? {
        guard let value = value(clause, pointer, what) else { return nil }
        guard let elements = value.array else {
            report(clause, pointer, expected: "an array", actual: value.text, "\(what): not an array")
            return nil
        }
        guard elements.count == count else {
            report(clause, pointer, expected: "\(count) elements", actual: "\(elements.count) elements", what)
            return nil
        }
        return elements
    }
}

/// Calendar days (GEN-7, VAL-6): the day number of an ISO date in the proleptic Gregorian calendar, so that the
/// days between two dates are a subtraction.
enum OracleDays {
    /// Days since 1970-01-01 of a `YYYY-MM-DD` string naming a real day; nil for anything else.
    static func number(_ iso: String) -> Int? {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard iso.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let monthLengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard month >= 1, month <= 12, day >= 1, day <= monthLengths[month - 1] else { return nil }
        // Days from the civil date (H. Hinnant's algorithm): years start on 1 March so that leap days come last.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// The statistics of general.md, written out plainly.
enum OracleMath {
    /// GEN-8 with the exact rational position of LOY-15 and RFM-8: the (k/m)-th percentile of `sorted` (ascending,
    /// not empty). `j = ⌊(n − 1)·k / m⌋` and `r = (n − 1)·k − j·m` in integers; `v_j` when `r = 0`, else
    /// `v_j + (r/m)·(v_{j+1} − v_j)` in binary64.
    static func percentile(_ sorted: [Double], _ k: Int, _ m: Int) -> Double {
        let n = sorted.count
        let j = (n - 1) * k / m
        let r = (n - 1) * k - j * m
        if r == 0 { return sorted[j] }
        return sorted[j] + (Double(r) / Double(m)) * (sorted[j + 1] - sorted[j])
    }

    /// GEN-9: how many values are strictly greater than `value`.
    static func countHigher(than value: Double, in values: [Double]) -> Int {
        var count = 0
        for other in values where other > value { count += 1 }
        return count
    }

    /// GEN-9: how many values are strictly less than `value`.
    static func countLower(than value: Double, in values: [Double]) -> Int {
        var count = 0
        for other in values where other < value { count += 1 }
        return count
    }
}

enum OracleFormat {
    /// A number for a finding: integers without a fractional part, others in Swift's shortest round-trip form.
    static func number(_ value: Double) -> String {
        if value == value.rounded() && value.magnitude < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
