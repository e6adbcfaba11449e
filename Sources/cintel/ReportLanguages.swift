import ArgumentParser

/// The languages `cintel analyze --lang` writes report decks in, given comma separated (`en,es`), in the order given.
struct ReportLanguages: ExpressibleByArgument, Sendable {
    enum Language: String, CaseIterable, Sendable {
        case en, es, pt
    }

    static let all = ReportLanguages(Language.allCases)

    let languages: [Language]

    init(_ languages: [Language]) {
        self.languages = languages
    }

    /// Empty items are skipped (`en,,es`); anything else that is not a language refuses the whole list.
    init?(argument: String) {
        let items = argument.split(separator: ",").map { Language(rawValue: String($0)) }
        guard !items.isEmpty, !items.contains(nil) else { return nil }
        languages = items.compactMap { $0 }
    }

    /// The codes the report renderer takes.
    var codes: [String] { languages.map(\.rawValue) }

    /// Listed by `--help` and by the parser's refusal of a wrong value.
    static var allValueStrings: [String] { Language.allCases.map(\.rawValue) }

    var defaultValueDescription: String { codes.joined(separator: ",") }
}
