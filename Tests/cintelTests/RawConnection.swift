import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP connection to the test server, for what an HTTP client library hides: requests held back before their
/// last byte, silent or trickling clients, oversized heads. Blocking calls, so tests use it from plain threads.
final class RawConnection: @unchecked Sendable {
    private let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else { throw RawConnectionError.connect(errno) }
        var timeout = timeval(tv_sec: 300, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(socket) }

    /// Writes all of `bytes`; false once the peer has closed.
    @discardableResult
    func send(_ bytes: some Collection<UInt8>) -> Bool {
        let data = Array(bytes)
        var sent = 0
        while sent < data.count {
            let count = data[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Reads one HTTP/1.1 response with a Content-Length body; nil when the peer closed first.
    func response() -> RawResponse? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let head = bytes.firstRange(of: Array("\r\n\r\n".utf8)) {
                let text = String(decoding: bytes[..<head.lowerBound], as: UTF8.self)
                let lines = text.components(separatedBy: "\r\n")
                let status = Int(lines[0].split(separator: " ")[1]) ?? 0
                var headers: [String: String] = [:]
                for line in lines.dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                let length = Int(headers["content-length"] ?? "0") ?? 0
                if bytes.count - head.upperBound >= length {
                    return RawResponse(status: status, headers: headers, body: Array(bytes[head.upperBound..<head.upperBound + length]))
                }
            }
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            bytes += chunk[..<count]
        }
    }

    /// Waits until the peer closes the connection (reading and dropping anything it sends); false on a read timeout.
    func waitForClose(timeoutSeconds: Int) -> Bool {
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count == 0 { return true }
            if count < 0 { return errno == ECONNRESET }
        }
    }

    /// The status of an answer to HEAD: a head with no body, whatever its Content-Length says.
    func headResponseStatus() -> Int {
        var bytes: [UInt8] = []
        var byte: [UInt8] = [0]
        while !(bytes.count >= 4 && Array(bytes.suffix(4)) == Array("\r\n\r\n".utf8)) {
            let count = byte.withUnsafeMutableBytes { recv(socket, $0.baseAddress, 1, 0) }
            guard count == 1 else { return 0 }
            bytes.append(byte[0])
        }
        return Int(String(decoding: bytes, as: UTF8.self).split(separator: " ")[1]) ?? 0
    }

    /// A GET or HEAD with no body, as bytes.
    static func get(_ path: String, method: String = "GET") -> [UInt8] {
        Array("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
    }

    /// A POST with its head and body, as bytes.
    static func post(_ path: String, headers: [String: String], body: [UInt8]) -> [UInt8] {
        var head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        return Array((head + "\r\n").utf8) + body
    }
}

struct RawResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
}

enum RawConnectionError: Error { case connect(Int32) }
