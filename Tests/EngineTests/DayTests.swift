import Testing

@testable import Engine

@Suite("Days and dates (VAL-6, GEN-7)")
struct DayTests {
    @Test func parsesAndPrintsISODates() throws {
        let day = try #require(Day(iso: "2024-02-29"))
        #expect(day.description == "2024-02-29")
        #expect(Day(iso: "1970-01-01")?.ordinal == 0)
        #expect(Day(iso: "1969-12-31")?.ordinal == -1)
        #expect(Day(iso: "9999-12-31")?.description == "9999-12-31")
    }

    @Test func printsDaysDigitByDigit() throws {
        func padded(_ value: Int, _ width: Int) -> String { String(repeating: "0", count: width - String(value).count) + String(value) }
        for year in [1900, 1901, 1970, 1999, 2000, 2024, 2025, 2100, 9999] {
            for month in 1...12 {
                for day in [1, 9, 10, 28] {
                    let text = "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
                    #expect(try #require(Day(iso: text)).description == text)
                }
            }
        }
    }

    @Test(arguments: [
        "2025-02-29", "1900-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "2025-01-01T00:00:00Z", "20250101", "1899-12-31", "", "２０２５-01-01",
    ])
    func rejectsAnythingButARealDay(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func countsDaysAcrossMonthsAndLeapYears() throws {
        let first = try #require(Day(iso: "2024-10-12"))
        #expect(first.days(until: try #require(Day(iso: "2025-02-20"))) == 131)
        #expect(first.days(until: try #require(Day(iso: "2025-04-24"))) == 194)
        #expect(try #require(Day(iso: "2000-02-28")).days(until: try #require(Day(iso: "2000-03-01"))) == 2)
        #expect(try #require(Day(iso: "2100-02-28")).days(until: try #require(Day(iso: "2100-03-01"))) == 1)
    }

    @Test func roundTripsEveryDayOfFourCenturies() {
        let start = Day(year: 1900, month: 1, day: 1)!.ordinal
        let end = Day(year: 2300, month: 1, day: 1)!.ordinal
        for ordinal in stride(from: start, to: end, by: 1) {
            let (year, month, day) = Day(ordinal: ordinal).components
            #expect(Day(year: year, month: month, day: day)?.ordinal == ordinal)
        }
    }
}
