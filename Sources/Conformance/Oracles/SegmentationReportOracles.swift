import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The oracles of the report packs (spec/segmentation_report.md): what a pack must say given only the request and
/// the pack itself — totals and means from the request's rows, bands and verdicts from the written metrics, shares
/// from sizes, the text parts' common shape and formatted values, and the HTML and XML renderings' hard rules.
enum SegmentationReportOracles {
    static let pack = Oracle(
        name: "segmentation_report.pack",
        summary: "REP-15 totals and means from the request, shares and sizes (REP-22, REP-26), bands, verdict and advice "
            + "(REP-16 … REP-20) from the written metrics, one selected scorecard row (REP-21), the dendrogram's counts and cut "
            + "(REP-34, REP-35), the text parts' shape (REP-56), translated personas and actions (REP-24) and formatted counts, shares "
            + "and money (REP-40 … REP-43)."
    ) { request, response in
        checkPack(request: request, response: response)
    }

    static let html = Oracle(
        name: "segmentation_report.html",
        summary: "REP-63's forbidden constructs, one deck per language with its slides (REP-64, REP-65), REP-27's chart "
            + "attributes and REP-28's POSIX numbers in SVG attributes."
    ) { request, response in
        checkHTML(request: request, text: response.string ?? "")
    }

    static let xml = Oracle(
        name: "segmentation_report.xml",
        summary: "REP-58 declaration, root and namespace; well-formed without a DOCTYPE; one text element per language (REP-59); "
            + "numbers in plain decimal notation."
    ) { request, response in
        checkXML(request: request, text: response.string ?? "")
    }

    // MARK: JSON pack

    static func languages(_ request: JSON, _ response: JSON) -> [String] {
        if let requested = request["languages"]?.array?.compactMap(\.string) { return requested }
        // The i18n endpoint fixes all three (REP-3); the report endpoint defaults to English (REP-2).
        return (response[pointer: "/text"]?.object?.count ?? 1) == 3 ? ["en", "es", "pt"] : ["en"]
    }

    static func checkPack(request: JSON, response: JSON) -> [Finding] {
        var checker = Checker(response: response)
        let customersDialect = request["customers"] != nil
        let rows = (customersDialect ? request["customers"] : request["data"])?.array ?? []
        let n = rows.count
        let spend = rows.map { customersDialect ? $0["amount_spent"]?.number ?? 0 : $0[pointer: "/features/purchase_total"]?.number ?? 0 }
        let frequency = rows.map { customersDialect ? $0["frequency"]?.number ?? 0 : $0[pointer: "/features/visit_frequency"]?.number ?? 0 }
        let total = spend.reduce(0, +)

        checker.integer("REP-51", "/meta/schema_version", 1, "schema version")
        checker.strings("REP-51", "/meta/languages", languages(request, response), "the effective languages")
        checker.string("REP-51", "/meta/dialect", customersDialect ? "customers" : "features", "the dialect")
        checker.string("REP-51", "/meta/currency", request["currency"]?.string ?? "USD", "the effective currency")
        checker.integer("REP-15", "/kpis/n_customers", n, "n_customers")
        checker.rounded("REP-15", "/kpis/total_spend", total, decimals: 2, "total spend")
        if n > 0 {
            checker.rounded("REP-15", "/kpis/mean_spend", total / Double(n), decimals: 2, "mean spend")
            checker.rounded("REP-15", "/kpis/mean_frequency", frequency.reduce(0, +) / Double(n), decimals: 2, "mean frequency")
        }

        // Sizes and shares: the chart's groups cover every customer once; personas are its non-noise groups.
        let groups = response[pointer: "/charts/cluster_sizes"]?.array ?? []
        let sizes = groups.map { Int($0["size"]?.number ?? 0) }
        if sizes.reduce(0, +) != n {
            checker.report(
                "REP-26", "/charts/cluster_sizes", expected: "sizes adding up to \(n)", actual: "\(sizes.reduce(0, +))", "groups cover every customer"
            )
        }
        for (index, group) in groups.enumerated() where n > 0 {
            checker.rounded("REP-22", "/charts/cluster_sizes/\(index)/share", Double(sizes[index]) / Double(n), decimals: 4, "a group's share")
            let id = group["cluster_id"]?.number ?? 0
            if id < 0 && index != groups.count - 1 {
                checker.report(
                    "REP-53", "/charts/cluster_sizes/\(index)", expected: "noise last", actual: "noise at \(index)", "noise is the last group")
            }
        }
        let clusters = groups.filter { ($0["cluster_id"]?.number ?? 0) >= 0 }
        let personas = response[pointer: "/personas"]?.array ?? []
        if personas.count != clusters.count {
            checker.report("REP-22", "/personas", expected: "\(clusters.count) personas", actual: "\(personas.count)", "one persona per cluster")
        }
        for (index, persona) in personas.enumerated() where index < clusters.count {
            for member in ["cluster_id", "size", "share"] where persona[member] != clusters[index][member] {
                checker.report(
                    "REP-53", "/personas/\(index)/\(member)", expected: clusters[index][member]?.text ?? "?",
                    actual: persona[member]?.text ?? "(absent)",
                    "personas and the size chart agree")
            }
        }
        let shares = clusters.compactMap { $0["share"]?.number }
        if let largest = shares.max() {
            checker.rounded("REP-15", "/kpis/largest_cluster_share", largest, decimals: 4, "largest cluster share")
        }
        checker.integer("REP-15", "/kpis/n_clusters", clusters.count, "n_clusters")

        checkVerdicts(&checker, response: response, dialect: customersDialect ? "customers" : "features")
        checkDendrogram(&checker, response: response, n: n)
        checkText(&checker, response: response, languages: languages(request, response))
        return checker.findings
    }

