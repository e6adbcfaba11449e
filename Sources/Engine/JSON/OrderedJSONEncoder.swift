/// Turns any `Encodable` into a `JSONValue`, keeping keys in the order `encode(to:)` writes them (declaration
/// order for synthesised conformances). Foundation's JSONEncoder on Linux does not keep that order, and GEN-5 asks
/// for responses whose bytes are stable and whose keys follow the schema.
package enum OrderedJSONEncoder {
    package static func encode(_ value: some Encodable) -> JSONValue {
        // A response built as JSON already is its own encoding; re-encoding it would copy the whole tree.
        if let json = value as? JSONValue { return json }
        let root = Node()
        do {
            try value.encode(to: NodeEncoder(node: root, codingPath: []))
        } catch {
            // Our encoders never throw: every model encodes plain values. Reaching this is a programming error.
            preconditionFailure("encoding a response model failed: \(error)")
        }
        return root.value
    }
}

private final class Node {
    enum Kind { case empty, scalar, object, array }
    // Children live in the node's own arrays, appended in place: rebuilding an enum payload per append would copy
    // the whole array each time.
    var kind = Kind.empty
    var scalar = JSONValue.null
    var members: [(String, Node)] = []
    var elements: [Node] = []

    func set(_ value: JSONValue) {
        kind = .scalar
        scalar = value
    }

    var value: JSONValue {
        switch kind {
        case .empty: .null
        case .scalar: scalar
        case .object: .object(members.map { .init($0.0, $0.1.value) })
        case .array: .array(elements.map(\.value))
        }
    }
}

private struct NodeEncoder: Encoder {
    let node: Node
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.kind != .object { node.kind = .object }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if node.kind != .array { node.kind = .array }
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath)
    }
}

private func scalar(_ value: some Encodable) -> JSONValue? {
    switch value {
    case let v as JSONValue: v
    case let v as String: .string(v)
    case let v as Bool: .bool(v)
    case let v as Double: .number(v)
    case let v as Float: .number(Double(v))
    case let v as Int: .number(Double(v))
    case let v as Int64: .number(Double(v))
    case let v as Int32: .number(Double(v))
    case let v as UInt: .number(Double(v))
    default: nil
    }
}

private func encodeChild(_ value: some Encodable, into child: Node, codingPath: [any CodingKey]) throws {
    if let scalar = scalar(value) {
        child.set(scalar)
    } else {
        try value.encode(to: NodeEncoder(node: child, codingPath: codingPath))
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    var codingPath: [any CodingKey]

    private func append(_ key: Key) -> Node {
        let child = Node()
        node.members.append((key.stringValue, child))
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { append(key).set(.null) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encodeChild(value, into: append(key), codingPath: codingPath + [key])
    }
    // Optionals that are nil are left out, as JSONEncoder does.
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: append(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: append(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(node: append(key), codingPath: codingPath + [key]) }
}

private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { String(intValue ?? 0) }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey]
    var count: Int { node.elements.count }

    private func append() -> Node {
        let child = Node()
        node.elements.append(child)
        return child
    }

    mutating func encodeNil() throws { append().set(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = count
        try encodeChild(value, into: append(), codingPath: codingPath + [IndexKey(index)])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: append(), codingPath: codingPath).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        NodeEncoder(node: append(), codingPath: codingPath).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(node: append(), codingPath: codingPath) }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.set(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeChild(value, into: node, codingPath: codingPath) }
}
