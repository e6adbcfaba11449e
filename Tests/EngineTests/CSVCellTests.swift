import Testing

@testable import Engine

/// Text cells of the CSV cintel writes (spec/output.md OUT-13 to OUT-15).
@Suite("CSV cells")
struct CSVCellTests {
    @Test("OUT-13: each formula lead is prefixed with ' and quoted", arguments: ["=1+1", "+1", "-1", "@SUM(1)"])
    func formulaLeadsArePrefixed(_ cell: String) {
        #expect(CSVCell.text(cell) == "\"'\(cell)\"")
    }

    @Test("OUT-13: a leading tab or carriage return is prefixed and kept")
    func leadingTabAndCarriageReturn() {
        #expect(CSVCell.text("\t=1+1") == "\"'\t=1+1\"")
        #expect(CSVCell.text("\r=1+1") == "\"'\r=1+1\"")
    }

    @Test("OUT-13, OUT-15: the prefixed cell still doubles its quotes")
    func prefixedCellsDoubleQuotes() {
        #expect(CSVCell.text(#"=HYPERLINK("http://x")"#) == #""'=HYPERLINK(""http://x"")""#)
        #expect(CSVCell.text("+cmd|' /C calc'!A0") == "\"'+cmd|' /C calc'!A0\"")
    }

    @Test("OUT-13: a lead later in the cell is harmless")
    func leadsInsideAreLeftAlone() {
        #expect(CSVCell.text("C-1001") == "C-1001")
        #expect(CSVCell.text("a=b+c@d") == "a=b+c@d")
        #expect(CSVCell.text(" =1") == " =1")
        #expect(CSVCell.text("") == "")
    }

    @Test("OUT-14: number cells are written as numbers, never prefixed")
    func numbersStayNumbers() {
        var table = CustomerTable(customers: ["-7"])
        let row = JSONValue.object([
            .init("customer_id", .string("-7")),
            .init("features", .object([.init("purchase_total", .number(-12.5)), .init("recency_days", .number(-3))])),
        ])
        table.take("customer_features", response: .object([.init("customers", .array([row]))]))
        let lines = String(decoding: table.csv(), as: UTF8.self).split(separator: "\n")
        // The id is text and prefixed; the scores are numbers and are not.
        #expect(lines[1].hasPrefix("\"'-7\",-12.5,,,,-3,"))
    }

    @Test("OUT-15: quotes are doubled, commas and line breaks quoted")
    func rfc4180Quoting() {
        #expect(CSVCell.text(#"say "hi""#) == #""say ""hi""""#)
        #expect(CSVCell.text("a,b") == "\"a,b\"")
        #expect(CSVCell.text("two\nlines") == "\"two\nlines\"")
        #expect(CSVCell.text("a\tb") == "\"a\tb\"")
        #expect(CSVCell.text("a\r\nb") == "\"a\r\nb\"")
    }

    @Test("OUT-15: NUL, other C0 controls and DEL become U+FFFD")
    func controlsAreReplaced() {
        #expect(CSVCell.text("A\u{0}B") == "A\u{FFFD}B")
        #expect(CSVCell.text("\u{1B}[31m") == "\u{FFFD}[31m")
        #expect(CSVCell.text("x\u{7F}") == "x\u{FFFD}")
        #expect(CSVCell.text("A\u{0}") != CSVCell.text("A"))
        #expect(CSVCell.text("\u{0}=1") == "\u{FFFD}=1")
        #expect(CSVCell.text("café ✓") == "café ✓")
    }
}
