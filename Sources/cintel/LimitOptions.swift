import ArgumentParser
import Engine

/// The size limits of VAL-11, settable per invocation.
struct LimitOptions: ParsableArguments {
    @Option(help: "Largest request body in bytes.")
    var maxBodyBytes: Int = Limits.default.maxBodyBytes
    @Option(help: "Most customers in one request.")
    var maxCustomers: Int = Limits.default.maxCustomers
    @Option(help: "Most transactions for one customer.")
    var maxTransactionsPerCustomer: Int = Limits.default.maxTransactionsPerCustomer
    @Option(help: "Most transactions in one request.")
    var maxTotalTransactions: Int = Limits.default.maxTotalTransactions

    var limits: Limits {
        Limits(
            maxBodyBytes: maxBodyBytes, maxCustomers: maxCustomers, maxTransactionsPerCustomer: maxTransactionsPerCustomer,
            maxTotalTransactions: maxTotalTransactions)
    }
}
