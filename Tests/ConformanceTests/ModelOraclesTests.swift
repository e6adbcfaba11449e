import Foundation
import Testing

@testable import Conformance

/// The oracles of the endpoints the engine does not serve yet (purchasing_segmentation, customer_clv_forecast, nps),
/// tested on the spec's own worked examples: they find nothing there, and the expected clause at the expected
/// pointer in mutated copies.
enum ModelOracleKit {
    /// The `json` code blocks of a spec file, in file order; fences may be indented (list items).
    static func blocks(_ file: String) -> [JSON] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = (try? String(contentsOf: root.appendingPathComponent("spec/\(file).md"), encoding: .utf8)) ?? ""
        var blocks: [JSON] = []
        var current: [Substring]? = nil
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let fence = line.trimmingCharacters(in: .whitespaces)
            if current == nil, fence == "```json" {
                current = []
            } else if current != nil, fence == "```" {
                blocks.append(JSON.parse(Data(current!.joined(separator: "\n").utf8)) ?? .null)
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return blocks
    }

    static let segmentation = blocks("purchasing_segmentation")
    static let clv = blocks("customer_clv_forecast")
    static let nps = blocks("nps")

    /// A request and response pair from the spec, by label.
    static func example(_ label: String) -> (request: JSON, response: JSON) {
        switch label {
        case "SEG benchmark": (segmentation[0], segmentation[1])
        case "SEG features": (segmentation[2], segmentation[3])
        case "CLV-41": (clv[0], clv[1])
        case "NPS-19": (nps[0], nps[1])
        default: (.null, .null)
        }
    }

    static func oracle(_ name: String) -> Oracle { OracleCatalog.named(name)! }

    static func describe(_ findings: [Finding]) -> String {
        findings.prefix(10).map { "\($0.clause ?? "-") \($0.pointer): expected \($0.expected), got \($0.actual) — \($0.message)" }
            .joined(separator: "\n")
    }

    static func parse(_ text: String) -> JSON { JSON.parse(Data(text.utf8))! }
}

extension JSON {
    /// A copy with the value at `pointer` replaced (or, for `nil`, the object member removed).
    fileprivate func modelOracleSetting(_ pointer: String, _ value: JSON?) -> JSON {
        let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        return setting(tokens[...], value)
    }

    private func setting(_ tokens: ArraySlice<String>, _ value: JSON?) -> JSON {
        guard let token = tokens.first else { return value ?? .null }
        switch self {
        case .object(var members):
            if tokens.count == 1 && value == nil {
                members[token] = nil
            } else {
                members[token] = (members[token] ?? .null).setting(tokens.dropFirst(), value)
            }
            return .object(members)
        case .array(var elements):
            let index = Int(token)!
            elements[index] = elements[index].setting(tokens.dropFirst(), value)
            return .array(elements)
        default:
            return self
        }
    }

    /// A copy with the number at `pointer` shifted by `delta`.
    fileprivate func modelOracleShifting(_ pointer: String, by delta: Double) -> JSON {
        modelOracleSetting(pointer, .number((self[pointer: pointer]?.number ?? 0) + delta))
    }
}

// MARK: - Spec examples

@Suite("Model oracles on the spec's worked examples")
struct ModelOraclesTests {
    struct Clean: Sendable, CustomTestStringConvertible {
        let example: String
        let oracles: [String]
        var testDescription: String { example }
    }

    static let segmentationOracles = [
        "purchasing_segmentation.labels_cover_request", "purchasing_segmentation.centroids", "purchasing_segmentation.metrics",
        "purchasing_segmentation.best_model", "purchasing_segmentation.dendrogram",
    ]

    static let clvOracles = [
        "customer_clv_forecast.shape", "customer_clv_forecast.bgnbd_optimum", "customer_clv_forecast.gamma_gamma_optimum",
        "customer_clv_forecast.identities", "customer_clv_forecast.backtest",
    ]

    static let cleanExamples = [
        Clean(example: "SEG benchmark", oracles: segmentationOracles),
        Clean(example: "SEG features", oracles: segmentationOracles),
        Clean(example: "CLV-41", oracles: clvOracles),
        Clean(example: "NPS-19", oracles: ["nps.recompute"]),
    ]

    @Test func catalogRegistersTheModelOracles() {
        for name in Self.segmentationOracles + Self.clvOracles + ["nps.recompute"] {
            #expect(OracleCatalog.all.filter { $0.name == name }.count == 1, "\(name)")
        }
    }

