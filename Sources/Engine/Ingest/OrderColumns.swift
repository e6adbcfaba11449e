/// Which column of an orders file holds what: the roles a transaction needs (GEN-10), found by header name or
/// given with `--map role=column`.
package struct OrderColumns: Sendable, Equatable {
    package enum Role: String, Sendable, CaseIterable {
        case customerId = "customer_id"
        case date
        case amount
        case transactionId = "transaction_id"
        case productId = "product_id"
        case category
        case cost

        var required: Bool { self == .customerId || self == .date || self == .amount }
    }

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
            guard parts.count == 2, !parts[1].isEmpty else { throw Failure(description: "--map takes role=column, got '\(entry)'") }
            guard let role = Role(rawValue: parts[0]) else {
                throw Failure(description: "unknown role '\(parts[0])' in --map; roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
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
                    throw Failure(description: "--map \(role.rawValue)=\(column): the header has no column '\(column)'; it has \(Self.list(names))")
                }
                index[role] = found
            } else if let found = names.firstIndex(where: { $0.lowercased() == role.rawValue }) {
                index[role] = found
            } else if role.required {
                throw Failure(
                    description: "no '\(role.rawValue)' column: name it so in the header or map it (--map \(role.rawValue)=COLUMN); "
                        + "the header has \(Self.list(names))")
            }
        }
    }

    private static func list(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }

    /// Without surrounding spaces and tabs (header cells are often padded).
    package static func trimmed(_ text: some StringProtocol) -> String {
        var rest = Substring(text)
        while let first = rest.first, first == " " || first == "\t" { rest.removeFirst() }
        while let last = rest.last, last == " " || last == "\t" { rest.removeLast() }
        return String(rest)
    }
}
