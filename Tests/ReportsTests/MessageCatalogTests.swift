import Engine
import Testing

@testable import Reports

/// REP-38: the three catalogs have one structure; REP-23, REP-24: every persona and action is translated.
@Suite struct MessageCatalogTests {
    static let english = MessageCatalog.of(.en)

    static func placeholders(_ message: MessageCatalog.Message) -> [Set<String>] {
        switch message {
        case .text(let text): [Set(MessageCatalog.placeholders(text))]
        case .plural(let one, let other): [Set(MessageCatalog.placeholders(one)), Set(MessageCatalog.placeholders(other))]
        }
    }

    @Test(arguments: [ReportLanguage.es, .pt])
    func sameKeysKindsAndPlaceholders(_ language: ReportLanguage) {
        let catalog = MessageCatalog.of(language)
        #expect(catalog.keys == Self.english.keys, "the key sets and their order differ")
        for key in Self.english.keys {
            guard let message = catalog.messages[key], let reference = Self.english.messages[key] else {
                Issue.record("\(language.rawValue) lacks \(key)")
                continue
            }
            #expect(Self.placeholders(message) == Self.placeholders(reference), "placeholders or kind of \(key) differ in \(language.rawValue)")
        }
    }

    @Test func noLiteralBracesOrMarkup() {
        for language in ReportLanguage.allCases {
            for (key, message) in MessageCatalog.of(language).messages {
                let texts: [String] =
                    switch message {
                    case .text(let text): [text]
                    case .plural(let one, let other): [one, other]
                    }
                for text in texts {
                    let names = MessageCatalog.placeholders(text)
                    #expect(names.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } }, "\(key)")
                    #expect(!text.contains("<"), "\(language.rawValue) \(key) contains markup")
                }
            }
        }
    }

    /// Every persona SEG can produce: all level combinations in both dialects.
    static var personas: [Persona] {
        let levels: [Persona.Level] = [.low, .mid, .high]
        var all: [Persona] = []
        for spend in levels {
            for frequency in levels {
                for breadth in levels {
                    all.append(Persona(spend: spend, frequency: frequency, breadth: breadth, recency: nil))
                    for recency in levels { all.append(Persona(spend: spend, frequency: frequency, breadth: breadth, recency: recency)) }
                }
            }
        }
        return all
    }

    @Test func everyPersonaAndActionIsTranslated() {
        let keys = Set(Self.personas.map(\.key))
        let actions = Set(Self.personas.flatMap { $0.actions.map(\.key) })
        let qualifiers = Set(Self.personas.flatMap(\.qualifiers))
        #expect(keys.count == 9)
        for language in ReportLanguage.allCases {
            let catalog = MessageCatalog.of(language)
            for key in keys.map({ "persona.\($0)" }) + actions.map({ "action.\($0)" }) + qualifiers.map({ "qualifier.\($0)" }) {
                #expect(catalog.messages[key] != nil, "\(language.rawValue) lacks \(key)")
                // REP-24: Spanish and Portuguese texts are not the English ones.
                if language != .en { #expect(catalog.messages[key] != Self.english.messages[key], "\(language.rawValue) \(key) is English") }
            }
        }
    }

    @Test func pluralsFollowEachLocale() {
        let english = LocaleFormatter(locale: .enUS, currency: Currency(code: "USD")!)
        let brazil = LocaleFormatter(locale: .ptBR, currency: Currency(code: "USD")!)
        let portugal = LocaleFormatter(locale: .ptPT, currency: Currency(code: "USD")!)
        #expect(Self.english.plural("count.customers", count: 0, formatter: english) == "0 customers")
        #expect(Self.english.plural("count.customers", count: 1, formatter: english) == "1 customer")
        #expect(Self.english.plural("count.customers", count: 1234, formatter: english) == "1,234 customers")
        let portuguese = MessageCatalog.of(.pt)
        guard case .plural(let one, let other) = portuguese.messages["count.clusters"] else {
            Issue.record("count.clusters is not a plural")
            return
        }
        // REP-45: pt_BR takes `one` for 0, pt_PT does not.
        #expect(portuguese.plural("count.clusters", count: 0, formatter: brazil) == MessageCatalog.fill(one, ["count": "0"]))
        #expect(portuguese.plural("count.clusters", count: 0, formatter: portugal) == MessageCatalog.fill(other, ["count": "0"]))
        #expect(brazil.locale.isOne(0) && !portugal.locale.isOne(0))
    }
}
