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
    @Option(help: "Segmentation is exact up to this many customers; above it the silhouette is sampled and Ward uses a coreset.")
    var exactLimit: Int = Limits.default.exactLimit
    @Option(help: "Customers in the silhouette sample above the exact limit.")
    var silhouetteSample: Int = Limits.default.silhouetteSample
    @Option(help: "Points in the Ward coreset above the exact limit.")
    var wardCoreset: Int = Limits.default.wardCoreset

    func validate() throws {
        guard exactLimit >= 1, silhouetteSample >= 2, wardCoreset >= 2 else {
            throw ValidationError("--exact-limit must be ≥ 1, --silhouette-sample and --ward-coreset ≥ 2")
        }
    }

    var limits: Limits {
        Limits(
            maxBodyBytes: maxBodyBytes, maxCustomers: maxCustomers, maxTransactionsPerCustomer: maxTransactionsPerCustomer,
            maxTotalTransactions: maxTotalTransactions, exactLimit: exactLimit, silhouetteSample: silhouetteSample, wardCoreset: wardCoreset)
    }
}
