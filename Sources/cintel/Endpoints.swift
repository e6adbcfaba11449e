import ArgumentParser
import Engine
import Foundation
import Reports

/// `cintel endpoints`: every endpoint family of the API, where it is specified, and whether this build serves it.
struct Endpoints: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the API's endpoints with their spec sections.")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() {
        let all = APIEndpoints.all
        if json {
            let rows = all.map { endpoint in
                [
                    "name": endpoint.name, "path": "/api/v1/ai/\(endpoint.name)", "source_section": endpoint.sourceSection ?? "named only",
                    "spec": "spec/\(endpoint.specFile)", "served": endpoint.isServed ? "yes" : "no",
                ]
            }
            let data = (try? JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])) ?? Data()
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let width = all.map(\.name.count).max() ?? 0
        print(
            "endpoint".padding(toLength: width + 2, withPad: " ", startingAt: 0) + "source       spec                                 served  summary"
        )
        for endpoint in all {
            let source = (endpoint.sourceSection ?? "named only").padding(toLength: 13, withPad: " ", startingAt: 0)
            let spec = "spec/\(endpoint.specFile)".padding(toLength: 37, withPad: " ", startingAt: 0)
            let served = (endpoint.isServed ? "yes" : "no").padding(toLength: 8, withPad: " ", startingAt: 0)
            print(endpoint.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + source + spec + served + endpoint.summary)
        }
    }
}
