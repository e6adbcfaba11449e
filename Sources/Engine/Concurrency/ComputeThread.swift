extension Endpoint {
    /// The answer, computed on a thread of its own: the one way async callers (the conformance runner's in-process
    /// target, tests) compute. Swift's cooperative pool has a thread per core and also runs every task and server
    /// handler; a computation held there stalls them all for as long as it runs.
    public func answerOnComputeThread(to body: [UInt8], context: ComputeContext = ComputeContext(), pretty: Bool = true) async throws(CintelError)
        -> EndpointAnswer
    {
        let result: Result<EndpointAnswer, CintelError> = await withCheckedContinuation { continuation in
            startThread {
                continuation.resume(returning: Result { () throws(CintelError) in try self.answer(taking: body, context: context, pretty: pretty) })
            }
        }
        return try result.get()
    }
}
