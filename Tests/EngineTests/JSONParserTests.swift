import Testing

@testable import Engine

@Suite("JSON parser (VAL-1, VAL-4)")
struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParser.Failure) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func parsesNestedDocumentsKeepingMemberOrderAndDuplicates() throws {
        let value = try parse(#"{"b": [1, 2.5, -3e2, true, false, null], "a": "x", "a": {"c": "é\n\u00e9\ud83d\ude00"}}"#)
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["b", "a", "a"])
        #expect(members[0].value == .array([.number(1), .number(2.5), .number(-300), .bool(true), .bool(false), .null]))
        #expect(members[2].value["c"] == .string("é\né😀"))
    }

    @Test(arguments: [
        ("NaN", 0), ("[1, NaN]", 4), ("[Infinity]", 1), ("[1,]", 3), ("{\"a\":1,}", 7), ("// c\n{}", 0), ("[01]", 2),
        ("\"\\ud800\"", 7), ("\"\\udc00\"", 7), ("{} {}", 3), ("", 0), ("[1e400]", 1), ("\"a\u{01}\"", 2), ("{'a':1}", 1),
    ])
    func rejectsNonJSONWithTheOffsetOfTheFirstProblem(text: String, offset: Int) {
        #expect(throws: JSONParser.Failure.self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect(error.offset == offset, "\(text): \(error.reason)")
        }
    }

    /// Decimals of up to 15 digits take the exact fast path; they must equal what the platform's correctly rounded
    /// conversion gives, as must longer ones, which do not.
    @Test func decimalsConvertExactly() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let digits = Int(generator.next() % 18) + 1
            var text = String(generator.next() % 9 + 1)
            for _ in 1..<digits { text += String(generator.next() % 10) }
            let point = Int(generator.next() % UInt64(digits + 1))
            if max(point, 1) < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: max(point, 1))) }
            if generator.next() % 2 == 0 { text = "-" + text }
            #expect(try parse("[\(text)]") == .array([.number(Double(text)!)]), "\(text)")
        }
        #expect(try parse("[-0]") == .array([.number(-0.0)]))
        #expect(try parse("[0.1]") == .array([.number(0.1)]))
    }

    /// Strings are scanned eight bytes at a time; a quote, backslash, control character or non-ASCII byte at any
    /// offset must still be found where it is.
    @Test func stringsAreScannedAtEveryOffset() throws {
        for position in 0..<20 {
            let prefix = String(repeating: "a", count: position)
            let suffix = String(repeating: "b", count: 20 - position)
            #expect(try parse("[\"\(prefix)\\n\(suffix)\"]") == .array([.string(prefix + "\n" + suffix)]))
            #expect(try parse("[\"\(prefix)é\(suffix)\"]") == .array([.string(prefix + "é" + suffix)]))
            #expect(try parse("[\"\(prefix)\"]") == .array([.string(prefix)]))
            let control = Array("[\"\(prefix)\t\(suffix)\"]".utf8)
            #expect(throws: JSONParser.Failure(offset: 2 + position, reason: "control character in a string")) {
                try JSONParser.parse(control)
            }
        }
        let indented = "[" + String(repeating: " ", count: 37) + "1" + String(repeating: " ", count: 17) + "]"
        #expect(try parse(indented) == .array([.number(1)]))
    }

    @Test func rejectsInvalidUTF8() {
        var bytes = Array("\"ab".utf8)
        bytes.append(0xFF)
        bytes.append(UInt8(ascii: "\""))
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(bytes) }
    }

    @Test func boundsNestingDepth() throws {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(deep.utf8), maxDepth: 32) }
        _ = try JSONParser.parse(Array(deep.utf8), maxDepth: 40)
    }

    @Test func toleratesAByteOrderMark() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.number(1)]))
    }
}

@Suite("JSON writer (GEN-5, NUM-4)")
struct JSONWriterTests {
    @Test func writesIntegralNumbersWithoutFractionsAndKeepsKeyOrder() {
        let value = JSONValue.object([.init("z", .number(3)), .init("a", .number(0.1)), .init("m", .number(-0.0)), .init("big", .number(1e20))])
        #expect(JSONWriter(pretty: false).string(value) == #"{"z":3,"a":0.1,"m":0,"big":1e+20}"#)
    }

    @Test func escapesStrings() {
        let value = JSONValue.string("q\"b\\n\nt\t\u{01}é")
        #expect(JSONWriter(pretty: false).string(value) == #""q\"b\\n\nt\t\u0001é""#)
    }

    @Test func roundTripsThroughTheParser() throws {
        let value = JSONValue.object([.init("a", .array([.number(1.25), .string("x"), .object([])])), .init("b", .null)])
        #expect(try JSONParser.parse(JSONWriter().bytes(value)) == value)
    }

    @Test func encodesModelsInDeclarationOrder() {
        struct Model: Encodable {
            var zeta = 1
            var alpha = "a"
            var optional: Int? = nil
            var nested = [2.5]
        }
        #expect(JSONWriter(pretty: false).string(OrderedJSONEncoder.encode(Model())) == #"{"zeta":1,"alpha":"a","nested":[2.5]}"#)
    }

    @Test func writesNumbersAsNumberSpellsThem() {
        // Integers are written digit by digit, everything else through `number(_:)`: the bytes must agree.
        var rng = SplitMix64(seed: 3)
        var values: [Double] = [0, -0.0, 1, -1, 9, 10, 99, 100, 8_999_999_999_999_999, -8_999_999_999_999_999, 9e15, 1e16, 0.5, -2.25, .infinity]
        for _ in 0..<2000 {
            let magnitude = Double(rng.next() % 1_000_000_000_000) / [1, 1, 100, 10_000][Int(rng.next() % 4)]
            values.append(rng.next() % 2 == 0 ? magnitude : -magnitude)
        }
        for value in values {
            #expect(JSONWriter(pretty: false).string(.number(value)) == JSONWriter.number(value), "\(value)")
        }
        #expect(JSONWriter().string(.array([.number(1), .number(2.5)])) == "[1, 2.5]\n")
        let deep = (0..<40).reduce(JSONValue.number(7)) { inner, _ in .object([.init("a", inner)]) }
        #expect(JSONWriter().string(deep).split(separator: "\n").map(\.count).max() == 80 + 6)
    }
}