    static func silhouetteBand(_ s: Double) -> String { s >= 0.60 ? "strong" : s >= 0.50 ? "good" : s >= 0.25 ? "fair" : "poor" }
    static func daviesBouldinBand(_ d: Double) -> String { d <= 0.50 ? "great" : d <= 1.00 ? "good" : "weak" }
    static func overall(_ s: String?, _ d: String?) -> String {
        guard let s, let d else { return "inconclusive" }
        let rank = ["strong": 3, "great": 3, "good": 2, "fair": 1, "weak": 1, "poor": 0]
        return ["poor", "fair", "good", "excellent"][min(rank[s]!, rank[d]!)]
    }

    static func checkVerdicts(_ checker: inout Checker, response: JSON, dialect: String) {
        let silhouette = response[pointer: "/kpis/silhouette"]?.number
        let daviesBouldin = response[pointer: "/kpis/davies_bouldin"]?.number
        let s = silhouette.map(silhouetteBand)
        let d = daviesBouldin.map(daviesBouldinBand)
        let verdict = overall(s, d)
        if response[pointer: "/verdicts/silhouette"]?.string != s {
            checker.report(
                "REP-16", "/verdicts/silhouette", expected: s ?? "null", actual: response[pointer: "/verdicts/silhouette"]?.text ?? "?", "band")
        }
        if response[pointer: "/verdicts/davies_bouldin"]?.string != d {
            checker.report(
                "REP-17", "/verdicts/davies_bouldin", expected: d ?? "null", actual: response[pointer: "/verdicts/davies_bouldin"]?.text ?? "?",
                "band")
        }
        checker.string("REP-18", "/verdicts/overall", verdict, "overall verdict")
        var advice: [String] = []
        if verdict == "excellent" || verdict == "good" { advice.append("keep_k") }
        let dbscan = response[pointer: "/kpis/best_algorithm"]?.string == "dbscan"
        if let silhouette, silhouette < 0.35 {
            advice.append("retune")
        } else if dbscan, let largest = response[pointer: "/kpis/largest_cluster_share"]?.number, largest > 0.5 {
            advice.append("retune")
        }
        if verdict == "inconclusive" { advice.append("check_inputs") }
        checker.strings("REP-20", "/verdicts/advice", advice, "advice codes")

        let rows = response[pointer: "/scorecard"]?.array ?? []
        let selected = rows.indices.filter { rows[$0]["selected"]?.bool == true }
        let hasBest = response[pointer: "/kpis/best_algorithm"]?.string != nil
        if selected.count != (hasBest ? 1 : 0) {
            checker.report(
                "REP-21", "/scorecard", expected: hasBest ? "one selected row" : "no selected row", actual: "\(selected.count)", "selected")
        }
        for index in selected {
            for (kpi, member) in [("best_algorithm", "algorithm"), ("silhouette", "silhouette"), ("davies_bouldin", "davies_bouldin")]
            where response[pointer: "/kpis/\(kpi)"] != rows[index][member] {
                checker.report(
                    "REP-15", "/kpis/\(kpi)", expected: rows[index][member]?.text ?? "?", actual: response[pointer: "/kpis/\(kpi)"]?.text ?? "?",
                    "the KPIs are the selected row's")
            }
        }
        for (index, row) in rows.enumerated() {
            let rowS = row["silhouette"]?.number.map(silhouetteBand)
            let rowD = row["davies_bouldin"]?.number.map(daviesBouldinBand)
            if row["silhouette_band"]?.string != rowS || row["davies_bouldin_band"]?.string != rowD || row["overall"]?.string != overall(rowS, rowD) {
                checker.report(
                    "REP-21", "/scorecard/\(index)", expected: "\(rowS ?? "null")/\(rowD ?? "null")/\(overall(rowS, rowD))",
                    actual: "\(row["silhouette_band"]?.text ?? "?")/\(row["davies_bouldin_band"]?.text ?? "?")/\(row["overall"]?.text ?? "?")",
                    "a scorecard row's bands and verdict")
            }
        }
    }

