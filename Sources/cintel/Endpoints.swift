import ArgumentParser
import Engine
import Foundation
import Reports

/// `cintel endpoints`: every endpoint family of the API and where it is specified.
struct Endpoints: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the API's endpoints with their spec sections.")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() {
        let all = EndpointCatalog.all
        if json {
            let rows = all.map { endpoint in
                [
                    "name": endpoint.name, "path": "/api/v1/ai/\(endpoint.name)", "source_section": endpoint.sourceSection ?? "named only",
                    "spec": "spec/\(endpoint.specFile)",
                ]
            }
            let data = (try? JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])) ?? Data()
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let width = all.map(\.name.count).max() ?? 0
        print(
            "endpoint".padding(toLength: width + 2, withPad: " ", startingAt: 0) + "source       spec                                 summary"
        )
        for endpoint in all {
            let source = (endpoint.sourceSection ?? "named only").padding(toLength: 13, withPad: " ", startingAt: 0)
            let spec = "spec/\(endpoint.specFile)".padding(toLength: 37, withPad: " ", startingAt: 0)
            print(endpoint.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + source + spec + endpoint.summary)
        }
    }
}
