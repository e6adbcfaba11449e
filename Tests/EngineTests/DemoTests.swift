import Reports
import Testing

@testable import Engine

@Suite("Demo retailer and job")
struct DemoTests {
    @Test func retailerIsDeterministicAndRealistic() {
        let a = DemoRetailer(customers: 300)
        let b = DemoRetailer(customers: 300)
        #expect(a.customers == b.customers)
        #expect(a.customers != DemoRetailer(customers: 300, seed: 1).customers)
        let first = a.customers.flatMap(\.transactions).map(\.date).min()!
        #expect(first.days(until: a.today) > 365)
        #expect(a.customers.allSatisfy { !$0.transactions.isEmpty && $0.transactions.allSatisfy { $0.date <= a.today && ($0.cost ?? -1) >= 0 } })
        let repeatBuyers = a.customers.filter { Set($0.transactions.map(\.date)).count > 1 }.count
        #expect(repeatBuyers > 100 && repeatBuyers < 300)
    }

    @Test func jobRunsEveryServedEndpointDeterministically() throws {
        let job = AnalysisJob(retailer: DemoRetailer(customers: 200))
        let steps = try job.run()
        #expect(
            steps.map(\.endpoint) == [
                "customer_features", "customer_loyalty", "purchasing_segmentation", "segment_cluster_profiles", "segment_subsegment_explore",
                "segment_hierarchy_chart", "customer_segmentation", "customer_rfm", "customer_clv_features", "churn_label", "churn_risk",
                "customer_clv_forecast", "nps",
            ])
        // The job writes the report packs as files, not as steps.
        #expect(Set(steps.map(\.endpoint)) == Set(EndpointCatalog.all.map(\.name).filter { !$0.hasPrefix("segmentation_report") }))
        let again = try job.run()
        #expect(steps.map(\.response) == again.map(\.response))
        for step in steps {
            let response = try JSONParser.parse(step.response)
            let rows =
                ["purchasing_segmentation", "segment_hierarchy_chart", "segment_cluster_profiles"].contains(step.endpoint)
                ? response["customer_labels"] : response["customers"]
            if step.endpoint == "nps" {
                // Survey answers, not customers: some of them, all in overall, split by channel.
                let answers = response[pointer: "/overall/responses"]?.double ?? 0
                #expect(answers > 0 && answers < 200)
                #expect(response["by_segment"]?.elements.map { $0["segment"] } == [.string("online"), .string("store")])
            } else if step.endpoint == "segment_subsegment_explore" {
                // Only the explored parent's members are labelled, and they are as many as the parent holds.
                #expect(rows == nil && response["customer_labels"]?.elements.count == Int(response["parent"]?["size"]?.double ?? -1))
                #expect((response["subsegments"]?.elements.count ?? 0) >= 1)
            } else {
                #expect(rows?.elements.count == 200, "\(step.endpoint)")
            }
        }
    }

    /// With a memo in the context, rows segmented twice (the features dialect and `customer_segmentation`) cost one
    /// benchmark, and the answers are the bytes a job without a memo gives.
    @Test func aSharedMemoSegmentsTheSameRowsOnce() throws {
        let job = AnalysisJob(retailer: DemoRetailer(customers: 200))
        var context = ComputeContext(today: job.base.today)
        let memo = SegmentationMemo()
        context.segmentationMemo = memo
        var responses: [JSONValue] = []
        try job.run(context: context) { responses.append($0.response) }
        // purchasing_segmentation (= customer_segmentation), the sub-segmentation, the Ward-only chart benchmark.
        #expect(memo.runCount == 3)
        // The chart's tree is the features dialect's: only the sub-segmentation's rows need a second one.
        #expect(memo.treeCount == 2)
        let plain = try job.run()
        #expect(responses.map { JSONWriter().bytes($0) } == plain.map(\.response))
    }

    /// Rows read once through a memo are found again for the very same array (same storage), not for an equal copy,
    /// another dialect or labelled reading, nor after the job forgets them.
    @Test func readRowsAreFoundAgainByTheirArray() throws {
        let row = { (id: String, total: Double) -> JSONValue in
            .object([
                .init("customer_id", .string(id)),
                .init(
                    "features",
                    .object([
                        .init("purchase_total", .number(total)), .init("visit_frequency", .number(3)), .init("avg_ticket", .number(total / 3)),
                        .init("product_diversity", .number(2)), .init("loyalty_score", .number(0.5)), .init("recency_days", .number(12)),
                    ])),
            ])
        }
        let elements = [row("a", 90), row("b", 30)]
        let memo = SegmentationMemo()
        let reader = RequestReader(limits: .default)
        reader.segmentationMemo = memo
        let root = try #require(reader.object(.object([.init("data", .array(elements))]), allowed: ["data"]))
        let first = try #require(PurchasingSegmentation.readRows(root, dialect: .features, reader: reader))
        let found = try #require(memo.rows(of: elements, dialect: .features, rowLabels: false, limits: reader.limits))
        #expect(found.ids == ["a", "b"] && found.ids == first.ids && found.features == first.features)
        #expect(found.features.values == [90, 3, 30, 2, 0.5, 12, 30, 3, 10, 2, 0.5, 12])
        var copy = elements
        copy.append(.null)
        copy.removeLast()
        #expect(memo.rows(of: copy, dialect: .features, rowLabels: false, limits: reader.limits) == nil)
        #expect(memo.rows(of: elements, dialect: .features, rowLabels: true, limits: reader.limits) == nil)
        #expect(memo.rows(of: elements, dialect: .benchmark, rowLabels: false, limits: reader.limits) == nil)
        // A second read through the memo answers the same rows.
        let again = try #require(PurchasingSegmentation.readRows(root, dialect: .features, reader: reader))
        #expect(again.ids == first.ids && again.features == first.features)
        memo.forgetRows()
        #expect(memo.rows(of: elements, dialect: .features, rowLabels: false, limits: reader.limits) == nil)
    }

    /// The per-customer table keeps each response's cells by customer id, whatever the rows' order.
    @Test func customerTableFillsCellsByCustomerId() {
        var table = CustomerTable(customers: ["b", "a,1"])
        let rows: JSONValue = .array([
            .object([.init("customer_id", .string("a,1")), .init("rfm_class", .string("555")), .init("rfm_tier", .string("Champion"))]),
            .object([.init("customer_id", .string("b")), .init("rfm_class", .string("111")), .init("rfm_tier", .string("At-Risk"))]),
            .object([.init("customer_id", .string("unknown")), .init("rfm_class", .string("999"))]),
        ])
        table.take("customer_rfm", response: .object([.init("customers", rows)]))
        table.take("nps", response: .object([.init("customers", rows)]))
        let lines = String(decoding: table.csv(), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1] == "b,,,,,,,,111,At-Risk,,,,,,,,,")
        #expect(lines[2] == "\"a,1\",,,,,,,,555,Champion,,,,,,,,,")
    }

    /// The job hands its histories to the endpoints as models; each answer is the one the endpoint gives to the
    /// written request, parsed and read the ordinary way.
    @Test func suppliedCustomersAnswerAsTheirJSONWould() throws {
        let job = AnalysisJob(retailer: DemoRetailer(customers: 150))
        let context = ComputeContext(today: job.base.today)
        for step in try job.run() {
            let endpoint = try #require(EndpointCatalog.named(step.endpoint))
            #expect(try endpoint.respond(to: step.request, context: context) == step.response, "\(step.endpoint)")
        }
    }

    /// Supplied customers are checked by the endpoints' own reader, chunk by chunk: the problems, pointers included,
    /// are those of a `customer_features` body holding them all.
    @Test func suppliedCustomersAreCheckedLikeABody() throws {
        let day = Day(year: 2025, month: 3, day: 1)!
        func sale(_ id: String?, _ product: String?, on date: Day = Day(year: 2025, month: 1, day: 2)!) -> Transaction {
            Transaction(transactionId: id, date: date, amount: 5, cost: nil, productId: product, category: nil)
        }
        let histories = [
            CustomerHistory(customerId: "A", transactions: [sale("t1", "p")]),
            CustomerHistory(customerId: "B", transactions: [sale("t1", "p"), sale("t1", "q")]),
            CustomerHistory(customerId: "C", transactions: [sale("t2", nil)]),
            CustomerHistory(customerId: String(repeating: "x", count: 300), transactions: [sale("t3", "p", on: Day(year: 2025, month: 4, day: 1)!)]),
        ]
        let scores: [Double?] = [nil, 0.5, 1.5, nil]
        let expected: [Problem]
        do {
            let body = OrderedJSONEncoder.encode(
                CustomerFeatures.Request(
                    today: day,
                    customers: histories.indices.map {
                        CustomerFeatures.Request.Customer(
                            customerId: histories[$0].customerId, loyaltyScore: scores[$0], transactions: histories[$0].transactions)
                    }))
            _ = try EndpointCatalog.named("customer_features")!.respond(to: JSONWriter().bytes(body), context: ComputeContext(today: day))
            Issue.record("the body should be refused")
            return
        } catch {
            expected = error.problems
        }
        #expect(expected.count >= 4)
        #expect(throws: CintelError.self) { try SuppliedCustomers.checked(histories, loyaltyScores: scores, today: day, limits: .default, chunk: 1) }
        do {
            _ = try SuppliedCustomers.checked(histories, loyaltyScores: scores, today: day, limits: .default, chunk: 3)
        } catch {
            #expect(error.problems == expected)
        }
        #expect(throws: Never.self) { try SuppliedCustomers.checked(Array(histories.prefix(1)), loyaltyScores: nil, today: day, limits: .default) }
    }
}