    static func checkDendrogram(_ checker: inout Checker, response: JSON, n: Int) {
        guard let tree = response[pointer: "/charts/dendrogram"], tree != .null else { return }
        let p = Int(tree["p"]?.number ?? 0)
        let merges = tree["merges"]?.array ?? []
        let leaves = tree["leaves"]?.array ?? []
        if p < 2 || p > 30 || merges.count != p - 1 || leaves.count != p {
            checker.report(
                "REP-34", "/charts/dendrogram", expected: "p in 2…30, p − 1 merges, p leaves",
                actual: "p \(p), \(merges.count) merges, \(leaves.count) leaves",
                "lastp truncation")
        }
        let covered = leaves.reduce(0) { $0 + Int($1["size"]?.number ?? 0) }
        if covered != n {
            checker.report(
                "REP-34", "/charts/dendrogram/leaves", expected: "sizes adding up to \(n)", actual: "\(covered)", "the leaves cover everyone")
        }
        for (index, leaf) in leaves.enumerated() where (leaf["size"]?.number == 1) != (leaf["customer_id"]?.string != nil) {
            checker.report(
                "REP-53", "/charts/dendrogram/leaves/\(index)/customer_id", expected: "an id exactly for one-customer leaves", actual: leaf.text,
                "leaf label")
        }
        let heights = merges.compactMap { $0["height"]?.number }
        if let k = tree["n_clusters"]?.number.map(Int.init), k >= 2, k <= p - 1, heights.count == p - 1 {
            let expected = (heights[p - k - 1] + heights[p - k]) / 2
            guard let cut = tree["cut_height"]?.number, abs(cut - expected) <= 1.5e-4 else {
                checker.report(
                    "REP-35", "/charts/dendrogram/cut_height", expected: OracleFormat.number(expected), actual: tree["cut_height"]?.text ?? "?",
                    tolerance: "±0.00015 (heights written with 4 decimals)", "cut halfway between the merges")
                return
            }
        }
    }

