import Engine

/// What the service runs for a request whose body has been read: by default the endpoint's answer. A deployment never
/// changes it; tests substitute a computation they hold and release, so that the bound, the deadline and shutdown
/// are checked by what happened, not by how long a real computation happened to take.
package protocol RequestComputation: Sendable {
    func answer(_ endpoint: Endpoint, body: consuming [UInt8], context: ComputeContext) throws(CintelError) -> EndpointAnswer
}

/// The engine's answer, compact JSON or the endpoint's document.
struct EndpointComputation: RequestComputation {
    func answer(_ endpoint: Endpoint, body: consuming [UInt8], context: ComputeContext) throws(CintelError) -> EndpointAnswer {
        try endpoint.answer(taking: body, context: context, pretty: false)
    }
}
