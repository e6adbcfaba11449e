/// What a column of an input file can mean: a role with its own name, required or not.
package protocol ColumnRole: RawRepresentable<String>, CaseIterable, Hashable, Sendable {
    var required: Bool { get }
    /// An identifier: its bytes must be UTF-8 (ING-3).
    var isIdentifier: Bool { get }
    /// The command-line option that maps this file's columns, named in error messages.
    static var mapOption: String { get }
}

/// The roles of an orders file: what a transaction needs (GEN-10).
package enum OrderRole: String, ColumnRole {
    case customerId = "customer_id"
    case date
    case amount
    case transactionId = "transaction_id"
    case productId = "product_id"
    case category
    case cost

    package var required: Bool { self == .customerId || self == .date || self == .amount }
    package var isIdentifier: Bool { self == .customerId || self == .transactionId || self == .productId || self == .category }
    package static var mapOption: String { "--map" }
}

/// The roles of a loyalty file: each customer's points balance (the source's `points_balance / cap` recipe).
package enum LoyaltyRole: String, ColumnRole {
    case customerId = "customer_id"
    case points

    package var required: Bool { true }
    package var isIdentifier: Bool { self == .customerId }
    package static var mapOption: String { "--loyalty-map" }
}

/// The roles of a survey file: one NPS answer per row (NPS-2), who answered and through which channel optional.
package enum SurveyRole: String, ColumnRole {
    case score
    case date
    case customerId = "customer_id"
    case channel

    package var required: Bool { self == .score || self == .date }
    package var isIdentifier: Bool { self == .customerId || self == .channel }
    package static var mapOption: String { "--survey-map" }
}

package typealias OrderColumns = FileColumns<OrderRole>

/// Which column of an input file holds what, found by header name or given with `--map role=column`.
package struct FileColumns<Role: ColumnRole>: Sendable, Equatable {

    /// The column index of each role present.
    package private(set) var index: [Role: Int] = [:]

    package struct Failure: Error, Equatable, CustomStringConvertible {
        package var description: String
    }

    /// Reads `--map` entries (`role=column`, comma separated or repeated).
    package static func mapping(_ entries: [String]) throws(Failure) -> [Role: String] {
        var mapping: [Role: String] = [:]
        for entry in entries.flatMap({ $0.split(separator: ",").map(String.init) }) {
            let parts = entry.split(separator: "=", maxSplits: 1).map { Self.trimmed($0) }
            guard parts.count == 2, !parts[1].isEmpty else { throw Failure(description: "\(Role.mapOption) takes role=column, got '\(entry)'") }
            guard let role = Role(rawValue: parts[0]) else {
                throw Failure(
                    description: "unknown role '\(parts[0])' in \(Role.mapOption); roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            mapping[role] = parts[1]
        }
        return mapping
    }

    /// Resolves roles against a header row: a mapped column by its exact name, otherwise the role's own name in any
    /// letter case. A required role without a column, or a mapped column the header lacks, is an error that lists
    /// the header.
    package init(header: [String], mapping: [Role: String] = [:]) throws(Failure) {
        let names = header.map { Self.trimmed($0) }
        for role in Role.allCases {
            if let column = mapping[role] {
                guard let found = names.firstIndex(of: column) else {
                    throw Failure(
                        description: "\(Role.mapOption) \(role.rawValue)=\(column): the header has no column '\(column)'; it has \(Self.list(names))")
                }
                index[role] = found
            } else if let found = names.firstIndex(where: { $0.lowercased() == role.rawValue }) {
                index[role] = found
            } else if role.required {
                throw Failure(
                    description: "no '\(role.rawValue)' column: name it so in the header or map it (\(Role.mapOption) \(role.rawValue)=COLUMN); "
                        + "the header has \(Self.list(names))")
            }
        }
    }

    private static func list(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }

    /// Without surrounding spaces and tabs (header cells are often padded).
    package static func trimmed(_ text: some StringProtocol) -> String {
        let utf8 = Substring(text).utf8
        if let first = utf8.first, let last = utf8.last, first != 32, first != 9, last != 32, last != 9 { return String(text) }
        var rest = Substring(text)
        while let first = rest.first, first == " " || first == "\t" { rest.removeFirst() }
        while let last = rest.last, last == " " || last == "\t" { rest.removeLast() }
        return String(rest)
    }
}
