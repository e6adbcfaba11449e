/// What every request is computed against besides its body: the date `today` defaults to (GEN-6) and the size
/// limits in force (VAL-11).
public struct ComputeContext: Sendable {
    public var today: Day
    public var limits: Limits
    /// Benchmarks shared by the endpoints of one job (nil: every request computes its own).
    package var segmentationMemo: SegmentationMemo?
    /// Customers a job already holds as checked models (`AnalysisJob`): readers take them in place of the body's
    /// `customers` array, so millions of transactions are not serialised only to be parsed back. Nil for requests.
    package var suppliedCustomers: SuppliedCustomers?

    public init(today: Day = .todayUTC(), limits: Limits = .default) {
        self.today = today
        self.limits = limits
    }
}
