import Engine

/// Everything `cintel serve` can be told: where to listen, where the keys are, and the bounds of VAL-11 and of
/// the service itself.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The key file (see `KeyFile`); nil serves without authentication, which only tests and local demos use.
    public var keysFile: String?
    public var limits: Limits
    /// Requests computing at once; beyond it the service answers 503 with `Retry-After`.
    public var maxConcurrentRequests: Int
    /// Longest a computation may run before the request is answered 503.
    public var deadlineSeconds: Double
    /// A connection that sends nothing for this long, or whose request head is still incomplete after it, is closed
    /// (SRV-4).
    public var idleTimeoutSeconds: Double
    /// Answers `today` defaults to when a request has none (GEN-6); nil means the current UTC date per request.
    public var fixedToday: Day?
    /// Serves `GET /metrics` (Prometheus text format, spec clause SRV-8); off, that path is a 404 like any other.
    public var metrics: Bool
    /// What a request computes, and the clock its deadline is kept by: the engine and the system clock, except in
    /// tests of the bound, the deadline and shutdown.
    package var computation: any RequestComputation = EndpointComputation()
    package var deadlineClock: any DeadlineClock = SystemDeadlineClock()

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        keysFile: String? = nil,
        limits: Limits = .default,
        maxConcurrentRequests: Int = 4,
        deadlineSeconds: Double = 60,
        idleTimeoutSeconds: Double = 30,
        fixedToday: Day? = nil,
        metrics: Bool = false
    ) {
        self.host = host
        self.port = port
        self.keysFile = keysFile
        self.limits = limits
        self.maxConcurrentRequests = maxConcurrentRequests
        self.deadlineSeconds = deadlineSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.fixedToday = fixedToday
        self.metrics = metrics
    }
}
