import Engine
import Foundation
import Reports
import Testing

@testable import Conformance

// MARK: - Support

/// What the oracle tests share, in one namespace so that it cannot collide with the other test files of the target.
enum OracleTestKit {
    /// A request and the response the spec documents for it.
    struct SpecExample: Sendable, CustomTestStringConvertible {
        let label: String
        let endpoint: String
        let request: JSON
        let response: JSON
        var testDescription: String { label }
    }

    /// The `json` code blocks of an endpoint's file of spec/, in file order.
    static func specBlocks(_ file: String) -> [JSON] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = (try? String(contentsOf: root.appendingPathComponent("spec/\(file).md"), encoding: .utf8)) ?? ""
        var blocks: [JSON] = []
        var current: [Substring]? = nil
        for fullLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = fullLine.drop { $0 == " " }  // fences may be indented under a list item
            if current == nil, line == "```json" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(JSON.parse(Data(current!.joined(separator: "\n").utf8)) ?? .null)
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return blocks
    }

    /// Every worked example with a full request and response (FEAT-20, LOY-26, RFM-30, CLVF-24, PROF and SUB's, NPS-19, CHL-15, CHR-15, CLV-41).
    static let specExamples: [SpecExample] = {
        let features = specBlocks("customer_features")
        let loyalty = specBlocks("customer_loyalty")
        let rfm = specBlocks("customer_rfm")
        let clv = specBlocks("customer_clv_features")
        let profiles = specBlocks("segment_cluster_profiles")
        let subsegments = specBlocks("segment_subsegment_explore")
        let nps = specBlocks("nps")
        let churn = specBlocks("churn_label")
        let risk = specBlocks("churn_risk")
        let forecast = specBlocks("customer_clv_forecast")
        return [
            SpecExample(label: "FEAT-20", endpoint: "customer_features", request: features[0], response: features[1]),
            SpecExample(label: "LOY example 1", endpoint: "customer_loyalty", request: loyalty[0], response: loyalty[1]),
            // Example 3 posts the FEAT-20 response unchanged.
            SpecExample(label: "LOY example 3", endpoint: "customer_loyalty", request: features[1], response: loyalty[2]),
            SpecExample(label: "LOY example 4", endpoint: "customer_loyalty", request: loyalty[3], response: loyalty[4]),
            SpecExample(label: "LOY example 5", endpoint: "customer_loyalty", request: loyalty[5], response: loyalty[6]),
            SpecExample(label: "RFM example 1", endpoint: "customer_rfm", request: rfm[0], response: rfm[1]),
            SpecExample(label: "RFM example 3", endpoint: "customer_rfm", request: rfm[2], response: rfm[3]),
            SpecExample(label: "CLVF example 1", endpoint: "customer_clv_features", request: clv[0], response: clv[1]),
            SpecExample(label: "CLVF example 2", endpoint: "customer_clv_features", request: clv[2], response: clv[3]),
            SpecExample(label: "PROF example", endpoint: "segment_cluster_profiles", request: profiles[0], response: profiles[1]),
            SpecExample(label: "SUB example", endpoint: "segment_subsegment_explore", request: subsegments[0], response: subsegments[1]),
            SpecExample(label: "NPS-19", endpoint: "nps", request: nps[0], response: nps[1]),
            SpecExample(label: "CHL-15", endpoint: "churn_label", request: churn[0], response: churn[1]),
            SpecExample(label: "CHR-15", endpoint: "churn_risk", request: risk[0], response: risk[1]),
            SpecExample(label: "CLV-41", endpoint: "customer_clv_forecast", request: forecast[0], response: forecast[1]),
        ]
    }()

    /// Requests built to sit on the edges the spec names: rounding ties, thresholds, binary64 sums, exact ids.
    struct EdgeCase: Sendable, CustomTestStringConvertible {
        let label: String
        let endpoint: String
        let request: JSON
        var testDescription: String { label }
    }

    /// A `customer_loyalty` customer with only `purchase_total` varying.
    static func spender(_ id: String, _ total: Double) -> String {
        #"{"customer_id": "\#(id)", "features": {"purchase_total": \#(total), "visit_frequency": 1, "avg_ticket": 1, "product_diversity": 1, "recency_days": 1}}"#
    }

    static let edgeCases: [EdgeCase] = [
        // LOY-23: a raw index of 0.84996 is written 0.85 and is Platinum.
        EdgeCase(
            label: "LOY-23 written score on the threshold", endpoint: "customer_loyalty",
            request: json(#"{"weights": {"purchase_total": 1}, "customers": [\#(spender("a", 0)), \#(spender("b", 0.84996)), \#(spender("c", 1))]}"#)),
        // LOY example 2: the source's scores, whose median and 90th percentile sit on decimal ties.
        EdgeCase(
            label: "LOY example 2 scores", endpoint: "customer_loyalty",
            request: json(
                #"{"weights": {"purchase_total": 1}, "customers": [\#(spender("a", 0)), \#(spender("b", 0.5348)), \#(spender("c", 0.8705)), \#(spender("d", 1))]}"#
            )),
        // LOY-24 and LOY-3: Platinum 1, Bronze 0, a fractional visit_frequency.
        EdgeCase(
            label: "LOY-24 extreme thresholds", endpoint: "customer_loyalty",
            request: json(
                #"{"segment_thresholds": {"Platinum": 1, "Bronze": 0}, "customers": [{"customer_id": "a", "features": {"purchase_total": 0, "visit_frequency": 2.5, "avg_ticket": 1, "product_diversity": 1, "recency_days": 1}}, {"customer_id": "b", "features": {"purchase_total": 5, "visit_frequency": 1, "avg_ticket": 1, "product_diversity": 1, "recency_days": 0}}]}"#
            )),
        // RFM-26: 0.1 + 0.2 and 0.3 + 0 print alike but differ in binary64, so monetary is not constant.
        EdgeCase(
            label: "RFM-26 sums that print alike", endpoint: "customer_rfm",
            request: json(
                #"{"bins": 10, "today": "2025-04-24", "customers": [{"customer_id": "a", "transactions": [{"date": "2025-04-24", "amount": 0.1}, {"date": "2025-04-24", "amount": 0.2}]}, {"customer_id": "b", "transactions": [{"date": "2025-04-20", "amount": 0.3}, {"date": "2025-04-24", "amount": 0}]}]}"#
            )),
        // RFM-27: one customer with bins 2 scores 1 everywhere.
        EdgeCase(
            label: "RFM-27 one customer, bins 2", endpoint: "customer_rfm",
            request: json(
                #"{"bins": 2, "today": "2025-04-24", "customers": [{"customer_id": "a", "transactions": [{"date": "2025-04-24", "amount": 1e15}]}]}"#)
        ),
        // CLVF-21: negative margins rank below one-time buyers; churn exactly at and beyond a threshold of 1 day.
        EdgeCase(
            label: "CLVF-21 negative margins", endpoint: "customer_clv_features",
            request: json(
                #"{"today": "2025-04-24", "churn_threshold_days": 1, "customers": [{"customer_id": "a", "transactions": [{"date": "2025-04-21", "amount": 1, "cost": 5}, {"date": "2025-04-23", "amount": 1, "cost": 3}]}, {"customer_id": "b", "transactions": [{"date": "2025-04-22", "amount": 1, "cost": 0.5}]}, {"customer_id": "c", "transactions": [{"date": "2025-04-20", "amount": 4, "cost": 1}, {"date": "2025-04-22", "amount": 2, "cost": 1}, {"date": "2025-04-22", "amount": 2, "cost": 1}]}]}"#
            )),
        // FEAT-9, VAL-7: é (U+00E9) and e + U+0301 are two products; P-01 and P\u002d01 are one.
        EdgeCase(
            label: "FEAT-9 exact product ids", endpoint: "customer_features",
            request: json(
                #"{"today": "2025-04-24", "customers": [{"customer_id": "a", "transactions": [{"transaction_id": "1", "date": "2025-04-01", "amount": 1, "product_id": "caf\u00e9"}, {"transaction_id": "2", "date": "2025-04-02", "amount": 2, "product_id": "cafe\u0301"}, {"transaction_id": "3", "date": "2025-04-03", "amount": 3, "product_id": "P-01"}, {"transaction_id": "4", "date": "2025-04-03", "amount": 4, "product_id": "P\u002d01"}]}]}"#
            )),
    ]

    /// The request of a spec example or an edge case.
    static func request(_ label: String) -> JSON {
        specExamples.first { $0.label == label }?.request ?? edgeCases.first { $0.label == label }!.request
    }

    /// The engine's answer to a request, as the suite's JSON.
    static func engineResponse(_ endpoint: String, _ request: JSON, today: String = "2025-04-24") throws -> JSON {
        let bytes = try EndpointCatalog.named(endpoint)!.respond(to: Array(request.text.utf8), context: ComputeContext(today: Day(iso: today)!))
        return try #require(JSON.parse(Data(bytes)))
    }

    /// The oracles that check an endpoint's responses.
    static func oracles(for endpoint: String) -> [Oracle] {
        OracleCatalog.all.filter { $0.name.hasPrefix(endpoint + ".") }
    }

    /// What every oracle of the endpoint finds in a response.
    static func findings(_ endpoint: String, _ request: JSON, _ response: JSON) -> [Finding] {
        var all: [Finding] = []
        for oracle in oracles(for: endpoint) { all += oracle.run(request: request, response: response) }
        return all
    }

    static func describe(_ findings: [Finding]) -> String {
        findings.prefix(10).map { "\($0.clause ?? "-") \($0.pointer): expected \($0.expected), got \($0.actual) — \($0.message)" }
            .joined(separator: "\n")
    }

    /// The demo job on 300 customers: one step per served endpoint, with `today` 2025-11-30.
    static let demoSteps: [AnalysisJob.Step] = try! AnalysisJob(retailer: DemoRetailer(customers: 300)).run()
    static let demoToday = "2025-11-30"

    /// The demo steps as the suite's JSON, parsed once (a few MB): request and response per endpoint.
    static let demo: [String: (request: JSON, response: JSON)] = {
        var parsed: [String: (request: JSON, response: JSON)] = [:]
        for step in demoSteps {
            parsed[step.endpoint] = (JSON.parse(Data(step.request))!, JSON.parse(Data(step.response))!)
        }
        return parsed
    }()

    static func demoRequest(_ endpoint: String) -> JSON {
        demo[endpoint]!.request
    }

    /// The first 61 demo customers: n − 1 = 60 puts the cut points of every `bins` from 2 to 6 and of 10 on data values
    /// (RFM-8), and the sample is small enough to run many variants.
    static func demoSample(_ endpoint: String) -> JSON {
        firstCustomers(demoRequest(endpoint), 61)
    }

    /// The first `count` customers of a request.
    static func firstCustomers(_ request: JSON, _ count: Int) -> JSON {
        request.updatingValue(at: "/customers") { .array(Array(($0.array ?? []).prefix(count))) }
    }

    static func json(_ text: String) -> JSON {
        JSON.parse(Data(text.utf8))!
    }
}

extension JSON {
    /// A copy with the value at `pointer` replaced by `transform` of it.
    fileprivate func updatingValue(at pointer: String, _ transform: (JSON) -> JSON) -> JSON {
        let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        return updatingValue(tokens: tokens[...], transform)
    }

    private func updatingValue(tokens: ArraySlice<String>, _ transform: (JSON) -> JSON) -> JSON {
        guard let token = tokens.first else { return transform(self) }
        switch self {
        case .object(var members):
            members[token] = (members[token] ?? .null).updatingValue(tokens: tokens.dropFirst(), transform)
            return .object(members)
        case .array(var elements):
            let index = Int(token)!
            elements[index] = elements[index].updatingValue(tokens: tokens.dropFirst(), transform)
            return .array(elements)
        default:
            return self
        }
    }

    fileprivate func replacingValue(at pointer: String, with value: JSON) -> JSON { updatingValue(at: pointer) { _ in value } }

    /// A copy without the member `name` of the object at `pointer`.
    fileprivate func removingMember(_ name: String, at pointer: String) -> JSON {
        updatingValue(at: pointer) { object in
            guard case .object(var members) = object else { return object }
            members[name] = nil
            return .object(members)
        }
    }

    /// A copy with `transform` applied to every element of the array at `pointer`.
    fileprivate func mappingElements(at pointer: String, _ transform: (JSON) -> JSON) -> JSON {
        updatingValue(at: pointer) { array in .array((array.array ?? []).map(transform)) }
    }
}

// MARK: - Building blocks

@Suite("Oracle building blocks")
struct OracleBuildingBlockTests {
    @Test func catalogNamesEveryOracleOnce() {
        let names = OracleCatalog.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(
            Set(names)
                == [
                    "customer_features.rollup", "customer_loyalty.scores", "customer_rfm.scores", "customer_rfm.tiers",
                    "customer_clv_features.summary",
                    "purchasing_segmentation.labels_cover_request", "purchasing_segmentation.centroids", "purchasing_segmentation.metrics",
                    "purchasing_segmentation.best_model", "purchasing_segmentation.dendrogram", "customer_clv_forecast.shape",
                    "customer_clv_forecast.bgnbd_optimum", "customer_clv_forecast.gamma_gamma_optimum", "customer_clv_forecast.identities",
                    "customer_clv_forecast.backtest", "nps.recompute", "segment_cluster_profiles.statistics",
                    "segment_subsegment_explore.subsegments", "churn_label.labels",
                    "churn_risk.scores", "segmentation_report.pack", "segmentation_report.html", "segmentation_report.xml",
                ])
        #expect(OracleCatalog.named("customer_rfm.tiers")?.name == "customer_rfm.tiers")
        #expect(OracleCatalog.named("customer_rfm") == nil)
        #expect(OracleCatalog.all.allSatisfy { !$0.summary.isEmpty })
    }

    @Test func dayNumbersFollowTheProlepticGregorianCalendar() {
        #expect(OracleDays.number("1970-01-01") == 0)
        #expect(OracleDays.number("2025-04-24")! - OracleDays.number("2025-01-05")! == 109)
        #expect(OracleDays.number("2025-04-24")! - OracleDays.number("2024-10-12")! == 194)
        #expect(OracleDays.number("2024-03-01")! - OracleDays.number("2024-02-28")! == 2)
        #expect(OracleDays.number("2000-03-01")! - OracleDays.number("2000-02-28")! == 2)
        #expect(OracleDays.number("1900-03-01")! - OracleDays.number("1900-02-28")! == 1)
        #expect(OracleDays.number("9999-12-31")! - OracleDays.number("1900-01-01")! == 2_958_463)
        for bad in ["2025-02-29", "2025-13-01", "2025-00-10", "2025-4-24", "2025-04-24T00:00", "", "abcd-ef-gh"] {
            #expect(OracleDays.number(bad) == nil, "\(bad)")
        }
    }

    @Test func percentilesTakeTheExactPosition() {
        // LOY example 2: the median and the 90th percentile sit on a decimal tie; the exact position is what GEN-8 means.
        let scores = [0.0, 0.5348, 0.8705, 1.0]
        #expect(OracleMath.percentile(scores, 1, 2) == 0.5348 + 0.5 * (0.8705 - 0.5348))
        #expect(OracleMath.percentile(scores, 9, 10) == 0.8705 + 0.7 * (1.0 - 0.8705))
        // RFM-8: b = 3, n = 10, recency fraction 2/3 lands on v₆ exactly.
        let values = (0..<10).map { Double($0 * 10) }
        #expect(OracleMath.percentile(values, 2, 3) == 60)
        // b = 10, n = 91: 90 × 7/10 = 63 exactly.
        #expect(OracleMath.percentile((0..<91).map(Double.init), 7, 10) == 63)
        #expect(OracleMath.percentile([5], 1, 2) == 5)
    }

    @Test func sharesCountStrictlyHigherAndLower() {
        let values = [3.0, 5, 5, 9]
        #expect(OracleMath.countHigher(than: 5, in: values) == 1)
        #expect(OracleMath.countLower(than: 5, in: values) == 1)
        #expect(OracleMath.countHigher(than: 9, in: values) == 0)
    }

    @Test func roundedValuesAllowHalfAUnitAndMustSitOnTheGrid() {
        let response = OracleTestKit.json(#"{"a": 1228.95, "b": 1228.9499999999998, "c": 0.7026, "d": 0.7028, "e": "x", "f": 409.66}"#)
        var checker = Checker(response: response)
        checker.rounded("T-1", "/a", 1228.9499999999998, decimals: 2, "a")
        checker.rounded("T-1", "/c", 0.70265, decimals: 4, "c")
        #expect(checker.findings.isEmpty)
        checker.rounded("T-1", "/b", 1228.95, decimals: 2, "b")
        checker.rounded("T-1", "/d", 0.70265, decimals: 4, "d")
        checker.rounded("T-1", "/e", 1, decimals: 2, "e")
        checker.rounded("T-1", "/missing", 1, decimals: 2, "missing")
        checker.rounded("T-1", "/f", 409.65, decimals: 2, "f")
        #expect(checker.findings.map(\.clause) == ["NUM-2", "T-1", "T-1", "T-1", "T-1"])
        #expect(checker.findings.map(\.pointer) == ["/b", "/d", "/e", "/missing", "/f"])
        #expect(checker.findings[1].tolerance == "±0.00005 (4 decimals, NUM-2)")
        #expect(checker.findings[4].tolerance == "±0.005 (2 decimals, NUM-2)")
    }
}

// MARK: - Correct responses pass

@Suite("Oracles accept correct responses")
struct OracleAcceptanceTests {
    /// The spec's own documented responses: the oracles agree with the spec's arithmetic.
    @Test(arguments: OracleTestKit.specExamples)
    func specResponsesPass(_ example: OracleTestKit.SpecExample) {
        #expect(!OracleTestKit.oracles(for: example.endpoint).isEmpty)
        let found = OracleTestKit.findings(example.endpoint, example.request, example.response)
        #expect(found.isEmpty, "\(OracleTestKit.describe(found))")
    }

    /// The engine on the spec's examples.
    @Test(arguments: OracleTestKit.specExamples)
    func engineOnSpecExamplesPasses(_ example: OracleTestKit.SpecExample) throws {
        let response = try OracleTestKit.engineResponse(example.endpoint, example.request)
        let found = OracleTestKit.findings(example.endpoint, example.request, response)
        #expect(found.isEmpty, "\(OracleTestKit.describe(found))")
    }

    @Test(arguments: OracleTestKit.edgeCases)
    func engineOnEdgeCasesPasses(_ edge: OracleTestKit.EdgeCase) throws {
        let response = try OracleTestKit.engineResponse(edge.endpoint, edge.request)
        let found = OracleTestKit.findings(edge.endpoint, edge.request, response)
        #expect(found.isEmpty, "\(OracleTestKit.describe(found))")
    }

    /// The demo job: every served endpoint, 300 customers.
    @Test func demoStepsPass() throws {
        // The job writes the report packs as files, not as steps.
        #expect(OracleTestKit.demoSteps.count == EndpointCatalog.all.filter { !$0.name.hasPrefix("segmentation_report") }.count)
        for (endpoint, step) in OracleTestKit.demo {
            let found = OracleTestKit.findings(endpoint, step.request, step.response)
            #expect(found.isEmpty, "\(endpoint):\n\(OracleTestKit.describe(found))")
        }
    }

    struct Variant: Sendable, CustomTestStringConvertible {
        let label: String
        let endpoint: String
        let request: @Sendable () -> JSON
        var testDescription: String { label }
    }

    static let variants: [Variant] = {
        var variants: [Variant] = []
        for bins in 2...10 {
            variants.append(
                Variant(label: "rfm bins \(bins)", endpoint: "customer_rfm") {
                    OracleTestKit.demoSample("customer_rfm").replacingValue(at: "/bins", with: .number(Double(bins)))
                })
        }
        for count in [1, 2, 3, 7, 10, 11, 21, 91] {
            for bins in [3, 5, 10] {
                variants.append(
                    Variant(label: "rfm first \(count) customers, bins \(bins)", endpoint: "customer_rfm") {
                        OracleTestKit.firstCustomers(OracleTestKit.demoRequest("customer_rfm"), count).replacingValue(
                            at: "/bins", with: .number(Double(bins)))
                    })
            }
            variants.append(
                Variant(label: "loyalty first \(count) customers", endpoint: "customer_loyalty") {
                    OracleTestKit.firstCustomers(OracleTestKit.demoRequest("customer_loyalty"), count)
                })
            variants.append(
                Variant(label: "clv features first \(count) customers", endpoint: "customer_clv_features") {
                    OracleTestKit.firstCustomers(OracleTestKit.demoRequest("customer_clv_features"), count)
                })
        }
        variants.append(
            Variant(label: "rfm without today", endpoint: "customer_rfm") { OracleTestKit.demoSample("customer_rfm").removingMember("today", at: "") }
        )
        variants.append(
            Variant(label: "features without today", endpoint: "customer_features") {
                OracleTestKit.demoSample("customer_features").removingMember("today", at: "")
            })
        variants.append(
            Variant(label: "loyalty, partial weights and thresholds", endpoint: "customer_loyalty") {
                OracleTestKit.demoSample("customer_loyalty")
                    .replacingValue(at: "/weights", with: OracleTestKit.json(#"{"visit_frequency": 3, "recency_days": 1, "product_diversity": 0}"#))
                    .replacingValue(at: "/segment_thresholds", with: OracleTestKit.json(#"{"Gold": 0.6, "Bronze": 0.1}"#))
            })
        variants.append(
            Variant(label: "loyalty, one weight", endpoint: "customer_loyalty") {
                OracleTestKit.demoSample("customer_loyalty").replacingValue(at: "/weights", with: OracleTestKit.json(#"{"avg_ticket": 2}"#))
            })
        variants.append(
            Variant(label: "clv features, amount basis", endpoint: "customer_clv_features") {
                OracleTestKit.demoSample("customer_clv_features").mappingElements(at: "/customers") { customer in
                    customer.mappingElements(at: "/transactions") { $0.removingMember("cost", at: "") }
                }
            })
        for days in [1, 30, 365, 3650] {
            variants.append(
                Variant(label: "clv features, churn threshold \(days)", endpoint: "customer_clv_features") {
                    OracleTestKit.demoSample("customer_clv_features").replacingValue(at: "/churn_threshold_days", with: .number(Double(days)))
                })
        }
        variants.append(
            Variant(label: "clv features without today", endpoint: "customer_clv_features") {
                OracleTestKit.demoSample("customer_clv_features").removingMember("today", at: "")
            })
        return variants
    }()

    @Test(arguments: variants)
    func engineOnDemoVariantsPasses(_ variant: Variant) throws {
        let request = variant.request()
        let response = try OracleTestKit.engineResponse(variant.endpoint, request, today: OracleTestKit.demoToday)
        let found = OracleTestKit.findings(variant.endpoint, request, response)
        #expect(found.isEmpty, "\(OracleTestKit.describe(found))")
    }
}

// MARK: - Wrong responses are caught

@Suite("Oracles catch wrong responses")
struct OracleMutationTests {
    /// A wrong answer: a correct engine response changed in one place, and the finding it must cause.
    struct Mutation: Sendable, CustomTestStringConvertible {
        let label: String
        let endpoint: String
        /// The spec example the request comes from, or nil for the demo step.
        let example: String?
        let clause: String
        /// Changes the response; returns it with the pointer that must be reported.
        let change: @Sendable (_ request: JSON, _ response: JSON) -> (JSON, String)
        var testDescription: String { label }

        init(
            _ label: String, _ endpoint: String, example: String? = nil, clause: String,
            change: @escaping @Sendable (_ request: JSON, _ response: JSON) -> (JSON, String)
        ) {
            self.label = label
            self.endpoint = endpoint
            self.example = example
            self.clause = clause
            self.change = change
        }
    }

    /// Adds `delta` to the number at `pointer`.
    static func add(_ delta: Double, at pointer: String) -> @Sendable (JSON, JSON) -> (JSON, String) {
        { _, response in (response.updatingValue(at: pointer) { .number(($0.number ?? 0) + delta) }, pointer) }
    }

    static func set(_ value: JSON, at pointer: String) -> @Sendable (JSON, JSON) -> (JSON, String) {
        { _, response in (response.replacingValue(at: pointer, with: value), pointer) }
    }

    /// The index of the first response customer that `condition` holds for.
    static func firstCustomer(_ response: JSON, where condition: (JSON) -> Bool) -> Int {
        (response["customers"]?.array ?? []).firstIndex(where: condition)!
    }

    static let mutations: [Mutation] = [
        // customer_features
        Mutation("features: recency_days + 1", "customer_features", clause: "FEAT-11", change: add(1, at: "/customers/7/features/recency_days")),
        Mutation("features: purchase_total × 1.01", "customer_features", clause: "FEAT-6") { _, response in
            let pointer = "/customers/3/features/purchase_total"
            return (response.updatingValue(at: pointer) { .number(($0.number! * 1.01 * 100).rounded() / 100) }, pointer)
        },
        Mutation(
            "features: purchase_total written unrounded", "customer_features", example: "FEAT-20", clause: "NUM-2",
            change: set(.number(520.55 + 398.40 + 310.00), at: "/customers/0/features/purchase_total")),
        Mutation(
            "features: avg_ticket off by a cent", "customer_features", example: "FEAT-20", clause: "FEAT-8",
            change: add(0.01, at: "/customers/0/features/avg_ticket")),
        Mutation(
            "features: visit_frequency counts days", "customer_features", clause: "FEAT-7",
            change: add(-1, at: "/customers/0/features/visit_frequency")),
        Mutation(
            "features: product_diversity + 1", "customer_features", example: "FEAT-20", clause: "FEAT-9",
            change: add(1, at: "/customers/1/features/product_diversity")),
        Mutation(
            "features: loyalty_score not echoed", "customer_features", example: "FEAT-20", clause: "FEAT-10",
            change: set(.number(0.9), at: "/customers/0/features/loyalty_score")),
        Mutation("features: customers reordered", "customer_features", example: "FEAT-20", clause: "FEAT-13") { _, response in
            let rows = response["customers"]!.array!
            return (response.replacingValue(at: "/customers", with: .array([rows[1], rows[0]])), "/customers/0/customer_id")
        },
        Mutation(
            "features: canonically equivalent product ids merged", "customer_features", example: "FEAT-9 exact product ids", clause: "FEAT-9",
            change: set(.number(2), at: "/customers/0/features/product_diversity")),
        Mutation(
            "loyalty: segment from the raw score", "customer_loyalty", example: "LOY-23 written score on the threshold", clause: "LOY-14",
            change: set(.string("Gold"), at: "/customers/1/segment")),
        Mutation(
            "clv: churned at the threshold", "customer_clv_features", example: "CLVF-21 negative margins", clause: "CLVF-12",
            change: set(.bool(true), at: "/customers/0/churned")),
        Mutation(
            "clv: one-time buyers ranked below a negative margin", "customer_clv_features", example: "CLVF-21 negative margins", clause: "CLVF-15",
            change: set(.number(0), at: "/customers/0/explanations/share_with_higher_value")),
        Mutation(
            "rfm: binary64 sums treated as equal", "customer_rfm", example: "RFM-26 sums that print alike", clause: "RFM-12",
            change: set(.number(5), at: "/customers/1/monetary_score")),
        Mutation("features: a customer dropped", "customer_features", example: "FEAT-20", clause: "FEAT-13") { _, response in
            (response.updatingValue(at: "/customers") { .array(Array($0.array!.dropLast())) }, "/customers")
        },
        Mutation("features: a feature missing", "customer_features", example: "FEAT-20", clause: "FEAT-11") { _, response in
            (response.removingMember("recency_days", at: "/customers/1/features"), "/customers/1/features/recency_days")
        },

        // customer_loyalty
        Mutation("loyalty: score off by 0.01", "customer_loyalty", clause: "LOY-13", change: add(0.01, at: "/customers/10/loyalty_score")),
        Mutation(
            "loyalty: threshold override ignored", "customer_loyalty", example: "LOY example 5", clause: "LOY-14",
            change: set(.string("Silver"), at: "/customers/3/segment")),
        Mutation(
            "loyalty: single customer not 0.5", "customer_loyalty", example: "LOY example 1", clause: "LOY-12",
            change: set(.number(1), at: "/customers/0/loyalty_score")),
        Mutation(
            "loyalty: constant feature not dropped", "customer_loyalty", example: "LOY example 3", clause: "LOY-18",
            change: set(.number(0.15), at: "/summary/weights_applied/product_diversity")),
        Mutation(
            "loyalty: constant_features empty", "customer_loyalty", example: "LOY example 5", clause: "LOY-19",
            change: set(.array([]), at: "/summary/constant_features")),
        Mutation(
            "loyalty: unweighted constant feature listed", "customer_loyalty", example: "LOY example 5", clause: "LOY-19",
            change: set(.array([.string("avg_ticket"), .string("product_diversity")]), at: "/summary/constant_features")),
        Mutation(
            "loyalty: median off", "customer_loyalty", example: "LOY example 4", clause: "LOY-16", change: add(0.0001, at: "/summary/median_score")),
        Mutation(
            "loyalty: top decile from raw scores", "customer_loyalty", example: "LOY example 5", clause: "LOY-16",
            change: add(0.0002, at: "/summary/top_decile_threshold")),
        Mutation("loyalty: a segment count off", "customer_loyalty", clause: "LOY-17", change: add(1, at: "/summary/segment_counts/Gold")),

        // customer_rfm
        Mutation(
            "rfm: a wrong frequency threshold", "customer_rfm", example: "RFM example 3", clause: "RFM-9",
            change: set(.number(2.5), at: "/thresholds/frequency/1")),
        Mutation("rfm: recency thresholds ascending", "customer_rfm", example: "RFM example 3", clause: "RFM-10") { _, response in
            (response.replacingValue(at: "/thresholds/recency", with: .array([4, 14, 40, 82].map { JSON.number($0) })), "/thresholds/recency/0")
        },
        Mutation("rfm: a monetary threshold off by 0.5", "customer_rfm", clause: "RFM-9", change: add(0.5, at: "/thresholds/monetary/2")),
        Mutation("rfm: rfm_class digits swapped", "customer_rfm", clause: "RFM-16") { _, response in
            let c = firstCustomer(response) { $0["recency_score"] != $0["monetary_score"] }
            let pointer = "/customers/\(c)/rfm_class"
            return (response.updatingValue(at: pointer) { .string(String($0.string!.reversed())) }, pointer)
        },
        Mutation(
            "rfm: recency tie takes the better score", "customer_rfm", example: "RFM example 3", clause: "RFM-13",
            change: set(.number(5), at: "/customers/4/recency_score")),
        Mutation(
            "rfm: monetary tie takes the better score", "customer_rfm", example: "RFM example 3", clause: "RFM-12",
            change: set(.number(3), at: "/customers/4/monetary_score")),
        Mutation(
            "rfm: constant metric not the middle score", "customer_rfm", example: "RFM example 1", clause: "RFM-15",
            change: set(.number(5), at: "/customers/0/recency_score")),
        Mutation("rfm: monetary_total off", "customer_rfm", clause: "RFM-7", change: add(1, at: "/customers/2/monetary_total")),
        Mutation("rfm: rfm_total off", "customer_rfm", example: "RFM example 3", clause: "RFM-17", change: add(-1, at: "/customers/0/rfm_total")),
        Mutation("rfm: a swapped tier", "customer_rfm", clause: "RFM-18") { _, response in
            let c = firstCustomer(response) { $0["rfm_tier"]?.string == "Loyal" }
            let pointer = "/customers/\(c)/rfm_tier"
            return (response.replacingValue(at: pointer, with: .string("Potential")), pointer)
        },
        Mutation(
            "rfm: At-Risk before Loyal", "customer_rfm", example: "RFM example 1", clause: "RFM-18",
            change: set(.string("At-Risk"), at: "/customers/0/rfm_tier")),
        Mutation(
            "rfm: tier_counts off", "customer_rfm", example: "RFM example 3", clause: "RFM-24", change: add(-1, at: "/tier_counts/At-Risk")),
        Mutation("rfm: hyphen instead of en dash", "customer_rfm", example: "RFM example 3", clause: "RFM-22") { _, response in
            let pointer = "/customers/0/interpretation"
            return (response.updatingValue(at: pointer) { .string($0.string!.replacingOccurrences(of: "–", with: "-")) }, pointer)
        },
        Mutation("rfm: bins 10 class without separators", "customer_rfm", example: "bins 10", clause: "RFM-16") { _, response in
            let pointer = "/customers/0/rfm_class"
            return (response.updatingValue(at: pointer) { .string($0.string!.replacingOccurrences(of: "-", with: "")) }, pointer)
        },

        // customer_clv_features
        Mutation("clv: monetary_value over all days", "customer_clv_features", clause: "CLVF-11") { request, response in
            // The first repeat buyer, valued as the mean margin of ALL its purchase days instead of the repeat ones.
            let c = firstCustomer(response) { ($0["frequency"]?.number ?? 0) >= 1 }
            let transactions = request["customers"]!.array![c]["transactions"]!.array!
            var total = 0.0
            var dates: Set<String> = []
            for transaction in transactions {
                total += transaction["amount"]!.number! - transaction["cost"]!.number!
                dates.insert(transaction["date"]!.string!)
            }
            let pointer = "/customers/\(c)/monetary_value"
            return (response.replacingValue(at: pointer, with: .number((total / Double(dates.count) * 100).rounded() / 100)), pointer)
        },
        Mutation(
            "clv: frequency counts transactions", "customer_clv_features", example: "CLVF example 2", clause: "CLVF-8",
            change: add(1, at: "/customers/0/frequency")),
        Mutation(
            "clv: recency off", "customer_clv_features", example: "CLVF example 2", clause: "CLVF-9", change: add(1, at: "/customers/1/recency")),
        Mutation("clv: T off", "customer_clv_features", example: "CLVF example 1", clause: "CLVF-10", change: add(-1, at: "/customers/0/T")),
        Mutation(
            "clv: churned flipped", "customer_clv_features", example: "CLVF example 2", clause: "CLVF-12",
            change: set(.bool(true), at: "/customers/2/churned")),
        Mutation(
            "clv: a swapped tier", "customer_clv_features", example: "CLVF example 2", clause: "CLVF-13",
            change: set(.string("High"), at: "/customers/3/clv_potential_tier")),
        Mutation(
            "clv: a one-time buyer ranked Medium", "customer_clv_features", example: "CLVF example 2", clause: "CLVF-13",
            change: set(.string("Medium"), at: "/customers/2/clv_potential_tier")),
        Mutation("clv: wrong sentence", "customer_clv_features", example: "CLVF example 2", clause: "CLVF-14") { _, response in
            let pointer = "/customers/4/interpretation"
            return (
                response.replacingValue(at: pointer, with: .string("One-time buyer so far. Encourage a second purchase with onboarding offers.")),
                pointer
            )
        },
        Mutation(
            "clv: share off", "customer_clv_features", example: "CLVF example 2", clause: "CLVF-15",
            change: set(.number(0.25), at: "/customers/0/explanations/share_with_higher_value")),
        Mutation(
            "clv: basis not margin", "customer_clv_features", example: "CLVF example 1", clause: "CLVF-15",
            change: set(.string("amount"), at: "/customers/0/explanations/monetary_basis")),
        Mutation(
            "clv: repeat mean over all customers", "customer_clv_features", example: "CLVF example 2", clause: "CLVF-16",
            change: set(.number(148.55), at: "/summary/mean_monetary_value_repeat")),
        Mutation("clv: churned count off", "customer_clv_features", clause: "CLVF-16", change: add(1, at: "/summary/churned")),
        // segment_cluster_profiles
        Mutation(
            "profiles: a quartile off by a unit", "segment_cluster_profiles", clause: "PROF-8",
            change: add(1, at: "/clusters/0/features/purchase_total/p75")),
        Mutation(
            "profiles: population std off", "segment_cluster_profiles", example: "PROF example", clause: "PROF-7",
            change: add(0.5, at: "/population/features/amount_spent/std")),
        Mutation(
            "profiles: category lift off", "segment_cluster_profiles", example: "PROF example", clause: "PROF-10",
            change: set(.number(1.25), at: "/clusters/0/top_categories/0/lift")),
        Mutation(
            "profiles: persona level not from lift_z", "segment_cluster_profiles", example: "PROF example", clause: "PROF-9",
            change: set(.string("mid"), at: "/clusters/1/persona/levels/spend")),
        // segment_subsegment_explore
        Mutation(
            "subsegments: vs_parent flipped", "segment_subsegment_explore", example: "SUB example", clause: "SUB-7",
            change: set(.string("higher"), at: "/subsegments/0/vs_parent/spend")),
        Mutation(
            "subsegments: share of parent off", "segment_subsegment_explore", example: "SUB example", clause: "SUB-13",
            change: add(0.1, at: "/subsegments/1/share_of_parent")),
        Mutation(
            "subsegments: tree child size off", "segment_subsegment_explore", clause: "SUB-10",
            change: add(1, at: "/tree/children/0/size")),
        // churn_label
        Mutation(
            "churn: a label flipped", "churn_label", example: "CHL-15", clause: "CHL-8", change: set(.string("active"), at: "/customers/1/label")),
        Mutation(
            "churn: adaptive threshold off", "churn_label", example: "CHL-15", clause: "CHL-7",
            change: add(1, at: "/customers/0/threshold_applied")),
        Mutation("churn: churned count off", "churn_label", clause: "CHL-11", change: add(1, at: "/summary/churned")),
        Mutation(
            "risk: band not from the score", "churn_risk", example: "CHR-15", clause: "CHR-8",
            change: set(.string("High"), at: "/customers/0/risk_band")),
        Mutation("risk: ratio off", "churn_risk", example: "CHR-15", clause: "CHR-5", change: add(0.01, at: "/customers/2/drivers/inactivity_ratio")),
        Mutation("risk: P(alive) off", "churn_risk", clause: "CLV-12", change: add(0.01, at: "/customers/0/drivers/p_alive")),
        Mutation("risk: model off the optimum", "churn_risk", clause: "CLV-10") { _, response in
            let pointer = "/model/parameters/r"
            return (response.updatingValue(at: pointer) { .number(($0.number! * 1.05 * 1e6).rounded() / 1e6) }, pointer)
        },
        Mutation(
            "churn: fallback warning dropped", "churn_label", example: "CHL-15", clause: "CHL-12", change: set(.array([]), at: "/warnings")),
        // customer_clv_forecast on the demo cohort (fitted models, a backtest that ran).
        Mutation("forecast: Gamma-Gamma off the optimum", "customer_clv_forecast", clause: "CLV-14") { _, response in
            let pointer = "/models/gamma_gamma/parameters/p"
            return (response.updatingValue(at: pointer) { .number(($0.number! * 1.05 * 1e6).rounded() / 1e6) }, pointer)
        },
        Mutation(
            "forecast: expected purchases off", "customer_clv_forecast", clause: "CLV-12",
            change: add(0.01, at: "/customers/0/explanations/expected_purchases")),
        Mutation(
            "forecast: value not undiscounted × factor", "customer_clv_forecast", clause: "CLV-29", change: add(1, at: "/customers/0/predicted_clv")),
        Mutation(
            "forecast: baseline mae off", "customer_clv_forecast", clause: "CLV-25",
            change: add(0.01, at: "/selection/backtest/baselines/1/metrics/mae")),
        Mutation(
            "forecast: holdout total off", "customer_clv_forecast", clause: "CLV-25",
            change: add(1, at: "/selection/backtest/candidates/0/metrics/total_actual")),
    ]

    @Test(arguments: mutations)
    func mutationIsReported(_ mutation: Mutation) throws {
        let request: JSON
        let correct: JSON
        switch mutation.example {
        case nil:
            request = OracleTestKit.demoRequest(mutation.endpoint)
            correct = OracleTestKit.demo[mutation.endpoint]!.response
        case "bins 10":
            request = OracleTestKit.demoSample(mutation.endpoint).replacingValue(at: "/bins", with: .number(10))
            correct = try OracleTestKit.engineResponse(mutation.endpoint, request, today: OracleTestKit.demoToday)
        case let label?:
            request = OracleTestKit.request(label)
            correct = try OracleTestKit.engineResponse(mutation.endpoint, request)
        }
        try #require(OracleTestKit.findings(mutation.endpoint, request, correct).isEmpty, "the unchanged response must pass")
        let (wrong, pointer) = mutation.change(request, correct)
        try #require(wrong != correct, "the mutation must change the response")
        let found = OracleTestKit.findings(mutation.endpoint, request, wrong)
        #expect(
            found.contains { $0.clause == mutation.clause && $0.pointer == pointer },
            "expected \(mutation.clause) at \(pointer), found:\n\(OracleTestKit.describe(found))")
        #expect(found.allSatisfy { $0.clause != nil }, "every finding names a clause")
    }
}
