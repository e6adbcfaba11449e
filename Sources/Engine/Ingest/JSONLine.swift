/// One line of a JSON Lines input file read as an object (ING-4). A string whose bytes are not UTF-8 does not make
/// the line unreadable: it is read with U+FFFD for each bad byte sequence, and the top-level member it is the value
/// of is named in `invalidUTF8`, so that the row becomes a bad row at that column rather than a silent replacement.
package struct JSONLine {
    package var members: [JSONValue.Member]
    /// The top-level members whose string values are not valid UTF-8, in the line's order.
    package var invalidUTF8: [String]

    /// The line as an object; nil when it is not one JSON object (bad UTF-8 in strings aside).
    package static func parse(_ line: some Collection<UInt8>, maxDepth: Int = 8) -> JSONLine? {
        var repaired: [UInt8]?
        var invalid: [String] = []
        while true {
            do throws(JSONParser.Failure) {
                let value: JSONValue
                if let repaired {
                    value = try JSONParser.parse(repaired, maxDepth: maxDepth)
                } else {
                    value = try JSONParser.parse(line, maxDepth: maxDepth)
                }
                guard case .object(let members) = value else { return nil }
                return JSONLine(members: members, invalidUTF8: invalid)
            } catch {
                // Bad UTF-8 is the only failure repaired; each pass repairs the first bad string, so the loop ends.
                var bytes = repaired ?? Array(line)
                guard error.reason == JSONParser.invalidUTF8, let end = stringEnd(bytes, from: error.offset) else { return nil }
                if let member = member(ofStringAt: error.offset, in: bytes) { invalid.append(member) }
                bytes.replaceSubrange(error.offset..<end, with: Array(String(decoding: bytes[error.offset..<end], as: UTF8.self).utf8))
                repaired = bytes
            }
        }
    }

    /// The index of the quote that closes the string whose content starts at `start`.
    private static func stringEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index
            default: index += 1
            }
        }
        return nil
    }

    /// The name of the top-level member whose value is the string starting at `start`; nil for a member name, an
    /// element of an array or a value nested deeper. Every string before `start` is valid (the parser stopped at
    /// the first bad one), so the name decodes.
    private static func member(ofStringAt start: Int, in bytes: [UInt8]) -> String? {
        var depth = 0
        var inString = false
        var escaped = false
        var stringStart = 0
        var lastString: Range<Int>?
        var key: Range<Int>?
        var afterColon = false
        for index in 0..<max(0, start - 1) {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    lastString = stringStart..<(index + 1)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                stringStart = index
                afterColon = false
            case UInt8(ascii: ":"):
                key = depth == 1 ? lastString : nil
                afterColon = true
            case 0x20, 0x09, 0x0D, 0x0A: break
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                afterColon = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                afterColon = false
            default: afterColon = false
            }
        }
        guard depth == 1, afterColon, let key, case .string(let name)? = try? JSONParser.parse(bytes[key]) else { return nil }
        return name
    }
}
