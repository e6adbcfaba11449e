/// An element of a request's top-level array (a customer, a row), or an array member of such an element (a
/// customer's transactions), kept as the byte range it was read from and parsed when a reader reaches it. A body of
/// 100,000 customers is then read one customer at a time, never held as a whole tree beside its own bytes (SRV-6),
/// and a reader that knows the shape of an array can scan its bytes without building it. The bytes were checked when
/// the body was parsed, so parsing them again cannot fail.
package struct DeferredJSON: Sendable {
    fileprivate let source: JSONSource
    fileprivate let start: UInt32
    fileprivate let end: UInt32
    /// How many containers enclose the value.
    fileprivate let depth: UInt32

    init(source: JSONSource, range: Range<Int>, depth: Int) {
        self.source = source
        self.start = UInt32(range.lowerBound)
        self.end = UInt32(range.upperBound)
        self.depth = UInt32(depth)
    }

    /// The value's bytes, valid JSON at this depth.
    package func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        source.bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(end)])) }
    }

    /// Whether the element is an object (else an array): only containers are deferred.
    var isObject: Bool { source.bytes[Int(start)] == UInt8(ascii: "{") }

    /// The element's value, parsed anew on each call.
    package var value: JSONValue {
        source.bytes.withUnsafeBufferPointer { buffer in
            JSONParser.element(in: buffer, range: Int(start)..<Int(end), depth: Int(depth), source: source)
        }
    }
}

/// The bytes of a parsed body, shared by its deferred elements and freed with the last of them.
final class JSONSource: Sendable {
    let bytes: [UInt8]
    let maxDepth: Int
    /// Deferred elements sit in arrays that are members of the root object: two containers deep.
    static let elementDepth = 2

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }
}

extension JSONValue {
    /// The value itself, with a deferred element parsed.
    package var resolved: JSONValue {
        if case .deferred(let element) = self { element.value } else { self }
    }
}
