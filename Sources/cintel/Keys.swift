import ArgumentParser
import Foundation
import Server

/// `cintel keys add|list|revoke`: manage the key file the server authenticates against. The file holds salted
/// hashes only; `add` prints the secret once.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API keys.", subcommands: [Add.self, List.self, Revoke.self])

    struct FileOption: ParsableArguments {
        @Option(help: "The key file (env CINTEL_KEYS_FILE).")
        var file: String = ProcessInfo.processInfo.environment["CINTEL_KEYS_FILE"] ?? "cintel-keys.json"
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key; prints its id and secret (the secret only this once).")
        @OptionGroup var options: FileOption
        @Option(help: "A label to recognise the key by.")
        var label: String = ""

        func run() throws {
            var file = try KeyFile.load(path: options.file)
            let (id, secret) = file.add(label: label)
            try file.save(path: options.file)
            print("X-Customer-Api-Id: \(id)")
            print("X-Secret: \(secret)")
            FileHandle.standardError.write(Data("Store the secret now: \(options.file) keeps only its salted hash.\n".utf8))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never secrets).")
        @OptionGroup var options: FileOption

        func run() throws {
            for key in try KeyFile.load(path: options.file).keys {
                print("\(key.id)  \(key.revoked == nil ? "live   " : "revoked")  \(key.created)  \(key.label)")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key; a running server stops accepting it at once.")
        @OptionGroup var options: FileOption
        @Argument(help: "The key id.")
        var id: String

        func run() throws {
            var file = try KeyFile.load(path: options.file)
            guard file.revoke(id: id) else {
                FileHandle.standardError.write(Data("cintel: no live key \(id) in \(options.file)\n".utf8))
                throw ExitCode(1)
            }
            try file.save(path: options.file)
            print("revoked \(id)")
        }
    }
}
