/// NPS answers read row by row (NPS-2): a 0–10 integer score and its day, optionally who answered and the channel,
/// which the analysis reports NPS by.
package struct SurveyLedger {
    package let dateFormat: OrderDateFormat
    package private(set) var answers: [CustomerBase.SurveyAnswer] = []
    package var skipped: [OrderLedger.BadRow] { allowance.skipped }
    private var allowance: OrderLedger.Allowance
    private let latest: Day?

    /// `latest`: the snapshot day; an answer after it is a bad row (it cannot be known on that day).
    package init(dateFormat: OrderDateFormat = .iso, latest: Day? = nil, maxBadRows: Int = 0) {
        self.dateFormat = dateFormat
        self.latest = latest
        allowance = OrderLedger.Allowance(maxBadRows: maxBadRows)
    }

    package mutating func add(line: Int, names: [SurveyRole: String], _ value: (SurveyRole) -> String?) throws(OrderLedger.Failure) {
        var problems = OrderLedger.RowProblems(line: line, names: names)
        let scoreText = OrderColumns.trimmed(value(.score) ?? "")
        let score = Int(scoreText).flatMap { (0...10).contains($0) && scoreText.allSatisfy(\.isASCII) ? $0 : nil }
        if score == nil { problems.add(.score, "'\(scoreText)' is not a whole score from 0 to 10") }
        let dateText = value(.date) ?? ""
        let day = dateFormat.day(dateText)
        if day == nil {
            problems.add(.date, "'\(dateText)' is not a date in the form \(dateFormat.pattern)")
        } else if let latest, day! > latest {
            problems.add(.date, "answered on \(day!), after the snapshot day \(latest)")
        }
        let customer = value(.customerId).map(OrderColumns.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        let channel = value(.channel).map(OrderColumns.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        guard try allowance.admits(problems.list), let score, let day else { return }
        answers.append(CustomerBase.SurveyAnswer(customerId: customer, score: score, date: day, channel: channel))
    }
}
