/// An endpoint as the interfaces hold it: a definition (one type per endpoint) behind one value, so the catalog is
/// a plain array and callers never switch on names.
public struct Endpoint: Sendable {
    private let definition: any EndpointDefinition.Type

    package init(_ definition: any EndpointDefinition.Type) {
        self.definition = definition
    }

    public var name: String { definition.name }
    /// The section of the source API that details it, or nil when the source only names it.
    public var sourceSection: String? { definition.sourceSection }
    /// The file of `spec/` that specifies it.
    public var specFile: String { definition.specFile }
    public var summary: String { definition.summary }
    package var requestSchema: JSONValue { definition.requestSchema }
    package var responseSchema: JSONValue { definition.responseSchema }
    package var documentedExample: JSONValue { definition.documentedExample }

    /// What an endpoint produces: JSON (GEN-4), or a finished document in another media type (REP-8).
    package enum Rendering {
        case json(JSONValue)
        case document(EndpointAnswer)
    }

    /// Answers a request body: the response JSON, or the error every interface reports (ERR-1).
    public func respond(to body: some Collection<UInt8>, context: ComputeContext = ComputeContext(), pretty: Bool = true) throws(CintelError)
        -> [UInt8]
    {
        try answer(to: body, context: context, pretty: pretty).bytes
    }

    /// Answers a request body with its media type: JSON for every endpoint but the report packs' HTML and XML.
    public func answer(to body: some Collection<UInt8>, context: ComputeContext = ComputeContext(), pretty: Bool = true) throws(CintelError)
        -> EndpointAnswer
    {
        Self.answer(try render(body, context: context), pretty: pretty)
    }

    /// Answers a body it takes over: the bytes are freed once the request is read, so that the body and the
    /// computation's memory never add up (SRV-6).
    public func answer(taking body: consuming [UInt8], context: ComputeContext = ComputeContext(), pretty: Bool = true) throws(CintelError)
        -> EndpointAnswer
    {
        Self.answer(try definition.render(Self.parse(taking: body, context: context), context: context), pretty: pretty)
    }

    private static func answer(_ rendering: Rendering, pretty: Bool) -> EndpointAnswer {
        switch rendering {
        case .json(let value): EndpointAnswer(mediaType: EndpointAnswer.json, bytes: JSONWriter(pretty: pretty).bytes(value))
        case .document(let document): document
        }
    }

    /// Answers a body it takes over in pieces handed to `emit` as they are written (for large responses).
    public func respond(
        taking body: consuming [UInt8], context: ComputeContext = ComputeContext(), pretty: Bool = true,
        emit: @escaping (ArraySlice<UInt8>) -> Void
    ) throws(CintelError) {
        switch try definition.render(Self.parse(taking: body, context: context), context: context) {
        case .json(let value): JSONWriter(pretty: pretty).stream(value, emit)
        case .document(let document): emit(document.bytes[...])
        }
    }

    /// The JSON response of an endpoint that answers in JSON.
    package func respondValue(to body: some Collection<UInt8>, context: ComputeContext) throws(CintelError) -> JSONValue {
        switch try render(body, context: context) {
        case .json(let value): value
        case .document(let document): .string(String(decoding: document.bytes, as: UTF8.self))
        }
    }

    private func render(_ body: some Collection<UInt8>, context: ComputeContext) throws(CintelError) -> Rendering {
        try definition.render(Self.parse(body, context: context), context: context)
    }

    /// A request body as JSON under the deployment's limits: 413 above the byte limit, 400 when malformed (ERR-3).
    /// The elements of its top-level arrays are deferred: readers build one customer at a time (SRV-6).
    package static func parse(_ body: some Collection<UInt8>, context: ComputeContext) throws(CintelError) -> JSONValue {
        try parse(taking: Array(body), context: context)
    }

    /// The same for a body handed over: its bytes are freed with the last deferred element.
    package static func parse(taking body: consuming [UInt8], context: ComputeContext) throws(CintelError) -> JSONValue {
        if body.count > context.limits.maxBodyBytes { throw .payloadTooLarge(limit: context.limits.maxBodyBytes, bytes: body.count) }
        do {
            return try JSONParser.parseDeferringElements(body, maxDepth: context.limits.maxDepth)
        } catch {
            throw .malformedJSON(offset: error.offset, reason: error.reason)
        }
    }
}
