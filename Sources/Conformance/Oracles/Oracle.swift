/// An independent re-computation: from the request a fixture sends and the response a target returns, report
/// everything that disagrees with the spec's formulas. Oracles are simple and obviously correct, and never call
/// the engine, so a bug cannot hide on both sides.
public struct Oracle: Sendable {
    public let name: String
    /// What it checks, for listings and reports.
    public let summary: String
    private let check: @Sendable (_ request: JSON, _ response: JSON) -> [Finding]

    public init(name: String, summary: String, check: @escaping @Sendable (_ request: JSON, _ response: JSON) -> [Finding]) {
        self.name = name
        self.summary = summary
        self.check = check
    }

    public func run(request: JSON, response: JSON) -> [Finding] { check(request, response) }
}
