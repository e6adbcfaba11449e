import Foundation

/// What a target answered.
public struct TargetResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// An implementation of the API under test: ours in-process, or any over HTTP.
public protocol ConformanceTarget: Sendable {
    /// `in-process` or the base URL, for reports.
    var name: String { get }
    /// Whether requests go over HTTP, so that headers such as credentials matter. Fixtures tagged `http` (GEN-2,
    /// GEN-3) are skipped on targets that do not.
    var speaksHTTP: Bool { get }
    /// Sends one request body to `POST /api/v1/ai/<endpoint>` with extra headers.
    func send(endpoint: String, headers: [String: String], body: Data) async throws -> TargetResponse
}

extension ConformanceTarget {
    public var speaksHTTP: Bool { true }
}

/// A target that is a function: how the command line plugs our engine in without this module importing it.
public struct FunctionTarget: ConformanceTarget {
    public let name: String
    public var speaksHTTP: Bool { false }
    private let handler: @Sendable (String, [String: String], Data) async throws -> TargetResponse

    public init(name: String, handler: @escaping @Sendable (String, [String: String], Data) async throws -> TargetResponse) {
        self.name = name
        self.handler = handler
    }

    public func send(endpoint: String, headers: [String: String], body: Data) async throws -> TargetResponse {
        try await handler(endpoint, headers, body)
    }
}
