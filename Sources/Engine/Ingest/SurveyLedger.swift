/// NPS answers read row by row (NPS-2): a 0–10 integer score and its day, optionally who answered and the channel,
/// which the analysis reports NPS by.
package struct SurveyLedger {
    package let dateFormat: OrderDateFormat
    package private(set) var answers: [CustomerBase.SurveyAnswer] = []
    package var skipped: [OrderLedger.BadRow] { allowance.skipped }
    private var allowance: OrderLedger.Allowance
    private let latest: Day?
    private let days: DayRange
    private let limits: Limits

    /// `latest`: the snapshot day; an answer after it is a bad row (it cannot be known on that day). `today` and
    /// `currentDay` bound the dates as they bound the orders' (ING-6).
    package init(
        dateFormat: OrderDateFormat = .iso, latest: Day? = nil, maxBadRows: Int = 0, limits: Limits = .default, today: Day? = nil,
        currentDay: Day = .todayUTC()
    ) {
        self.dateFormat = dateFormat
        self.latest = latest
        self.limits = limits
        days = DayRange(today: today, currentDay: currentDay)
        allowance = OrderLedger.Allowance(maxBadRows: maxBadRows)
    }

    package mutating func add(
        line: Int, names: [SurveyRole: String], invalidUTF8: [SurveyRole] = [], _ value: (SurveyRole) -> String?
    ) throws(OrderLedger.Failure) {
        var problems = OrderLedger.RowProblems(line: line, names: names, invalidUTF8: invalidUTF8)
        let scoreText = OrderColumns.trimmed(value(.score) ?? "")
        let score = Int(scoreText).flatMap { (0...10).contains($0) && scoreText.allSatisfy(\.isASCII) ? $0 : nil }
        if score == nil { problems.add(.score, "'\(scoreText)' is not a whole score from 0 to 10") }
        let dateText = value(.date) ?? ""
        let day = dateFormat.day(dateText)
        if let day {
            if let problem = days.problem(day) {
                problems.add(.date, problem)
            } else if let latest, day > latest {
                problems.add(.date, "answered on \(day), after the snapshot day \(latest)")
            }
        } else {
            problems.add(.date, "'\(dateText)' is not a date in the form \(dateFormat.pattern)")
        }
        let maxLength = limits.maxStringLength
        let customer = problems.optionalIdentifier(.customerId, value(.customerId).map(OrderColumns.trimmed), maxLength: maxLength)
        let channel = problems.optionalIdentifier(.channel, value(.channel).map(OrderColumns.trimmed), maxLength: maxLength)
        guard try allowance.admits(problems.list), let score, let day else { return }
        // NPS-18 counts answers against the total-transactions limit (VAL-11); the run stops where they cross it (ING-12).
        if answers.count >= limits.maxTotalTransactions {
            throw OrderLedger.Failure(problems: [
                OrderLedger.BadRow(
                    line: line, column: "",
                    reason: "answer \(answers.count + 1) of the file, beyond --max-total-transactions \(limits.maxTotalTransactions)")
            ])
        }
        answers.append(CustomerBase.SurveyAnswer(customerId: customer, score: score, date: day, channel: channel))
    }
}
