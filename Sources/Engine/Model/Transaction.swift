/// One order line as every transaction-based endpoint receives it (GEN-10).
public struct Transaction: Codable, Sendable, Equatable {
    public var transactionId: String?
    public var date: Day
    public var amount: Double
    public var cost: Double?
    public var productId: String?
    /// The product's category (GEN-10); the segmentation families use it, the others accept and ignore it.
    public var category: String?

    public init(transactionId: String? = nil, date: Day, amount: Double, cost: Double? = nil, productId: String? = nil, category: String? = nil) {
        self.transactionId = transactionId
        self.date = date
        self.amount = amount
        self.cost = cost
        self.productId = productId
        self.category = category
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case transactionId = "transaction_id"
        case date, amount, cost
        case productId = "product_id"
        case category
    }

    /// The amount less the cost where a cost is given (GEN-11).
    public var margin: Double { amount - (cost ?? 0) }
}

/// A customer and their transactions, the unit of every transaction-based request.
public struct CustomerHistory: Codable, Sendable, Equatable {
    public var customerId: String
    public var transactions: [Transaction]

    public init(customerId: String, transactions: [Transaction]) {
        self.customerId = customerId
        self.transactions = transactions
    }

    enum CodingKeys: String, CodingKey {
        case customerId = "customer_id"
        case transactions
    }
}

/// Which optional transaction members an endpoint requires (GEN-10).
package struct TransactionRequirements: OptionSet, Sendable {
    package let rawValue: Int
    package init(rawValue: Int) { self.rawValue = rawValue }

    package static let transactionId = TransactionRequirements(rawValue: 1)
    package static let productId = TransactionRequirements(rawValue: 2)
}