    /// REP-56: every language's text part has the same shape; REP-41 … REP-43: counts and money formatted per locale.
    static func checkText(_ checker: inout Checker, response: JSON, languages: [String]) {
        guard let first = languages.first, let reference = response[pointer: "/text/\(first)"] else {
            checker.report("REP-54", "/text", expected: "one text part per language", actual: "none", "text parts")
            return
        }
        for language in languages {
            guard let part = response[pointer: "/text/\(language)"] else {
                checker.report("REP-54", "/text/\(language)", expected: "a text part", actual: "missing", "text part per language")
                continue
            }
            if let difference = shapeDifference(reference, part, at: "/text/\(language)") {
                checker.report(
                    "REP-56", difference, expected: "the shape of /text/\(first)", actual: "a different shape", "text parts share one shape")
            }
            // REP-24: a Spanish or Portuguese persona is not English text under a translated heading.
            if language != "en", let english = response[pointer: "/text/en/personas"]?.array, let personas = part["personas"]?.array {
                for (index, persona) in personas.enumerated() where index < english.count {
                    for member in ["name", "description"] where persona[member] != nil && persona[member] == english[index][member] {
                        checker.report(
                            "REP-24", "/text/\(language)/personas/\(index)/\(member)", expected: "a \(language) text",
                            actual: persona[member]?.text ?? "",
                            "persona texts are translated")
                    }
                    let actions = persona["actions"]?.array ?? []
                    for (slot, action) in actions.enumerated() where slot < (english[index]["actions"]?.array ?? []).count {
                        if action == english[index]["actions"]?.array?[slot] {
                            checker.report(
                                "REP-24", "/text/\(language)/personas/\(index)/actions/\(slot)", expected: "a \(language) text", actual: action.text,
                                "actions are translated")
                        }
                    }
                }
            }
            let locale = response[pointer: "/meta/locales/\(language)"]?.string ?? ""
            guard let format = LocaleTable(locale) else {
                checker.report("REP-40", "/meta/locales/\(language)", expected: "a locale of REP-40", actual: locale, "locale")
                continue
            }
            let kpis = part["kpis"]?.array ?? []
            func kpi(_ key: String) -> (Int, String)? {
                kpis.enumerated().first { $0.element["key"]?.string == key }.map { ($0.offset, $0.element["value"]?.string ?? "") }
            }
            if let (index, value) = kpi("n_customers"), let n = response[pointer: "/kpis/n_customers"]?.number {
                let expected = format.integer(Int(n))
                if value != expected {
                    checker.report(
                        "REP-41", "/text/\(language)/kpis/\(index)/value", expected: expected, actual: value, "count formatted for \(locale)")
                }
            }
            if let (index, value) = kpi("largest_cluster_share"), let share = response[pointer: "/kpis/largest_cluster_share"]?.number {
                let expected = format.percent(share)
                if value != expected {
                    checker.report(
                        "REP-41", "/text/\(language)/kpis/\(index)/value", expected: expected, actual: value, "share formatted for \(locale)")
                }
            }
            if let (index, value) = kpi("total_spend"), let total = response[pointer: "/kpis/total_spend"]?.number,
                let currency = response[pointer: "/meta/currency"]?.string, ["USD", "EUR", "GBP", "BRL"].contains(currency)
            {
                let expected = format.money(total, currency: currency)
                if value != expected {
                    checker.report(
                        "REP-42", "/text/\(language)/kpis/\(index)/value", expected: expected, actual: value, "money formatted for \(locale)")
                }
            }
        }
    }

