import CoreMetrics
// Only the backend's registry and factory: its Counter, Gauge and Histogram stay behind swift-metrics' types.
import class Prometheus.PrometheusCollectorRegistry
import struct Prometheus.PrometheusMetricsFactory

/// The service's metrics (spec clause SRV-8), spoken in swift-metrics and kept in a Prometheus registry of
/// their own: one per server, never the process-wide `MetricsSystem`, so any number of servers (the tests build
/// many) can live in one process, each answering `GET /metrics` with only its own counts.
///
/// Every label value comes from a closed set: endpoint family names, status codes, rejection reasons. Nothing a
/// client sends (keys, ids, unknown path segments, queries, bodies) ever becomes a label.
public final class ServerMetrics: Sendable {
    /// Why a request was answered 503.
    public enum RejectionReason: String, CaseIterable, Sendable {
        /// Every computation slot was taken (the gate's limit).
        case overloaded
        /// The computation outlived the deadline.
        case deadlineExceeded = "deadline_exceeded"
    }

    static let requests = "cintel_http_requests_total"
    static let duration = "cintel_http_request_duration_seconds"
    static let bodyBytesTotal = "cintel_http_request_body_bytes_total"
    static let bodyBytes = "cintel_http_request_body_bytes"
    static let inFlight = "cintel_computations_in_flight"
    static let rejections = "cintel_rejected_requests_total"

    /// Latency buckets, 5 ms to 60 s: a small RFM answers in milliseconds, a big segmentation runs up to the default
    /// deadline of 60 s.
    static let durationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]
    /// Body-size buckets, 1 KiB to 64 MiB (the default body limit) by factors of 4.
    static let bodyBuckets: [Double] = (0...8).map { Double(1024 << (2 * $0)) }

    private let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let computations: Meter
    private let rejectionCounters: [RejectionReason: Counter]

    public init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [Self.duration: Self.durationBuckets]
        factory.valueHistogramBuckets = [Self.bodyBytes: Self.bodyBuckets]
        self.factory = factory
        // Created up front so a scrape shows them at zero before the first computation or rejection.
        computations = Meter(label: Self.inFlight, dimensions: [], factory: factory)
        computations.set(0)
        var counters: [RejectionReason: Counter] = [:]
        for reason in RejectionReason.allCases {
            counters[reason] = Counter(label: Self.rejections, dimensions: [("reason", reason.rawValue)], factory: factory)
        }
        rejectionCounters = counters
    }

    /// A computation got a slot and starts running.
    public func computationStarted() { computations.increment() }

    /// A computation that `computationStarted()` counted has really ended (finished, failed, or let go past its
    /// deadline), so its CPU is free again.
    public func computationEnded() { computations.decrement() }

    /// A request answered 503 for `reason`.
    public func rejected(reason: RejectionReason) { rejectionCounters[reason]?.increment() }

    /// One answered request: `endpoint` must be one of the closed set of labels (see `MetricsMiddleware.endpointLabel`).
    func requestAnswered(endpoint: String, status: Int, duration: Duration, bodyBytes: Int) {
        let endpointOnly = [("endpoint", endpoint)]
        Counter(label: Self.requests, dimensions: endpointOnly + [("status", String(status))], factory: factory).increment()
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        Timer(label: Self.duration, dimensions: endpointOnly, factory: factory).recordNanoseconds(nanoseconds)
        Counter(label: Self.bodyBytesTotal, dimensions: endpointOnly, factory: factory).increment(by: bodyBytes)
        Recorder(label: Self.bodyBytes, dimensions: endpointOnly, aggregate: true, factory: factory).record(bodyBytes)
    }

    /// The Prometheus text exposition format (version 0.0.4) of every metric above.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }

    /// The media type of `exposition()`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
}
