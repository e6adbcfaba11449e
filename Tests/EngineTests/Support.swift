import Reports
import Testing

@testable import Engine

/// Runs an endpoint on a JSON text as the command line and server do; `today` is fixed so tests never depend on
/// the clock.
func respond(_ name: String, _ body: String, today: String = "2025-04-24", limits: Limits = .default) throws(CintelError) -> JSONValue {
    guard let endpoint = EndpointCatalog.named(name) else { throw .unknownEndpoint(name) }
    return try endpoint.respondValue(to: Array(body.utf8), context: ComputeContext(today: Day(iso: today)!, limits: limits))
}

/// The error a request gets; records a test issue when it succeeds instead.
func problems(_ name: String, _ body: String, today: String = "2025-04-24", limits: Limits = .default) -> CintelError? {
    do {
        _ = try respond(name, body, today: today, limits: limits)
        Issue.record("expected \(name) to refuse the request")
        return nil
    } catch {
        return error
    }
}

extension JSONValue {
    /// The value at an RFC 6901 pointer, for terse assertions.
    subscript(pointer pointer: String) -> JSONValue? {
        var current: JSONValue? = self
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            switch current {
            case .object: current = current?[String(token)]
            case .array(let elements): current = Int(token).flatMap { $0 < elements.count ? elements[$0] : nil }
            default: return nil
            }
        }
        return current
    }

    var double: Double? { if case .number(let value) = self { value } else { nil } }
    var text: String? { if case .string(let value) = self { value } else { nil } }
}

extension CintelError {
    var pointers: [String] { problems.map(\.pointer) }
    func has(_ pointer: String, _ code: String) -> Bool { problems.contains { $0.pointer == pointer && $0.code == code } }
}

/// A transaction object in JSON.
func tx(_ date: String, _ amount: Double, id: String? = nil, product: String? = nil, cost: Double? = nil) -> String {
    var members = [#""date": "\#(date)""#, #""amount": \#(amount)"#]
    if let id { members.insert(#""transaction_id": "\#(id)""#, at: 0) }
    if let product { members.append(#""product_id": "\#(product)""#) }
    if let cost { members.append(#""cost": \#(cost)"#) }
    return "{" + members.joined(separator: ", ") + "}"
}

/// A customer with transactions in JSON.
func customer(_ id: String, _ transactions: [String], extra: String = "") -> String {
    #"{"customer_id": "\#(id)", \#(extra)"transactions": [\#(transactions.joined(separator: ", "))]}"#
}
