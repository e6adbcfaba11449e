/// One check on a response body (fixtures/README.md, "Assertions"). Decoded from the fixture's object form.
public enum Assertion: Codable, Sendable, Equatable {
    case equals(pointer: String, JSON)
    case approx(pointer: String, value: Double, abs: Double, rel: Double)
    case type(pointer: String, String)
    case range(pointer: String, low: Double?, high: Double?)
    case oneOf(pointer: String, [JSON])
    case setEquals(pointer: String, [JSON])
    case length(pointer: String, Int)
    case partition(pointer: String, JSON)
    /// A string (the whole body when the response is not JSON and the pointer is "") containing / lacking a text.
    case contains(pointer: String, String)
    case excludes(pointer: String, String)
    case oracle(String)

    private enum Key: String, CodingKey {
        case pointer, equals, approx, abs, rel, type, range, oneOf, setEquals, length, partition, contains, excludes, oracle
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let name = try c.decodeIfPresent(String.self, forKey: .oracle) {
            self = .oracle(name)
            return
        }
        let pointer = try c.decode(String.self, forKey: .pointer)
        if c.contains(.equals) {
            // `"equals": null` asserts a null value, so presence is tested, not decodeIfPresent (which reads null as absent).
            self = .equals(pointer: pointer, try c.decode(JSON.self, forKey: .equals))
        } else if let value = try c.decodeIfPresent(Double.self, forKey: .approx) {
            self = .approx(
                pointer: pointer, value: value, abs: try c.decodeIfPresent(Double.self, forKey: .abs) ?? 0,
                rel: try c.decodeIfPresent(Double.self, forKey: .rel) ?? 0)
        } else if let value = try c.decodeIfPresent(String.self, forKey: .type) {
            self = .type(pointer: pointer, value)
        } else if let bounds = try c.decodeIfPresent([Double?].self, forKey: .range), bounds.count == 2 {
            self = .range(pointer: pointer, low: bounds[0], high: bounds[1])
        } else if let values = try c.decodeIfPresent([JSON].self, forKey: .oneOf) {
            self = .oneOf(pointer: pointer, values)
        } else if let values = try c.decodeIfPresent([JSON].self, forKey: .setEquals) {
            self = .setEquals(pointer: pointer, values)
        } else if let count = try c.decodeIfPresent(Int.self, forKey: .length) {
            self = .length(pointer: pointer, count)
        } else if let labels = try c.decodeIfPresent(JSON.self, forKey: .partition) {
            self = .partition(pointer: pointer, labels)
        } else if let text = try c.decodeIfPresent(String.self, forKey: .contains) {
            self = .contains(pointer: pointer, text)
        } else if let text = try c.decodeIfPresent(String.self, forKey: .excludes) {
            self = .excludes(pointer: pointer, text)
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .pointer, in: c,
                debugDescription:
                    "an assertion needs one of equals, approx, type, range, oneOf, setEquals, length, partition, contains, excludes, oracle")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .oracle(let name): try c.encode(name, forKey: .oracle)
        case .equals(let pointer, let value):
            try c.encode(pointer, forKey: .pointer)
            try c.encode(value, forKey: .equals)
        case .approx(let pointer, let value, let abs, let rel):
            try c.encode(pointer, forKey: .pointer)
            try c.encode(value, forKey: .approx)
            try c.encode(abs, forKey: .abs)
            try c.encode(rel, forKey: .rel)
        case .type(let pointer, let value):
            try c.encode(pointer, forKey: .pointer)
            try c.encode(value, forKey: .type)
        case .range(let pointer, let low, let high):
            try c.encode(pointer, forKey: .pointer)
            try c.encode([low, high], forKey: .range)
        case .oneOf(let pointer, let values):
            try c.encode(pointer, forKey: .pointer)
            try c.encode(values, forKey: .oneOf)
        case .setEquals(let pointer, let values):
            try c.encode(pointer, forKey: .pointer)
            try c.encode(values, forKey: .setEquals)
        case .length(let pointer, let count):
            try c.encode(pointer, forKey: .pointer)
            try c.encode(count, forKey: .length)
        case .partition(let pointer, let labels):
            try c.encode(pointer, forKey: .pointer)
            try c.encode(labels, forKey: .partition)
        case .contains(let pointer, let text):
            try c.encode(pointer, forKey: .pointer)
            try c.encode(text, forKey: .contains)
        case .excludes(let pointer, let text):
            try c.encode(pointer, forKey: .pointer)
            try c.encode(text, forKey: .excludes)
        }
    }
}

/// Something wrong with a response: which clause, where, what was expected, what came, with what tolerance.
public struct Finding: Sendable, Equatable, Codable {
    public var clause: String?
    public var pointer: String
    public var expected: String
    public var actual: String
    public var tolerance: String?
    public var message: String

    public init(clause: String? = nil, pointer: String, expected: String, actual: String, tolerance: String? = nil, message: String) {
        self.clause = clause
        self.pointer = pointer
        self.expected = expected
        self.actual = actual
        self.tolerance = tolerance
        self.message = message
    }
}
