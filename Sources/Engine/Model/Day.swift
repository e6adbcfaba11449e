#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A calendar day of the proleptic Gregorian calendar, held as its day number since 1970-01-01 (GEN-7). Days have no
/// time zone: the difference of two days is an exact integer.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var ordinal: Int

    public init(ordinal: Int) {
        self.ordinal = ordinal
    }

    /// The day with this year, month and day, or nil when no such day exists (2025-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146097 + doe - 719468
    }

    /// Parses `YYYY-MM-DD` exactly (VAL-6): four-digit year 1900–9999, two-digit month and day.
    public init?(iso text: String) {
        var text = text
        guard let day = text.withUTF8({ Day(iso: $0) }) else { return nil }
        self = day
    }

    /// The same from the text's UTF-8 bytes (a request's date, read where it lies).
    package init?(iso bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), year >= 1900 else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public var description: String {
        let (year, month, day) = components
        // Millions of dates become text in a large job: written digit by digit into a string too short to allocate.
        if (0...9999).contains(year) {
            return String(unsafeUninitializedCapacity: 10) { buffer in
                func put(_ value: Int, _ width: Int, at start: Int) {
                    var rest = value
                    for position in (start..<start + width).reversed() {
                        buffer[position] = UInt8(48 + rest % 10)
                        rest /= 10
                    }
                }
                put(year, 4, at: 0)
                buffer[4] = UInt8(ascii: "-")
                put(month, 2, at: 5)
                buffer[7] = UInt8(ascii: "-")
                put(day, 2, at: 8)
                return 10
            }
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    /// Days from `self` to `later` (GEN-7).
    public func days(until later: Day) -> Int { later.ordinal - ordinal }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The current UTC day (GEN-6).
    public static func todayUTC() -> Day {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Day(ordinal: Int(spec.tv_sec).floorDivided(by: 86_400))
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Int {
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor < 0) ? quotient - 1 : quotient
    }
}
