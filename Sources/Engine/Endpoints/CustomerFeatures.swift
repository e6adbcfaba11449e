/// `customer_features` (spec/customer_features.md): six features per customer rolled up from transactions.
public enum CustomerFeatures: EndpointDefinition, EndpointComputation {
    package static let name = "customer_features"
    package static let sourceSection: String? = "4.1.2"
    package static let specFile = "customer_features.md"
    package static let summary = "Roll transactions up into six features per customer"
    package static let requestSchema = EndpointSchemas.document(
        PackageResources.customer_features_request_json, file: "customer_features.request.json")
    package static let responseSchema = EndpointSchemas.document(
        PackageResources.customer_features_response_json, file: "customer_features.response.json")
    package static let documentedExample = DocumentedExamples.customerFeatures

    public struct Request: Codable, Sendable {
        public var today: Day?
        public var customers: [Customer]

        public init(today: Day? = nil, customers: [Customer]) {
            self.today = today
            self.customers = customers
        }

        public struct Customer: Codable, Sendable {
            public var customerId: String
            public var loyaltyScore: Double?
            public var transactions: [Transaction]

            public init(customerId: String, loyaltyScore: Double? = nil, transactions: [Transaction]) {
                self.customerId = customerId
                self.loyaltyScore = loyaltyScore
                self.transactions = transactions
            }

            enum CodingKeys: String, CodingKey {
                case customerId = "customer_id"
                case loyaltyScore = "loyalty_score"
                case transactions
            }
        }
    }

    public struct Response: Codable, Sendable {
        public var customers: [Row]

        public struct Row: Codable, Sendable {
            public var customerId: String
            public var features: FeatureVector

            enum CodingKeys: String, CodingKey {
                case customerId = "customer_id"
                case features
            }
        }
    }

    package static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request? {
        guard let root = reader.object(body, allowed: ["today", "customers"]) else { return nil }
        let today = reader.today(root, default: context.today)
        let customers = readCustomers(root, reader: reader, today: today, context: context)
        guard let customers, reader.problems.isEmpty else { return nil }
        return Request(today: today, customers: customers)
    }

    /// FEAT-2 to FEAT-5's `customers`, shared with customer_segmentation (CSEG-3).
    package static func readCustomers(_ root: RequestReader.Fields, reader: RequestReader, today: Day?, context: ComputeContext)
        -> [Request.Customer]?
    {
        if let supplied = reader.supplied { return reader.checkedSupplied(supplied.featureCustomers) { $0.transactions.count } }
        var budget = context.limits.maxTotalTransactions
        let customers = reader.customers(
            root,
            { object -> (id: String?, value: Request.Customer?)? in
                let id = reader.field(object, "customer_id") { reader.identifier($0) }
                let loyalty = reader.field(object, "loyalty_score", required: false) { reader.number($0, min: 0, max: 1) }
                let transactions = reader.transactions(object, requiring: [.transactionId, .productId], today: today, budget: &budget)
                if object.has("loyalty_score") && loyalty == nil { return (id, nil) }
                guard let id, let transactions else { return (id, nil) }
                return (id, Request.Customer(customerId: id, loyaltyScore: loyalty, transactions: transactions))
            }, allowed: ["customer_id", "loyalty_score", "transactions"])
        reader.checkTransactionBudget(budget)
        return customers
    }

    public static func respond(to request: Request, context: ComputeContext) -> Response {
        let today = request.today ?? context.today
        return Response(customers: request.customers.map { Response.Row(customerId: $0.customerId, features: features(of: $0, today: today)) })
    }

    /// FEAT formulas: every transaction is a visit (same-day ones too), diversity counts distinct product ids.
    public static func features(of customer: Request.Customer, today: Day) -> FeatureVector {
        var total = 0.0
        var latest = customer.transactions[0].date
        var products = Set<ExactText>()
        for transaction in customer.transactions {
            total += transaction.amount
            latest = max(latest, transaction.date)
            if let product = transaction.productId { products.insert(ExactText(product)) }
        }
        let visits = Double(customer.transactions.count)
        return FeatureVector(
            purchaseTotal: money(total),
            visitFrequency: visits,
            avgTicket: money(total / visits),
            productDiversity: Double(products.count),
            loyaltyScore: score(customer.loyaltyScore ?? 0),
            recencyDays: Double(latest.days(until: today))
        )
    }
}

/// The six features of 4.1.1/4.1.2. All are numbers so that one type serves as the output of `customer_features`
/// and the input of `customer_loyalty` and the 4.1.1 segmentation dialect.
public struct FeatureVector: Codable, Sendable, Equatable {
    public var purchaseTotal: Double
    public var visitFrequency: Double
    public var avgTicket: Double
    public var productDiversity: Double
    public var loyaltyScore: Double?
    public var recencyDays: Double

    public init(
        purchaseTotal: Double, visitFrequency: Double, avgTicket: Double, productDiversity: Double, loyaltyScore: Double?, recencyDays: Double
    ) {
        self.purchaseTotal = purchaseTotal
        self.visitFrequency = visitFrequency
        self.avgTicket = avgTicket
        self.productDiversity = productDiversity
        self.loyaltyScore = loyaltyScore
        self.recencyDays = recencyDays
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case purchaseTotal = "purchase_total"
        case visitFrequency = "visit_frequency"
        case avgTicket = "avg_ticket"
        case productDiversity = "product_diversity"
        case loyaltyScore = "loyalty_score"
        case recencyDays = "recency_days"
    }
}

extension CustomerFeatures.Response.Row: JSONRepresentable {
    package var json: JSONValue {
        .object([.init(CodingKeys.customerId.stringValue, .string(customerId)), .init(CodingKeys.features.stringValue, features.json)])
    }
}

extension FeatureVector: JSONRepresentable {
    package var json: JSONValue {
        typealias Key = CodingKeys
        var members: [JSONValue.Member] = [
            .init(Key.purchaseTotal.stringValue, .number(purchaseTotal)), .init(Key.visitFrequency.stringValue, .number(visitFrequency)),
            .init(Key.avgTicket.stringValue, .number(avgTicket)), .init(Key.productDiversity.stringValue, .number(productDiversity)),
        ]
        if let loyaltyScore { members.append(.init(Key.loyaltyScore.stringValue, .number(loyaltyScore))) }
        members.append(.init(Key.recencyDays.stringValue, .number(recencyDays)))
        return .object(members)
    }
}
