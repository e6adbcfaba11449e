import Foundation
import Mustache

/// The HTML report (REP-63 … REP-70): one self-contained document, one deck per language, 16:9 slides that print one
/// per page. The template escapes every value (REP-47); only our own SVG goes in unescaped.
enum HTMLDeck {
    /// REP-68: at most this many data rows on one slide.
    static let rowsPerSlide = 10

    private static let template: MustacheTemplate = {
        guard let url = Bundle.module.url(forResource: "deck", withExtension: "mustache", subdirectory: "Resources/Templates"),
            let text = try? String(contentsOf: url, encoding: .utf8), let template = try? MustacheTemplate(string: text)
        else { preconditionFailure("the HTML deck template is missing or malformed") }
        return template
    }()

    static func render(pack: ReportPack, texts: [ReportText], currency: Currency) -> String {
        var decks = texts.map { text in (text, slides(pack: pack, text: text, currency: currency, others: texts.map(\.language))) }
        // Folios number the slides across the whole document, so a printed page can be matched to its slide.
        let total = decks.reduce(0) { $0 + $1.1.count }
        var number = 0
        for index in decks.indices {
            for slide in decks[index].1.indices {
                number += 1
                decks[index].1[slide]["folio"] = "\(decks[index].0.language.rawValue) · \(number)/\(total)"
            }
        }
        let context: [String: Any] = [
            "lang": texts[0].language.rawValue,
            "title": clean(texts[0].title),
            "decks": decks.map { ["lang": $0.0.language.rawValue, "slides": $0.1] as [String: Any] },
        ]
        return template.render(context)
    }

    /// REP-48: characters XML forbids become U+FFFD before the template escapes the rest.
    private static func clean(_ text: String) -> String { MarkupText.xmlSafe(text) }

    private static func slides(pack: ReportPack, text: ReportText, currency: Currency, others: [ReportLanguage]) -> [[String: Any]] {
        let lang = text.language.rawValue
        let catalog = MessageCatalog.of(text.language)
        let phrases = ReportPhrases(catalog: catalog, format: LocaleFormatter(locale: text.locale, currency: currency), pack: pack)
        var slides: [[String: Any]] = []

        var title: [String: Any] = [
            "title": clean(text.title), "subtitle": clean(text.subtitle), "othersLabel": catalog.text("report.other_languages"),
        ]
        if let date = text.reportDate { title["date"] = clean(date) }
        let links = others.filter { $0 != text.language }.map { ["code": $0.rawValue, "name": catalog.text("language.\($0.rawValue)")] }
        title["hasOthers"] = !links.isEmpty
        title["others"] = links
        slides.append(["id": "\(lang)-title", "titleSlide": title])

        var summary: [String: Any] = [
            "heading": catalog.text("slide.summary"),
            "kpis": text.kpis.map { kpi -> [String: Any] in
                var item: [String: Any] = ["label": clean(kpi.label), "value": clean(kpi.value)]
                if let verdict = kpi.verdict { item["verdict"] = clean(verdict) }
                return item
            },
            "verdictHeading": catalog.text("slide.verdict"), "adviceHeading": catalog.text("slide.advice"),
            "overall": ["label": clean(text.overall.label), "sentence": clean(text.overall.sentence)],
            "advice": text.advice.isEmpty ? [catalog.text("advice.none")] : text.advice.map(clean),
        ]
        if let judgement = text.silhouette { summary["silhouette"] = ["label": clean(judgement.label), "sentence": clean(judgement.sentence)] }
        if let judgement = text.daviesBouldin { summary["daviesBouldin"] = ["label": clean(judgement.label), "sentence": clean(judgement.sentence)] }
        slides.append(["id": "\(lang)-summary", "summarySlide": summary])

        let selectedRows = Set(pack.scorecard.indices.filter { pack.scorecard[$0].selected })
        slides += tableSlides(
            id: "\(lang)-scorecard", heading: catalog.text("slide.scorecard"), table: text.scorecard, catalog: catalog, selected: selectedRows)

        for persona in text.personas {
            var item: [String: Any] = [
                "heading": clean(persona.heading), "description": clean(persona.description), "summary": clean(persona.summary),
                "hasFacts": true, "facts": persona.facts.map { ["label": clean($0.label), "value": clean($0.value)] },
                "hasCategories": true, "categoriesHeading": catalog.text("persona.top_categories"),
                "hasActions": true, "actionsHeading": catalog.text("persona.actions"), "actions": persona.actions.map(clean),
            ]
            if let categories = persona.topCategories { item["categories"] = ["items": categories.map(clean)] }
            if let note = persona.categoriesNote { item["categoriesNote"] = clean(note) }
            slides.append(["id": "\(lang)-persona-\(persona.clusterID)", "personaSlide": item])
        }
        if let noise = text.noise {
            slides.append([
                "id": "\(lang)-persona-noise",
                "personaSlide": [
                    "heading": clean(noise.heading), "summary": clean(noise.summary), "hasFacts": false, "hasCategories": false, "hasActions": false,
                ],
            ])
        }

        func chart(_ name: String, _ chart: ReportText.Chart, _ svg: String?) {
            var item: [String: Any] = ["heading": clean(chart.title)]
            if let svg { item["svg"] = svg }
            if let note = chart.note { item["note"] = clean(note) }
            slides.append(["id": "\(lang)-chart-\(name)", "chartSlide": item])
        }
        chart("sizes", text.sizesChart, ClusterSizeChart.svg(pack: pack, text: text, phrases: phrases, id: "\(lang)-cluster_sizes"))
        chart(
            "spend-frequency", text.spendFrequencyChart,
            SpendFrequencyChart.svg(pack: pack, text: text, phrases: phrases, id: "\(lang)-spend_frequency"))
        chart("dendrogram", text.dendrogramChart, DendrogramChart.svg(pack: pack, text: text, phrases: phrases, id: "\(lang)-dendrogram"))

        slides.append(["id": "\(lang)-methods", "methodsSlide": ["heading": catalog.text("slide.methods"), "paragraphs": text.methods.map(clean)]])
        let names = ["sizes", "spend-frequency", "dendrogram-merges", "dendrogram-leaves"]
        for (index, table) in text.appendix.enumerated() {
            slides += tableSlides(id: "\(lang)-appendix-\(names[index])", heading: text.appendixTitle, table: table, catalog: catalog, selected: [])
        }
        return slides
    }

    /// REP-68: a table split over slides of at most 12 rows, header repeated, caption marked as continued.
    private static func tableSlides(id: String, heading: String, table: ReportText.Table, catalog: MessageCatalog, selected: Set<Int>) -> [[String:
        Any]]
    {
        let pages = max(1, (table.rows.count + rowsPerSlide - 1) / rowsPerSlide)
        return (0..<pages).map { page in
            let range = page * rowsPerSlide..<min(table.rows.count, (page + 1) * rowsPerSlide)
            let caption =
                pages == 1
                ? table.caption
                : catalog.text("slide.continued", ["title": table.caption, "page": "\(page + 1)", "pages": "\(pages)"])
            let rows = range.map { index -> [String: Any] in ["cells": table.rows[index].map(clean), "selected": selected.contains(index)] }
            return [
                "id": page == 0 ? id : "\(id)-\(page + 1)",
                "tableSlide": ["heading": heading, "caption": clean(caption), "columns": table.columns.map(clean), "rows": rows] as [String: Any],
            ]
        }
    }
}
