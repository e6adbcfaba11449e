/// Serialises a `JSONValue` to UTF-8 bytes. Members are written in the order they are held, so a response's keys
/// follow its schema (GEN-5); integral numbers are written without a fractional part (NUM-4).
package struct JSONWriter {
    package var pretty: Bool

    package init(pretty: Bool = true) {
        self.pretty = pretty
    }

    package func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        var sink: Sink? = nil
        write(value, indent: 0, into: &out, sink: &sink)
        if pretty { out.append(0x0A) }
        return out
    }

    /// Writes `value` in pieces of about `chunk` bytes, handing each to `emit`: a large response never has to sit
    /// in memory twice, as a value and as bytes.
    package func stream(_ value: JSONValue, chunk: Int = 1 << 20, _ emit: @escaping (ArraySlice<UInt8>) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(chunk + 4096)
        var sink: Sink? = Sink(limit: chunk, emit: emit)
        write(value, indent: 0, into: &out, sink: &sink)
        if pretty { out.append(0x0A) }
        emit(out[...])
    }

    /// Where `write` flushes full buffers between array elements; `bytes` has none.
    private struct Sink {
        var limit: Int
        var emit: (ArraySlice<UInt8>) -> Void

        mutating func flush(_ out: inout [UInt8]) {
            guard out.count >= limit else { return }
            emit(out[...])
            out.removeAll(keepingCapacity: true)
        }
    }

    package func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    package static func number(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 9e15 { return String(Int64(value)) }
        return value.description
    }

    private func newline(_ indent: Int, into out: inout [UInt8]) {
        guard pretty else { return }
        out.append(0x0A)
        var left = indent * 2
        while left > 0 {
            let run = min(left, Self.spaces.count)
            out.append(contentsOf: Self.spaces[..<run])
            left -= run
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    /// `number(_:)`'s text appended as bytes: integers digit by digit, since a large response writes millions.
    private static func writeNumber(_ value: Double, into out: inout [UInt8]) {
        guard value == value.rounded(), abs(value) < 9e15 else {
            out.append(contentsOf: number(value).utf8)
            return
        }
        var rest = Int64(value)
        if rest == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        if rest < 0 {
            out.append(UInt8(ascii: "-"))
            rest = -rest
        }
        var digits: (UInt64, UInt64) = (0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[15 - count] = UInt8(48 + rest % 10)
                rest /= 10
                count += 1
            }
            out.append(contentsOf: buffer[(16 - count)...])
        }
    }

    private func write(_ value: JSONValue, indent: Int, into out: inout [UInt8], sink: inout Sink?) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): Self.writeNumber(number, into: &out)
        case .string(let string): Self.writeString(string, into: &out)
        case .deferred(let element): write(element.value, indent: indent, into: &out, sink: &sink)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            if elements.isEmpty {
                out.append(UInt8(ascii: "]"))
                return
            }
            // Arrays of scalars stay on one line: linkage rows and thresholds read better that way.
            let inline = elements.allSatisfy {
                switch $0 {
                case .array, .object, .deferred: false
                default: true
                }
            }
            for (position, element) in elements.enumerated() {
                if position > 0 {
                    out.append(UInt8(ascii: ","))
                    if inline && pretty { out.append(0x20) }
                }
                if !inline { newline(indent + 1, into: &out) }
                write(element, indent: indent + 1, into: &out, sink: &sink)
                sink?.flush(&out)
            }
            if !inline { newline(indent, into: &out) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            if members.isEmpty {
                out.append(UInt8(ascii: "}"))
                return
            }
            for (position, member) in members.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, into: &out)
                Self.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(0x20) }
                write(member.value, indent: indent + 1, into: &out, sink: &sink)
            }
            newline(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings (keys, ids, sentences) need no escape: copy them whole.
        var string = string
        let plain = string.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        let utf8 = string.utf8
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
