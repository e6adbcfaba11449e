import Conformance
import Engine
import Foundation
import Reports

/// Paths of the repository, from this file's location, and of the source API description when the environment names
/// one (`CINTEL_SOURCE_API`; CI sets it, a user's clone has no such file).
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("fixtures", isDirectory: true)
    static let spec = root.appendingPathComponent("spec", isDirectory: true)
    static let sourceAPI: URL? = ProcessInfo.processInfo.environment["CINTEL_SOURCE_API"].map { URL(fileURLWithPath: $0) }

    static func corpus() throws -> FixtureCorpus { try FixtureCorpus(root: fixtures) }
}

/// Our engine as a conformance target, optionally with its answers corrupted: the suite must catch each corruption.
struct EngineTarget: ConformanceTarget {
    var name = "in-process"
    var speaksHTTP: Bool { false }
    /// Rewrites a successful response body (as JSON) before it is returned.
    var mutateResponse: (@Sendable (String, inout JSONValue) -> Void)?
    /// Replaces the status of error answers.
    var errorStatus: Int?

    func send(endpoint: String, headers: [String: String], body: Data) async throws -> TargetResponse {
        guard let found = EndpointCatalog.named(endpoint) else {
            return TargetResponse(status: 404, body: Data(CintelError.unknownEndpoint(endpoint).body))
        }
        do throws(CintelError) {
            let answer = try await found.answerOnComputeThread(to: Array(body), context: ComputeContext(), pretty: false)
            // Report decks and XML packs go out as they are; JSON answers may be corrupted on purpose.
            guard answer.mediaType == EndpointAnswer.json, let mutateResponse else {
                return TargetResponse(status: 200, headers: ["content-type": answer.mediaType], body: Data(answer.bytes))
            }
            guard var value = try? JSONParser.parse(answer.bytes) else { preconditionFailure("a JSON answer that does not parse") }
            mutateResponse(endpoint, &value)
            return TargetResponse(status: 200, headers: ["content-type": answer.mediaType], body: Data(JSONWriter(pretty: false).bytes(value)))
        } catch {
            return TargetResponse(status: errorStatus ?? error.status, headers: ["content-type": EndpointAnswer.json], body: Data(error.body))
        }
    }
}

extension JSONValue {
    /// Applies `change` to the value at `path` (object keys and array indices), if it exists.
    mutating func update(_ path: [String], _ change: (inout JSONValue) -> Void) {
        guard let head = path.first else {
            change(&self)
            return
        }
        switch self {
        case .object(var members):
            guard let index = members.firstIndex(where: { $0.key == head }) else { return }
            members[index].value.update(Array(path.dropFirst()), change)
            self = .object(members)
        case .array(var elements):
            guard let index = Int(head), index < elements.count else { return }
            elements[index].update(Array(path.dropFirst()), change)
            self = .array(elements)
        default:
            return
        }
    }

    /// Applies `change` to `key` of every element of the array at `path`.
    mutating func updateEach(_ path: [String], _ key: String, _ change: @escaping (inout JSONValue) -> Void) {
        update(path) { array in
            guard case .array(let elements) = array else { return }
            array = .array(
                elements.map { element in
                    var copy = element
                    copy.update([key], change)
                    return copy
                })
        }
    }
}
