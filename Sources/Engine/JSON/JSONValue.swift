/// A parsed JSON document. Objects keep their members in document order, duplicates included, so that
/// validation can report a repeated member (VAL-4) instead of silently keeping one of the two values.
package enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])
    /// An element of a top-level array not parsed yet (`DeferredJSON`); `resolved` gives its value.
    case deferred(DeferredJSON)

    package struct Member: Sendable, Equatable {
        package var key: String
        package var value: JSONValue

        package init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The JSON type name used in `type` problems ("expected a number, got a string").
    package var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        case .deferred(let element): element.isObject ? "an object" : "an array"
        }
    }

    /// The value of a string or a number; nil for any other value.
    package var stringValue: String? { if case .string(let value) = self { value } else { nil } }
    package var numberValue: Double? { if case .number(let value) = self { value } else { nil } }
    /// The elements of an array; [] for any other value.
    package var elements: [JSONValue] { if case .array(let values) = resolved { values } else { [] } }
    package var elementCount: Int? { if case .array(let values) = resolved { values.count } else { nil } }

    /// First member with this key, for objects.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = resolved else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// Equal values, whether parsed already or deferred.
    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.deferred(let element), _): element.value == rhs
        case (_, .deferred(let element)): lhs == element.value
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default: false
        }
    }
}

// A response assembled as a JSONValue (keys chosen at run time, such as customer ids) is still an Encodable response.
extension JSONValue: Encodable {
    package func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        case .object(let members):
            var container = encoder.container(keyedBy: MemberKey.self)
            for member in members { try container.encode(member.value, forKey: MemberKey(stringValue: member.key)) }
        case .deferred(let element):
            try element.value.encode(to: encoder)
        }
    }

    private struct MemberKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
