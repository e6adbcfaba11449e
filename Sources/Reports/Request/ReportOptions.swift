import Engine

/// The report's own request members (REP-2, REP-3), validated as REP-5 says.
struct ReportOptions: Sendable {
    typealias Format = SegmentationReport.Format

    var languages: [ReportLanguage]
    var format: Format
    /// One locale per language in `languages`, defaults filled in.
    var locales: [ReportLocale]
    var currency: Currency
    var reportDate: Day?

    static let reportMembers = ["languages", "format", "locales", "currency", "report_date"]
    static let i18nMembers = ["locales", "currency", "report_date"]

    /// Reads the members `allowed` (REP-2 for `segmentation_report`, REP-3 for the i18n endpoint); defaults for the
    /// rest. Nil after reporting problems.
    static func read(_ root: RequestReader.Fields, reader: RequestReader, allowed: [String], defaults: (languages: [ReportLanguage], format: Format))
        -> ReportOptions?
    {
        let before = reader.problems.count
        let languages = allowed.contains("languages") ? readLanguages(root, reader) : nil
        let format = allowed.contains("format") ? reader.field(root, "format", required: false) { readFormat($0, reader) } : nil
        let effectiveLanguages = languages ?? defaults.languages
        let locales = readLocales(root, reader, languages: effectiveLanguages, languagesValid: languages != nil || !root.has("languages"))
        let currency = reader.field(root, "currency", required: false) { value -> Currency? in
            guard let code = reader.string(value) else { return nil }
            guard let currency = Currency(code: code) else {
                reader.report("enum", "'\(code)' is not an active ISO 4217 alphabetic currency code")
                return nil
            }
            return currency
        }
        let reportDate = reader.field(root, "report_date", required: false) { reader.date($0) }
        guard reader.problems.count == before, let locales else { return nil }
        return ReportOptions(
            languages: effectiveLanguages, format: format ?? defaults.format, locales: locales, currency: currency ?? Currency(code: "USD")!,
            reportDate: reportDate)
    }

    private static func readLanguages(_ root: RequestReader.Fields, _ reader: RequestReader) -> [ReportLanguage]? {
        reader.field(root, "languages", required: false) { value -> [ReportLanguage]? in
            guard let elements = reader.array(value, minItems: 1) else { return nil }
            var seen: [ReportLanguage: Int] = [:]
            let read = reader.each(elements) { index, element -> ReportLanguage? in
                guard let code = reader.string(element) else { return nil }
                guard let language = ReportLanguage(rawValue: code) else {
                    reader.report("enum", "'\(code)' is not one of en, es, pt (codes are lower case, without a region)")
                    return nil
                }
                if let first = seen[language] {
                    reader.report("duplicate_id", "'\(code)' already appears at /languages/\(first)")
                    return nil
                }
                seen[language] = index
                return language
            }
            return read.allSatisfy { $0 != nil } ? read.compactMap { $0 } : nil
        }
    }

    private static func readFormat(_ value: JSONValue, _ reader: RequestReader) -> Format? {
        guard let name = reader.string(value) else { return nil }
        guard let format = Format(rawValue: name) else {
            reader.report("enum", "'\(name)' is not one of html, xml, json")
            return nil
        }
        return format
    }

    /// `locales` (REP-5 rows 6 to 9): one locale per requested language, defaults for the others.
    private static func readLocales(_ root: RequestReader.Fields, _ reader: RequestReader, languages: [ReportLanguage], languagesValid: Bool)
        -> [ReportLocale]?
    {
        var chosen: [ReportLanguage: ReportLocale] = [:]
        var valid = true
        _ = reader.field(root, "locales", required: false) { value -> Bool? in
            guard let fields = reader.object(value, allowed: ReportLanguage.allCases.map(\.rawValue)) else {
                valid = false
                return nil
            }
            for language in ReportLanguage.allCases {
                let locale = reader.field(fields, language.rawValue, required: false) { value -> ReportLocale? in
                    guard let name = reader.string(value) else { return nil }
                    if languagesValid && !languages.contains(language) {
                        reader.report("inconsistent", "a locale for '\(language.rawValue)', which 'languages' does not request")
                        return nil
                    }
                    guard let locale = ReportLocale(rawValue: name), locale.language == language else {
                        let allowed = ReportLocale.allCases.filter { $0.language == language }.map(\.rawValue)
                        reader.report("enum", "'\(name)' is not one of \(allowed.joined(separator: ", "))")
                        return nil
                    }
                    return locale
                }
                if let locale { chosen[language] = locale } else if fields.has(language.rawValue) { valid = false }
            }
            return true
        }
        guard valid else { return nil }
        return languages.map { chosen[$0] ?? $0.defaultLocale }
    }
}
