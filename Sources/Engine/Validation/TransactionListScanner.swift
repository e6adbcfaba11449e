/// A customer's `transactions` read straight from the body's bytes, for the common case of a list that keeps to the
/// schema with plain ASCII strings: no tree is built and no member name is compared as a `String`. Anything else (an
/// escape, a non-ASCII byte, an unknown or repeated member, a wrong type, a value a rule refuses, a list outside the
/// count limits) returns nil, and `CustomerListReader` takes the general path, which reports every problem at its
/// pointer. Both paths therefore accept the same lists and build the same transactions (GEN-8, VAL-6, VAL-7).
enum TransactionListScanner {
    private enum Member: Int {
        case transactionId, date, amount, cost, productId, category
    }

    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, requiring: TransactionRequirements, today: Day?, limits: Limits) -> [Transaction]? {
        var i = 0
        let n = bytes.count
        func skipWhitespace() {
            i = JSONParser.endOfWhitespace(in: bytes, from: i)
        }
        /// A plain ASCII string's bytes, without its quotes; nil for an escape or a non-ASCII byte.
        func plainString() -> UnsafeBufferPointer<UInt8>? {
            guard i < n, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            while i < n {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") {
                    i += 1
                    return UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)])
                }
                if byte == UInt8(ascii: "\\") || byte >= 0x80 { return nil }
                i += 1
            }
            return nil
        }
        func identifier() -> String? {
            guard let text = plainString(), !text.isEmpty, text.count <= limits.maxStringLength else { return nil }
            return String(decoding: text, as: UTF8.self)
        }
        func amount() -> Double? {
            guard let value = JSONParser.number(in: bytes, at: &i), abs(value) <= RequestReader.maxMagnitude, value >= 0 else { return nil }
            return value
        }

        skipWhitespace()
        guard i < n, bytes[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        var transactions: [Transaction] = []
        // Ids seen so far: a short list is searched, a long one hashed. The scanner's strings are ASCII, whose
        // String equality is byte equality, as ExactText's is.
        var ids: [String] = []
        var hashed: Set<String> = []
        let shortList = 32
        while true {
            skipWhitespace()
            guard i < n, bytes[i] == UInt8(ascii: "{") else { return nil }
            i += 1
            var seen = 0
            var id: String?
            var day: Day?
            var value: Double?
            var cost: Double?
            var product: String?
            var category: String?
            repeat {
                skipWhitespace()
                guard let name = plainString(), let member = member(named: name), seen & (1 << member.rawValue) == 0 else { return nil }
                seen |= 1 << member.rawValue
                skipWhitespace()
                guard i < n, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                skipWhitespace()
                switch member {
                case .transactionId:
                    guard let text = identifier() else { return nil }
                    id = text
                case .productId:
                    guard let text = identifier() else { return nil }
                    product = text
                case .category:
                    guard let text = identifier() else { return nil }
                    category = text
                case .amount:
                    guard let number = amount() else { return nil }
                    value = number
                case .cost:
                    guard let number = amount() else { return nil }
                    cost = number
                case .date:
                    guard let text = plainString(), let date = Day(iso: text), today.map({ date <= $0 }) ?? true else { return nil }
                    day = date
                }
                skipWhitespace()
                guard i < n else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1 } else { break }
            } while true
            guard i < n, bytes[i] == UInt8(ascii: "}") else { return nil }
            i += 1
            guard let day, let value else { return nil }
            if requiring.contains(.transactionId) && id == nil || requiring.contains(.productId) && product == nil { return nil }
            if let id {
                if ids.count < shortList {
                    if ids.contains(id) { return nil }
                    ids.append(id)
                } else {
                    if hashed.isEmpty { hashed = Set(ids) }
                    if !hashed.insert(id).inserted { return nil }
                }
            }
            transactions.append(Transaction(transactionId: id, date: day, amount: value, cost: cost, productId: product, category: category))
            guard transactions.count <= limits.maxTransactionsPerCustomer else { return nil }
            skipWhitespace()
            guard i < n else { return nil }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            return bytes[i] == UInt8(ascii: "]") ? transactions : nil
        }
    }

    private static func member(named name: UnsafeBufferPointer<UInt8>) -> Member? {
        func equals(_ literal: StaticString) -> Bool {
            guard literal.utf8CodeUnitCount == name.count else { return false }
            let start = literal.utf8Start
            for k in 0..<name.count where name[k] != start[k] { return false }
            return true
        }
        switch name.count {
        case 4: return equals("date") ? .date : equals("cost") ? .cost : nil
        case 6: return equals("amount") ? .amount : nil
        case 8: return equals("category") ? .category : nil
        case 10: return equals("product_id") ? .productId : nil
        case 14: return equals("transaction_id") ? .transactionId : nil
        default: return nil
        }
    }
}
