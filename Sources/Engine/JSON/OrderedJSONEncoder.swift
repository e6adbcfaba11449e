/// Turns any `Encodable` into a `JSONValue`, keeping keys in the order `encode(to:)` writes them (declaration
/// order for synthesised conformances). Foundation's JSONEncoder on Linux does not keep that order, and GEN-5 asks
/// for responses whose bytes are stable and whose keys follow the schema.
///
/// A job encodes responses of a million rows, so the common cases avoid Codable's slow paths: numbers, strings and
/// booleans are written without a dynamic cast or a node of their own, and no coding path is built, since these
/// encoders never throw and so never report one.
package enum OrderedJSONEncoder {
    package static func encode(_ value: some Encodable) -> JSONValue {
        // A response built as JSON already is its own encoding; re-encoding it would copy the whole tree.
        if let json = value as? JSONValue { return json }
        do {
            return try slot(value).value
        } catch {
            // Our encoders never throw: every model encodes plain values. Reaching this is a programming error.
            preconditionFailure("encoding a response model failed: \(error)")
        }
    }
}

/// A model that builds its own JSON, member for member what its synthesised `encode(to:)` writes (keys from its
/// `CodingKeys`, in declaration order). The rows of large responses do, since Codable's containers cost more than
/// the values they hold; tests hold each one to its Codable encoding.
package protocol JSONRepresentable: Encodable {
    var json: JSONValue { get }
}

private final class Node {
    enum Kind { case empty, scalar, object, array }
    // Children live in the node's own arrays, appended in place: rebuilding an enum payload per append would copy
    // the whole array each time.
    var kind = Kind.empty
    var scalar = JSONValue.null
    var members: [JSONValue.Member] = []
    var pending: [(index: Int, node: Node)] = []
    var elements: [JSONValue] = []
    var pendingElements: [(index: Int, node: Node)] = []

    func set(_ value: JSONValue) {
        kind = .scalar
        scalar = value
    }

    /// A member whose value is a container still being filled: a placeholder now, the node's value at the end.
    func appendMember(_ key: String) -> Node {
        let child = Node()
        pending.append((members.count, child))
        members.append(.init(key, .null))
        return child
    }

    func appendElement() -> Node {
        let child = Node()
        pendingElements.append((elements.count, child))
        elements.append(.null)
        return child
    }

    var value: JSONValue {
        switch kind {
        case .empty: return .null
        case .scalar: return scalar
        case .object:
            var members = self.members
            for (index, node) in pending { members[index].value = node.value }
            return .object(members)
        case .array:
            var elements = self.elements
            for (index, node) in pendingElements { elements[index] = node.value }
            return .array(elements)
        }
    }
}

/// A value's JSON: directly for a scalar, otherwise through a node that its `encode(to:)` fills.
private enum Slot {
    case value(JSONValue)
    case node(Node)

    var value: JSONValue {
        switch self {
        case .value(let value): value
        case .node(let node): node.value
        }
    }
}

private func slot<T: Encodable>(_ value: T) throws -> Slot {
    if let scalar = scalar(value) { return .value(scalar) }
    let node = Node()
    try value.encode(to: NodeEncoder(node: node))
    return .node(node)
}

/// The JSON of a plain value; the type tests compare metadata, which costs far less than a dynamic cast.
private func scalar<T: Encodable>(_ value: T) -> JSONValue? {
    if T.self == Double.self { return .number(unsafeBitCast(value, to: Double.self)) }
    if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
    if T.self == Int.self { return .number(Double(unsafeBitCast(value, to: Int.self))) }
    if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
    if T.self == JSONValue.self { return (value as! JSONValue) }
    if let direct = value as? any JSONRepresentable { return direct.json }
    switch value {
    case let v as Float: return .number(Double(v))
    case let v as Int64: return .number(Double(v))
    case let v as Int32: return .number(Double(v))
    case let v as UInt: return .number(Double(v))
    default: return nil
    }
}

private struct NodeEncoder: Encoder {
    let node: Node
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.kind != .object { node.kind = .object }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if node.kind != .array { node.kind = .array }
        return UnkeyedNodeContainer(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(node: node)
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    var codingPath: [any CodingKey] { [] }

    private func append(_ key: Key, _ value: JSONValue) { node.members.append(.init(key.stringValue, value)) }

    mutating func encodeNil(forKey key: Key) throws { append(key, .null) }
    mutating func encode(_ value: Double, forKey key: Key) throws { append(key, .number(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { append(key, .string(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { append(key, .number(Double(value))) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { append(key, .bool(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        switch try slot(value) {
        case .value(let json): append(key, json)
        case .node(let child):
            node.pending.append((node.members.count, child))
            append(key, .null)
        }
    }
    // Optionals that are nil are left out, as JSONEncoder does.
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { if let value { append(key, .number(value)) } }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { if let value { append(key, .string(value)) } }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { if let value { append(key, .number(Double(value))) } }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { if let value { append(key, .bool(value)) } }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.appendMember(key.stringValue)).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.appendMember(key.stringValue)).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(node: node.appendMember(key.stringValue)) }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey] { [] }
    var count: Int { node.elements.count }

    mutating func encodeNil() throws { node.elements.append(.null) }
    mutating func encode(_ value: Double) throws { node.elements.append(.number(value)) }
    mutating func encode(_ value: String) throws { node.elements.append(.string(value)) }
    mutating func encode(_ value: Int) throws { node.elements.append(.number(Double(value))) }
    mutating func encode(_ value: Bool) throws { node.elements.append(.bool(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        switch try slot(value) {
        case .value(let json): node.elements.append(json)
        case .node(let child):
            node.pendingElements.append((node.elements.count, child))
            node.elements.append(.null)
        }
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.appendElement()).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.appendElement()).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.appendElement()) }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { node.set(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        if let scalar = scalar(value) { node.set(scalar) } else { try value.encode(to: NodeEncoder(node: node)) }
    }
}
