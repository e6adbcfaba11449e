import Foundation

/// One conformance case (fixtures/README.md).
public struct Fixture: Codable, Sendable, Equatable {
    public enum Level: String, Codable, Sendable, CaseIterable, Comparable {
        case must, should, may

        public static func < (lhs: Level, rhs: Level) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public struct Request: Codable, Sendable, Equatable {
        public var body: JSON?
        public var bodyText: String?
        public var headers: [String: String]?
        /// Pads the body with trailing spaces (insignificant in JSON) to this many bytes: oversize cases without
        /// storing megabytes in the corpus.
        public var padToBytes: Int?

        public init(body: JSON?, bodyText: String? = nil, headers: [String: String]? = nil, padToBytes: Int? = nil) {
            self.body = body
            self.bodyText = bodyText
            self.headers = headers
            self.padToBytes = padToBytes
        }

        enum CodingKeys: String, CodingKey {
            case body
            case bodyText = "body_text"
            case headers
            case padToBytes = "pad_to_bytes"
        }

        /// The bytes to send.
        public var bytes: Data {
            var data = bodyText.map { Data($0.utf8) } ?? Data((body ?? .null).text.utf8)
            if let padToBytes, padToBytes > data.count { data.append(Data(repeating: 0x20, count: padToBytes - data.count)) }
            return data
        }
    }

    public struct ExpectedProblem: Codable, Sendable, Equatable {
        public var pointer: String
        public var code: String
    }

    /// A second request to the same target whose answer the fixture's answer is compared with.
    public struct CompanionRequest: Codable, Sendable, Equatable {
        public var endpoint: String
        public var body: JSON
        /// For `agrees_with`: pointer pairs (this answer, the companion's) whose values must be equal; a `*` token in
        /// both expands over the elements of equally long arrays.
        public var pairs: [[String]]?

        public init(endpoint: String, body: JSON, pairs: [[String]]? = nil) {
            self.endpoint = endpoint
            self.body = body
            self.pairs = pairs
        }
    }

    public struct Expectation: Codable, Sendable, Equatable {
        public var status: Int
        public var assertions: [Assertion]?
        public var problems: [ExpectedProblem]?
        public var problemsExact: Bool?
        /// The response's media type (Content-Type before any parameter); a non-JSON body is judged as text.
        public var mediaType: String?
        /// The answer must be byte-identical to the target's answer to this request (REP-3).
        public var sameAs: CompanionRequest?
        /// The answer must agree, pair by pair, with the target's answer to this request (REP-13, REP-15).
        public var agreesWith: CompanionRequest?

        public init(
            status: Int, assertions: [Assertion]? = nil, problems: [ExpectedProblem]? = nil, problemsExact: Bool? = nil, mediaType: String? = nil,
            sameAs: CompanionRequest? = nil, agreesWith: CompanionRequest? = nil
        ) {
            self.status = status
            self.assertions = assertions
            self.problems = problems
            self.problemsExact = problemsExact
            self.mediaType = mediaType
            self.sameAs = sameAs
            self.agreesWith = agreesWith
        }

        enum CodingKeys: String, CodingKey {
            case status, assertions, problems
            case problemsExact = "problems_exact"
            case mediaType = "media_type"
            case sameAs = "same_as"
            case agreesWith = "agrees_with"
        }

        /// The requests besides the fixture's own that judging needs.
        public var companions: [CompanionRequest] { [sameAs, agreesWith].compactMap { $0 } }
    }

    public var id: String
    public var endpoint: String
    public var description: String
    public var spec: [String]
    public var level: Level
    public var tags: [String]
    public var request: Request
    public var expect: Expectation

    /// Where the fixture was read from, relative to the corpus root (not part of the format).
    public var path: String?

    public init(
        id: String, endpoint: String, description: String, spec: [String], level: Level, tags: [String], request: Request, expect: Expectation,
        path: String? = nil
    ) {
        self.id = id
        self.endpoint = endpoint
        self.description = description
        self.spec = spec
        self.level = level
        self.tags = tags
        self.request = request
        self.expect = expect
        self.path = path
    }
}
