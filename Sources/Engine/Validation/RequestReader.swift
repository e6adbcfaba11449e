/// Walks a parsed request against an endpoint's schema, collecting every problem with its JSON Pointer (VAL-2)
/// instead of stopping at the first. Endpoint decoders call the typed readers below; each returns nil when the
/// value is unusable, after recording why.
package final class RequestReader {
    package let limits: Limits
    package private(set) var problems: [Problem] = []
    /// Every problem found, listed or not (ERR-4).
    private var problemCount = 0
    /// ERR-4: the most problems one answer lists.
    package static let maxListedProblems = 1_000
    package private(set) var limitProblems: [Problem] = []
    private var pointer = JSONPointer()
    /// Customers given as models instead of JSON (`ComputeContext.suppliedCustomers`).
    package var supplied: SuppliedCustomers?
    /// Where rows already read in this job are found again (`ComputeContext.segmentationMemo`).
    package var segmentationMemo: SegmentationMemo?

    /// Largest magnitude accepted for any number (VAL-10).
    package static let maxMagnitude = 1e15

    package init(limits: Limits) {
        self.limits = limits
    }

    /// The members of an object that passed the unknown/duplicate checks.
    package struct Fields {
        fileprivate let members: [JSONValue.Member]
        fileprivate func value(_ key: String) -> JSONValue? { members.first { $0.key == key }?.value }
        package func has(_ key: String) -> Bool { value(key) != nil }
        /// The elements of an array member, nil when the member is absent or not an array.
        package func elements(_ key: String) -> [JSONValue]? {
            if case .array(let elements)? = value(key)?.resolved { elements } else { nil }
        }
    }

    // MARK: Problems and pointers

    package func report(_ code: String, _ message: String) {
        report(at: pointer, code, message)
    }

    package func report(_ code: String, _ message: String, at extra: JSONPointer.Token) {
        report(at: pointer.appending(extra), code, message)
    }

    /// Lists the first `maxListedProblems` problems and counts the rest: a body of a million bad values would
    /// otherwise answer a million problems, hundreds of times the body's size.
    package func report(at pointer: JSONPointer, _ code: String, _ message: String) {
        problemCount += 1
        if problems.count < Self.maxListedProblems { problems.append(Problem(pointer: pointer.string, code: code, message: message)) }
    }

    package func reportLimit(_ message: String) {
        limitProblems.append(Problem(pointer: pointer.string, code: "limit_exceeded", message: message))
    }

    package func at<T>(_ key: String, _ body: () -> T) -> T {
        pointer.push(.key(key))
        defer { pointer.pop() }
        return body()
    }

    package func at<T>(_ index: Int, _ body: () -> T) -> T {
        pointer.push(.index(index))
        defer { pointer.pop() }
        return body()
    }

    /// The outcome for the endpoint: a limit breach (413) wins over schema problems (422), which win over success.
    package func finish<T>(_ value: T?) throws(CintelError) -> T {
        if !limitProblems.isEmpty { throw .limitExceeded(limitProblems) }
        if !problems.isEmpty { throw .invalid(problems, total: problemCount) }
        guard let value else { preconditionFailure("a request reader produced no value and no problem") }
        return value
    }

    // MARK: Structure

    /// An object with only the `allowed` members, each at most once (VAL-3, VAL-4).
    package func object(_ value: JSONValue, allowed: [String]) -> Fields? {
        guard case .object(let members) = value.resolved else {
            report("type", "expected an object, got \(value.typeName)")
            return nil
        }
        var seen: [String] = []
        seen.reserveCapacity(members.count)
        for member in members {
            if !allowed.contains(member.key) {
                report("unknown_member", "unknown member '\(member.key)'; allowed: \(allowed.joined(separator: ", "))", at: .key(member.key))
            } else if seen.contains(member.key) {
                report("duplicate_member", "member '\(member.key)' appears more than once", at: .key(member.key))
            } else {
                seen.append(member.key)
            }
        }
        return Fields(members: members)
    }

    /// Reads member `key` with `read` (pointer pushed); a missing required member is reported at the object.
    package func field<T>(_ fields: Fields, _ key: String, required: Bool = true, _ read: (JSONValue) -> T?) -> T? {
        guard let value = fields.value(key) else {
            if required { report("required", "missing required member '\(key)'") }
            return nil
        }
        return at(key) { read(value) }
    }

    /// An array, with `minItems` (VAL-9) and a count limit (VAL-11).
    package func array(_ value: JSONValue, minItems: Int = 0, limit: Int? = nil, limitName: String = "items") -> [JSONValue]? {
        guard case .array(let elements) = value.resolved else {
            report("type", "expected an array, got \(value.typeName)")
            return nil
        }
        if elements.count < minItems {
            report("min_items", minItems == 1 ? "must not be empty" : "must have at least \(minItems) items")
            return nil
        }
        if let limit, elements.count > limit {
            reportLimit("has \(elements.count) \(limitName); this deployment accepts at most \(limit)")
            return nil
        }
        return elements
    }

    /// Calls `body` for each element with the pointer at its index.
    package func each<T>(_ elements: [JSONValue], _ body: (Int, JSONValue) -> T?) -> [T?] {
        var out: [T?] = []
        out.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            out.append(at(index) { body(index, element) })
        }
        return out
    }

    // MARK: Scalars

    package func number(_ value: JSONValue, min: Double? = nil, max: Double? = nil, exclusiveMin: Bool = false) -> Double? {
        guard case .number(let number) = value else {
            report("type", "expected a number, got \(value.typeName)")
            return nil
        }
        if abs(number) > Self.maxMagnitude {
            report("maximum", "magnitude must be ≤ 1e15")
            return nil
        }
        if let min {
            if exclusiveMin, number <= min {
                report("minimum", "must be > \(JSONWriter.number(min))")
                return nil
            }
            if number < min {
                report("minimum", "must be ≥ \(JSONWriter.number(min))")
                return nil
            }
        }
        if let max, number > max {
            report("maximum", "must be ≤ \(JSONWriter.number(max))")
            return nil
        }
        return number
    }

    package func integer(_ value: JSONValue, min: Int? = nil, max: Int? = nil) -> Int? {
        guard case .number(let number) = value else {
            report("type", "expected an integer, got \(value.typeName)")
            return nil
        }
        guard number == number.rounded() else {
            report("type", "expected an integer, got \(JSONWriter.number(number))")
            return nil
        }
        // VAL-10: an integer beyond 1e15 is the right type but too large.
        guard abs(number) <= Self.maxMagnitude else {
            report("maximum", "magnitude must be ≤ 1e15")
            return nil
        }
        let integer = Int(number)
        if let min, integer < min {
            report("minimum", "must be ≥ \(min)")
            return nil
        }
        if let max, integer > max {
            report("maximum", "must be ≤ \(max)")
            return nil
        }
        return integer
    }

    package func string(_ value: JSONValue) -> String? {
        guard case .string(let string) = value else {
            report("type", "expected a string, got \(value.typeName)")
            return nil
        }
        return string
    }

    /// A non-empty string of at most `maxStringLength` scalars (VAL-7).
    package func identifier(_ value: JSONValue) -> String? {
        guard let string = string(value) else { return nil }
        if string.isEmpty {
            report("min_length", "must not be empty")
            return nil
        }
        if string.unicodeScalars.count > limits.maxStringLength {
            report("max_length", "must have at most \(limits.maxStringLength) characters")
            return nil
        }
        return string
    }

    package func bool(_ value: JSONValue) -> Bool? {
        guard case .bool(let flag) = value else {
            report("type", "expected a boolean, got \(value.typeName)")
            return nil
        }
        return flag
    }

    /// A `YYYY-MM-DD` date (VAL-6).
    package func date(_ value: JSONValue) -> Day? {
        guard let string = string(value) else { return nil }
        guard let day = Day(iso: string) else {
            report("date", "'\(string)' is not a real calendar date in YYYY-MM-DD form")
            return nil
        }
        return day
    }
}
