/// One language's text part of the pack (REP-54): every string a reader sees, from that language's catalog and the
/// data part, formatted for the language's locale. All languages have the same shape (REP-56).
struct ReportText: Sendable {
    struct KPI: Sendable {
        var key: String
        var label: String
        var value: String
        var verdict: String?
    }

    struct Judgement: Sendable {
        var label: String
        var sentence: String
    }

    struct Table: Sendable {
        var caption: String
        var columns: [String]
        var rows: [[String]]
    }

    struct Fact: Sendable {
        var label: String
        var value: String
    }

    struct Persona: Sendable {
        var clusterID: Int
        var heading: String
        var name: String
        var description: String
        var summary: String
        var facts: [Fact]
        var topCategories: [String]?
        var categoriesNote: String?
        var actions: [String]
    }

    struct Noise: Sendable {
        var heading: String
        var summary: String
    }

    struct Chart: Sendable {
        var title: String
        var desc: String
        var xLabel: String
        var yLabel: String
        var note: String?
        var cutLabel: String?
    }

    var language: ReportLanguage
    var locale: ReportLocale
    var title: String
    var subtitle: String
    var reportDate: String?
    var kpis: [KPI]
    var silhouette: Judgement?
    var daviesBouldin: Judgement?
    var overall: Judgement
    var advice: [String]
    var scorecard: Table
    var personas: [Persona]
    var noise: Noise?
    var sizesChart: Chart
    var spendFrequencyChart: Chart
    var dendrogramChart: Chart
    var methods: [String]
    var appendixTitle: String
    var appendix: [Table]
}