    /// The first pointer where two values differ in type, array length or null-ness (REP-56), nil when alike.
    static func shapeDifference(_ a: JSON, _ b: JSON, at pointer: String) -> String? {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard Set(x.keys) == Set(y.keys) else { return pointer }
            for key in x.keys.sorted() {
                if let difference = shapeDifference(x[key]!, y[key]!, at: "\(pointer)/\(key)") { return difference }
            }
            return nil
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return pointer }
            for index in x.indices {
                if let difference = shapeDifference(x[index], y[index], at: "\(pointer)/\(index)") { return difference }
            }
            return nil
        default:
            return a.typeName == b.typeName || (a.number != nil && b.number != nil) ? nil : pointer
        }
    }

    // MARK: HTML and XML

    static func checkHTML(request: JSON, text: String) -> [Finding] {
        var findings: [Finding] = []
        func report(_ clause: String, _ expected: String, _ actual: String, _ message: String) {
            findings.append(Finding(clause: clause, pointer: "", expected: expected, actual: actual, message: message))
        }
        let lower = text.lowercased()
        if !text.hasPrefix("<!DOCTYPE html>") { report("REP-63", "<!DOCTYPE html> first", String(text.prefix(20)), "doctype") }
        for construct in [
            "<script", "<link", "<iframe", "<object", "<embed", "<img", "<base", "<form", "http-equiv", "@import", "@font-face", "url(",
        ]
        where lower.contains(construct) {
            report("REP-63", "no \(construct)", "present", "a forbidden construct")
        }
        for pattern in [#"\son[a-z]+\s*="#, #"\ssrc\s*="#, #"href="[^#]"#] where lower.range(of: pattern, options: .regularExpression) != nil {
            report("REP-63", "no match for \(pattern)", "present", "a forbidden attribute")
        }
        if lower.components(separatedBy: "<style").count != 2 { report("REP-63", "one <style> element", "not one", "style") }
        let requested = request["languages"]?.array?.compactMap(\.string)
        let expectedLanguages = requested ?? (text.contains("<article class=\"deck\" lang=\"es\"") ? ["en", "es", "pt"] : ["en"])
        let decks = matches(#"<article class="deck" lang="([a-z]+)" id="([a-z]+)">"#, in: text).map { $0[0] }
        if decks != expectedLanguages {
            report("REP-64", expectedLanguages.joined(separator: ","), decks.joined(separator: ","), "one deck per language in order")
        }
        if !text.contains("<html lang=\"\(expectedLanguages.first ?? "en")\">") {
            report("REP-9", "html lang of the first language", "other", "primary language")
        }
        for language in expectedLanguages {
            for slide in ["title", "summary", "scorecard", "chart-sizes", "chart-spend-frequency", "chart-dendrogram", "methods", "appendix-sizes"]
            where !text.contains("<section class=\"slide\" id=\"\(language)-\(slide)\"") {
                report("REP-65", "slide \(language)-\(slide)", "missing", "every deck has its slides")
            }
        }
        // REP-27 and REP-28: charts are inert, sized by viewBox, named, and their attribute numbers are POSIX.
        for svg in matches(#"<svg([^>]*)>"#, in: text).map({ $0[0] }) {
            if !svg.contains("role=\"img\"") || !svg.contains("viewBox=\"0 0 ") || svg.contains(" width=") || svg.contains(" height=") {
                report("REP-27", "role=\"img\", a viewBox from 0 0, no width or height", svg, "chart attributes")
            }
        }
        for value in matches(#"\s(?:x|y|x1|y1|x2|y2|cx|cy|r|width|height)="([^"]*)""#, in: text).map({ $0[0] })
        where value.range(of: #"^-?[0-9]+(\.[0-9]{1,2})?$"#, options: .regularExpression) == nil || value == "-0"
            || value.hasSuffix("0") && value.contains(".")
        {
            report("REP-28", "a POSIX number with at most 2 decimals", value, "an SVG coordinate")
        }
        for element in matches(#"<(foreignObject|image|use|script)[\s>]"#, in: text).map({ $0[0] }) {
            report("REP-27", "no <\(element)>", "present", "a forbidden SVG element")
        }
        return findings
    }

    static func checkXML(request: JSON, text: String) -> [Finding] {
        var findings: [Finding] = []
        func report(_ clause: String, _ expected: String, _ actual: String, _ message: String) {
            findings.append(Finding(clause: clause, pointer: "", expected: expected, actual: actual, message: message))
        }
        if !text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") {
            report("REP-58", "the XML declaration", String(text.prefix(40)), "declaration")
        }
        if text.contains("<!DOCTYPE") { report("REP-60", "no DOCTYPE", "present", "no entities to expand") }
        if !text.contains("<segmentation-report xmlns=\"urn:cintel:segmentation-report:1\">") {
            report("REP-58", "root segmentation-report in urn:cintel:segmentation-report:1", "other", "root element")
        }
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldResolveExternalEntities = false
        // swift-corelibs-foundation's parse() can return true after an error: the error is what counts.
        if !parser.parse() || parser.parserError != nil {
            report("REP-58", "well-formed XML", parser.parserError.map { "\($0)" } ?? "not well-formed", "well-formedness")
        }
        let texts = matches(#"<text lang="([a-z]+)">"#, in: text).map { $0[0] }
        let expected = request["languages"]?.array?.compactMap(\.string) ?? (texts.count == 3 ? ["en", "es", "pt"] : ["en"])
        if texts != expected { report("REP-59", expected.joined(separator: ","), texts.joined(separator: ","), "one text element per language") }
        if text.range(of: #">-?[0-9.]+[eE][-+]?[0-9]+<"#, options: .regularExpression) != nil {
            report("REP-59", "numbers without exponents", "an exponent", "plain decimal notation")
        }
        return findings
    }

    /// The capture groups of every match of `pattern`.
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).map { match in
            (1..<match.numberOfRanges).compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
        }
    }
}

