/// One endpoint family of the API as one type: its name, where the source and our spec describe it, and how it
/// answers a parsed body, its schemas and its example. `EndpointCatalog.all` (Reports) lists every definition once;
/// the command line, the server, OpenAPI and the conformance runner read that list, so a new endpoint is one type and
/// one catalog entry, and a missing piece is a compile error.
package protocol EndpointDefinition: SendableMetatype {
    /// The path segment under `/api/v1/ai/`.
    static var name: String { get }
    /// The section of the source API that details it, or nil when the source only names it.
    static var sourceSection: String? { get }
    /// The file of `spec/` that specifies it.
    static var specFile: String { get }
    static var summary: String { get }
    /// JSON Schema (draft 2020-12) of the request body, a file of spec/schemas embedded at build time.
    static var requestSchema: JSONValue { get }
    /// JSON Schema of the 200 response body.
    static var responseSchema: JSONValue { get }
    /// A request the OpenAPI document shows and the tests replay (`DocumentedExamples`).
    static var documentedExample: JSONValue { get }

    /// The answer to a parsed body: JSON (GEN-4), or a finished document in another media type (REP-8).
    static func render(_ body: consuming JSONValue, context: ComputeContext) throws(CintelError) -> Endpoint.Rendering
}

/// An endpoint's computation: how to read its request from JSON (collecting every problem) and how to answer it.
package protocol EndpointComputation: SendableMetatype {
    associatedtype Request: Sendable
    associatedtype Response: Encodable & Sendable

    static func read(_ body: JSONValue, reader: RequestReader, context: ComputeContext) -> Request?
    /// Throws only for what can be known after computing, such as a segment the computed labelling lacks (SUB-3).
    static func respond(to request: Request, context: ComputeContext) throws(CintelError) -> Response
}

extension EndpointComputation {
    /// The JSON answer: the request read with every problem collected (VAL-1), then computed.
    package static func compute(_ body: consuming JSONValue, context: ComputeContext) throws(CintelError) -> JSONValue {
        let reader = RequestReader(limits: context.limits)
        reader.supplied = context.suppliedCustomers
        reader.segmentationMemo = context.segmentationMemo
        let read = read(body, reader: reader, context: context)
        // The parsed body can be as large as the request's models: free it before computing.
        _ = consume body
        let request = try reader.finish(read)
        return try OrderedJSONEncoder.encode(respond(to: request, context: context))
    }
}

extension EndpointDefinition where Self: EndpointComputation {
    package static func render(_ body: consuming JSONValue, context: ComputeContext) throws(CintelError) -> Endpoint.Rendering {
        .json(try compute(body, context: context))
    }
}
