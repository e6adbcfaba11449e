/// `churn_risk` (spec/churn_risk.md): 1 − P(alive) from the cohort's BG/NBD fit, optionally blended with the silence
/// measured against each customer's own rhythm; the inactivity ratio alone when the cohort does not identify the model.
package enum ChurnRisk: EndpointDefinition, EndpointComputation {
    package static let name = "churn_risk"
    package static let sourceSection: String? = nil
    package static let specFile = "churn_risk.md"
    package static let summary = "Churn probability per customer from the cohort's BG/NBD fit"
    package static let requestSchema = EndpointSchemas.document(PackageResources.churn_risk_request_json, file: "churn_risk.request.json")
    package static let responseSchema = EndpointSchemas.document(PackageResources.churn_risk_response_json, file: "churn_risk.response.json")
    package static let documentedExample = DocumentedExamples.churnRisk

    package struct Request: Sendable {
        var today: Day
        var blendWeight: Double
        var k: Double
        var thresholdDays: Int
        var customers: [CustomerHistory]
    }

    package typealias Response = JSONValue

    package static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request? {
        guard let root = reader.object(body, allowed: ["today", "blend_weight", "k", "threshold_days", "customers"]) else { return nil }
        let today = reader.today(root, default: context.today)
        let weight = reader.field(root, "blend_weight", required: false) { reader.number($0, min: 0, max: 1) }
        let k = reader.field(root, "k", required: false) { reader.number($0, min: 1, max: 10) }
        let threshold = reader.field(root, "threshold_days", required: false) { reader.integer($0, min: 1, max: 3650) }
        let customers = reader.customerHistories(root, today: today)
        let read: [(String, Bool)] = [("blend_weight", weight != nil), ("k", k != nil), ("threshold_days", threshold != nil)]
        guard let customers, let today, reader.problems.isEmpty, !read.contains(where: { root.has($0.0) && !$0.1 }) else { return nil }
        return Request(today: today, blendWeight: weight ?? 1, k: k ?? 2.5, thresholdDays: threshold ?? 90, customers: customers)
    }

    package static func respond(to request: Request, context: ComputeContext) -> JSONValue {
        let today = request.today
        // CHR-2: CLVF's summary and CHL-3's typical gap.
        let summaries = request.customers.map { CustomerCLVFeatures.lifetimeSummary(of: $0.transactions, today: today, useMargin: false) }
        let typicalGaps = request.customers.map { customer -> Double? in
            let days = ChurnLabel.purchaseDays(customer, asOf: today)
            guard days.count >= 2 else { return nil }
            return percentile(sorted: (1..<days.count).map { Double(days[$0 - 1].days(until: days[$0])) }.sorted(), numerator: 1, denominator: 2)
        }
        let fit = BGNBDFit(summaries.map { (Double($0.frequency), Double($0.recency), Double($0.T)) })
        let model = fit.model
        // CHR-6, CHR-7: the weight actually applied.
        let weight = model == nil ? 0 : request.blendWeight
        let method = weight == 1 ? "model" : weight == 0 ? "inactivity_only" : "blend"

        var bands = BandCounts()
        var riskSum = 0.0
        var inactiveSum = 0.0
        var oneTimeBuyers = 0
        var rows: [JSONValue] = []
        for (index, customer) in request.customers.enumerated() {
            let summary = summaries[index]
            let silence = summary.T - summary.recency
            let gap = typicalGaps[index]
            let threshold = gap.map { request.k * $0 } ?? Double(request.thresholdDays)
            let ratio = min(1, Double(silence) / threshold)
            let alive = model?.probabilityAlive(x: Double(summary.frequency), tx: Double(summary.recency), T: Double(summary.T))
            let q = alive.map { 1 - $0 }
            let modelPart = q.map { weight * $0 }
            let inactivityPart = (1 - weight) * ratio
            let risk = (modelPart ?? 0) + inactivityPart
            riskSum += risk
            inactiveSum += q ?? 0
            if summary.frequency == 0 { oneTimeBuyers += 1 }
            // CHR-8: the band of the written risk (NUM-3).
            let written = score(risk)
            let band: Band = written >= 0.7 ? .high : written >= 0.4 ? .medium : .low
            bands.add(band)
            func probability(_ value: Double?) -> JSONValue { value.map { .number(score($0)) } ?? .null }
            rows.append(
                .object([
                    .init("customer_id", .string(customer.customerId)),
                    .init("churn_risk", .number(written)),
                    .init("risk_band", .string(band.rawValue)),
                    .init(
                        "drivers",
                        .object([
                            .init("p_alive", probability(alive)),
                            .init("model_churn_probability", probability(q)),
                            .init("inactivity_ratio", probability(ratio)),
                            .init("model_component", probability(modelPart)),
                            .init("inactivity_component", probability(inactivityPart)),
                            .init("days_since_last_purchase", .number(Double(silence))),
                            .init("typical_gap_days", gap.map { .number(money($0)) } ?? .null),
                            .init("inactivity_threshold_days", .number(money(threshold))),
                            .init("frequency", .number(Double(summary.frequency))),
                            .init("recency", .number(Double(summary.recency))),
                            .init("T", .number(Double(summary.T))),
                        ])),
                ]))
        }

        var warnings: [(String, String)] = []
        if let reason = fit.reason {
            warnings.append(("model_unavailable", unavailableMessage(reason, fit: fit)))
        }
        if model != nil && weight > 0 && oneTimeBuyers > 0 {
            warnings.append(
                (
                    "one_time_buyers_assumed_alive",
                    "\(oneTimeBuyers) one-time buyer\(oneTimeBuyers == 1 ? " is" : "s are") alive by the model's assumption; "
                        + "their model churn probability is 0."
                ))
        }
        if model != nil && fit.standardErrors == nil {
            warnings.append(
                (
                    "standard_errors_unavailable",
                    "The likelihood's curvature at the BG/NBD optimum is not positive definite; standard errors are not reported."
                ))
        }
        let count = Double(request.customers.count)
        return .object([
            .init("today", .string(today.description)),
            .init("method", .string(method)),
            .init("blend_weight_applied", .number(score(weight))),
            .init("fallback_reason", fit.reason.map { .string($0) } ?? .null),
            .init("customers", .array(rows)),
            .init(
                "summary",
                .object([
                    .init("customers", .number(count)),
                    .init("band_counts", bands.json),
                    .init("mean_churn_risk", .number(score(riskSum / count))),
                    .init("one_time_buyers", .number(Double(oneTimeBuyers))),
                    .init("expected_inactive_customers", model == nil ? .null : .number(money(inactiveSum))),
                ])),
            .init("model", BGNBDRendering.json(fit)),
            .init("parameters", .object([.init("k", .number(request.k)), .init("threshold_days", .number(Double(request.thresholdDays)))])),
            .init("warnings", .array(warnings.map { .object([.init("code", .string($0.0)), .init("message", .string($0.1))]) })),
        ])
    }

    static func unavailableMessage(_ reason: String, fit: BGNBDFit) -> String {
        let tail = "; risk is the inactivity ratio alone."
        switch reason {
        case "too_few_customers": return "BG/NBD cannot be fitted to \(fit.customers) customer\(fit.customers == 1 ? "" : "s")" + tail
        case "too_few_repeat_buyers":
            return "BG/NBD cannot be fitted with \(fit.repeatBuyers) repeat buyer\(fit.repeatBuyers == 1 ? "" : "s")" + tail
        case "not_converged": return "The BG/NBD fit did not converge from any start" + tail
        default: return "The BG/NBD fit diverged: the data do not identify the model" + tail
        }
    }
}

