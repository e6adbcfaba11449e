import Foundation

/// The languages of the report packs (REP-2).
enum ReportLanguage: String, Sendable, CaseIterable {
    case en, es, pt

    var defaultLocale: ReportLocale {
        switch self {
        case .en: .enUS
        case .es: .esES
        case .pt: .ptBR
        }
    }
}

/// The locales a language may be formatted in (REP-40). Numbers, percentages and dates go through Foundation's
/// FormatStyle with the explicit locale; the currency symbol and its place are ours (REP-42, REP-43), because
/// Foundation's symbols differ between locales of one language (es_MX writes `USD`, en_GB `US$`).
enum ReportLocale: String, Sendable, CaseIterable {
    case enUS = "en_US"
    case enGB = "en_GB"
    case esES = "es_ES"
    case esMX = "es_MX"
    case ptBR = "pt_BR"
    case ptPT = "pt_PT"

    var language: ReportLanguage {
        switch self {
        case .enUS, .enGB: .en
        case .esES, .esMX: .es
        case .ptBR, .ptPT: .pt
        }
    }

    var foundation: Locale { Locale(identifier: rawValue) }

    /// REP-42: where the currency symbol goes.
    enum SymbolPlacement { case before, beforeWithSpace, afterWithSpace }

    var symbolPlacement: SymbolPlacement {
        switch self {
        case .enUS, .enGB, .esMX: .before
        case .ptBR: .beforeWithSpace
        case .esES, .ptPT: .afterWithSpace
        }
    }

    /// REP-45: CLDR's cardinal `one` for integers.
    func isOne(_ count: Int) -> Bool { self == .ptBR ? count == 0 || count == 1 : count == 1 }
}
