/// Customers a caller already holds as models — an orders file read into a `CustomerBase` — handed to every
/// endpoint's reader in place of a `customers` array (`ComputeContext.suppliedCustomers`). The values are checked once,
/// by the readers themselves, when supplied (`checked`); each endpoint then applies only its own request-wide rules
/// (count limits, GEN-11's costs) to them.
package struct SuppliedCustomers: Sendable {
    package let histories: [CustomerHistory]
    /// One per customer, nil where the data has none (FEAT-10); nil when the data has none at all.
    package let loyaltyScores: [Double?]?

    /// The customers as `customer_features` and `customer_segmentation` read them.
    package var featureCustomers: [CustomerFeatures.Request.Customer] {
        histories.indices.map {
            CustomerFeatures.Request.Customer(
                customerId: histories[$0].customerId, loyaltyScore: loyaltyScores?[$0] ?? nil, transactions: histories[$0].transactions)
        }
    }

    /// The strictest features-dialect reader — transaction and product ids required, loyalty within [0, 1], every
    /// identifier (VAL-7) and date (VAL-6, VAL-8) — run over the customers as JSON, `chunk` customers at a time so the
    /// JSON never exists whole. Problems carry the pointers a whole `customer_features` body would give (at most
    /// `maxProblems` of them); the count limits are checked where the customers are read.
    package static func checked(
        _ histories: [CustomerHistory], loyaltyScores: [Double?]?, today: Day, limits: Limits, chunk: Int = 20_000, maxProblems: Int = 100
    ) throws(CintelError) -> SuppliedCustomers {
        var unlimited = limits
        unlimited.maxCustomers = Int.max
        unlimited.maxTotalTransactions = Int.max
        let perChunk = unlimited
        let context = ComputeContext(today: today, limits: perChunk)
        // Chunks are read a core's worth at a time, their problems kept in chunk order, until enough are found.
        var problems: [Problem] = []
        let chunks = (histories.count + chunk - 1) / chunk
        var next = 0
        while next < chunks, problems.count < maxProblems {
            let batch = Array(next..<min(chunks, next + activeCoreCount))
            let found = concurrentMap(batch.count) { position in
                let start = batch[position] * chunk
                let end = min(start + chunk, histories.count)
                let customers = (start..<end).map { index -> JSONValue in
                    var members: [JSONValue.Member] = [.init("customer_id", .string(histories[index].customerId))]
                    if let score = loyaltyScores?[index] ?? nil { members.append(.init("loyalty_score", .number(score))) }
                    members.append(.init("transactions", .array(histories[index].transactions.map(\.json))))
                    return .object(members)
                }
                let reader = RequestReader(limits: perChunk)
                _ = CustomerFeatures.read(
                    .object([.init("today", .string(today.description)), .init("customers", .array(customers))]), reader: reader,
                    context: context)
                return reader.problems.map { Self.shifted($0, by: start) }
            }
            problems += found.joined()
            next += batch.count
        }
        guard problems.isEmpty else { throw .invalid(Array(problems.prefix(maxProblems))) }
        return SuppliedCustomers(histories: histories, loyaltyScores: loyaltyScores)
    }

    /// A chunk's problem at its place in the whole list: `/customers/i/…` → `/customers/(i + offset)/…`.
    private static func shifted(_ problem: Problem, by offset: Int) -> Problem {
        var tokens = problem.pointer.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if tokens.count > 2, tokens[1] == "customers", let index = Int(tokens[2]) { tokens[2] = String(index + offset) }
        return Problem(pointer: tokens.joined(separator: "/"), code: problem.code, message: problem.message)
    }
}

extension Transaction {
    /// The transaction as a request carries it (GEN-10), members in schema order; built directly, without an encoder,
    /// because a job turns millions of them into JSON.
    package var json: JSONValue {
        var members: [JSONValue.Member] = []
        members.reserveCapacity(6)
        if let transactionId { members.append(.init("transaction_id", .string(transactionId))) }
        members.append(.init("date", .string(date.description)))
        members.append(.init("amount", .number(amount)))
        if let cost { members.append(.init("cost", .number(cost))) }
        if let productId { members.append(.init("product_id", .string(productId))) }
        if let category { members.append(.init("category", .string(category))) }
        return .object(members)
    }
}
