/// A response body and its media type.
public struct EndpointAnswer: Sendable {
    public static let json = "application/json"

    public var mediaType: String
    public var bytes: [UInt8]

    public init(mediaType: String, bytes: [UInt8]) {
        self.mediaType = mediaType
        self.bytes = bytes
    }
}