/// REP-40's table, written out by hand: an independent formatter for the oracle (the engine uses Foundation).
struct LocaleTable {
    let decimal: String
    let group: String
    let groupingFrom: Int
    let percentSpace: Bool
    let locale: String

    init?(_ locale: String) {
        self.locale = locale
        switch locale {
        case "en_US", "en_GB": (decimal, group, groupingFrom, percentSpace) = (".", ",", 4, false)
        case "es_ES": (decimal, group, groupingFrom, percentSpace) = (",", ".", 5, true)
        case "es_MX": (decimal, group, groupingFrom, percentSpace) = (".", ",", 4, false)
        case "pt_BR": (decimal, group, groupingFrom, percentSpace) = (",", ".", 4, false)
        case "pt_PT": (decimal, group, groupingFrom, percentSpace) = (",", "\u{A0}", 5, false)
        default: return nil
        }
    }

    func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        if digits.count >= groupingFrom {
            for (index, digit) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { out += group }
                out.append(digit)
            }
        } else {
            out = digits
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `digits` fraction digits, ties away from zero, on the value as written.
    func fixed(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let units = Int((value.magnitude * scale).rounded(.toNearestOrAwayFromZero))
        let whole = units / Int(scale)
        let fraction = String(units % Int(scale))
        let padded = String(repeating: "0", count: digits - fraction.count) + fraction
        return (value < 0 && units != 0 ? "-" : "") + integer(whole) + (digits > 0 ? decimal + padded : "")
    }

    func percent(_ share: Double) -> String {
        fixed(share * 100, digits: 1) + (percentSpace ? "\u{A0}%" : "%")
    }

    func money(_ value: Double, currency: String) -> String {
        let number = fixed(value, digits: 2)
        let symbol: String
        switch currency {
        case "USD": symbol = locale == "en_US" ? "$" : "US$"
        case "EUR": symbol = "€"
        case "GBP": symbol = "£"
        default: symbol = "R$"
        }
        switch locale {
        case "pt_BR": return symbol + "\u{A0}" + number
        case "es_ES", "pt_PT": return number + "\u{A0}" + symbol
        default: return symbol + number
        }
    }
}
