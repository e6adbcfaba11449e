import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Any implementation of the API over HTTP: `POST <base>/api/v1/ai/<endpoint>` with the credentials and extra
/// headers given, each request bounded by a timeout.
public final class HTTPTarget: ConformanceTarget {
    public let name: String
    private let base: String
    private let headers: [(String, String)]
    private let timeout: TimeAmount
    private let client: HTTPClient

    public init(baseURL: String, headers: [(String, String)], timeoutSeconds: Double) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        self.name = base
        self.headers = headers
        self.timeout = .milliseconds(Int64(timeoutSeconds * 1000))
        self.client = HTTPClient(eventLoopGroupProvider: .singleton)
    }

    public func send(endpoint: String, headers extra: [String: String], body: Data) async throws -> TargetResponse {
        var request = HTTPClientRequest(url: "\(base)/api/v1/ai/\(endpoint)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        for (name, value) in extra { request.headers.replaceOrAdd(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 256 << 20)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return TargetResponse(status: Int(response.status.code), headers: fields, body: Data(bytes.readableBytesView))
    }

    public func shutdown() async throws {
        try await client.shutdown()
    }
}
