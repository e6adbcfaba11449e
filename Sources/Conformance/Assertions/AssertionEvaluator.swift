import Foundation

/// Evaluates a fixture's assertions on a response body (fixtures/README.md, "Assertions").
public enum AssertionEvaluator {
    /// Findings for one assertion; an empty list means it held. Unknown oracles are reported by the runner.
    public static func evaluate(_ assertion: Assertion, request: JSON, response: JSON, clause: String?) -> [Finding] {
        func missing(_ pointer: String, _ expected: String) -> [Finding] {
            [Finding(clause: clause, pointer: pointer, expected: expected, actual: "(absent)", message: "no value at \(pointer)")]
        }
        switch assertion {
        case .oracle(let name):
            guard let oracle = OracleCatalog.named(name) else {
                return [
                    Finding(
                        clause: clause, pointer: "", expected: "oracle \(name)", actual: "(unknown)", message: "the corpus names an unknown oracle")
                ]
            }
            return oracle.run(request: request, response: response)
        case .equals(let pointer, let expected):
            guard let actual = response[pointer: pointer] else { return missing(pointer, expected.text) }
            return same(actual, expected)
                ? [] : [Finding(clause: clause, pointer: pointer, expected: expected.text, actual: actual.text, message: "not equal")]
        case .approx(let pointer, let expected, let absolute, let relative):
            guard let actual = response[pointer: pointer] else { return missing(pointer, String(expected)) }
            let tolerance = absolute + relative * abs(expected)
            guard let number = actual.number, abs(number - expected) <= tolerance else {
                return [
                    Finding(
                        clause: clause, pointer: pointer, expected: String(expected), actual: actual.text, tolerance: "±\(tolerance)",
                        message: "outside the tolerance")
                ]
            }
            return []
        case .type(let pointer, let expected):
            guard let actual = response[pointer: pointer] else { return missing(pointer, expected) }
            let matches = actual.typeName == expected || (expected == "number" && actual.typeName == "integer")
            return matches ? [] : [Finding(clause: clause, pointer: pointer, expected: expected, actual: actual.typeName, message: "wrong JSON type")]
        case .range(let pointer, let low, let high):
            let bounds = "[\(low.map { String($0) } ?? "−∞"), \(high.map { String($0) } ?? "∞")]"
            guard let actual = response[pointer: pointer] else { return missing(pointer, bounds) }
            guard let number = actual.number, low.map({ number >= $0 }) ?? true, high.map({ number <= $0 }) ?? true else {
                return [Finding(clause: clause, pointer: pointer, expected: bounds, actual: actual.text, message: "outside the range")]
            }
            return []
        case .oneOf(let pointer, let options):
            let expected = JSON.array(options).text
            guard let actual = response[pointer: pointer] else { return missing(pointer, "one of \(expected)") }
            return options.contains { same(actual, $0) }
                ? []
                : [
                    Finding(
                        clause: clause, pointer: pointer, expected: "one of \(expected)", actual: actual.text,
                        message: "not one of the allowed values")
                ]
        case .setEquals(let pointer, let expected):
            guard let actual = response[pointer: pointer] else { return missing(pointer, JSON.array(expected).text) }
            guard let elements = actual.array, sameMultiset(elements, expected) else {
                return [
                    Finding(clause: clause, pointer: pointer, expected: JSON.array(expected).text, actual: actual.text, message: "not the same set")
                ]
            }
            return []
        case .length(let pointer, let count):
            guard let actual = response[pointer: pointer] else { return missing(pointer, "\(count) items") }
            let size = actual.array?.count ?? actual.object?.count
            return size == count
                ? []
                : [
                    Finding(
                        clause: clause, pointer: pointer, expected: "\(count) items", actual: size.map { "\($0) items" } ?? actual.typeName,
                        message: "wrong length")
                ]
        case .partition(let pointer, let expected):
            guard let actual = response[pointer: pointer] else { return missing(pointer, expected.text) }
            return samePartition(actual, expected)
                ? []
                : [
                    Finding(
                        clause: clause, pointer: pointer, expected: expected.text, actual: actual.text,
                        message: "not the same grouping up to renaming")
                ]
        case .contains(let pointer, let text), .excludes(let pointer, let text):
            let wanted: Bool
            if case .contains = assertion { wanted = true } else { wanted = false }
            guard let actual = response[pointer: pointer]?.string else { return missing(pointer, "a string") }
            guard actual.contains(text) != wanted else { return [] }
            return [
                Finding(
                    clause: clause, pointer: pointer, expected: "\(wanted ? "contains" : "does not contain") \(JSON.string(text).text)",
                    actual: wanted ? "(absent)" : "(present)", message: wanted ? "a required text is missing" : "a forbidden text is present")
            ]
        }
    }

