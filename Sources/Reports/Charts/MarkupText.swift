/// Text written into HTML, SVG or XML (REP-47, REP-48): the five markup characters as entities and characters
/// XML 1.0 forbids as U+FFFD, so a customer string can never become markup or break well-formedness.
enum MarkupText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(allowedInXML(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// REP-48: the replacement without escaping, for serialisers that escape on their own (FoundationXML).
    static func xmlSafe(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(allowedInXML) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { allowedInXML($0) ? $0 : "\u{FFFD}" }))
    }

    static func allowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0..<0x20, 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// The first `limit` scalars of `text`, with "…" when longer (REP-34's leaf labels).
    static func shortened(_ text: String, limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(limit))) + "…"
    }
}
