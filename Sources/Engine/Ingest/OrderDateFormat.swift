/// How an orders file writes its dates: ISO `YYYY-MM-DD` (a time after it ignored), compact `YYYYMMDD`, or any
/// pattern of `YYYY`, `MM` and `DD` with fixed separators (`DD/MM/YYYY`, `MM/DD/YYYY`, `DD.MM.YYYY`).
package struct OrderDateFormat: Sendable, Equatable {
    private enum Token: Equatable { case year, month, day, literal(UInt8) }
    private let tokens: [Token]
    private let width: Int
    package let pattern: String

    package static let iso = try! OrderDateFormat("YYYY-MM-DD")

    package struct Failure: Error, Equatable, CustomStringConvertible {
        package var description: String
    }

    package init(_ pattern: String) throws(Failure) {
        let spelled = pattern.uppercased() == "ISO" ? "YYYY-MM-DD" : pattern.uppercased() == "COMPACT" ? "YYYYMMDD" : pattern
        var tokens: [Token] = []
        var rest = Substring(spelled)
        while !rest.isEmpty {
            if rest.hasPrefix("YYYY") {
                tokens.append(.year)
                rest = rest.dropFirst(4)
            } else if rest.hasPrefix("MM") {
                tokens.append(.month)
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("DD") {
                tokens.append(.day)
                rest = rest.dropFirst(2)
            } else if let byte = rest.first?.asciiValue, !(rest.first!.isLetter || rest.first!.isNumber) {
                tokens.append(.literal(byte))
                rest = rest.dropFirst()
            } else {
                throw Failure(description: "date format '\(pattern)': use YYYY, MM and DD with separators, e.g. DD/MM/YYYY, or iso, compact")
            }
        }
        guard tokens.filter({ $0 == .year }).count == 1, tokens.filter({ $0 == .month }).count == 1, tokens.filter({ $0 == .day }).count == 1
        else { throw Failure(description: "date format '\(pattern)' needs YYYY, MM and DD once each") }
        self.tokens = tokens
        self.pattern = spelled
        width = tokens.reduce(0) { width, token in
            switch token {
            case .year: width + 4
            case .month, .day: width + 2
            case .literal: width + 1
            }
        }
    }

    /// The day a field names; nil when it does not match the pattern or is not a calendar date. Text after the date
    /// (a time such as `T10:30:00Z` or ` 10:30`) is ignored.
    package func day(_ text: some StringProtocol) -> Day? {
        var text = String(text)
        return text.withUTF8 { day($0) }
    }

    private func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count >= width else { return nil }
        if bytes.count > width, bytes[width] != UInt8(ascii: "T"), bytes[width] != UInt8(ascii: " ") { return nil }
        var year = 0
        var month = 0
        var day = 0
        var position = 0
        func digits(_ count: Int) -> Int? {
            var value = 0
            for offset in 0..<count {
                let byte = bytes[position + offset]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            position += count
            return value
        }
        for token in tokens {
            switch token {
            case .year: guard let value = digits(4) else { return nil }; year = value
            case .month: guard let value = digits(2) else { return nil }; month = value
            case .day: guard let value = digits(2) else { return nil }; day = value
            case .literal(let byte):
                guard bytes[position] == byte else { return nil }
                position += 1
            }
        }
        return Day(year: year, month: month, day: day)
    }
}

/// The days a row of an input file may carry (ING-6, ING-7): from 1900-01-01 (VAL-6) to `--today` when given,
/// otherwise to the current UTC date plus one day (a day of slack for exports written in a time zone ahead of UTC).
package struct DayRange: Sendable, Equatable {
    package static let first = Day(year: 1900, month: 1, day: 1)!
    /// The last day allowed.
    package let last: Day
    /// Whether `last` is the `--today` given rather than the clock's.
    package let lastIsToday: Bool

    /// `today`: the `--today` given, if any; `currentDay`: the current UTC date, given by tests.
    package init(today: Day?, currentDay: Day = .todayUTC()) {
        last = today ?? currentDay.adding(days: 1)
        lastIsToday = today != nil
    }

    /// Why `day` is out of range; nil when it is in.
    package func problem(_ day: Day) -> String? {
        if day < Self.first { return "\(day) is before \(Self.first), the first day a date may name" }
        guard day > last else { return nil }
        if lastIsToday { return "\(day) is after --today \(last)" }
        return "date in the future: \(day) is after \(last), the current UTC date plus one day (give --today to analyse as of another day)"
    }
}
