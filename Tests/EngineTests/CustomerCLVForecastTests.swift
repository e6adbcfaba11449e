import Reports
import Testing

@testable import Engine

/// customer_clv_forecast (spec/customer_clv_forecast.md): the selection table, the three forecasts and their
/// identities, the edge cases of CLV-39 and determinism.
@Suite("customer_clv_forecast")
struct CustomerCLVForecastTests {
    /// The demo retailer's history as a request body.
    static func demoBody(customers: Int, extra: String = "") -> String {
        let retailer = DemoRetailer(customers: customers)
        let history = JSONWriter(pretty: false).string(OrderedJSONEncoder.encode(retailer.customers))
        return #"{"today": "\#(retailer.today)"\#(extra), "customers": \#(history)}"#
    }

    static func forecast(_ body: String) throws -> JSONValue { try respond("customer_clv_forecast", body) }

    @Test func theBoosterForecastIsItsPredictionScaledAndDiscounted() throws {
        let response = try Self.forecast(Self.demoBody(customers: 800))
        #expect(response["best_algorithm"] == .string("GradientBoosting"))
        #expect(response[pointer: "/selection/method"] == .string("backtest"))
        #expect(response[pointer: "/models/gradient_boosting/status"] == .string("trained"))
        let shares = try #require(response[pointer: "/models/gradient_boosting/feature_importance"]?.elements)
        #expect(shares.count == 15)
        #expect(abs(shares.compactMap { $0["share"]?.double }.reduce(0, +) - 1) < 1e-3)
        for customer in try #require(response["customers"]?.elements).prefix(50) {
            let explanations = try #require(customer["explanations"])
            let booster = try #require(explanations["booster"])
            let contributions = try #require(booster["top_contributions"]?.elements)
            #expect(contributions.count == 5)
            let magnitudes = contributions.compactMap { $0["contribution"]?.double.map(abs) }
            #expect(magnitudes == magnitudes.sorted(by: >))
            // CLV-30: CLV = V · discount_factor, V the undiscounted value (each written to its decimals).
            let value = try #require(explanations["undiscounted_value"]?.double)
            let factor = try #require(explanations["discount_factor"]?.double)
            let clv = try #require(customer["predicted_clv"]?.double)
            #expect(abs(clv - value * factor) <= 0.0101 + 0.00005 * abs(value), "\(clv) vs \(value) × \(factor)")
            #expect(customer["interval"] == .null)
        }
    }

    @Test func theProbabilisticForecastCarriesAnInterval() throws {
        // Without the booster's minimum calibration cohort only the pair is evaluated, and it forecasts.
        let response = try Self.forecast(Self.demoBody(customers: 60))
        #expect(response["best_algorithm"] == .string("BGNBD_GammaGamma"))
        #expect(response[pointer: "/selection/backtest/candidates/1/reason"] == .string("too_few_customers"))
        #expect(response[pointer: "/models/gradient_boosting/reason"] == .string("not_evaluated"))
        for customer in try #require(response["customers"]?.elements) {
            let clv = try #require(customer["predicted_clv"]?.double)
            let interval = try #require(customer["interval"])
            let lower = try #require(interval["lower"]?.double)
            let upper = try #require(interval["upper"]?.double)
            #expect(lower <= clv + 0.01 && clv <= upper + 0.01 && lower >= 0)
            let p = try #require(customer[pointer: "/explanations/p_alive"]?.double)
            #expect(p > 0 && p <= 1)
        }
    }

    @Test func theSameBodyGivesTheSameBytesAndTheSeedMovesOnlyTheBooster() throws {
        let body = Self.demoBody(customers: 800)
        let endpoint = try #require(EndpointCatalog.named("customer_clv_forecast"))
        let context = ComputeContext(today: Day(iso: "2025-04-24")!, limits: .default)
        let first = try endpoint.respond(to: Array(body.utf8), context: context, pretty: false)
        #expect(first == (try endpoint.respond(to: Array(body.utf8), context: context, pretty: false)))
        let reseeded = try Self.forecast(Self.demoBody(customers: 800, extra: #", "seed": 7"#))
        let original = try JSONParser.parse(first)
        #expect(reseeded[pointer: "/models/gradient_boosting/seed"] == .number(7))
        #expect(reseeded[pointer: "/models/bgnbd"] == original[pointer: "/models/bgnbd"])
        #expect(reseeded[pointer: "/selection/backtest/candidates/0"] == original[pointer: "/selection/backtest/candidates/0"])
        #expect(reseeded[pointer: "/selection/backtest/candidates/1"] != original[pointer: "/selection/backtest/candidates/1"])
    }

    @Test func noRepeatBuyerMeansTheFallbackAndZeroForecasts() throws {
        let customers = (0..<25).map { #"{"customer_id": "N\#($0)", "transactions": [{"date": "2024-0\#(1 + $0 % 9)-10", "amount": 40}]}"# }
        let response = try Self.forecast(#"{"today": "2025-04-24", "customers": [\#(customers.joined(separator: ","))]}"#)
        #expect(response["best_algorithm"] == .string("HistoricalRunRate"))
        #expect(response[pointer: "/models/bgnbd/reason"] == .string("too_few_repeat_buyers"))
        #expect(response[pointer: "/summary/tier_counts/Low"] == .number(25))
        #expect(response[pointer: "/summary/total_predicted_clv"] == .number(0))
        #expect(response[pointer: "/warnings/0/code"] == .string("fallback_model"))
    }

    @Test func aShortHistorySkipsTheBacktestAndUsesThePairByDefault() throws {
        // 40 customers, everything within 50 days: h = 25 < 30.
        let customers = (0..<40).map { i in
            #"{"customer_id": "S\#(i)", "transactions": [{"date": "2025-03-0\#(5 + i % 5)", "amount": \#(20 + i)}, "#
                + #"{"date": "2025-04-\#(10 + i % 9)", "amount": \#(30 + 2 * i)}]}"#
        }
        let response = try Self.forecast(#"{"today": "2025-04-24", "customers": [\#(customers.joined(separator: ","))]}"#)
        #expect(response[pointer: "/selection/backtest/reason"] == .string("history_too_short"))
        #expect(response[pointer: "/selection/backtest/calibration_end"] == .null)
        #expect(response[pointer: "/evaluation_mae"] == .object([]))
        if response[pointer: "/models/bgnbd/status"] == .string("fitted") && response[pointer: "/models/gamma_gamma/status"] == .string("fitted") {
            #expect(response["best_algorithm"] == .string("BGNBD_GammaGamma"))
            #expect(response[pointer: "/selection/method"] == .string("default"))
            #expect(response[pointer: "/warnings/0/code"] == .string("no_backtest"))
        } else {
            #expect(response["best_algorithm"] == .string("HistoricalRunRate"))
        }
    }

    @Test func aZeroDiscountRateLeavesTheValueUndiscounted() throws {
        let response = try Self.forecast(Self.demoBody(customers: 60, extra: #", "discount_rate": 0"#))
        for customer in try #require(response["customers"]?.elements) {
            #expect(customer[pointer: "/explanations/discount_factor"] == .number(1))
            #expect(customer["predicted_clv"] == customer[pointer: "/explanations/undiscounted_value"])
        }
    }

    @Test func invalidBodiesListEveryProblem() throws {
        let error = try #require(
            problems(
                "customer_clv_forecast",
                #"{"horizon_months": 0, "discount_rate": -0.1, "seed": 1.5, "extra": 1, "customers": [{"customer_id": "A", "transactions": "#
                    + #"[{"date": "2025-05-01", "amount": 10, "cost": 2}, {"date": "2025-01-01", "amount": 5}]}]}"#))
        let pointers = error.problems.map { "\($0.pointer) \($0.code)" }
        #expect(
            Set(pointers) == [
                "/extra unknown_member", "/horizon_months minimum", "/discount_rate minimum", "/seed type",
                "/customers/0/transactions/0/date after_today",
            ])
    }
}
