@testable import Engine

/// A small JSON Schema (draft 2020-12) validator for exactly the keyword subset `EndpointSchemas` uses: `type`,
/// `properties`, `required`, `additionalProperties`, `items`, `minItems`, `maxItems`, `minimum`, `maximum`,
/// `exclusiveMinimum`, `enum`, `const`, `pattern`, `minLength`, `maxLength`, `format` and local `$ref`, plus the
/// annotations `$schema`, `$defs`, `title`, `description` and `examples`.
///
/// - `integer` is a number with no fractional part (`3.0` is an integer, VAL-5).
/// - Lengths count Unicode scalars, as JSON Schema counts characters.
/// - `pattern` is unanchored (ECMA-262 semantics): it must match somewhere in the string (`firstMatch`).
/// - `format` is asserted only for `date` (a real calendar day, `Day(iso:)`); other formats are annotations.
/// - `$ref` resolves only fragments of this document (`#` or `#/json/pointer`); its sibling keywords apply too.
/// - Any other keyword is reported as a failure rather than ignored, so a schema can never pass by using a keyword
///   this validator does not check.
final class JSONSchemaValidator {
    struct Failure: Equatable, CustomStringConvertible {
        /// JSON Pointer (RFC 6901) of the offending instance value.
        var instancePointer: String
        var keyword: String
        var message: String

        var description: String { "\(instancePointer.isEmpty ? "(root)" : instancePointer) [\(keyword)] \(message)" }
    }

