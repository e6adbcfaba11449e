import Engine
import Foundation

/// Display formatting for one locale (REP-41 … REP-44): values are rounded as written (NUM-2, ties away from zero)
/// and then handed to Foundation's FormatStyle with the explicit locale, so no output depends on the process locale.
struct LocaleFormatter: Sendable {
    let locale: ReportLocale
    let currency: Currency

    init(locale: ReportLocale, currency: Currency) {
        self.locale = locale
        self.currency = currency
    }

    /// A count: no decimals, the locale's grouping.
    func count(_ value: Int) -> String {
        value.formatted(IntegerFormatStyle<Int>.number.locale(locale.foundation))
    }

    /// A decimal with exactly `digits` fraction digits.
    func decimal(_ value: Double, digits: Int) -> String {
        let value = Self.rounded(value, digits)
        return value.formatted(FloatingPointFormatStyle<Double>.number.precision(.fractionLength(digits)).locale(locale.foundation))
    }

    /// A share (0.775) as a percentage with `digits` fraction digits (77.5% in en_US, 77,5 % in es_ES).
    func percent(_ share: Double, digits: Int) -> String {
        let value = Self.rounded(share, digits + 2)
        return value.formatted(FloatingPointFormatStyle<Double>.Percent.percent.precision(.fractionLength(digits)).locale(locale.foundation))
    }

    /// An amount in the request's currency with the symbol placed as REP-42 says.
    func money(_ value: Double) -> String {
        let digits = currency.decimals
        let amount = Self.rounded(value, digits)
        let number = decimal(abs(amount), digits: digits)
        let symbol = currency.symbol(in: locale)
        let sign = amount < 0 ? "-" : ""
        switch locale.symbolPlacement {
        case .before:
            // A symbol ending in a letter needs a space before the digits (JPY 1,235).
            let space = symbol.last?.isLetter == true ? "\u{A0}" : ""
            return sign + symbol + space + number
        case .beforeWithSpace: return sign + symbol + "\u{A0}" + number
        case .afterWithSpace: return sign + number + "\u{A0}" + symbol
        }
    }

    /// REP-41: `value` as written in the JSON pack (its shortest decimal form) rounded to `digits` places, ties away
    /// from zero. Rounding the binary value instead would turn a written 0.5385 (binary 0.53849999…) into 53.8%.
    static func rounded(_ value: Double, _ digits: Int) -> Double {
        let written = JSONWriter.number(value)
        guard !written.contains("e"), !written.contains("E"), let point = written.firstIndex(of: ".") else { return Engine.rounded(value, digits) }
        let fraction = written[written.index(after: point)...]
        guard fraction.count > digits else { return value }
        let negative = written.hasPrefix("-")
        let whole = written[(negative ? written.index(after: written.startIndex) : written.startIndex)..<point]
        var kept = Array(whole + fraction.prefix(digits)).map { Int($0.asciiValue! - 48) }
        if fraction[fraction.index(fraction.startIndex, offsetBy: digits)] >= "5" {
            // Add one unit in the last kept place, carrying leftwards.
            var index = kept.count - 1
            while index >= 0 {
                kept[index] += 1
                if kept[index] < 10 { break }
                kept[index] = 0
                index -= 1
            }
            if index < 0 { kept.insert(1, at: 0) }
        }
        var text = kept.map(String.init).joined()
        if digits > 0 { text.insert(".", at: text.index(text.endIndex, offsetBy: -digits)) }
        let result = Double((negative ? "-" : "") + text) ?? Engine.rounded(value, digits)
        return result == 0 ? 0 : result
    }

    /// A calendar date in the locale's long form (April 24, 2025; 24 de abril de 2025).
    func date(_ day: Day) -> String {
        let (year, month, dayOfMonth) = day.components
        var calendar = Calendar(identifier: .gregorian)
        let utc = TimeZone(identifier: "UTC")!
        calendar.timeZone = utc
        let date = calendar.date(from: DateComponents(year: year, month: month, day: dayOfMonth))!
        return date.formatted(Date.FormatStyle(date: .long, time: .omitted, locale: locale.foundation, calendar: calendar, timeZone: utc))
    }
}
