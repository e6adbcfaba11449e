/// Readers shared by every endpoint that takes a `customers` array: identifiers unique across the request (VAL-7),
/// transactions checked against `today` (VAL-8), costs all-or-none (GEN-11) and the count limits (VAL-11).
extension RequestReader {
    /// Reads `today` (GEN-6): the context's date when absent; nil when present but invalid, so that checks against
    /// it (VAL-8) are skipped rather than made against a date the caller did not give (VAL-2).
    package func today(_ fields: Fields, default fallback: Day) -> Day? {
        guard fields.has("today") else { return fallback }
        return field(fields, "today", required: false) { date($0) }
    }

    /// Reads the `customers` array: each element through `readCustomer`, which returns the customer's id (for the
    /// uniqueness check) with its value.
    package func customers<C>(
        _ fields: Fields, member: String = "customers", _ readCustomer: (Fields) -> (id: String?, value: C?)?, allowed: [String]
    ) -> [C]? {
        field(fields, member) { value -> [C]? in
            guard let elements = array(value, minItems: 1, limit: limits.maxCustomers, limitName: "customers") else { return nil }
            var firstIndex: [ExactText: Int] = [:]
            firstIndex.reserveCapacity(elements.count)
            var customers: [C] = []
            customers.reserveCapacity(elements.count)
            var complete = true
            for (index, element) in elements.enumerated() {
                at(index) {
                    guard let object = object(element, allowed: allowed), let (id, value) = readCustomer(object) else {
                        complete = false
                        return
                    }
                    if let id {
                        if let first = firstIndex[ExactText(id)] {
                            let key = object.has("customer_id") ? "customer_id" : "id"
                            report("duplicate_id", "customer id '\(id)' already appears at /\(member)/\(first)", at: .key(key))
                            complete = false
                        } else {
                            firstIndex[ExactText(id)] = index
                        }
                    }
                    if let value { customers.append(value) } else { complete = false }
                }
            }
            return complete ? customers : nil
        }
    }

    /// Reads `customers` as `{customer_id, transactions}` histories (GEN-10), checked against `today` (VAL-8) and the
    /// request-wide transaction budget (VAL-11).
    package func customerHistories(_ fields: Fields, today: Day?) -> [CustomerHistory]? {
        if let supplied { return checkedSupplied(supplied.histories) { $0.transactions.count } }
        var budget = limits.maxTotalTransactions
        let customers = customers(
            fields,
            { object -> (id: String?, value: CustomerHistory?)? in
                let id = field(object, "customer_id") { identifier($0) }
                let transactions = transactions(object, requiring: [], today: today, budget: &budget)
                guard let id, let transactions else { return (id, nil) }
                return (id, CustomerHistory(customerId: id, transactions: transactions))
            }, allowed: ["customer_id", "transactions"])
        checkTransactionBudget(budget)
        return customers
    }

    /// Reads a customer's `transactions` array (≥ 1 item).
    package func transactions(_ fields: Fields, requiring: TransactionRequirements, today: Day?, budget: inout Int) -> [Transaction]? {
        field(fields, "transactions") { value -> [Transaction]? in
            if case .deferred(let list) = value,
                let scanned = list.withBytes({ TransactionListScanner.scan($0, requiring: requiring, today: today, limits: limits) })
            {
                budget -= scanned.count
                return budget < 0 ? nil : scanned
            }
            guard let elements = array(value, minItems: 1, limit: limits.maxTransactionsPerCustomer, limitName: "transactions") else {
                return nil
            }
            budget -= elements.count
            if budget < 0 { return nil }
            var transactions: [Transaction] = []
            transactions.reserveCapacity(elements.count)
            var ids: Set<ExactText> = []
            var complete = true
            for (index, element) in elements.enumerated() {
                at(index) {
                    // Uniqueness is checked on the raw id, so a repeat is reported even when its first use had other problems.
                    if case .string(let id)? = element["transaction_id"], !ids.insert(ExactText(id)).inserted {
                        report("duplicate_id", "transaction id '\(id)' appears more than once for this customer", at: .key("transaction_id"))
                        complete = false
                    }
                    guard let transaction = transaction(element, requiring: requiring, today: today) else {
                        complete = false
                        return
                    }
                    transactions.append(transaction)
                }
            }
            return complete ? transactions : nil
        }
    }

