/// One problem found in a request: where (a JSON Pointer, RFC 6901), what kind (a stable code, ERR-3) and a message
/// for people.
public struct Problem: Sendable, Equatable, Codable, CustomStringConvertible {
    public var pointer: String
    public var code: String
    public var message: String

    public init(pointer: String, code: String, message: String) {
        self.pointer = pointer
        self.code = code
        self.message = message
    }

    public var description: String { "\(pointer.isEmpty ? "(body)" : pointer): \(message)" }
}

/// A JSON Pointer under construction: a stack of reference tokens that validation pushes and pops while it walks
/// the request, rendered to a string only when a problem is recorded.
package struct JSONPointer: Sendable {
    package enum Token: Sendable {
        case key(String)
        case index(Int)
    }

    package private(set) var tokens: [Token] = []

    package init(_ tokens: [Token] = []) {
        self.tokens = tokens
    }

    package mutating func push(_ token: Token) { tokens.append(token) }
    package mutating func pop() { tokens.removeLast() }

    package func appending(_ token: Token) -> JSONPointer {
        var copy = self
        copy.push(token)
        return copy
    }

    package var string: String {
        var out = ""
        for token in tokens {
            out += "/"
            switch token {
            case .index(let index): out += String(index)
            case .key(let key):
                // RFC 6901: "~" is written "~0" and "/" is written "~1".
                out += key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            }
        }
        return out
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
