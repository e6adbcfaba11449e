import Engine
import Foundation
import Testing
import XMLSchemaValidation

@testable import Reports

/// The report endpoints end to end: golden files per language and format, escaping, XSD validity, the HTML rules of
/// REP-63, REP-3's identity, REP-5's problems and determinism.
@Suite struct SegmentationReportTests {
    /// The schema shipped in the repository (REP-61), compiled per use: the validator is not Sendable.
    static var schema: XMLSchemaValidator {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../schemas/segmentation-report.xsd")
        return try! XMLSchemaValidator(schema: String(contentsOf: url, encoding: .utf8))
    }

    @Test(arguments: ["en", "es", "pt"])
    func htmlGoldenPerLanguage(_ language: String) throws {
        let html = try ReportBodies.text(
            "segmentation_report", ReportBodies.customers(extra: #""languages": ["\#(language)"], "format": "html", "report_date": "2025-04-24""#))
        try Snapshot.assertMatches(html, named: "customers-\(language).html")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language)\">"))
    }

    @Test func xmlAndJSONGolden() throws {
        let extra = #""languages": ["en", "es", "pt"], "locales": {"es": "es_MX"}, "currency": "EUR""#
        let xml = try ReportBodies.text("segmentation_report", ReportBodies.features(extra: extra + #", "format": "xml""#))
        try Snapshot.assertMatches(xml, named: "features-all.xml")
        try Self.schema.validate(xml)
        let json = try ReportBodies.text("segmentation_report", ReportBodies.features(extra: extra))
        try Snapshot.assertMatches(json, named: "features-all.json")
    }

    @Test func mediaTypes() throws {
        #expect(
            try ReportBodies.answer("segmentation_report", ReportBodies.features(extra: #""format": "html""#)).mediaType == "text/html; charset=utf-8"
        )
        #expect(try ReportBodies.answer("segmentation_report", ReportBodies.features(extra: #""format": "xml""#)).mediaType == "application/xml")
        #expect(try ReportBodies.answer("segmentation_report", ReportBodies.features()).mediaType == "application/json")
    }

    @Test func hostileStringsAreEscapedEverywhere() throws {
        let html = try ReportBodies.text(
            "segmentation_report", ReportBodies.customers(20, hostile: true, extra: #""languages": ["en", "es"], "format": "html""#))
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("a&amp;b&quot;c&#39;d"))
        #expect(html.contains("bell\u{FFFD}id") && !html.contains("bell\u{7}id"))
        #expect(html.contains("<bdi>\u{202E}evil</bdi>"))
        let xml = try ReportBodies.text("segmentation_report", ReportBodies.customers(20, hostile: true, extra: #""format": "xml""#))
        #expect(!xml.contains("<script>"))
        #expect(xml.contains("bell\u{FFFD}id"))
        try Self.schema.validate(xml)
        let json = try ReportBodies.text("segmentation_report", ReportBodies.customers(hostile: true))
        // REP-48: the JSON pack keeps customer strings exactly.
        #expect(json.contains(#""<script>alert(1)</script>""#))
    }

    @Test func everyXMLIsValid() throws {
        let bodies = [
            ReportBodies.customers(extra: #""format": "xml", "languages": ["pt"], "locales": {"pt": "pt_PT"}, "report_date": "2024-02-29""#),
            ReportBodies.customers(extra: #""format": "xml", "algorithms": ["dbscan"], "dbscan_eps": 0.3, "dbscan_min_samples": 3"#),
            ReportBodies.features(3, extra: #""format": "xml""#),
            ReportBodies.customers(2, extra: #""format": "xml", "currency": "JPY""#),
        ]
        for body in bodies {
            try Self.schema.validate(try ReportBodies.text("segmentation_report", body))
        }
    }

    /// REP-63: nothing to fetch and nothing to run.
    @Test func htmlIsSelfContained() throws {
        let html = try ReportBodies.text(
            "segmentation_report", ReportBodies.customers(hostile: true, extra: #""languages": ["en", "es", "pt"], "format": "html""#))
        let lower = html.lowercased()
        for forbidden in [
            "<script", "<link", "<iframe", "<object", "<embed", "<img", "<base", "<form", "http-equiv", "@import", "@font-face", "url(", " src=",
        ] {
            #expect(!lower.contains(forbidden), "contains \(forbidden)")
        }
        #expect(lower.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil)
        #expect(lower.range(of: #"href="[^#]"#, options: .regularExpression) == nil)
        #expect(html.components(separatedBy: "<section class=\"slide\"").count - 1 == html.components(separatedBy: "<p class=\"folio\">").count - 1)
        #expect(html.contains(##"<a href="#es" hreflang="es">"##))
    }

    /// REP-3: the i18n endpoint is the report endpoint with all three languages in JSON.
    @Test func i18nIsTheReportInAllLanguages() throws {
        let i18n = try ReportBodies.answer("segmentation_report_json_i18n", ReportBodies.customers(extra: #""currency": "BRL""#)).bytes
        let report = try ReportBodies.answer(
            "segmentation_report", ReportBodies.customers(extra: #""currency": "BRL", "languages": ["en", "es", "pt"], "format": "json""#)
        ).bytes
        #expect(i18n == report)
        #expect(
            ReportBodies.problems("segmentation_report_json_i18n", ReportBodies.customers(extra: #""format": "json""#))?.map(\.code) == [
                "unknown_member"
            ])
    }

    @Test func sameRequestSameBytes() throws {
        let body = ReportBodies.customers(extra: #""languages": ["es", "en"], "format": "html""#)
        #expect(try ReportBodies.answer("segmentation_report", body).bytes == ReportBodies.answer("segmentation_report", body).bytes)
    }

    /// REP-5 and REP-4: the report's problems follow SEG's, in schema order, each with its pointer.
    @Test func invalidMembers() {
        let problems = ReportBodies.problems(
            "segmentation_report",
            ReportBodies.customers(
                extra: #""k_range": [1], "languages": ["en", "EN", "en"], "format": "pdf", "locales": {"fr": "fr_FR", "es": "es_ES"}, "#
                    + #""currency": "usd", "report_date": "2025-02-30""#))
        // k_range appears twice in the body (the helper's and ours): SEG reports the repeat first.
        let found = (problems ?? []).map { "\($0.code) \($0.pointer)" }
        #expect(found.contains("minimum /k_range/0") || found.contains("duplicate_member /k_range"))
        for expected in [
            "enum /languages/1", "duplicate_id /languages/2", "enum /format", "unknown_member /locales/fr", "enum /currency",
            "date /report_date",
        ] {
            #expect(found.contains(expected), "missing \(expected) in \(found)")
        }
        #expect(ReportBodies.problems("segmentation_report", ReportBodies.features(extra: #""languages": []"#))?.map(\.code) == ["min_items"])
        // A locale for a language not requested is inconsistent; with `languages` unusable the check is skipped (VAL-2).
        #expect(
            ReportBodies.problems("segmentation_report", ReportBodies.features(extra: #""languages": ["en"], "locales": {"es": "es_ES"}"#))?
                .map { "\($0.code) \($0.pointer)" } == ["inconsistent /locales/es"])
        #expect(
            ReportBodies.problems("segmentation_report", ReportBodies.features(extra: #""languages": ["pt"], "locales": {"pt": "es_ES"}"#))?.map(
                \.pointer)
                == ["/locales/pt"])
    }

    /// REP-13, REP-15: the pack's numbers are the segmentation's own.
    @Test func numbersAgreeWithTheSegmentation() throws {
        let body = ReportBodies.features()
        let pack = try #require(
            try JSONSerialization.jsonObject(with: Data(ReportBodies.answer("segmentation_report", body).bytes)) as? [String: Any])
        let segmentation = try #require(
            try JSONSerialization.jsonObject(with: Data(ReportBodies.answer("purchasing_segmentation", body).bytes)) as? [String: Any])
        let clusters = try #require(segmentation["clusters"] as? [[String: Any]])
        let sizes = try #require((pack["charts"] as? [String: Any])?["cluster_sizes"] as? [[String: Any]])
        #expect(sizes.map { $0["size"] as? Double } == clusters.map { $0["size"] as? Double })
        let means = try #require((pack["charts"] as? [String: Any])?["spend_frequency"] as? [[String: Any]])
        #expect(means.map { $0["mean_spend"] as? Double } == clusters.map { ($0["centroid"] as? [String: Any])?["purchase_total"] as? Double })
        let kpis = try #require(pack["kpis"] as? [String: Any])
        let best = try #require(segmentation["best_params"] as? [String: Any])
        #expect((kpis["best_params"] as? [String: Any])?.keys.sorted() == best.keys.sorted())
    }

    /// HIER-13: the hierarchy chart draws its tree when asked for SVG.
    @Test func hierarchyChartSVG() throws {
        let json = try ReportBodies.text(
            "segment_hierarchy_chart",
            ReportBodies.customers(extra: #""format": "svg""#).replacingOccurrences(of: #""k_range": [2, 3, 4], "#, with: ""))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let svg = try #require(object["svg"] as? String)
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 900 420" role="img""#))
        #expect(svg.contains("<polyline") && svg.contains("stroke-dasharray"))
        #expect(!svg.contains("<script"))
        let plain = try ReportBodies.text(
            "segment_hierarchy_chart", ReportBodies.customers().replacingOccurrences(of: #", "k_range": [2, 3, 4]"#, with: ""))
        #expect(!plain.contains("\"svg\""))
    }
}
