import ArgumentParser
import Engine
import Foundation
import Reports

/// `cintel run <endpoint> [FILE|-]`: one request in, the response on stdout (exit 0), or the API's JSON error on
/// stderr (exit 1). Unknown endpoints and unreadable files exit 2.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Answer one API request read from a file or standard input.")

    @Argument(help: "The endpoint, e.g. customer_features (see `cintel endpoints`).")
    var endpoint: String

    @Argument(help: "The request body as JSON; '-' or nothing reads standard input.")
    var file: String = "-"

    @Option(help: "The date `today` defaults to when the request has none (YYYY-MM-DD; default: the current UTC date).")
    var today: String?

    @Flag(help: "Write the response on one line.")
    var compact = false

    @OptionGroup var limitOptions: LimitOptions

    func run() throws {
        guard let endpoint = EndpointCatalog.named(endpoint) else {
            try fail(.unknownEndpoint(endpoint), exit: 2)
        }
        var context = ComputeContext(limits: limitOptions.limits)
        if let today {
            guard let day = Day(iso: today) else { throw ValidationError("--today must be a date in YYYY-MM-DD form") }
            context.today = day
        }
        let body: [UInt8]
        do {
            body = try readInput(file, limit: limitOptions.limits.maxBodyBytes)
        } catch {
            FileHandle.standardError.write(Data("cintel: cannot read \(file): \(error)\n".utf8))
            throw ExitCode(2)
        }
        do {
            // Streamed: a large forecast is hundreds of megabytes, never held twice.
            try endpoint.respond(taking: body, context: context, pretty: !compact) { chunk in
                FileHandle.standardOutput.write(Data(chunk))
            }
        } catch {
            try fail(error, exit: 1)
        }
    }

    private func fail(_ error: CintelError, exit code: Int32) throws -> Never {
        FileHandle.standardError.write(Data(error.body))
        throw ExitCode(code)
    }
}

/// Reads a whole file or standard input; stops one byte past `limit` so that an oversize body is reported as such
/// (413) without being read entirely.
func readInput(_ path: String, limit: Int) throws -> [UInt8] {
    let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
    guard descriptor >= 0 else {
        if errno == ENOENT { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
    defer { if path != "-" { close(descriptor) } }
    // A regular file's size is known: reserve it once (one byte past the limit is enough to refuse it).
    var status = stat()
    let size = fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : 0
    var bytes: [UInt8] = []
    bytes.reserveCapacity(min(size, limit) + 1)
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while bytes.count <= limit {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        if count == 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
}
