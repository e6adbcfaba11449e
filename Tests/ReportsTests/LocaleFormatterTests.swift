import Engine
import Testing

@testable import Reports

/// REP-40 … REP-44: Foundation with explicit locales must give the table's results, so a change in the platform's
/// locale data fails here instead of changing reports silently.
@Suite struct LocaleFormatterTests {
    static let nbsp = "\u{A0}"

    struct Row: Sendable, CustomTestStringConvertible {
        var locale: ReportLocale
        var small: String
        var large: String
        var percent: String
        var money: String
        var negative: String
        var date: String
        var testDescription: String { locale.rawValue }
    }

    static let rows: [Row] = [
        Row(locale: .enUS, small: "1,234.56", large: "12,345.60", percent: "77.5%", money: "$1,234.56", negative: "-$5.00", date: "April 24, 2025"),
        Row(
            locale: .enGB, small: "1,234.56", large: "12,345.60", percent: "77.5%", money: "US$1,234.56", negative: "-US$5.00", date: "24 April 2025"),
        Row(
            locale: .esES, small: "1234,56", large: "12.345,60", percent: "77,5\(nbsp)%", money: "1234,56\(nbsp)US$", negative: "-5,00\(nbsp)US$",
            date: "24 de abril de 2025"),
        Row(
            locale: .esMX, small: "1,234.56", large: "12,345.60", percent: "77.5%", money: "US$1,234.56", negative: "-US$5.00",
            date: "24 de abril de 2025"),
        Row(
            locale: .ptBR, small: "1.234,56", large: "12.345,60", percent: "77,5%", money: "US$\(nbsp)1.234,56", negative: "-US$\(nbsp)5,00",
            date: "24 de abril de 2025"),
        Row(
            locale: .ptPT, small: "1234,56", large: "12\(nbsp)345,60", percent: "77,5%", money: "1234,56\(nbsp)US$", negative: "-5,00\(nbsp)US$",
            date: "24 de abril de 2025"),
    ]

    @Test(arguments: rows)
    func table(_ row: Row) {
        let format = LocaleFormatter(locale: row.locale, currency: Currency(code: "USD")!)
        #expect(format.decimal(1234.56, digits: 2) == row.small)
        #expect(format.decimal(12345.6, digits: 2) == row.large)
        #expect(format.percent(0.775, digits: 1) == row.percent)
        #expect(format.money(1234.56) == row.money)
        #expect(format.money(-5) == row.negative)
        #expect(format.date(Day(iso: "2025-04-24")!) == row.date)
    }

    @Test func roundingTiesAwayFromZeroAndNoNegativeZero() {
        let format = LocaleFormatter(locale: .enUS, currency: Currency(code: "USD")!)
        #expect(format.decimal(0.125, digits: 2) == "0.13")
        #expect(format.decimal(-0.001, digits: 2) == "0.00")
        #expect(format.count(1_234_567) == "1,234,567")
        // REP-41 rounds the written decimal: 0.5385 is a tie (its binary value lies just below it).
        #expect(format.percent(0.5385, digits: 1) == "53.9%")
        #expect(format.decimal(2.675, digits: 2) == "2.68")
        #expect(format.decimal(-2.675, digits: 2) == "-2.68")
        #expect(format.decimal(9.995, digits: 2) == "10.00")
        #expect(format.decimal(0.05, digits: 0) == "0")
    }

    @Test func currencySymbolsAndMinorUnits() {
        #expect(LocaleFormatter(locale: .enUS, currency: Currency(code: "JPY")!).money(1234.56) == "JPY\(Self.nbsp)1,235")
        #expect(LocaleFormatter(locale: .esES, currency: Currency(code: "EUR")!).money(1234.5) == "1234,50\(Self.nbsp)€")
        #expect(LocaleFormatter(locale: .ptBR, currency: Currency(code: "BRL")!).money(12345.5) == "R$\(Self.nbsp)12.345,50")
        #expect(LocaleFormatter(locale: .esMX, currency: Currency(code: "MXN")!).money(10) == "$10.00")
        #expect(LocaleFormatter(locale: .enUS, currency: Currency(code: "KWD")!).money(1.2345) == "KWD\(Self.nbsp)1.23")
        #expect(LocaleFormatter(locale: .enUS, currency: Currency(code: "XAU")!).money(3) == "XAU\(Self.nbsp)3.00")
        #expect(Currency(code: "usd") == nil && Currency(code: "ABC") == nil)
    }
}
