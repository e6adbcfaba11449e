import Reports
import Testing

@testable import Engine

/// The scanner and the general reader must accept the same transaction lists and build the same transactions: each
/// body is answered once as a request (customers deferred, transactions scanned) and once from a fully built tree
/// (the general reader only), and the two answers, or the two errors, must be byte for byte the same.
@Suite("Transactions scanned from the bytes (GEN-8, VAL-6, VAL-7)")
struct TransactionListScannerTests {
    static let transactions: [String] = [
        #"{"transaction_id": "T-1", "date": "2025-01-02", "amount": 12.5, "product_id": "P-1"}"#,
        #"{"date":"2025-01-02","amount":0,"cost":0.0,"category":"tea"}"#,
        #"{"amount": 1e2, "date": "2025-01-03"}"#,
        #"{"transaction_id": "T-\u0031", "date": "2025-01-02", "amount": 3}"#,
        #"{"transaction_id": "T-é", "date": "2025-01-02", "amount": 3}"#,
        #"{"transaction_id": "", "date": "2025-01-02", "amount": 3}"#,
        #"{"date": "2025-01-02", "amount": -0.01}"#,
        #"{"date": "2025-01-02", "amount": -0}"#,
        #"{"date": "2025-01-02", "amount": 1000000000000001}"#,
        #"{"date": "2025-02-30", "amount": 3}"#,
        #"{"date": "2026-01-01", "amount": 3}"#,
        #"{"date": "2025-01-02", "amount": "3"}"#,
        #"{"date": "2025-01-02", "amount": 3, "amount": 4}"#,
        #"{"date": "2025-01-02", "amount": 3, "colour": "red"}"#,
        #"{"date": "2025-01-02"}"#,
        #"{"date": "2025-01-02", "amount": null}"#,
        #"{"transaction_id": "T-1", "date": "2025-01-02", "amount": 1}"#,
        #"[1]"#,
    ]

    /// Every pair of transactions as one customer's list, and the empty list.
    static func bodies() -> [String] {
        var lists = ["[]"]
        for first in transactions {
            for second in transactions { lists.append("[\(first), \(second)]") }
        }
        return lists.map { #"{"today": "2025-01-31", "customers": [{"customer_id": "C-1", "transactions": \#($0)}]}"# }
    }

    /// customer_features requires transaction and product ids (GEN-8); customer_rfm requires neither.
    @Test(arguments: [CustomerFeatures.name, CustomerRFM.name])
    func bothPathsGiveTheSameAnswer(_ name: String) throws {
        let context = ComputeContext(today: Day(iso: "2025-01-31")!)
        let endpoint = try #require(EndpointCatalog.named(name))
        for body in Self.bodies() {
            let scanned = answer { () throws(CintelError) in try endpoint.respond(to: Array(body.utf8), context: context) }
            let built = answer { () throws(CintelError) in
                guard let tree = try? JSONParser.parse(Array(body.utf8)) else { throw CintelError.internalFailure }
                return JSONWriter().bytes(try Self.computeBuilt(name, tree, context: context))
            }
            #expect(scanned == built, "\(body)")
        }
    }

    /// The general reader alone: a fully built tree has no deferred arrays to scan.
    private static func computeBuilt(_ name: String, _ tree: JSONValue, context: ComputeContext) throws(CintelError) -> JSONValue {
        name == CustomerRFM.name ? try CustomerRFM.compute(tree, context: context) : try CustomerFeatures.compute(tree, context: context)
    }

    @Test func theCommonShapeIsScanned() throws {
        let list = #"[{"transaction_id": "T-1", "date": "2025-01-02", "amount": 12.5, "product_id": "P-1"}, {"date":"2025-01-03","amount":7}]"#
        let scanned = Array(list.utf8).withUnsafeBufferPointer {
            TransactionListScanner.scan($0, requiring: [], today: Day(iso: "2025-01-31"), limits: .default)
        }
        #expect(scanned?.count == 2)
        #expect(scanned?.first == Transaction(transactionId: "T-1", date: Day(iso: "2025-01-02")!, amount: 12.5, productId: "P-1"))
        // A repeated id among many is found once the ids are hashed.
        let many = (0..<40).map { #"{"transaction_id": "T-\#($0 % 39)", "date": "2025-01-02", "amount": 1}"# }
        let repeated = Array("[\(many.joined(separator: ","))]".utf8).withUnsafeBufferPointer {
            TransactionListScanner.scan($0, requiring: [], today: nil, limits: .default)
        }
        #expect(repeated == nil)
    }

    private func answer(_ body: () throws(CintelError) -> [UInt8]) -> String {
        do throws(CintelError) {
            return String(decoding: try body(), as: UTF8.self)
        } catch {
            return String(decoding: error.body, as: UTF8.self)
        }
    }
}