    /// `agrees_with` (fixtures/README.md): each pointer pair names equal values in the two answers; a `*` token in both
    /// pointers runs over the elements of equally long arrays.
    static func agreement(_ pairs: [[String]], answer: JSON, companion: JSON, clause: String?) -> [Finding] {
        var findings: [Finding] = []
        func compare(_ left: [String], _ right: [String], _ leftDone: String, _ rightDone: String) {
            guard let star = left.firstIndex(of: "*"), let otherStar = right.firstIndex(of: "*") else {
                let a = answer[pointer: leftDone + left.map { "/" + $0 }.joined()]
                let b = companion[pointer: rightDone + right.map { "/" + $0 }.joined()]
                let pointer = leftDone + left.map { "/" + $0 }.joined()
                if a == nil || b == nil || !same(a!, b!) {
                    findings.append(
                        Finding(
                            clause: clause, pointer: pointer, expected: b?.text ?? "(absent in the companion answer)", actual: a?.text ?? "(absent)",
                            message: "disagrees with the companion answer at \(rightDone + right.map { "/" + $0 }.joined())"))
                }
                return
            }
            let leftPrefix = leftDone + left[..<star].map { "/" + $0 }.joined()
            let rightPrefix = rightDone + right[..<otherStar].map { "/" + $0 }.joined()
            let a = answer[pointer: leftPrefix]?.array
            let b = companion[pointer: rightPrefix]?.array
            guard let a, let b, a.count == b.count else {
                findings.append(
                    Finding(
                        clause: clause, pointer: leftPrefix, expected: b.map { "\($0.count) items" } ?? "(absent in the companion answer)",
                        actual: a.map { "\($0.count) items" } ?? "(absent)",
                        message: "array lengths differ from the companion answer at \(rightPrefix)"))
                return
            }
            for index in a.indices {
                compare(Array(left[(star + 1)...]), Array(right[(otherStar + 1)...]), "\(leftPrefix)/\(index)", "\(rightPrefix)/\(index)")
            }
        }
        for pair in pairs where pair.count == 2 {
            func tokens(_ pointer: String) -> [String] {
                pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
            }
            compare(tokens(pair[0]), tokens(pair[1]), "", "")
        }
        return findings
    }

    /// JSON equality with numbers compared as numbers.
    static func same(_ a: JSON, _ b: JSON) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x == y
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.object(let x), .object(let y)): return x.count == y.count && x.allSatisfy { key, value in y[key].map { same(value, $0) } ?? false }
        default: return a == b
        }
    }

    private static func sameMultiset(_ a: [JSON], _ b: [JSON]) -> Bool {
        guard a.count == b.count else { return false }
        var remaining = b
        for element in a {
            guard let index = remaining.firstIndex(where: { same($0, element) }) else { return false }
            remaining.remove(at: index)
        }
        return true
    }

    /// Cluster labels equal up to renaming: the same members share a label on both sides (a bijection of labels).
    static func samePartition(_ actual: JSON, _ expected: JSON) -> Bool {
        let pairs: [(JSON, JSON)]
        switch (actual, expected) {
        case (.object(let a), .object(let e)):
            guard Set(a.keys) == Set(e.keys) else { return false }
            pairs = e.keys.sorted().map { (a[$0]!, e[$0]!) }
        case (.array(let a), .array(let e)):
            guard a.count == e.count else { return false }
            pairs = Array(zip(a, e))
        default:
            return false
        }
        var forward: [String: String] = [:]
        var backward: [String: String] = [:]
        for (a, e) in pairs {
            let (x, y) = (a.text, e.text)
            if let mapped = forward[x], mapped != y { return false }
            if let mapped = backward[y], mapped != x { return false }
            forward[x] = y
            backward[y] = x
        }
        return true
    }
}
