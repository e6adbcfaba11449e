import Reports
import Testing

@testable import Engine

@Suite("How many problems an answer lists (ERR-4)")
struct ProblemListTests {
    @Test func theFirstThousandAreListedAndAllCounted() throws {
        let rfm = try #require(EndpointCatalog.all.first { $0.name == "customer_rfm" })
        let body = "{\"today\": \"2025-04-24\", \"customers\": [" + Array(repeating: "0", count: 1_500).joined(separator: ",") + "]}"
        do throws(CintelError) {
            _ = try rfm.answer(to: Array(body.utf8))
            Issue.record("a body of zeros was accepted")
        } catch {
            #expect(error.status == 422)
            #expect(error.problems.count == RequestReader.maxListedProblems)
            #expect(error.problems.first?.pointer == "/customers/0")
            #expect(error.problems.last?.pointer == "/customers/999")
            #expect(error.message == "The request has 1500 problems; the first 1000 are listed.")
        }
    }

    @Test func fewerAreAllListed() throws {
        let rfm = try #require(EndpointCatalog.all.first { $0.name == "customer_rfm" })
        do throws(CintelError) {
            _ = try rfm.answer(to: Array(#"{"today": "2025-04-24", "customers": [0, 0]}"#.utf8))
        } catch {
            #expect(error.problems.count == 2)
            #expect(error.message == "The request has 2 problems.")
        }
    }
}
