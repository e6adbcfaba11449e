/// `churn_label` (spec/churn_label.md): churned, active or undetermined as of a date, by a fixed inactivity threshold,
/// a multiple of the customer's own typical gap, or a percentile of the cohort's gaps.
package enum ChurnLabel: EndpointDefinition, EndpointComputation {
    package static let name = "churn_label"
    package static let sourceSection: String? = nil
    package static let specFile = "churn_label.md"
    package static let summary = "Label customers churned, active or undetermined as of a date"
    package static let requestSchema = EndpointSchemas.document(PackageResources.churn_label_request_json, file: "churn_label.request.json")
    package static let responseSchema = EndpointSchemas.document(PackageResources.churn_label_response_json, file: "churn_label.response.json")
    package static let documentedExample = DocumentedExamples.churnLabel

    package enum Method: String, Sendable, CaseIterable { case fixed, adaptive, percentile }

    package struct Request: Sendable {
        var asOf: Day
        var method: Method
        var thresholdDays: Int
        var k: Double
        var gapPercentile: Double
        var minThresholdDays: Int
        var customers: [CustomerHistory]
    }

    package typealias Response = JSONValue

    package static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request? {
        let members = ["today", "as_of", "method", "threshold_days", "k", "gap_percentile", "min_threshold_days", "customers"]
        guard let root = reader.object(body, allowed: members) else { return nil }
        let today = reader.today(root, default: context.today)
        let asOf = reader.field(root, "as_of", required: false) { value -> Day? in
            guard let day = reader.date(value) else { return nil }
            if let today, day > today {
                reader.report("after_today", "\(day) is after today (\(today))")
                return nil
            }
            return day
        }
        let method = reader.field(root, "method", required: false) { value -> Method? in
            guard let name = reader.string(value) else { return nil }
            guard let method = Method(rawValue: name) else {
                reader.report("enum", "'\(name)' is not one of fixed, adaptive, percentile")
                return nil
            }
            return method
        }
        let threshold = reader.field(root, "threshold_days", required: false) { reader.integer($0, min: 1, max: 3650) }
        let k = reader.field(root, "k", required: false) { reader.number($0, min: 1, max: 10) }
        let gapPercentile = reader.field(root, "gap_percentile", required: false) { reader.number($0, min: 0.5, max: 0.99) }
        let floor = reader.field(root, "min_threshold_days", required: false) { reader.integer($0, min: 0, max: 3650) }
        // CHL-9: a parameter of another method would silently do nothing.
        if !root.has("method") || method != nil {
            let chosen = method ?? .fixed
            let foreign: [(String, Bool)] = [
                ("k", chosen != .adaptive), ("gap_percentile", chosen != .percentile), ("min_threshold_days", chosen == .fixed),
            ]
            for (member, misplaced) in foreign where misplaced && root.has(member) {
                reader.report("inconsistent", "'\(member)' has no effect with method '\(chosen.rawValue)'", at: .key(member))
            }
        }
        let customers = reader.customerHistories(root, today: today)
        let read: [(String, Bool)] = [
            ("as_of", asOf != nil), ("method", method != nil), ("threshold_days", threshold != nil), ("k", k != nil),
            ("gap_percentile", gapPercentile != nil), ("min_threshold_days", floor != nil),
        ]
        guard let customers, let today, reader.problems.isEmpty, !read.contains(where: { root.has($0.0) && !$0.1 }) else { return nil }
        return Request(
            asOf: asOf ?? today, method: method ?? .fixed, thresholdDays: threshold ?? 90, k: k ?? 2.5, gapPercentile: gapPercentile ?? 0.9,
            minThresholdDays: floor ?? 0, customers: customers)
    }

    /// CHL-3: a customer's distinct purchase days up to `asOf`, ascending.
    static func purchaseDays(_ customer: CustomerHistory, asOf: Day) -> [Day] {
        Array(Set(customer.transactions.lazy.map(\.date).filter { $0 <= asOf })).sorted()
    }

    package static func respond(to request: Request, context: ComputeContext) -> JSONValue {
        let asOf = request.asOf
        let days = request.customers.map { purchaseDays($0, asOf: asOf) }
        let ignored = request.customers.reduce(0) { $0 + $1.transactions.filter { $0.date > asOf }.count }
        let gaps = days.map { d in d.count < 2 ? [] : (1..<d.count).map { Double(d[$0 - 1].days(until: d[$0])) } }
        let pooled = gaps.flatMap { $0 }.sorted()

        // CHL-6: one window for the cohort, from ten pooled gaps up.
        var cohortThreshold: Double?
        if request.method == .percentile && pooled.count >= 10 {
            let (numerator, denominator) = decimalFraction(request.gapPercentile)
            let p = percentile(sorted: pooled, numerator: numerator, denominator: denominator)
            cohortThreshold = money(max(p, Double(request.minThresholdDays)))
        }

        var counts = (churned: 0, active: 0, undetermined: 0, fallback: 0)
        var rows: [JSONValue] = []
        for (index, customer) in request.customers.enumerated() {
            let purchase = days[index]
            let typicalGap = gaps[index].isEmpty ? nil : percentile(sorted: gaps[index].sorted(), numerator: 1, denominator: 2)
            // CHL-4 to CHL-7: the threshold, its method and any fallback.
            var threshold = Double(request.thresholdDays)
            var method = Method.fixed
            var fallback: String?
            switch request.method {
            case .fixed: break
            case .adaptive:
                if let typicalGap {
                    threshold = money(max(request.k * typicalGap, Double(request.minThresholdDays)))
                    method = .adaptive
                } else {
                    fallback = "fewer_than_two_purchase_days"
                }
            case .percentile:
                if let cohortThreshold {
                    threshold = cohortThreshold
                    method = .percentile
                } else {
                    fallback = "too_few_cohort_gaps"
                }
            }
            // CHL-8: the first rule that applies.
            let since = purchase.last.map { $0.days(until: asOf) }
            let age = purchase.first.map { $0.days(until: asOf) }
            let (label, reason): (String, String)
            if let since, let age {
                if Double(since) > threshold {
                    (label, reason) = ("churned", "inactive_beyond_threshold")
                } else if Double(age) < threshold {
                    (label, reason) = ("undetermined", "younger_than_threshold")
                } else {
                    (label, reason) = ("active", "active_within_threshold")
                }
            } else {
                (label, reason) = ("undetermined", "no_purchase_by_as_of")
            }
            switch label {
            case "churned": counts.churned += 1
            case "active": counts.active += 1
            default: counts.undetermined += 1
            }
            if fallback != nil { counts.fallback += 1 }
            rows.append(
                .object([
                    .init("customer_id", .string(customer.customerId)),
                    .init("label", .string(label)),
                    .init("days_since_last_purchase", since.map { .number(Double($0)) } ?? .null),
                    .init("threshold_applied", .number(threshold)),
                    .init("method", .string(method.rawValue)),
                    .init("reason", .string(reason)),
                    .init("fallback", fallback.map { .string($0) } ?? .null),
                    .init("age_days", age.map { .number(Double($0)) } ?? .null),
                    .init("purchase_days", .number(Double(purchase.count))),
                    .init("typical_gap_days", typicalGap.map { .number(money($0)) } ?? .null),
                ]))
        }

        let determined = counts.churned + counts.active
        let summary = JSONValue.object([
            .init("customers", .number(Double(request.customers.count))),
            .init("churned", .number(Double(counts.churned))),
            .init("active", .number(Double(counts.active))),
            .init("undetermined", .number(Double(counts.undetermined))),
            .init("fallback_customers", .number(Double(counts.fallback))),
            .init("churn_rate", determined == 0 ? .null : .number(score(Double(counts.churned) / Double(determined)))),
        ])
        var warnings: [(String, String)] = []
        if ignored > 0 {
            warnings.append(
                (
                    "transactions_after_as_of_ignored",
                    "\(ignored) transaction\(ignored == 1 ? " is" : "s are") dated after as_of and \(ignored == 1 ? "was" : "were") ignored."
                ))
        }
        if counts.fallback > 0 {
            let customers = counts.fallback == 1 ? "1 customer has" : "\(counts.fallback) customers have"
            let use = counts.fallback == 1 ? "uses" : "use"
            let why = request.method == .adaptive ? "fewer than two purchase days" : "no cohort threshold (fewer than 10 gaps)"
            warnings.append(("fixed_threshold_fallback", "\(customers) \(why) and \(use) the \(request.thresholdDays)-day threshold."))
        }
        if determined == 0 {
            warnings.append(("no_determinable_customer", "Every customer is undetermined as of \(asOf); no churn rate can be given."))
        }
        return .object([
            .init("as_of", .string(asOf.description)),
            .init("method", .string(request.method.rawValue)),
            .init(
                "parameters",
                .object([
                    .init("threshold_days", .number(Double(request.thresholdDays))),
                    .init("k", request.method == .adaptive ? .number(request.k) : .null),
                    .init("gap_percentile", request.method == .percentile ? .number(request.gapPercentile) : .null),
                    .init("min_threshold_days", request.method == .fixed ? .null : .number(Double(request.minThresholdDays))),
                ])),
            .init("cohort_threshold_days", cohortThreshold.map { .number($0) } ?? .null),
            .init("cohort_gaps", .number(Double(pooled.count))),
            .init("customers", .array(rows)),
            .init("summary", summary),
            .init("warnings", .array(warnings.map { .object([.init("code", .string($0.0)), .init("message", .string($0.1))]) })),
        ])
    }

    /// A request's percentile as the decimal fraction it was written as (0.9 → 9/10), so that GEN-8's position is
    /// exact; binary64 0.9 is not 9/10.
    static func decimalFraction(_ value: Double) -> (numerator: Int, denominator: Int) {
        let text = String(value)
        guard let dot = text.firstIndex(of: "."), !text.contains("e") else { return (Int(value), 1) }
        let digits = text[text.index(after: dot)...]
        var denominator = 1
        for _ in digits { denominator *= 10 }
        return (Int(text[..<dot])! * denominator + Int(digits)!, denominator)
    }
}