    static let assertionKeywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "minimum", "maximum", "exclusiveMinimum", "enum",
        "const", "pattern", "minLength", "maxLength", "format", "$ref", "oneOf",
    ]
    static let annotationKeywords: Set<String> = ["$schema", "$defs", "title", "description", "examples"]
    static let keywords = assertionKeywords.union(annotationKeywords)

    /// The whole schema document, against which `$ref`s resolve.
    let root: JSONValue
    private var regexes: [String: Regex<AnyRegexOutput>] = [:]
    private static let maxReferenceDepth = 64

    init(schema: JSONValue) {
        root = schema
    }

    /// Every failure of `instance` against the root schema; empty when it validates.
    func validate(_ instance: JSONValue) -> [Failure] {
        validate(instance, against: root)
    }

    /// Every failure of `instance` against `schema`, a subschema of the root document (its `$ref`s resolve there).
    func validate(_ instance: JSONValue, against schema: JSONValue) -> [Failure] {
        var failures: [Failure] = []
        check(instance, schema, pointer: "", references: 0, into: &failures)
        return failures
    }

    /// Validates a JSON text; a text that is not JSON is one failure with keyword `json`.
    func validate(bytes: [UInt8]) -> [Failure] {
        do {
            return validate(try JSONParser.parse(bytes, maxDepth: 1024))
        } catch {
            return [Failure(instancePointer: "", keyword: "json", message: "not JSON: \(error.reason) at byte \(error.offset)")]
        }
    }

    // MARK: References

    /// The subschema a local reference names, or nil when it is not a fragment of this document.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.first == "#" else { return nil }
        let fragment = reference.dropFirst()
        if fragment.isEmpty { return root }
        guard fragment.first == "/" else { return nil }
        var current = root
        for raw in fragment.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = Self.unescape(String(raw))
            switch current {
            case .object(let members):
                guard let value = members.first(where: { $0.key == token })?.value else { return nil }
                current = value
            case .array(let elements):
                guard let index = Int(token), index >= 0, index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Follows `$ref` until a schema with its own `properties` (or no reference) is reached: the members an object
    /// schema lists, for checks such as key order.
    func properties(of schema: JSONValue) -> [JSONValue.Member]? {
        var current = schema
        for _ in 0..<Self.maxReferenceDepth {
            if case .object(let members)? = current["properties"] { return members }
            guard case .string(let reference)? = current["$ref"], let target = resolve(reference) else { return nil }
            current = target
        }
        return nil
    }

    /// The `items` schema of an array schema, following `$ref`.
    func items(of schema: JSONValue) -> JSONValue? {
        var current = schema
        for _ in 0..<Self.maxReferenceDepth {
            if let items = current["items"] { return items }
            guard case .string(let reference)? = current["$ref"], let target = resolve(reference) else { return nil }
            current = target
        }
        return nil
    }

    // MARK: Validation

    private func check(_ instance: JSONValue, _ schema: JSONValue, pointer: String, references: Int, into failures: inout [Failure]) {
        func fail(_ keyword: String, _ message: String, at location: String = pointer) {
            failures.append(Failure(instancePointer: location, keyword: keyword, message: message))
        }
        let members: [JSONValue.Member]
        switch schema {
        case .bool(true): return
        case .bool(false):
            fail("false", "no value is allowed here")
            return
        case .object(let list): members = list
        default:
            fail("schema", "a schema must be an object or a boolean, got \(schema.typeName)")
            return
        }
        for member in members {
            let keyword = member.key
            let value = member.value
            switch keyword {
            case "$schema", "$defs", "title", "description", "examples":
                continue
            case "$ref":
                guard case .string(let reference) = value, let target = resolve(reference) else {
                    fail("$ref", "cannot resolve \(Self.text(value)) within this document")
                    continue
                }
                guard references < Self.maxReferenceDepth else {
                    fail("$ref", "reference chain deeper than \(Self.maxReferenceDepth) (a cycle?)")
                    continue
                }
                check(instance, target, pointer: pointer, references: references + 1, into: &failures)
            case "type":
                let names: [JSONValue]
                if case .array(let list) = value { names = list } else { names = [value] }
                var known = true
                var matched = false
                for name in names {
                    guard case .string(let type) = name, let result = Self.instance(instance, hasType: type) else {
                        known = false
                        continue
                    }
                    matched = matched || result
                }
                if !known {
                    fail("type", "schema error: type must name JSON Schema types, got \(Self.text(value))")
                } else if !matched {
                    fail("type", "expected \(names.map(Self.text).joined(separator: " or ")), got \(instance.typeName)")
                }
            case "properties":
                guard case .object(let properties) = value else {
                    fail("properties", "schema error: properties must be an object")
                    continue
                }
                guard case .object(let instanceMembers) = instance else { continue }
                for instanceMember in instanceMembers {
                    if let property = properties.first(where: { $0.key == instanceMember.key }) {
                        check(
                            instanceMember.value, property.value, pointer: pointer + "/" + Self.escape(instanceMember.key), references: references,
                            into: &failures)
                    }
                }
            case "additionalProperties":
                guard case .object(let instanceMembers) = instance else { continue }
                var declared: Set<String> = []
                if case .object(let properties)? = schema["properties"] { declared = Set(properties.map(\.key)) }
                for instanceMember in instanceMembers where !declared.contains(instanceMember.key) {
                    let location = pointer + "/" + Self.escape(instanceMember.key)
                    if case .bool(false) = value {
                        fail("additionalProperties", "member '\(instanceMember.key)' is not allowed", at: location)
                    } else {
                        check(instanceMember.value, value, pointer: location, references: references, into: &failures)
                    }
                }
            case "required":
                guard case .array(let names) = value else {
                    fail("required", "schema error: required must be an array of names")
                    continue
                }
                guard case .object(let instanceMembers) = instance else { continue }
                for name in names {
                    guard case .string(let key) = name else {
                        fail("required", "schema error: required must be an array of names")
                        continue
                    }
                    if !instanceMembers.contains(where: { $0.key == key }) { fail("required", "missing required member '\(key)'") }
                }
            case "oneOf":
                guard case .array(let branches) = value, !branches.isEmpty else {
                    fail("oneOf", "schema error: oneOf must be a non-empty array")
                    continue
                }
                var passing = 0
                for branch in branches {
                    var branchFailures: [Failure] = []
                    check(instance, branch, pointer: pointer, references: references, into: &branchFailures)
                    if branchFailures.isEmpty { passing += 1 }
                }
                if passing != 1 { fail("oneOf", "matches \(passing) of the \(branches.count) alternatives, not exactly one") }
            case "items":
                guard case .array(let elements) = instance else { continue }
                if case .array = value {
                    fail("items", "schema error: items must be a schema (2020-12 has prefixItems for tuples)")
                    continue
                }
                for (index, element) in elements.enumerated() {
                    check(element, value, pointer: pointer + "/\(index)", references: references, into: &failures)
                }
            case "minItems", "maxItems":
                guard let bound = Self.count(value) else {
                    fail(keyword, "schema error: \(keyword) must be a non-negative integer")
                    continue
                }
                guard case .array(let elements) = instance else { continue }
                if keyword == "minItems", elements.count < bound { fail(keyword, "has \(elements.count) items, fewer than \(bound)") }
                if keyword == "maxItems", elements.count > bound { fail(keyword, "has \(elements.count) items, more than \(bound)") }
            case "minLength", "maxLength":
                guard let bound = Self.count(value) else {
                    fail(keyword, "schema error: \(keyword) must be a non-negative integer")
                    continue
                }
                guard case .string(let string) = instance else { continue }
                let length = string.unicodeScalars.count
                if keyword == "minLength", length < bound { fail(keyword, "has \(length) characters, fewer than \(bound)") }
                if keyword == "maxLength", length > bound { fail(keyword, "has \(length) characters, more than \(bound)") }
            case "minimum", "maximum", "exclusiveMinimum":
                guard case .number(let bound) = value else {
                    fail(keyword, "schema error: \(keyword) must be a number")
                    continue
                }
                guard case .number(let number) = instance else { continue }
                switch keyword {
                case "minimum" where number < bound: fail(keyword, "\(number) is less than \(bound)")
                case "maximum" where number > bound: fail(keyword, "\(number) is greater than \(bound)")
                case "exclusiveMinimum" where number <= bound: fail(keyword, "\(number) is not greater than \(bound)")
                default: break
                }
            case "enum":
                guard case .array(let allowed) = value else {
                    fail("enum", "schema error: enum must be an array")
                    continue
                }
                if !allowed.contains(where: { Self.equal($0, instance) }) {
                    fail("enum", "\(Self.text(instance)) is not one of \(allowed.map(Self.text).joined(separator: ", "))")
                }
            case "const":
                if !Self.equal(value, instance) { fail("const", "\(Self.text(instance)) is not \(Self.text(value))") }
            case "pattern":
                guard case .string(let source) = value else {
                    fail("pattern", "schema error: pattern must be a string")
                    continue
                }
                guard let regex = regex(source) else {
                    fail("pattern", "schema error: \(source) is not a regular expression")
                    continue
                }
                guard case .string(let string) = instance else { continue }
                if string.firstMatch(of: regex) == nil { fail("pattern", "\(Self.text(instance)) does not match \(source)") }
            case "format":
                guard case .string(let format) = value else {
                    fail("format", "schema error: format must be a string")
                    continue
                }
                guard format == "date", case .string(let string) = instance else { continue }
                if Day(iso: string) == nil { fail("format", "\(Self.text(instance)) is not a real calendar date YYYY-MM-DD") }
            default:
                fail(keyword, "keyword '\(keyword)' is not supported by this validator")
            }
        }
    }

    private func regex(_ source: String) -> Regex<AnyRegexOutput>? {
        if let cached = regexes[source] { return cached }
        guard let compiled = try? Regex(source) else { return nil }
        regexes[source] = compiled
        return compiled
    }

    // MARK: Lint

    /// Problems with a schema document itself, as `schema pointer: message`: keywords outside the subset, references
    /// that do not resolve, `$defs` never referenced, `required` names no `properties` declares, and properties
    /// without a `description`.
    func lint() -> [String] {
        var problems: [String] = []
        var referenced: Set<String> = []
        for (location, schema) in Self.subschemas(of: root, at: "") {
            guard case .object(let members) = schema else { continue }
            for member in members where !Self.keywords.contains(member.key) {
                problems.append("\(location): keyword '\(member.key)' is outside the supported subset")
            }
            if case .string(let reference)? = schema["$ref"] {
                referenced.insert(reference)
                if !reference.hasPrefix("#/") || resolve(reference) == nil { problems.append("\(location): $ref \(reference) does not resolve") }
            }
            if case .array(let names)? = schema["required"] {
                let declared = Set((properties(of: schema) ?? []).map(\.key))
                for case .string(let name) in names where !declared.contains(name) {
                    problems.append("\(location): required member '\(name)' is not among the properties")
                }
            }
            if case .object(let properties)? = schema["properties"] {
                for property in properties {
                    guard case .string(let text)? = property.value["description"], !text.isEmpty else {
                        problems.append("\(location)/properties/\(Self.escape(property.key)): no description")
                        continue
                    }
                }
            }
        }
        if case .object(let definitions)? = root["$defs"] {
            for definition in definitions where !referenced.contains("#/$defs/" + Self.escape(definition.key)) {
                problems.append("/$defs/\(Self.escape(definition.key)): never referenced")
            }
        }
        return problems
    }

    /// Every schema of a document with its schema pointer: the root, `$defs` members, `properties` members, `items`
    /// and an object-valued `additionalProperties`, recursively.
    static func subschemas(of schema: JSONValue, at location: String) -> [(location: String, schema: JSONValue)] {
        var out: [(location: String, schema: JSONValue)] = [(location, schema)]
        for keyword in ["$defs", "properties"] {
            if case .object(let members)? = schema[keyword] {
                for member in members { out += subschemas(of: member.value, at: "\(location)/\(keyword)/\(escape(member.key))") }
            }
        }
        for keyword in ["items", "additionalProperties"] {
            if let value = schema[keyword], case .object = value { out += subschemas(of: value, at: "\(location)/\(keyword)") }
        }
        if case .array(let branches)? = schema["oneOf"] {
            for (index, branch) in branches.enumerated() { out += subschemas(of: branch, at: "\(location)/oneOf/\(index)") }
        }
        return out
    }

    // MARK: Helpers

    /// Whether `instance` has JSON Schema type `type`; nil for a name that is not a type.
    static func instance(_ instance: JSONValue, hasType type: String) -> Bool? {
        switch (type, instance) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number): true
        case ("integer", .number(let number)): number.isFinite && number.rounded(.towardZero) == number
        case ("null", _), ("boolean", _), ("string", _), ("array", _), ("object", _), ("number", _), ("integer", _): false
        default: nil
        }
    }

    /// JSON equality: numbers by value, objects regardless of member order.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard Set(x.map(\.key)) == Set(y.map(\.key)), x.count == y.count else { return false }
            return x.allSatisfy { member in y.contains { $0.key == member.key && equal($0.value, member.value) } }
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        default:
            return a == b
        }
    }

    private static func count(_ value: JSONValue) -> Int? {
        guard case .number(let number) = value, number >= 0, number.rounded(.towardZero) == number, number < 1e15 else { return nil }
        return Int(number)
    }

    static func text(_ value: JSONValue) -> String { JSONWriter(pretty: false).string(value) }

    /// RFC 6901 escaping of one reference token.
    static func escape(_ token: String) -> String {
        var out = ""
        for character in token {
            switch character {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.append(character)
            }
        }
        return out
    }

    static func unescape(_ token: String) -> String {
        var out = ""
        var pendingTilde = false
        for character in token {
            if pendingTilde {
                out += character == "0" ? "~" : character == "1" ? "/" : "~" + String(character)
                pendingTilde = false
            } else if character == "~" {
                pendingTilde = true
            } else {
                out.append(character)
            }
        }
        if pendingTilde { out += "~" }
        return out
    }
}
