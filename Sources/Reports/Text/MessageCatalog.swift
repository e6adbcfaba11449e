import Engine
import Foundation

/// One language's messages (REP-38): a flat map from key to a string or a plural pair, with `{name}` placeholders.
/// The three catalogs ship as JSON resources with identical structure; a test fails on any difference.
struct MessageCatalog: Sendable {
    enum Message: Sendable, Equatable {
        case text(String)
        case plural(one: String, other: String)
    }

    let language: ReportLanguage
    /// Keys in file order, for the structure checks.
    let keys: [String]
    let messages: [String: Message]

    private static let english = load(.en)
    private static let spanish = load(.es)
    private static let portuguese = load(.pt)

    static func of(_ language: ReportLanguage) -> MessageCatalog {
        switch language {
        case .en: english
        case .es: spanish
        case .pt: portuguese
        }
    }

    private static func load(_ language: ReportLanguage) -> MessageCatalog {
        guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Resources/Catalogs"),
            let data = try? Data(contentsOf: url), let catalog = try? MessageCatalog(language: language, json: Array(data))
        else { preconditionFailure("the \(language.rawValue) message catalog is missing or malformed") }
        return catalog
    }

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    init(language: ReportLanguage, json: [UInt8]) throws {
        self.language = language
        guard case .object(let members) = try JSONParser.parse(json, maxDepth: 4) else { throw FormatError(description: "not an object") }
        var keys: [String] = []
        var messages: [String: Message] = [:]
        for member in members {
            switch member.value {
            case .string(let text): messages[member.key] = .text(text)
            case .object(let forms) where forms.map(\.key) == ["one", "other"]:
                guard let one = forms[0].value.stringValue, let other = forms[1].value.stringValue else {
                    throw FormatError(description: "\(member.key): plural forms must be strings")
                }
                messages[member.key] = .plural(one: one, other: other)
            default: throw FormatError(description: "\(member.key): a message is a string or {one, other}")
            }
            if keys.contains(member.key) { throw FormatError(description: "\(member.key) appears twice") }
            keys.append(member.key)
        }
        self.keys = keys
        self.messages = messages
    }

    /// The message `key` with its placeholders filled. A key missing from the catalog is a defect the catalog
    /// tests catch; it traps rather than printing a blank on a slide.
    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        guard case .text(let template) = messages[key] else { preconditionFailure("catalog \(language.rawValue) has no text message '\(key)'") }
        return Self.fill(template, values)
    }

    /// The plural message `key` for `count` (REP-45), `{count}` formatted for the locale.
    func plural(_ key: String, count: Int, formatter: LocaleFormatter, _ values: [String: String] = [:]) -> String {
        guard case .plural(let one, let other) = messages[key] else { preconditionFailure("catalog \(language.rawValue) has no plural '\(key)'") }
        var values = values
        values["count"] = formatter.count(count)
        return Self.fill(formatter.locale.isOne(count) ? one : other, values)
    }

    /// The placeholders a template names, in order of appearance.
    static func placeholders(_ template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    static func fill(_ template: String, _ values: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            guard let value = values[name] else { preconditionFailure("no value for placeholder {\(name)} in '\(template)'") }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