    @Test func specBlocksAreRead() {
        #expect(ModelOracleKit.segmentation.count == 6)
        #expect(ModelOracleKit.clv.count == 2)
        #expect(ModelOracleKit.nps.count == 2)
        #expect(!ModelOracleKit.segmentation.contains(.null) && !ModelOracleKit.clv.contains(.null) && !ModelOracleKit.nps.contains(.null))
    }

    @Test(arguments: cleanExamples)
    func specResponsesPass(_ clean: Clean) {
        let (request, response) = ModelOracleKit.example(clean.example)
        for name in clean.oracles {
            let findings = ModelOracleKit.oracle(name).run(request: request, response: response)
            #expect(findings.isEmpty, "\(name):\n\(ModelOracleKit.describe(findings))")
        }
    }

    // MARK: - Mutations

    struct Mutation: Sendable, CustomTestStringConvertible {
        let label: String
        let example: String
        let oracle: String
        let mutate: @Sendable (JSON) -> JSON
        let clause: String
        let pointer: String
        var testDescription: String { label }
    }

    static let mutations: [Mutation] = [
        // purchasing_segmentation, benchmark dialect.
        Mutation(
            label: "SEG label missing", example: "SEG benchmark", oracle: "purchasing_segmentation.labels_cover_request",
            mutate: { $0.modelOracleSetting("/labels/C004", nil) }, clause: "SEG-56", pointer: "/labels/C004"),
        Mutation(
            label: "SEG label for a stranger", example: "SEG benchmark", oracle: "purchasing_segmentation.labels_cover_request",
            mutate: { $0.modelOracleSetting("/labels/C999", .number(1)) }, clause: "SEG-56", pointer: "/labels/C999"),
        Mutation(
            label: "SEG noise without DBSCAN", example: "SEG benchmark", oracle: "purchasing_segmentation.labels_cover_request",
            mutate: { $0.modelOracleSetting("/labels/C002", .number(-1)) }, clause: "SEG-31", pointer: "/labels/C002"),
        Mutation(
            label: "SEG two labels swapped", example: "SEG benchmark", oracle: "purchasing_segmentation.centroids",
            mutate: { $0.modelOracleSetting("/labels/C001", .number(0)).modelOracleSetting("/labels/C002", .number(3)) },
            clause: "SEG-32", pointer: "/centroids/0/0"),
        Mutation(
            label: "SEG centroid shifted", example: "SEG benchmark", oracle: "purchasing_segmentation.centroids",
            mutate: { $0.modelOracleShifting("/centroids/2/1", by: 0.01) }, clause: "SEG-32", pointer: "/centroids/2/1"),
        Mutation(
            label: "SEG legend size", example: "SEG benchmark", oracle: "purchasing_segmentation.centroids",
            mutate: { $0.modelOracleSetting("/dendrogram/cluster_legend/1/size", .number(3)) }, clause: "SEG-59",
            pointer: "/dendrogram/cluster_legend/1/size"),
        Mutation(
            label: "SEG clusters renumbered", example: "SEG benchmark", oracle: "purchasing_segmentation.centroids",
            mutate: {
                $0.modelOracleSetting("/labels/C003", .number(3)).modelOracleSetting("/labels/C007", .number(3))
                    .modelOracleSetting("/labels/C009", .number(3)).modelOracleSetting("/labels/C001", .number(2))
                    .modelOracleSetting("/labels/C005", .number(2))
            }, clause: "SEG-33", pointer: "/centroids/3"),
        Mutation(
            label: "SEG silhouette +0.01", example: "SEG benchmark", oracle: "purchasing_segmentation.metrics",
            mutate: { $0.modelOracleShifting("/benchmark/1/silhouette", by: 0.01) }, clause: "SEG-35", pointer: "/benchmark/1/silhouette"),
        Mutation(
            label: "SEG agglo Davies–Bouldin +0.01", example: "SEG benchmark", oracle: "purchasing_segmentation.metrics",
            mutate: { $0.modelOracleShifting("/benchmark/2/davies_bouldin", by: 0.01) }, clause: "SEG-36",
            pointer: "/benchmark/2/davies_bouldin"),
        Mutation(
            label: "SEG non-best model made best", example: "SEG benchmark", oracle: "purchasing_segmentation.best_model",
            mutate: { $0.modelOracleSetting("/best_model", $0[pointer: "/benchmark/0"]!) }, clause: "SEG-39", pointer: "/best_model"),
        Mutation(
            label: "SEG tie broken by family", example: "SEG benchmark", oracle: "purchasing_segmentation.best_model",
            mutate: { $0.modelOracleSetting("/best_model", $0[pointer: "/benchmark/3"]!) }, clause: "SEG-39", pointer: "/best_model"),
        Mutation(
            label: "SEG ineligible silhouette", example: "SEG benchmark", oracle: "purchasing_segmentation.best_model",
            mutate: { $0.modelOracleSetting("/benchmark/4/silhouette", .number(0.9)) }, clause: "SEG-38", pointer: "/benchmark/4/silhouette"),
        Mutation(
            label: "SEG linkage size", example: "SEG benchmark", oracle: "purchasing_segmentation.dendrogram",
            mutate: { $0.modelOracleSetting("/dendrogram/linkage_matrix/4/3", .number(4)) }, clause: "SEG-29",
            pointer: "/dendrogram/linkage_matrix/4/3"),
        Mutation(
            label: "SEG linkage id reused", example: "SEG benchmark", oracle: "purchasing_segmentation.dendrogram",
            mutate: { $0.modelOracleSetting("/dendrogram/linkage_matrix/5/1", .number(9)) }, clause: "SEG-29",
            pointer: "/dendrogram/linkage_matrix/5"),
        Mutation(
            label: "SEG linkage height", example: "SEG benchmark", oracle: "purchasing_segmentation.dendrogram",
            mutate: { $0.modelOracleShifting("/dendrogram/linkage_matrix/0/2", by: 0.01) }, clause: "SEG-29",
            pointer: "/dendrogram/linkage_matrix/0/2"),
        Mutation(
            label: "SEG agglo labels off the cut", example: "SEG benchmark", oracle: "purchasing_segmentation.dendrogram",
            mutate: {
                $0.modelOracleSetting("/best_model", $0[pointer: "/benchmark/3"]!).modelOracleSetting("/labels/C001", .number(2))
                    .modelOracleSetting("/labels/C003", .number(3))
            }, clause: "SEG-30", pointer: "/labels/C005"),
        // purchasing_segmentation, features dialect.
        Mutation(
            label: "SEG customer_labels order", example: "SEG features", oracle: "purchasing_segmentation.labels_cover_request",
            mutate: { $0.modelOracleSetting("/customer_labels/2/customer_id", .string("C-1004")) }, clause: "SEG-60",
            pointer: "/customer_labels/2/customer_id"),
        Mutation(
            label: "SEG share", example: "SEG features", oracle: "purchasing_segmentation.centroids",
            mutate: { $0.modelOracleSetting("/clusters/1/share", .number(0.4)) }, clause: "SEG-62", pointer: "/clusters/1/share"),
        Mutation(
            label: "SEG loyalty_score centroid", example: "SEG features", oracle: "purchasing_segmentation.centroids",
            mutate: { $0.modelOracleShifting("/clusters/1/centroid/loyalty_score", by: 0.001) }, clause: "SEG-32",
            pointer: "/clusters/1/centroid/loyalty_score"),
        Mutation(
            label: "SEG Calinski–Harabasz +0.01", example: "SEG features", oracle: "purchasing_segmentation.metrics",
            mutate: { $0.modelOracleShifting("/evaluation_metrics/1/calinski_harabasz", by: 0.01) }, clause: "SEG-37",
            pointer: "/evaluation_metrics/1/calinski_harabasz"),
        Mutation(
            label: "SEG best_params not best", example: "SEG features", oracle: "purchasing_segmentation.best_model",
            mutate: { $0.modelOracleSetting("/best_params", .object(["k": .number(2)])) }, clause: "SEG-39", pointer: "/best_params"),
        // customer_clv_forecast.
        Mutation(
            label: "CLV tier", example: "CLV-41", oracle: "customer_clv_forecast.shape",
            mutate: { $0.modelOracleSetting("/customers/0/clv_tier", .string("Low")) }, clause: "CLV-34", pointer: "/customers/0/clv_tier"),
        Mutation(
            label: "CLV summary T", example: "CLV-41", oracle: "customer_clv_forecast.shape",
            mutate: { $0.modelOracleSetting("/customers/0/explanations/T", .number(464)) }, clause: "CLV-7",
            pointer: "/customers/0/explanations/T"),
        Mutation(
            label: "CLV fallback forecast", example: "CLV-41", oracle: "customer_clv_forecast.shape",
            mutate: { $0.modelOracleShifting("/customers/0/predicted_clv", by: 0.01) }, clause: "CLV-31", pointer: "/customers/0/predicted_clv"),
        Mutation(
            label: "CLV member missing", example: "CLV-41", oracle: "customer_clv_forecast.shape",
            mutate: { $0.modelOracleSetting("/customers/0/interval", nil) }, clause: "CLV-38", pointer: "/customers/0"),
        Mutation(
            label: "CLV fitted on one customer", example: "CLV-41", oracle: "customer_clv_forecast.bgnbd_optimum",
            mutate: { $0.modelOracleSetting("/models/bgnbd/status", .string("fitted")) }, clause: "CLV-9", pointer: "/models/bgnbd/status"),
        Mutation(
            label: "CLV holdout", example: "CLV-41", oracle: "customer_clv_forecast.backtest",
            mutate: { $0.modelOracleSetting("/selection/backtest/holdout_days", .number(181)) }, clause: "CLV-22",
            pointer: "/selection/backtest/holdout_days"),
        Mutation(
            label: "CLV calibration cohort", example: "CLV-41", oracle: "customer_clv_forecast.backtest",
            mutate: { $0.modelOracleSetting("/selection/backtest/calibration_customers", .number(2)) }, clause: "CLV-23",
            pointer: "/selection/backtest/calibration_customers"),
        Mutation(
            label: "CLV spend cohort", example: "CLV-41", oracle: "customer_clv_forecast.gamma_gamma_optimum",
            mutate: { $0.modelOracleSetting("/models/gamma_gamma/customers", .number(0)) }, clause: "CLV-14",
            pointer: "/models/gamma_gamma/customers"),
        Mutation(
            label: "CLV booster explanation under the fallback", example: "CLV-41", oracle: "customer_clv_forecast.identities",
            mutate: { $0.modelOracleSetting("/customers/0/explanations/booster", .object(["base_value": .number(1)])) }, clause: "CLV-32",
            pointer: "/customers/0/explanations/booster"),
        // nps.
        Mutation(
            label: "NPS count", example: "NPS-19", oracle: "nps.recompute",
            mutate: { $0.modelOracleSetting("/overall/promoters", .number(6)) }, clause: "NPS-5", pointer: "/overall/promoters"),
        Mutation(
            label: "NPS segment interval", example: "NPS-19", oracle: "nps.recompute",
            mutate: { $0.modelOracleShifting("/by_segment/1/interval/lower", by: 0.01) }, clause: "NPS-7",
            pointer: "/by_segment/1/interval/lower"),
        Mutation(
            label: "NPS month SE", example: "NPS-19", oracle: "nps.recompute",
            mutate: { $0.modelOracleShifting("/by_month/0/standard_error", by: 0.01) }, clause: "NPS-6", pointer: "/by_month/0/standard_error"),
        Mutation(
            label: "NPS p_value", example: "NPS-19", oracle: "nps.recompute",
            mutate: { $0.modelOracleShifting("/comparison/p_value", by: 0.01) }, clause: "NPS-13", pointer: "/comparison/p_value"),
        Mutation(
            label: "NPS warning dropped", example: "NPS-19", oracle: "nps.recompute",
            mutate: { $0.modelOracleSetting("/warnings", .array([])) }, clause: "NPS-14", pointer: "/warnings"),
    ]

