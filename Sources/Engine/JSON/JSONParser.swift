/// A strict RFC 8259 parser over UTF-8 bytes: no comments, no trailing commas, no NaN/Infinity,
/// no invalid UTF-8, no lone surrogates. Failures carry the byte offset of the first problem (VAL-1).
package struct JSONParser {
    package struct Failure: Error, Equatable {
        package var offset: Int
        package var reason: String
    }

    /// The reason of a string whose bytes are not UTF-8; its offset is the string's first byte after the quote.
    package static let invalidUTF8 = "invalid UTF-8 in a string"

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    private let maxDepth: Int
    /// Open containers' items so far: each container is built once at its close, at its exact size, instead of
    /// growing by doubling (which leaves up to half of every array unused).
    private var pendingValues: [JSONValue] = []
    private var pendingMembers: [JSONValue.Member] = []
    /// Member names longer than Swift stores inline, shared by every object that repeats them.
    private var sharedKeys: Set<String> = []
    private static let mostSharedKeys = 4_096
    /// Set while parsing a request body whose top-level arrays' elements are deferred.
    private var source: JSONSource?
    /// Set while building a deferred element, whose own array members are deferred in turn.
    private var deferringMembers = false

    private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    package static func parse(_ data: some Collection<UInt8>, maxDepth: Int = 32) throws(Failure) -> JSONValue {
        // A body is parsed where it lies: a copy would cost as much memory again as the body (SRV-6).
        if let result = data.withContiguousStorageIfAvailable({ parse(buffer: $0, maxDepth: maxDepth, source: nil) }) {
            return try result.get()
        }
        return try Array(data).withUnsafeBufferPointer { parse(buffer: $0, maxDepth: maxDepth, source: nil) }.get()
    }

    /// A request body, with the object and array elements of its top-level arrays deferred (`DeferredJSON`): checked
    /// now, built when read. The body's bytes are kept for them (not copied) until the last is gone.
    package static func parseDeferringElements(_ body: consuming [UInt8], maxDepth: Int = 32) throws(Failure) -> JSONValue {
        let source = JSONSource(bytes: body, maxDepth: maxDepth)
        return try source.bytes.withUnsafeBufferPointer { parse(buffer: $0, maxDepth: maxDepth, source: source) }.get()
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int, source: JSONSource?) -> Result<JSONValue, Failure> {
        var parser = JSONParser(bytes: buffer, maxDepth: maxDepth)
        // Offsets of deferred elements are 32-bit; a larger body (over any sane limit) is built whole.
        if buffer.count < Int(UInt32.max) { parser.source = source }
        do throws(Failure) {
            // A UTF-8 byte order mark is tolerated: some exporters write one.
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { parser.index = 3 }
            parser.skipWhitespace()
            let value = try parser.parseValue()
            parser.skipWhitespace()
            if parser.index != buffer.count { throw parser.fail("unexpected content after the JSON value") }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    /// A deferred element's value: `range` of `buffer` holds one value, already checked at this depth. Its own array
    /// members are deferred in turn.
    static func element(in buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>, depth: Int, source: JSONSource) -> JSONValue {
        var parser = JSONParser(bytes: UnsafeBufferPointer(rebasing: buffer[..<range.upperBound]), maxDepth: source.maxDepth)
        parser.index = range.lowerBound
        parser.depth = depth
        parser.source = source
        parser.deferringMembers = depth == JSONSource.elementDepth
        return (try? parser.parseValue()) ?? .null
    }

    /// The number that starts at `index` of `buffer`, converted exactly as a parsed body's number; `index` moves past
    /// it. Nil for anything but a number.
    static func number(in buffer: UnsafeBufferPointer<UInt8>, at index: inout Int) -> Double? {
        var parser = JSONParser(bytes: buffer, maxDepth: 1)
        parser.index = index
        guard index < buffer.count, buffer[index] == UInt8(ascii: "-") || parser.isDigit(buffer[index]),
            let value = try? parser.parseNumber()
        else { return nil }
        index = parser.index
        return value
    }

    private func fail(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

    private mutating func skipWhitespace() {
        index = Self.endOfWhitespace(in: bytes, from: index)
    }

    /// The first index at or after `index` that is not JSON whitespace.
    static func endOfWhitespace(in bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        var index = index
        while index < bytes.count {
            // Indentation comes in runs of spaces: eight at a time.
            if index + 8 <= bytes.count,
                UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + index).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020
            {
                index += 8
                continue
            }
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return index
            }
        }
        return index
    }

    /// The next value; without `build`, checked only, and `.null` is returned in its place.
    private mutating func parseValue(build: Bool = true) throws(Failure) -> JSONValue {
        guard index < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(build: build)
        case UInt8(ascii: "["): return try parseArray(build: build)
        case UInt8(ascii: "\""): return .string(try parseString(build: build))
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber(build: build))
        default: throw fail("unexpected character; expected a JSON value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("unexpected end of input") }
        let start = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw fail("invalid literal")
        }
        index += count
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > maxDepth { throw fail("nesting deeper than \(maxDepth) levels") }
    }

    private mutating func parseObject(build: Bool) throws(Failure) -> JSONValue {
        try enter()
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object([])
        }
        let start = pendingMembers.count
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a member name string") }
            let key = try parseString(build: build)
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after a member name") }
            index += 1
            skipWhitespace()
            if build, deferringMembers, let source, depth == JSONSource.elementDepth + 1, index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                // An array member of a deferred element (a customer's transactions): checked when the body was read.
                let first = index
                _ = try parseValue(build: false)
                pendingMembers.append(.init(shared(key), .deferred(DeferredJSON(source: source, range: first..<index, depth: depth))))
            } else if build {
                pendingMembers.append(.init(shared(key), try parseValue()))
            } else {
                _ = try parseValue(build: false)
            }
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input inside an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw fail("expected ',' or '}' in an object") }
            index += 1
            depth -= 1
            guard build else { return .null }
            let members = Array(pendingMembers[start...])
            pendingMembers.removeSubrange(start...)
            return .object(members)
        }
    }

    /// The stored copy of a long member name seen before, so that a million objects hold one copy of each name.
    private mutating func shared(_ key: String) -> String {
        guard key.utf8.count > 15 else { return key }
        if let index = sharedKeys.firstIndex(of: key) { return sharedKeys[index] }
        if sharedKeys.count < Self.mostSharedKeys { sharedKeys.insert(key) }
        return key
    }

    private mutating func parseArray(build: Bool) throws(Failure) -> JSONValue {
        try enter()
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array([])
        }
        let start = pendingValues.count
        // The elements of a top-level array of a request body: containers are checked and deferred.
        let deferring = build && depth == JSONSource.elementDepth && source != nil
        while true {
            skipWhitespace()
            if deferring, let source, index < bytes.count, bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") {
                let first = index
                _ = try parseValue(build: false)
                pendingValues.append(.deferred(DeferredJSON(source: source, range: first..<index, depth: depth)))
            } else if build {
                pendingValues.append(try parseValue())
            } else {
                _ = try parseValue(build: false)
            }
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input inside an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw fail("expected ',' or ']' in an array") }
            index += 1
            depth -= 1
            guard build else { return .null }
            let elements = Array(pendingValues[start...])
            pendingValues.removeSubrange(start...)
            return .array(elements)
        }
    }

    /// Without `build`, a number that cannot leave binary64's range (no exponent, at most 300 integer digits) is
    /// only scanned, and 0 returned.
    private mutating func parseNumber(build: Bool = true) throws(Failure) -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number") }
        let integerStart = index
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw fail("numbers may not have leading zeros") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let integerDigits = index - integerStart
        var fractionDigits = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected a digit after '.'") }
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            fractionDigits = index - fractionStart
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected a digit in the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        } else if !build, integerDigits <= 300 {
            return 0
        } else if integerDigits + fractionDigits <= 15 {
            // Clinger's fast path: at most 15 digits are an exact integer in binary64, and so is 10^f for f ≤ 22, so
            // their one correctly rounded quotient is the correctly rounded value of the decimal.
            var mantissa: UInt64 = 0
            for offset in integerStart..<index where bytes[offset] != UInt8(ascii: ".") {
                mantissa = mantissa * 10 + UInt64(bytes[offset] - UInt8(ascii: "0"))
            }
            let magnitude = Double(mantissa) / Self.powersOfTen[fractionDigits]
            return bytes[start] == UInt8(ascii: "-") ? -magnitude : magnitude
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            index = start
            throw fail("number out of the range of binary64")
        }
        return value
    }

    /// The eight bytes from `offset`, the first in the lowest byte.
    private func word(at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + offset).loadUnaligned(as: UInt64.self))
    }

    /// Whether no byte of `word` is '"', '\\', below 0x20 or above 0x7F (a byte is zero exactly when the classic
    /// `(x − 0x01…) & ~x & 0x80…` test finds one, and likewise below 0x20 with 0x20…).
    private static func isPlainASCII(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let control = (word &- 0x2020_2020_2020_2020) & ~word & highs != 0
        return word & highs == 0 && !control && !hasZeroByte(word ^ (0x22 &* ones)) && !hasZeroByte(word ^ (0x5C &* ones))
    }

    /// 10^0 … 10^15, each exact in binary64.
    private static let powersOfTen: [Double] = (0...15).map { exponent in (0..<exponent).reduce(1.0) { product, _ in product * 10 } }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Without `build`, a string is checked only, and "" returned: ASCII needs no UTF-8 decoding at all.
    private mutating func parseString(build: Bool = true) throws(Failure) -> String {
        index += 1
        let start = index
        var ascii = true
        // Eight bytes at a time while none is a quote, a backslash, a control character or non-ASCII.
        while index + 8 <= bytes.count && Self.isPlainASCII(word(at: index)) { index += 8 }
        // Fast path: no escapes, valid UTF-8 checked by the decoder below.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if !build && ascii {
                    index += 1
                    return ""
                }
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                // ASCII is valid UTF-8 already: the decoding initialiser copies it without a second check.
                if ascii { return String(decoding: slice, as: UTF8.self) }
                guard let string = String(validating: slice, as: UTF8.self) else { throw Failure(offset: start, reason: Self.invalidUTF8) }
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character in a string") }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                guard let string = String(validating: scalars, as: UTF8.self) else {
                    throw Failure(offset: start, reason: Self.invalidUTF8)
                }
                index += 1
                return string
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw fail("unexpected end of input in an escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append(0x22)
                case UInt8(ascii: "\\"): scalars.append(0x5C)
                case UInt8(ascii: "/"): scalars.append(0x2F)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try parseHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail("lone high surrogate in a \\u escape")
                        }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid low surrogate in a \\u escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw fail("lone low surrogate in a \\u escape")
                    }
                    scalars.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(code)!)!)
                default:
                    throw fail("invalid escape sequence")
                }
            default:
                if byte < 0x20 { throw fail("control character in a string") }
                scalars.append(byte)
                index += 1
            }
        }
        throw fail("unterminated string")
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("unexpected end of input in a \\u escape") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail("invalid hex digit in a \\u escape")
            }
            code = code << 4 | digit
            index += 1
        }
        return code
    }
}
