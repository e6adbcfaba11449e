import ArgumentParser
import Engine
import Foundation
import Reports

/// `cintel run <endpoint> [FILE|-]`: one request in, the response on stdout (exit 0), or the API's JSON error on
/// stderr (exit 1). Unknown or not-yet-served endpoints and unreadable files exit 2.
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
            try endpoint.respond(to: body, context: context, pretty: !compact) { chunk in
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
    let handle: FileHandle
    if path == "-" {
        handle = FileHandle.standardInput
    } else {
        guard let opened = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        handle = opened
    }
    defer { if path != "-" { try? handle.close() } }
    var bytes: [UInt8] = []
    while bytes.count <= limit, let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
        bytes.append(contentsOf: chunk)
    }
    return bytes
}
