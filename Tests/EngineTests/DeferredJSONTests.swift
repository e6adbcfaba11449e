import Reports
import Testing

@testable import Engine

@Suite("Deferred elements of a request body (SRV-6)")
struct DeferredJSONTests {
    private func deferred(_ text: String, maxDepth: Int = 32) throws(JSONParser.Failure) -> JSONValue {
        try JSONParser.parseDeferringElements(Array(text.utf8), maxDepth: maxDepth)
    }

    private let body = #"""
        {"today": "2025-01-31", "customers": [
          {"customer_id": "C-1", "transactions": [{"date": "2025-01-02", "amount": 12.5}]},
          [1, {"a": [true, null]}],
          7, "x",
          {"customer_id": "C-\u00e9", "nested": {"deep": [[], {}]}}
        ], "options": {"k": [3, 4]}}
        """#

    @Test func containersOfTopLevelArraysAreDeferredAndEverythingElseIsBuilt() throws {
        guard case .object(let members) = try deferred(body), case .array(let customers) = members[1].value else {
            Issue.record("not an object with an array")
            return
        }
        let kinds = customers.map { value -> String in
            switch value {
            case .deferred: "deferred"
            case .number: "number"
            case .string: "string"
            default: "built"
            }
        }
        #expect(kinds == ["deferred", "deferred", "number", "string", "deferred"])
        // Members of nested objects are not top-level arrays: built as before.
        guard case .object(let options) = members[2].value, case .array = options[0].value else {
            Issue.record("options not built")
            return
        }
        #expect(customers[0].typeName == "an object")
        #expect(customers[1].typeName == "an array")
    }

    @Test func deferredElementsHoldTheValuesAFullParseBuilds() throws {
        let full = try JSONParser.parse(Array(body.utf8))
        let lazy = try deferred(body)
        #expect(lazy == full)
        #expect(lazy["customers"]?.elements[4]["customer_id"] == .string("C-é"))
        #expect(JSONWriter(pretty: true).bytes(lazy) == JSONWriter(pretty: true).bytes(full))
        #expect(JSONWriter(pretty: false).bytes(lazy) == JSONWriter(pretty: false).bytes(full))
    }

    @Test(arguments: [
        #"{"customers": [{"a": 1,}]}"#, #"{"customers": [{"a": NaN}]}"#, #"{"customers": [{"a": "\ud800"}]}"#,
        #"{"customers": [[1, 2], [01]]}"#, #"{"customers": [{"a": [1e400]}]}"#, #"{"data": [{"a": "b"} {"c": 1}]}"#,
        #"{"data": [{"a": "b""#, #"{"data": [{"a": "\u00e9\xff"}]}"#,
        // 401 integer digits: beyond binary64, though no exponent says so.
        #"{"customers": [[1"# + String(repeating: "0", count: 400) + "]]}",
    ])
    func problemsInsideDeferredElementsAreFoundAtOnceWithTheSameOffset(text: String) {
        var full: JSONParser.Failure?
        var lazy: JSONParser.Failure?
        do { _ = try JSONParser.parse(Array(text.utf8)) } catch { full = error }
        do { _ = try deferred(text) } catch { lazy = error }
        #expect(full != nil)
        #expect(lazy == full)
    }

    @Test func invalidUTF8InsideADeferredElementIsFoundAtOnce() {
        var bytes = Array(#"{"customers": [{"customer_id": "A"#.utf8)
        bytes += [0xFF]
        bytes += Array(#""}]}"#.utf8)
        var full: JSONParser.Failure?
        var lazy: JSONParser.Failure?
        do { _ = try JSONParser.parse(bytes) } catch { full = error }
        do { _ = try JSONParser.parseDeferringElements(bytes) } catch { lazy = error }
        #expect(full?.reason == JSONParser.invalidUTF8)
        #expect(lazy == full)
    }

    @Test func theDepthLimitCountsFromTheRootInsideDeferredElements() throws {
        // Root object, customers array, then six arrays: depth 8.
        let atLimit = #"{"customers": [[[[[[[1]]]]]]]}"#
        #expect(try deferred(atLimit, maxDepth: 8) == (try JSONParser.parse(Array(atLimit.utf8), maxDepth: 8)))
        var full: JSONParser.Failure?
        var lazy: JSONParser.Failure?
        do { _ = try JSONParser.parse(Array(atLimit.utf8), maxDepth: 7) } catch { full = error }
        do { _ = try deferred(atLimit, maxDepth: 7) } catch { lazy = error }
        #expect(full != nil)
        #expect(lazy == full)
    }

    @Test func readersReportProblemsInDeferredElementsAtTheirPointers() throws {
        let endpoint = try #require(EndpointCatalog.named("customer_rfm"))
        let text = #"{"today": "2025-01-31", "customers": [{"customer_id": "A", "transactions": [{"date": "2025-01-02", "amount": -1}]}]}"#
        #expect(throws: CintelError.self) { try endpoint.answer(taking: Array(text.utf8)) }
        do {
            _ = try endpoint.answer(taking: Array(text.utf8))
        } catch {
            #expect(error.problems.map(\.pointer) == ["/customers/0/transactions/0/amount"])
        }
    }
}
