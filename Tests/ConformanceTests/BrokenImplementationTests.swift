import Conformance
import Engine
import Foundation
import Testing

/// The suite must catch broken implementations: each corruption of our engine's answers fails the fixtures that
/// check it, naming the right clauses.
@Suite("Broken implementations are caught")
struct BrokenImplementationTests {
    static func failures(on target: EngineTarget, filter: [String] = []) async throws -> [CaseResult] {
        let corpus = try Repository.corpus()
        var options = ConformanceRunner.Options()
        options.filters = filter
        options.expectations = try Expectations(contentsOf: Repository.fixtures.appendingPathComponent("expectations.json"))
        let runner = ConformanceRunner(options: options)
        return await runner.run(try runner.select(corpus.fixtures), on: target).filter { $0.outcome == .fail }
    }

    static func clauses(_ results: [CaseResult]) -> Set<String> { Set(results.flatMap { $0.findings.compactMap(\.clause) }) }

    @Test func offByOneRecencyIsCaught() async throws {
        var target = EngineTarget()
        target.mutateResponse = { endpoint, body in
            guard endpoint == "customer_features" else { return }
            body.updateEach(["customers"], "features") { features in
                features.update(["recency_days"]) { if case .number(let days) = $0 { $0 = .number(days + 1) } }
            }
        }
        let failed = try await Self.failures(on: target, filter: ["customer_features"])
        #expect(!failed.isEmpty)
        #expect(Self.clauses(failed).contains { $0.hasPrefix("FEAT-") })
    }

    @Test func wrongFormulaIsCaught() async throws {
        var target = EngineTarget()
        // avg_ticket from distinct days instead of transactions (the 4.1.1 recipe's definition, which FEAT rejects).
        target.mutateResponse = { endpoint, body in
            guard endpoint == "customer_features" else { return }
            body.updateEach(["customers"], "features") { features in
                features.update(["avg_ticket"]) { if case .number(let value) = $0 { $0 = .number((value * 1.5 * 100).rounded() / 100) } }
            }
        }
        let failed = try await Self.failures(on: target, filter: ["customer_features"])
        #expect(failed.contains { $0.fixture.tags.contains("documented") })
    }

    @Test func wrongTiersAreCaught() async throws {
        var target = EngineTarget()
        target.mutateResponse = { endpoint, body in
            guard endpoint == "customer_rfm" else { return }
            body.updateEach(["customers"], "rfm_tier") { $0 = .string("Champion") }
        }
        let failed = try await Self.failures(on: target, filter: ["customer_rfm"])
        #expect(Self.clauses(failed).contains { $0.hasPrefix("RFM-") })
    }

    @Test func allDaysMonetaryValueIsCaught() async throws {
        var target = EngineTarget()
        target.mutateResponse = { endpoint, body in
            guard endpoint == "customer_clv_features" else { return }
            body.updateEach(["customers"], "monetary_value") { if case .number(let value) = $0 { $0 = .number(value + 1) } }
        }
        let failed = try await Self.failures(on: target, filter: ["customer_clv_features"])
        #expect(Self.clauses(failed).contains { $0.hasPrefix("CLVF-") })
    }

    @Test func fiveHundredOnBadInputIsCaught() async throws {
        var target = EngineTarget()
        target.errorStatus = 500
        let failed = try await Self.failures(on: target, filter: ["negative"])
        #expect(failed.count > 10)
        #expect(failed.allSatisfy { $0.findings.contains { $0.message == "wrong HTTP status" } })
    }
}
