import Reports
import Testing

@testable import Engine

/// VAL-12: counts while reading, at the pointers the endpoints' readers name once a body is parsed.
@Suite("Count limits while the body is read")
struct BodyCountGuardTests {
    static var small: Limits {
        var limits = Limits.default
        limits.maxCustomers = 3
        limits.maxTransactionsPerCustomer = 2
        limits.maxTotalTransactions = 4
        return limits
    }

    /// The guard's refusal for `body` fed in pieces of `piece` bytes, or nil.
    static func refusal(_ body: String, limits: Limits = small, piece: Int = 7) -> Problem? {
        var counts = BodyCountGuard(limits: limits)
        let bytes = Array(body.utf8)
        do throws(CintelError) {
            for start in stride(from: 0, to: bytes.count, by: piece) {
                try counts.feed(Array(bytes[start..<min(bytes.count, start + piece)]))
            }
        } catch {
            #expect(error.status == 413)
            return error.problems.first
        }
        return nil
    }

    @Test func customersOverTheLimit() {
        #expect(Self.refusal(#"{"customers": [0, 0, 0]}"#) == nil)
        #expect(Self.refusal(#"{"customers": [0, 0, 0, 0]}"#)?.pointer == "/customers")
        #expect(Self.refusal(#"{"data": [{}, {}, {}, {}]}"#)?.pointer == "/data")
        #expect(Self.refusal(#"{"customers": []}"#) == nil)
    }

    @Test func transactionsPerCustomerAndInAll() {
        let two = #"{"customer_id": "a", "transactions": [{"amount": 1}, {"amount": 2}]}"#
        #expect(Self.refusal(#"{"customers": [\#(two), \#(two)]}"#) == nil)
        let three = #"{"customer_id": "b", "transactions": [1, 2, 3]}"#
        #expect(Self.refusal(#"{"customers": [\#(two), \#(three)]}"#)?.pointer == "/customers/1/transactions")
        #expect(Self.refusal(#"{"customers": [\#(two), \#(two), {"transactions": [1]}]}"#)?.pointer == "/customers")
    }

    /// Brackets, commas and member names inside strings, nested objects and other arrays are structure-blind.
    @Test func stringsAndNestingDoNotCount() {
        let tricky =
            #"{"customers": [{"customer_id": "x,[\"transactions\": [1,2,3]", "features": {"transactions": [1, 2, 3]}}], "k_range": [1, 2, 3, 4]}"#
        #expect(Self.refusal(tricky) == nil)
        #expect(Self.refusal(#"{"customers": [{"product_types": ["a", "b", "c", "d"]}]}"#) == nil)
        #expect(Self.refusal(#"{"responses": [1, 2, 3, 4, 5]}"#)?.pointer == "/responses")
        #expect(Self.refusal(#"{"a_member_name_longer_than_sixteen": [1], "customers": [1, 2, 3, 4]}"#)?.pointer == "/customers")
    }

    /// Long strings, indentation and long numbers are passed over in bulk: a bracket, comma or quote hidden at any
    /// offset of a long string still does not count, and an escaped quote does not end it, in any piece size.
    @Test(arguments: [1, 5, 8, 13, 4096])
    func bulkPassesKeepTheCounts(piece: Int) {
        for offset in 0..<17 {
            let pad = String(repeating: "x", count: offset)
            let spaces = String(repeating: " ", count: offset + 9)
            let name = #""\#(pad)\"],[\"\#(pad)é\#(pad)\\\\""#
            let three = #"{"customers": [\#(spaces)\#(name),\#(spaces)12345678901234567890,\#n\#(spaces)-1.5e+300]}"#
            #expect(Self.refusal(three, piece: piece) == nil, "\(three)")
            let four = three.replacingOccurrences(of: "890,", with: "890, true,")
            #expect(Self.refusal(four, piece: piece)?.pointer == "/customers", "\(four)")
        }
    }

    /// Whatever the guard refuses, the endpoint's reader refuses at the same pointer once the body is parsed.
    @Test(arguments: [1, 3, 64])
    func theGuardAndTheReaderAgree(piece: Int) throws {
        let transaction = #"{"date": "2025-01-01", "amount": 1}"#
        let customer = { (id: Int, count: Int) in
            #"{"customer_id": "C\#(id)", "transactions": [\#(Array(repeating: transaction, count: count).joined(separator: ", "))]}"#
        }
        let bodies = [
            #"{"today": "2025-04-24", "customers": [\#((0..<4).map { customer($0, 1) }.joined(separator: ", "))]}"#,
            #"{"today": "2025-04-24", "customers": [\#(customer(0, 1)), \#(customer(1, 3))]}"#,
            #"{"today": "2025-04-24", "customers": [\#(customer(0, 2)), \#(customer(1, 2)), \#(customer(2, 1))]}"#,
        ]
        let rfm = try #require(EndpointCatalog.all.first { $0.name == "customer_rfm" })
        for body in bodies {
            let guarded = try #require(Self.refusal(body, piece: piece), "\(body)")
            do throws(CintelError) {
                _ = try rfm.answer(to: Array(body.utf8), context: ComputeContext(limits: Self.small))
                Issue.record("the reader accepted \(body)")
            } catch {
                #expect(error.status == 413)
                #expect(error.problems.map(\.pointer).contains(guarded.pointer), "\(guarded) vs \(error.problems)")
            }
        }
    }
}
