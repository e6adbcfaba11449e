import ArgumentParser
import Engine
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Why an `--out` is not used: one line on standard error and status 2, with nothing touched (spec/output.md).
struct OutputRefusal: Error {
    let message: String

    /// Prints the line and gives the status to end the command with.
    var exit: ExitCode {
        FileHandle.standardError.write(Data("cintel: \(message)\n".utf8))
        return ExitCode(2)
    }

    /// Runs `body`, turning refusals and failed writes into one line and status 2 (OUT-10); the job's own exits pass.
    static func reporting<T>(_ out: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let exit as ExitCode {
            throw exit
        } catch let refusal as OutputRefusal {
            throw refusal.exit
        } catch {
            throw OutputRefusal(message: "cannot write --out \(out): \(Paths.reason(error))").exit
        }
    }
}

/// Real paths and plain-worded file errors.
enum Paths {
    /// The absolute path with every symbolic link resolved; the part that does not exist yet is appended as given.
    static func real(_ path: String) -> String {
        var absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var missing: [String] = []
        while true {
            if let resolved = realpath(absolute, nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                return missing.reversed().reduce(base) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
            }
            guard absolute != "/" else { return path }
            missing.append((absolute as NSString).lastPathComponent)
            absolute = (absolute as NSString).deletingLastPathComponent
        }
    }

    /// Whether `folder` is `path` or one of its ancestors (both real paths).
    static func contains(_ folder: String, _ path: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    /// What is at `path`, without following a final symbolic link.
    enum Kind { case none, folder, file, link, other }

    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .none }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// Whether `path` (following links) is a folder.
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Checks that a file may be created at the real path `path`: its nearest existing ancestor is a folder that
    /// can be written.
    static func checkCreatable(_ path: String, as name: String) throws(OutputRefusal) {
        var ancestor = (path as NSString).deletingLastPathComponent
        while Paths.kind(ancestor) == .none, ancestor != "/" { ancestor = (ancestor as NSString).deletingLastPathComponent }
        guard isFolder(ancestor) else {
            throw OutputRefusal(message: "cannot write \(name): \(ancestor) is a file, not a folder; name a path under a folder")
        }
        guard access(ancestor, W_OK | X_OK) == 0 else {
            throw OutputRefusal(message: "cannot write \(name): \(ancestor): \(String(cString: strerror(errno)))")
        }
    }

    /// Moves `from` onto `to`, replacing a file there in one step (rename(2)).
    static func replace(_ to: String, with from: String) throws(OutputRefusal) {
        guard rename(from, to) == 0 else { throw OutputRefusal(message: "cannot write \(to): \(String(cString: strerror(errno)))") }
    }

    /// An error from Foundation or the C library in plain words, with the path it names unless `naming` is false:
    /// never Cocoa's domain text.
    static func reason(_ error: any Error, naming: Bool = true) -> String {
        if let refusal = error as? OutputRefusal { return refusal.message }
        let error = error as NSError
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        let words: String
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            words = String(cString: strerror(Int32(underlying.code)))
        } else if error.domain == NSPOSIXErrorDomain {
            words = String(cString: strerror(Int32(error.code)))
        } else {
            switch CocoaError.Code(rawValue: error.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: words = "no such file or folder"
            case .fileWriteNoPermission, .fileReadNoPermission: words = "permission denied"
            case .fileWriteOutOfSpace: words = "no space left on the device"
            case .fileWriteVolumeReadOnly: words = "read-only file system"
            case .fileWriteFileExists: words = "a file is already there"
            default: words = "the file could not be written"
            }
        }
        guard naming, let path else { return words }
        return "\(path): \(words)"
    }
}

/// An output folder (`analyze --out`, `demo --out`) under the rules of spec/output.md: a new folder, an empty one, or
/// one cintel wrote before (it holds `cintel-run.json`). A run writes into a hidden sibling and only when all of it
/// is written moves each file into place, removes the files of the last run it did not write again, and writes the
/// manifest last; nothing cintel did not write is ever replaced or removed.
struct OutputFolder {
    static let manifestName = "cintel-run.json"

    /// `--out` as the user typed it, for messages.
    let given: String
    /// The folder's real path.
    let path: String
    let command: String
    /// The input files' real paths.
    let inputs: [String]
    /// The files the previous run's manifest lists (OUT-4); empty for a new or empty folder.
    let previous: [String]