    @Test(arguments: mutations)
    func mutationsAreFound(_ mutation: Mutation) {
        let (request, response) = ModelOracleKit.example(mutation.example)
        let mutated = mutation.mutate(response)
        #expect(mutated != response)
        let findings = ModelOracleKit.oracle(mutation.oracle).run(request: request, response: mutated)
        #expect(
            findings.contains { $0.clause == mutation.clause && $0.pointer == mutation.pointer },
            "expected \(mutation.clause) at \(mutation.pointer), found:\n\(ModelOracleKit.describe(findings))")
    }

    // MARK: - NPS edge values of NPS-8

    @Test func npsEdgeValuesOfNPS8() {
        let oracle = ModelOracleKit.oracle("nps.recompute")
        let request = ModelOracleKit.parse(#"{"responses": [{"score": 9}, {"score": 10}, {"score": 9}, {"score": 10}, {"score": 9}]}"#)
        let group =
            #"{"responses": 5, "promoters": 5, "passives": 0, "detractors": 0, "promoter_share": 1, "passive_share": 0, "detractor_share": 0, "nps": 100, "standard_error": 0, "interval": {"level": 0.95, "lower": 17.49, "upper": 100}}"#
        let response = ModelOracleKit.parse(
            #"{"overall": \#(group), "by_segment": [], "by_month": [], "comparison": null, "undated_responses": 5, "warnings": []}"#)
        let findings = oracle.run(request: request, response: response)
        #expect(findings.isEmpty, "\(ModelOracleKit.describe(findings))")
        let one = ModelOracleKit.parse(#"{"responses": [{"score": 0}]}"#)
        let oneGroup =
            #"{"responses": 1, "promoters": 0, "passives": 0, "detractors": 1, "promoter_share": 0, "passive_share": 0, "detractor_share": 1, "nps": -100, "standard_error": 0, "interval": {"level": 0.95, "lower": -98.5, "upper": 48.5}}"#
        let oneResponse = ModelOracleKit.parse(
            #"{"overall": \#(oneGroup), "by_segment": [], "by_month": [], "comparison": null, "undated_responses": 1, "warnings": []}"#)
        let oneFindings = oracle.run(request: one, response: oneResponse)
        #expect(oneFindings.isEmpty, "\(ModelOracleKit.describe(oneFindings))")
    }
}

// MARK: - BG/NBD optimum on a synthetic cohort

@Suite("customer_clv_forecast.bgnbd_optimum on a fitted cohort")
struct BGNBDOptimumTests {
    /// `YYYY-MM-DD` of a day number (days since 1970-01-01; H. Hinnant's inverse of OracleDays.number).
    static func iso(_ days: Int) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    static let today = "2025-06-30"

    /// 40 customers: staggered starts, a few repeat patterns, some who stop buying early (dropout).
    static let request: JSON = {
        let end = OracleDays.number(today)!
        var customers: [JSON] = []
        for i in 0..<40 {
            let first = end - 400 + (i * 37) % 330
            let repeats = [0, 1, 3, 0, 5, 2, 0, 8][i % 8]
            let gap = 9 + (i * 13) % 31
            let stops = i % 3 == 0
            var transactions: [JSON] = [.object(["date": .string(iso(first)), "amount": .number(Double(20 + i))])]
            var day = first
            for r in 0..<repeats {
                day += gap + (r * 7) % 11
                if day > end || (stops && r >= 1) { break }
                transactions.append(.object(["date": .string(iso(day)), "amount": .number(Double(15 + (i + r) % 30))]))
            }
            customers.append(.object(["customer_id": .string("C\(i)"), "transactions": .array(transactions)]))
        }
        return .object(["today": .string(today), "customers": .array(customers)])
    }()

    static var cohort: [CLVForecastOracles.Summary] {
        let end = OracleDays.number(today)!
        return request["customers"]!.array!.compactMap { CLVForecastOracles.summary($0, snapshot: end, margin: false) }
    }

    /// Maximises the CLV-8 log-likelihood over the log-parameters by Nelder–Mead with restarts.
    static func fit() -> [Double] {
        let cohort = cohort
        func f(_ theta: [Double]) -> Double {
            -CLVForecastOracles.logLikelihood(cohort, r: exp(theta[0]), alpha: exp(theta[1]), a: exp(theta[2]), b: exp(theta[3]))
        }
        var best = [0.0, log(50.0), 0.0, 0.0]
        for _ in 0..<6 {
            var simplex = [best]
            for j in 0..<4 {
                var vertex = best
                vertex[j] += 0.5
                simplex.append(vertex)
            }
            var values = simplex.map(f)
            for _ in 0..<4000 {
                let order = (0..<5).sorted { values[$0] < values[$1] }
                simplex = order.map { simplex[$0] }
                values = order.map { values[$0] }
                if values[4] - values[0] < 1e-13 { break }
                var centroid = [0.0, 0.0, 0.0, 0.0]
                for v in 0..<4 { for j in 0..<4 { centroid[j] += simplex[v][j] / 4 } }
                func along(_ t: Double) -> [Double] { (0..<4).map { centroid[$0] + t * (simplex[4][$0] - centroid[$0]) } }
                let reflected = along(-1)
                let fr = f(reflected)
                if fr < values[0] {
                    let expanded = along(-2)
                    let fe = f(expanded)
                    (simplex[4], values[4]) = fe < fr ? (expanded, fe) : (reflected, fr)
                } else if fr < values[3] {
                    (simplex[4], values[4]) = (reflected, fr)
                } else {
                    let contracted = along(0.5)
                    let fc = f(contracted)
                    if fc < values[4] {
                        (simplex[4], values[4]) = (contracted, fc)
                    } else {
                        for v in 1..<5 {
                            simplex[v] = (0..<4).map { simplex[0][$0] + 0.5 * (simplex[v][$0] - simplex[0][$0]) }
                            values[v] = f(simplex[v])
                        }
                    }
                }
            }
            best = simplex[(0..<5).min { values[$0] < values[$1] }!]
        }
        return best.map(exp)
    }

    static func rounded(_ value: Double, _ decimals: Double) -> Double {
        let scale = pow(10, decimals)
        return (value * scale).rounded() / scale
    }

    /// A response carrying only what the oracle reads: the fitted BG/NBD block.
    static func response(_ parameters: [Double], logLikelihood: Double) -> JSON {
        let names = ["r", "alpha", "a", "b"]
        var members: [String: JSON] = [:]
        for (j, name) in names.enumerated() { members[name] = .number(rounded(parameters[j], 6)) }
        let repeaters = cohort.filter { $0.x > 0 }.count
        return .object([
            "models": .object([
                "bgnbd": .object([
                    "status": .string("fitted"), "reason": .null, "customers": .number(Double(cohort.count)),
                    "repeat_buyers": .number(Double(repeaters)),
                    "parameters": .object(members), "log_likelihood": .number(rounded(logLikelihood, 4)), "gradient_norm": .number(0),
                    "iterations": .number(10), "starts_converged": .number(4),
                ])
            ])
        ])
    }

    static let fitted: [Double] = fit()

    static func ll(_ p: [Double]) -> Double {
        CLVForecastOracles.logLikelihood(cohort, r: rounded(p[0], 6), alpha: rounded(p[1], 6), a: rounded(p[2], 6), b: rounded(p[3], 6))
    }

    @Test func theOptimumPasses() {
        let parameters = Self.fitted
        #expect(Self.cohort.count == 40 && Self.cohort.filter { $0.x > 0 }.count >= 5)
        // An interior optimum (not a diverged fit), so that the test means something.
        #expect(parameters.allSatisfy { log($0).magnitude < 8 }, "\(parameters)")
        let findings = CLVForecastOracles.bgnbdOptimum.run(
            request: Self.request, response: Self.response(parameters, logLikelihood: Self.ll(parameters)))
        #expect(findings.isEmpty, "\(parameters)\n\(ModelOracleKit.describe(findings))")
    }

    @Test(arguments: [0, 1, 2, 3])
    func aPerturbedParameterIsFound(_ j: Int) {
        var parameters = Self.fitted
        parameters[j] *= 1.1
        let findings = CLVForecastOracles.bgnbdOptimum.run(
            request: Self.request, response: Self.response(parameters, logLikelihood: Self.ll(parameters)))
        let name = ["r", "alpha", "a", "b"][j]
        #expect(
            findings.contains { $0.clause == "CLV-10" && $0.pointer == "/models/bgnbd/parameters/" + name },
            "\(ModelOracleKit.describe(findings))")
    }

    @Test func aWrongLogLikelihoodIsFound() {
        let parameters = Self.fitted
        let findings = CLVForecastOracles.bgnbdOptimum.run(
            request: Self.request, response: Self.response(parameters, logLikelihood: Self.ll(parameters) + 0.01))
        #expect(findings.contains { $0.clause == "CLV-11" && $0.pointer == "/models/bgnbd/log_likelihood" }, "\(ModelOracleKit.describe(findings))")
    }

    @Test func theCohortCountsAreChecked() {
        let response = Self.response(Self.fitted, logLikelihood: Self.ll(Self.fitted)).modelOracleSetting("/models/bgnbd/repeat_buyers", .number(1))
        let findings = CLVForecastOracles.bgnbdOptimum.run(request: Self.request, response: response)
        #expect(findings.contains { $0.clause == "CLV-38" && $0.pointer == "/models/bgnbd/repeat_buyers" })
    }
}
