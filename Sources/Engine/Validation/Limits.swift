/// The work one request may ask for (VAL-11). Every deployment can change these; the defaults suit a 2-core,
/// 24 GiB machine.
public struct Limits: Sendable, Equatable {
    public var maxBodyBytes: Int
    public var maxCustomers: Int
    public var maxTransactionsPerCustomer: Int
    public var maxTotalTransactions: Int
    public var maxStringLength: Int
    public var maxDepth: Int
    /// Segmentation is exact up to this many customers; above it, the silhouette is sampled and the Ward tree is
    /// built on a coreset (SEG-49 to SEG-51).
    public var exactLimit: Int
    public var silhouetteSample: Int
    public var wardCoreset: Int

    public init(
        maxBodyBytes: Int = 64 << 20,
        maxCustomers: Int = 1_000_000,
        maxTransactionsPerCustomer: Int = 100_000,
        maxTotalTransactions: Int = 10_000_000,
        maxStringLength: Int = 256,
        maxDepth: Int = 32,
        exactLimit: Int = 20_000,
        silhouetteSample: Int = 10_000,
        wardCoreset: Int = 2_000
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxCustomers = maxCustomers
        self.maxTransactionsPerCustomer = maxTransactionsPerCustomer
        self.maxTotalTransactions = maxTotalTransactions
        self.maxStringLength = maxStringLength
        self.maxDepth = maxDepth
        self.exactLimit = exactLimit
        self.silhouetteSample = silhouetteSample
        self.wardCoreset = wardCoreset
    }

    public static let `default` = Limits()
}
