/// The work one request may ask for (VAL-11). Every deployment can change these; the defaults suit a 2-core,
/// 24 GiB machine.
public struct Limits: Sendable, Equatable {
    public var maxBodyBytes: Int
    public var maxCustomers: Int
    public var maxTransactionsPerCustomer: Int
    public var maxTotalTransactions: Int
    public var maxStringLength: Int
    public var maxDepth: Int

    public init(
        maxBodyBytes: Int = 64 << 20,
        maxCustomers: Int = 1_000_000,
        maxTransactionsPerCustomer: Int = 100_000,
        maxTotalTransactions: Int = 10_000_000,
        maxStringLength: Int = 256,
        maxDepth: Int = 32
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxCustomers = maxCustomers
        self.maxTransactionsPerCustomer = maxTransactionsPerCustomer
        self.maxTotalTransactions = maxTotalTransactions
        self.maxStringLength = maxStringLength
        self.maxDepth = maxDepth
    }

    public static let `default` = Limits()
}