    /// Checks `out` against OUT-2 to OUT-8 before any work starts; refuses with nothing touched.
    init(_ out: String, command: String, inputs: [String]) throws(OutputRefusal) {
        given = out
        self.command = command
        self.inputs = inputs.map(Paths.real)
        path = Paths.real(out)
        let name = "--out \(out)"
        let cwd = Paths.real(FileManager.default.currentDirectoryPath)
        if Paths.contains(path, cwd) {
            throw OutputRefusal(message: "\(name) is the current folder or contains it; name a folder outside it")
        }
        for (input, real) in zip(inputs, self.inputs) where input != "-" && Paths.contains(path, real) {
            throw OutputRefusal(message: "\(name) contains the input \(input); name a folder that holds no input")
        }
        switch Paths.kind(path) {
        case .none:
            try Paths.checkCreatable(path, as: name)
            previous = []
        case .folder:
            guard access(path, W_OK | X_OK) == 0 else {
                throw OutputRefusal(message: "cannot write \(name): \(String(cString: strerror(errno)))")
            }
            try Paths.checkCreatable(path, as: name)
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw OutputRefusal(message: "cannot read \(name): \(Paths.reason(error))")
            }
            if entries.isEmpty {
                previous = []
            } else if entries.contains(Self.manifestName) {
                previous = try Self.readManifest(in: path, name: name)
            } else {
                throw OutputRefusal(
                    message: "\(name) is a folder with files cintel did not write (no \(Self.manifestName)); name an empty or new folder")
            }
        default:
            throw OutputRefusal(message: "\(name) is a file, not a folder; name an empty or new folder")
        }
    }

    /// The `files` of the folder's manifest, each checked to stay inside the folder (OUT-5, OUT-6).
    static func readManifest(in folder: String, name: String) throws(OutputRefusal) -> [String] {
        let unreadable = { (why: String) in
            OutputRefusal(
                message: "\(name) has a \(manifestName) cintel cannot use (\(why)); name another folder, or remove the folder's files yourself")
        }
        let file = folder + "/" + manifestName
        guard Paths.kind(file) == .file, let data = FileManager.default.contents(atPath: file) else { throw unreadable("not a readable file") }
        let manifest: JSONValue
        do {
            manifest = try JSONParser.parse(data)
        } catch {
            throw unreadable("not JSON: \(error.reason) at byte \(error.offset)")
        }
        guard manifest["manifest_version"] == .number(1) else { throw unreadable("no manifest_version 1") }
        guard case .array(let listed)? = manifest["files"] else { throw unreadable("no files array") }
        var files: [String] = []
        for entry in listed {
            guard let file = entry.stringValue, isSafe(file) else { throw unreadable("a listed file is not a plain path inside the folder") }
            files.append(file)
        }
        return files
    }

    /// A relative path of plain names: not empty, not absolute, no `.` or `..`, no NUL, not the manifest (OUT-6).
    static func isSafe(_ file: String) -> Bool {
        let parts = file.split(separator: "/", omittingEmptySubsequences: false)
        return !file.isEmpty && !file.contains("\0") && file != manifestName
            && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// Whether `file` (relative) lies inside the folder through real folders only: no component before it is a
    /// symbolic link or a file, so writing or removing it cannot reach outside (OUT-6).
    func isInside(_ file: String) -> Bool {
        var at = path
        for part in file.split(separator: "/").dropLast() {
            at += "/" + part
            let kind = Paths.kind(at)
            if kind == .none { return true }
            if kind != .folder { return false }
        }
        return true
    }

    /// Writes the run: `body` fills a hidden sibling folder; only when it returns are the files moved into place
    /// (OUT-7). A failure leaves the folder as it was and removes the sibling.
    func write(snapshot: String?, _ body: (URL) throws -> Void) throws {
        let manager = FileManager.default
        let parent = (path as NSString).deletingLastPathComponent
        try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let temporary = parent + "/.\((path as NSString).lastPathComponent).cintel-\(UUID().uuidString)"
        try manager.createDirectory(atPath: temporary, withIntermediateDirectories: false)
        defer { try? manager.removeItem(atPath: temporary) }
        try body(URL(fileURLWithPath: temporary, isDirectory: true))
        let written = try Self.files(in: temporary)
        let old = Set(previous)
        // OUT-8: a file of this run may replace only a file the last run wrote; checked before anything moves.
        for file in written where !isInside(file) || (!old.contains(file) && Paths.kind(path + "/" + file) != .none) {
            throw OutputRefusal(
                message: "--out \(given): \(file) is there and cintel did not write it; move it away or name another folder")
        }
        for file in written where old.contains(file) && Paths.kind(path + "/" + file) == .folder {
            throw OutputRefusal(message: "--out \(given): \(file) is now a folder; move it away or name another folder")
        }
        try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        // Until the last step the manifest lists both runs' files, so an interrupted move leaves nothing unlisted.
        try writeManifest(files: Array(old.union(written)).sorted(), snapshot: snapshot)
        for file in written {
            let destination = path + "/" + file
            try manager.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Paths.replace(destination, with: temporary + "/" + file)
        }
        let now = Set(written)
        for file in previous where !now.contains(file) && isInside(file) {
            let stale = path + "/" + file
            guard [.file, .link].contains(Paths.kind(stale)) else { continue }
            try manager.removeItem(atPath: stale)
            removeEmptyFolders(above: file)
        }
        try writeManifest(files: written, snapshot: snapshot)
    }

    /// Removes the folders of `file` that its removal left empty, up to (not including) the output folder.
    private func removeEmptyFolders(above file: String) {
        var parts = file.split(separator: "/").dropLast()
        while !parts.isEmpty {
            // rmdir(2) removes only an empty folder.
            guard rmdir(path + "/" + parts.joined(separator: "/")) == 0 else { return }
            parts = parts.dropLast()
        }
    }

    /// The relative paths of the regular files under `folder`, sorted.
    static func files(in folder: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let file = walker.nextObject() as? String {
            if Paths.kind(folder + "/" + file) == .file { files.append(file) }
        }
        return files.sorted()
    }

    /// `cintel-run.json` (OUT-3), written beside itself and renamed into place.
    private func writeManifest(files: [String], snapshot: String?) throws {
        let manifest = JSONValue.object([
            .init("manifest_version", .number(1)),
            .init("cintel_version", .string(Cintel.version)),
            .init("command", .string(command)),
            .init("inputs", .array(inputs.map { .string($0) })),
            .init("snapshot", snapshot.map { .string($0) } ?? .null),
            .init("files", .array(files.map { .string($0) })),
        ])
        try Paths.writeAtomically(JSONWriter().bytes(manifest), to: path + "/" + Self.manifestName)
    }
}

