import Reports
import Testing

@testable import Engine

@Suite("customer_features (spec/customer_features.md)")
struct CustomerFeaturesTests {
    static let documented = JSONWriter().string(DocumentedExamples.customerFeatures)

    @Test("FEAT: the documented 4.1.2 example is reproduced exactly")
    func documentedExample() throws {
        let response = try respond("customer_features", Self.documented, today: "2030-01-01")
        let expected: [(String, [Double])] = [("C-1001", [1228.95, 3, 409.65, 2, 0.97, 3]), ("C-1002", [195.9, 2, 97.95, 2, 0, 109])]
        let keys = ["purchase_total", "visit_frequency", "avg_ticket", "product_diversity", "loyalty_score", "recency_days"]
        for (index, (id, values)) in expected.enumerated() {
            #expect(response[pointer: "/customers/\(index)/customer_id"] == .string(id))
            for (key, value) in zip(keys, values) {
                #expect(response[pointer: "/customers/\(index)/features/\(key)"]?.double == value, "\(id) \(key)")
            }
        }
        // Keys follow the schema's order (GEN-5).
        guard case .object(let members)? = response[pointer: "/customers/0/features"] else {
            Issue.record("features is not an object")
            return
        }
        #expect(members.map(\.key) == keys)
    }

    @Test("FEAT: same-day transactions each count as a visit; diversity counts distinct product ids")
    func sameDayVisitsAndDiversity() throws {
        let body =
            #"{"customers": [\#(customer("A", [tx("2025-04-01", 10, id: "1", product: "p"), tx("2025-04-01", 20, id: "2", product: "p"), tx("2025-04-10", 0, id: "3", product: "q")]))]}"#
        let response = try respond("customer_features", body)
        #expect(response[pointer: "/customers/0/features/visit_frequency"]?.double == 3)
        #expect(response[pointer: "/customers/0/features/avg_ticket"]?.double == 10)
        #expect(response[pointer: "/customers/0/features/product_diversity"]?.double == 2)
        #expect(response[pointer: "/customers/0/features/recency_days"]?.double == 14)
    }

    @Test("GEN-6: today defaults to the context's date")
    func todayDefaults() throws {
        let body = #"{"customers": [\#(customer("A", [tx("2025-04-01", 10, id: "1", product: "p")]))]}"#
        let response = try respond("customer_features", body, today: "2025-04-11")
        #expect(response[pointer: "/customers/0/features/recency_days"]?.double == 10)
    }

    @Test("VAL: every problem is listed with its pointer")
    func everyProblemListed() throws {
        let body = """
            {"today": "2025-04-24", "customers": [
              {"customer_id": "A", "loyalty_score": 1.5, "transactions": [
                {"transaction_id": "T1", "date": "2025-04-25", "amount": 1, "product_id": "p"},
                {"transaction_id": "T1", "date": "2025-04-20", "amount": 1, "product_id": "p"},
                {"date": "2025-04-20", "amount": "12", "product_id": "p"}]},
              {"customer_id": "A", "transactions": []},
              {"customer_id": "", "transactions": [{"transaction_id": "T", "date": "2025-04-20", "amount": 1, "product_id": null, "colour": "red"}]}]}
            """
        let error = try #require(problems("customer_features", body))
        #expect(error.status == 422)
        #expect(error.code == "invalid_request")
        #expect(error.has("/customers/0/loyalty_score", "maximum"))
        #expect(error.has("/customers/0/transactions/0/date", "after_today"))
        #expect(error.has("/customers/0/transactions/1/transaction_id", "duplicate_id"))
        #expect(error.has("/customers/0/transactions/2", "required"))
        #expect(error.has("/customers/0/transactions/2/amount", "type"))
        #expect(error.has("/customers/1/transactions", "min_items"))
        #expect(error.has("/customers/1/customer_id", "duplicate_id"))
        #expect(error.has("/customers/2/customer_id", "min_length"))
        #expect(error.has("/customers/2/transactions/0/product_id", "type"))
        #expect(error.has("/customers/2/transactions/0/colour", "unknown_member"))
    }

    @Test("VAL-9: an empty customer list is invalid; a wrong root type is invalid")
    func emptyAndWrongRoot() throws {
        #expect(problems("customer_features", #"{"customers": []}"#)?.has("/customers", "min_items") == true)
        #expect(problems("customer_features", #"[]"#)?.has("", "type") == true)
        #expect(problems("customer_features", #"{}"#)?.has("", "required") == true)
        #expect(problems("customer_features", #"{"customers": [], "customers": []}"#)?.has("/customers", "duplicate_member") == true)
    }

    @Test("VAL-1: malformed JSON is a 400 with the byte offset")
    func malformed() throws {
        let error = try #require(problems("customer_features", #"{"customers": [NaN]}"#))
        #expect(error.status == 400)
        #expect(error.code == "malformed_json")
        #expect(error.message.contains("byte 15"))
    }

    @Test("VAL-11: count and byte limits answer 413")
    func limits() throws {
        let body =
            #"{"customers": [\#(customer("A", [tx("2025-04-01", 10, id: "1", product: "p")])), \#(customer("B", [tx("2025-04-01", 10, id: "1", product: "p")]))]}"#
        let tooMany = try #require(problems("customer_features", body, limits: Limits(maxCustomers: 1)))
        #expect(tooMany.status == 413)
        #expect(tooMany.has("/customers", "limit_exceeded"))
        let tooManyTransactions = try #require(problems("customer_features", body, limits: Limits(maxTotalTransactions: 1)))
        #expect(tooManyTransactions.status == 413)
        let tooBig = try #require(problems("customer_features", body, limits: Limits(maxBodyBytes: 10)))
        #expect(tooBig.status == 413)
        #expect(tooBig.code == "payload_too_large")
    }

    @Test("VAL-10: magnitudes above 1e15 are refused")
    func hugeNumbers() throws {
        let body = #"{"customers": [\#(customer("A", [tx("2025-04-01", 1e16, id: "1", product: "p")]))]}"#
        #expect(problems("customer_features", body)?.has("/customers/0/transactions/0/amount", "maximum") == true)
    }

    @Test("GEN-5: the same request gives the same bytes")
    func deterministic() throws {
        let endpoint = try #require(EndpointCatalog.named("customer_features"))
        let context = ComputeContext(today: Day(iso: "2025-04-24")!)
        let first = try endpoint.respond(to: Array(Self.documented.utf8), context: context)
        let second = try endpoint.respond(to: Array(Self.documented.utf8), context: context)
        #expect(first == second)
    }
}