/// The `models.bgnbd` object of CLV-11, shared by churn_risk (CHR-3) and customer_clv_forecast: parameters and
/// standard errors with 6 decimals, log-likelihood 4, gradient norm 10, counts exact; unfitted fields null.
enum BGNBDRendering {
    static func json(_ fit: BGNBDFit) -> JSONValue {
        .object(
            [
                .init("status", .string(fit.status)),
                .init("reason", fit.reason.map { .string($0) } ?? .null),
                .init("customers", .number(Double(fit.customers))),
                .init("repeat_buyers", .number(Double(fit.repeatBuyers))),
            ]
                + diagnostics(
                    names: ["r", "alpha", "a", "b"], parameters: fit.model.map { [$0.r, $0.alpha, $0.a, $0.b] }, standardErrors: fit.standardErrors,
                    logLikelihood: fit.logLikelihood, gradientNorm: fit.gradientNorm, iterations: fit.iterations, startsConverged: fit.startsConverged
                ))
    }

    /// The members every fit reports (CLV-11, CLV-14), null when `parameters` is.
    static func diagnostics(
        names: [String], parameters: [Double]?, standardErrors: [Double]?, logLikelihood: Double?, gradientNorm: Double?, iterations: Int?,
        startsConverged: Int?
    ) -> [JSONValue.Member] {
        func six(_ values: [Double]?) -> JSONValue {
            values.map { v in .object(names.indices.map { .init(names[$0], .number(rounded(v[$0], 6))) }) } ?? .null
        }
        return [
            .init("parameters", six(parameters)),
            .init("standard_errors", six(standardErrors)),
            .init("log_likelihood", logLikelihood.map { .number(rounded($0, 4)) } ?? .null),
            .init("gradient_norm", gradientNorm.map { .number(rounded($0, 10)) } ?? .null),
            .init("iterations", iterations.map { .number(Double($0)) } ?? .null),
            .init("starts_converged", parameters == nil ? .null : startsConverged.map { .number(Double($0)) } ?? .null),
        ]
    }
}
