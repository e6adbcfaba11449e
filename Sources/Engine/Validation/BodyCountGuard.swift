/// The count limits of VAL-11, enforced on a body's bytes as they arrive (VAL-12), so that a body far over a limit
/// is refused once the limit is passed instead of being read, kept and parsed whole: a parsed value costs many
/// times the bytes it was read from.
///
/// It follows only the body's structure (strings, nesting, commas) and counts the elements of the arrays the limits
/// name: a top-level `customers` or `data` array (customers), a `transactions` array inside one of its elements (one
/// customer's transactions, and the request's total), and any other top-level array (events such as NPS
/// `responses`, bounded by the total). The customer and transaction counts are refused at the pointers the
/// endpoints' readers use once a body is parsed. Syntax errors are left to the parser.
package struct BodyCountGuard {
    private enum Role { case object, customers, customer, transactions, events, other }
    private struct Frame {
        var role: Role
        var count = 0
        /// An array waiting for an element's first byte (after `[` or `,`).
        var expectsElement = true
    }

    private let limits: Limits
    private var frames: [Frame] = []
    private var inString = false
    private var escaped = false
    /// The bytes of the member name being read, when it is a name of the top-level object or of a customer; names
    /// longer than any the limits care about are not kept.
    private var name: [UInt8] = []
    private var collectsName = false
    private var nameTooLong = false
    private var expectsName = true
    /// The last member name read in the top-level object, and in the current customer.
    private var topLevelName = ""
    private var customerMemberName = ""
    private var customerIndex = -1
    private var totalTransactions = 0

    package init(limits: Limits) {
        self.limits = limits
    }

    /// Feeds the next bytes of the body; throws `limit_exceeded` (413) as soon as a count passes its limit.
    package mutating func feed(_ bytes: [UInt8]) throws(CintelError) {
        var failure: CintelError?
        bytes.withUnsafeBytes { buffer in
            do throws(CintelError) { try feed(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// The same over raw bytes: a plain pointer loop, since the server scans every body with it and a generic
    /// sequence of bytes is not specialised in a debug build. The bytes that cannot change a count are passed over
    /// in bulk: a string's plain interior and runs of spaces eight at a time, and a scalar after its first byte.
    package mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(CintelError) {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if collectsName { finishName() }
                } else if collectsName {
                    if name.count < 16 { name.append(byte) } else { nameTooLong = true }
                } else {
                    while index + 9 <= count && !Self.hasQuoteOrBackslash(Self.word(bytes, at: index + 1)) { index += 8 }
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: " "):
                while index + 9 <= count && Self.word(bytes, at: index + 1) == 0x2020_2020_2020_2020 { index += 8 }
                index += 1
                continue
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"), UInt8(ascii: ":"):
                index += 1
                continue
            case UInt8(ascii: ","):
                if let last = frames.indices.last {
                    if frames[last].role == .object || frames[last].role == .customer {
                        expectsName = true
                    } else {
                        frames[last].expectsElement = true
                    }
                }
                index += 1
                continue
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                _ = frames.popLast()
                index += 1
                continue
            default:
                break
            }
            try startValue()
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                let inObject = frames.last.map { $0.role == .object || $0.role == .customer } ?? false
                collectsName = inObject && expectsName && (frames.count == 1 || frames.last?.role == .customer)
                if inObject && expectsName { expectsName = false }
                name.removeAll(keepingCapacity: true)
                nameTooLong = false
            case UInt8(ascii: "{"):
                frames.append(Frame(role: frames.last?.role == .customers ? .customer : .object))
                expectsName = true
            case UInt8(ascii: "["):
                frames.append(Frame(role: arrayRole()))
            default:
                // The rest of a number or literal: counting it again would change nothing (its element is counted).
                while index + 1 < count && !Self.isStructural(bytes[index + 1]) { index += 1 }
            }
            index += 1
        }
    }

    private static func isStructural(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ","),
            UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
            true
        default: false
        }
    }

    private static func word(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Whether some byte of `word` is '"' or '\\' (the classic zero-byte test on the word xor each).
    private static func hasQuoteOrBackslash(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        return hasZeroByte(word ^ (0x22 &* ones)) || hasZeroByte(word ^ (0x5C &* ones))
    }

    /// Counts an element when a value starts directly inside an array.
    private mutating func startValue() throws(CintelError) {
        guard let last = frames.indices.last, frames[last].expectsElement,
            frames[last].role != .object, frames[last].role != .customer
        else { return }
        frames[last].expectsElement = false
        frames[last].count += 1
        let count = frames[last].count
        switch frames[last].role {
        case .customers:
            customerIndex = count - 1
            if count > limits.maxCustomers {
                throw refusal(
                    "/\(topLevelName)", "has more than \(limits.maxCustomers) customers; this deployment accepts at most \(limits.maxCustomers)")
            }
        case .transactions:
            totalTransactions += 1
            if count > limits.maxTransactionsPerCustomer {
                throw refusal(
                    "/\(topLevelName)/\(customerIndex)/transactions",
                    "has more than \(limits.maxTransactionsPerCustomer) transactions; this deployment accepts at most \(limits.maxTransactionsPerCustomer)"
                )
            }
            if totalTransactions > limits.maxTotalTransactions {
                throw refusal(
                    "/\(topLevelName)",
                    "has more than \(limits.maxTotalTransactions) transactions in all; this deployment accepts at most \(limits.maxTotalTransactions)"
                )
            }
        case .events:
            if count > limits.maxTotalTransactions {
                throw refusal(
                    "/\(topLevelName)",
                    "has more than \(limits.maxTotalTransactions) items; this deployment accepts at most \(limits.maxTotalTransactions)")
            }
        case .object, .customer, .other:
            break
        }
    }

    private func arrayRole() -> Role {
        guard let parent = frames.last else { return .other }
        switch parent.role {
        case .object where frames.count == 1:
            return topLevelName == "customers" || topLevelName == "data" ? .customers : .events
        case .customer where customerMemberName == "transactions":
            return .transactions
        default:
            return .other
        }
    }

    private mutating func finishName() {
        collectsName = false
        let text = nameTooLong ? "" : String(decoding: name, as: UTF8.self)
        if frames.count == 1 { topLevelName = text } else { customerMemberName = text }
    }

    private func refusal(_ pointer: String, _ message: String) -> CintelError {
        .limitExceeded([Problem(pointer: pointer, code: "limit_exceeded", message: message)])
    }
}