extension Paths {
    /// Writes `bytes` to a hidden file beside `path`, then renames it onto `path`: readers see the old file or the
    /// new one, never a part.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = folder + "/.\((path as NSString).lastPathComponent).cintel-\(UUID().uuidString)"
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
            try replace(path, with: temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}

/// A single output file (`report --out FILE`, OUT-11, OUT-12): a new path, or a file that is a report cintel wrote;
/// written beside itself and renamed into place.
struct OutputFile {
    let given: String
    let path: String

    /// Checks `out` before the report is computed; refuses with nothing touched.
    init(_ out: String, input: String) throws(OutputRefusal) {
        given = out
        path = Paths.real(out)
        let name = "--out \(out)"
        if input != "-", Paths.real(input) == path { throw OutputRefusal(message: "\(name) is the input; name another file") }
        switch Paths.kind(path) {
        case .none:
            try Paths.checkCreatable(path, as: name)
        case .file:
            guard let handle = FileHandle(forReadingAtPath: path), let opening = try? handle.read(upToCount: 4096) else {
                throw OutputRefusal(message: "cannot read \(name) to see whether cintel wrote it; name a new file")
            }
            try? handle.close()
            guard Self.isReport(opening) || Self.isJSONReport(path, opening: opening) else {
                throw OutputRefusal(message: "\(name) is a file cintel did not write (not a cintel report); name a new file")
            }
            guard access(path, W_OK) == 0, access((path as NSString).deletingLastPathComponent, W_OK | X_OK) == 0 else {
                throw OutputRefusal(message: "cannot write \(name): \(String(cString: strerror(errno)))")
            }
        default:
            throw OutputRefusal(message: "\(name) is a folder or another thing that is not a file; name a new file")
        }
    }

    /// The marks an HTML deck (REP-63) and an XML pack carry in their first lines.
    static let marks = [#"<meta name="generator" content="cintel">"#, #"<segmentation-report xmlns="urn:cintel:segmentation-report:1""#]

    static func isReport(_ opening: Data) -> Bool {
        let text = String(decoding: opening, as: UTF8.self)
        return marks.contains { text.contains($0) }
    }

    /// The JSON pack: it opens as cintel writes it, and its members are the pack's, in its order (spec/segmentation_report.md).
    static func isJSONReport(_ path: String, opening: Data) -> Bool {
        guard opening.starts(with: Data("{\n  \"meta\": {\n    \"schema_version\": ".utf8)),
            let data = FileManager.default.contents(atPath: path), case .object(let members)? = try? JSONParser.parse(data)
        else { return false }
        return members.map(\.key) == ["meta", "kpis", "verdicts", "scorecard", "personas", "noise", "charts", "text"]
    }

    func write(_ bytes: [UInt8]) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Paths.writeAtomically(bytes, to: path)
    }
}