    private func transaction(_ value: JSONValue, requiring: TransactionRequirements, today: Day?) -> Transaction? {
        guard let object = object(value, allowed: Transaction.CodingKeys.allCases.map(\.rawValue)) else { return nil }
        let id = field(object, "transaction_id", required: requiring.contains(.transactionId)) { identifier($0) }
        let day = field(object, "date") { value -> Day? in
            guard let day = date(value) else { return nil }
            if let today, day > today {
                report("after_today", "\(day) is after today (\(today))")
                return nil
            }
            return day
        }
        let amount = field(object, "amount") { number($0, min: 0) }
        let cost = field(object, "cost", required: false) { number($0, min: 0) }
        let product = field(object, "product_id", required: requiring.contains(.productId)) { identifier($0) }
        let category = field(object, "category", required: false) { identifier($0) }
        if object.has("transaction_id") && id == nil { return nil }
        if object.has("cost") && cost == nil { return nil }
        if object.has("product_id") && product == nil { return nil }
        if object.has("category") && category == nil { return nil }
        guard let day, let amount else { return nil }
        if requiring.contains(.transactionId) && id == nil { return nil }
        if requiring.contains(.productId) && product == nil { return nil }
        return Transaction(transactionId: id, date: day, amount: amount, cost: cost, productId: product, category: category)
    }

    /// GEN-11: costs on every transaction of the request or on none. Returns whether costs are in use.
    package func checkCostsConsistent(_ customers: [CustomerHistory]) -> Bool {
        var withCost = 0
        var total = 0
        for customer in customers {
            total += customer.transactions.count
            for transaction in customer.transactions where transaction.cost != nil { withCost += 1 }
        }
        guard withCost > 0 && withCost < total else { return withCost > 0 }
        for (customerIndex, customer) in customers.enumerated() {
            for (index, transaction) in customer.transactions.enumerated() where transaction.cost == nil {
                let pointer = JSONPointer([.key("customers"), .index(customerIndex), .key("transactions"), .index(index)])
                report(at: pointer, "inconsistent", "missing 'cost': other transactions of this request have one, so every transaction needs one")
            }
        }
        return true
    }

    /// Supplied customers within the count limits (VAL-11), reported at `/customers` as a body of them would be; their
    /// values were checked by `SuppliedCustomers.check` when supplied.
    package func checkedSupplied<C>(_ customers: [C], transactions: (C) -> Int) -> [C]? {
        let before = problems.count + limitProblems.count
        at("customers") {
            let counts = customers.map(transactions)
            if customers.count > limits.maxCustomers {
                reportLimit("has \(customers.count) customers; this deployment accepts at most \(limits.maxCustomers)")
            } else if let most = counts.max(), most > limits.maxTransactionsPerCustomer {
                reportLimit("a customer has \(most) transactions; this deployment accepts at most \(limits.maxTransactionsPerCustomer) per customer")
            } else if counts.reduce(0, +) > limits.maxTotalTransactions {
                reportLimit(
                    "has \(counts.reduce(0, +)) transactions in all; this deployment accepts at most \(limits.maxTotalTransactions)")
            }
        }
        return problems.count + limitProblems.count == before ? customers : nil
    }

    /// Checks the request-wide transaction budget (VAL-11) after the customers were read.
    package func checkTransactionBudget(_ budget: Int) {
        if budget < 0 {
            at("customers") {
                reportLimit(
                    "has \(limits.maxTotalTransactions - budget) transactions in all; this deployment accepts at most \(limits.maxTotalTransactions)")
            }
        }
    }
}
