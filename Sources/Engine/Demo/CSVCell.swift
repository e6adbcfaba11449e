/// A text cell of a CSV file cintel writes (spec/output.md OUT-13 to OUT-15): safe to open in a spreadsheet and
/// valid RFC 4180. Numbers are not text cells: they are written as JSON numbers and never pass through here.
package enum CSVCell {
    /// The leading characters a spreadsheet reads as the start of a formula (OWASP, CSV Injection).
    static let formulaLeads: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `value` as a CSV field: a formula lead gets a `'` before it (OUT-13), C0 controls other than tab, LF and CR,
    /// and DEL, become U+FFFD (OUT-14), and the field is quoted, quotes doubled, when it holds a comma, a quote, a tab,
    /// a line break or was prefixed (OUT-15).
    package static func text(_ value: String) -> String {
        let prefixed = value.unicodeScalars.first.map(formulaLeads.contains) ?? false
        // Most ids and labels need nothing: printable ASCII or beyond, no comma or quote, no formula lead.
        if !prefixed, value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F && $0 != 0x22 && $0 != 0x2C }) { return value }
        var quoted = prefixed
        var scalars = String.UnicodeScalarView()
        if prefixed { scalars.append("'") }
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x2C:
                quoted = true
                scalars.append(scalar)
            case 0x22:
                quoted = true
                scalars.append(scalar)
                scalars.append(scalar)
            case 0x00...0x1F, 0x7F: scalars.append("\u{FFFD}")
            default: scalars.append(scalar)
            }
        }
        return quoted ? "\"" + String(scalars) + "\"" : String(scalars)
    }
}
