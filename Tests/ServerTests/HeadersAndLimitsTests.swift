import Engine
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Reports
import Server
import Testing

@Suite("Media types, answer headers and count limits while reading")
struct HeadersAndLimitsTests {
    /// GEN-2: a charset other than UTF-8 is refused; UTF-8 in any spelling is accepted.
    @Test func aCharsetOtherThanUTF8Gets415() async throws {
        let keys = try TestKeys()
        let example = DocumentedExamples.customerRFM
        try await Fixture.app(keys: keys).test(.router) { client in
            for (contentType, status) in [
                ("application/json; charset=iso-8859-1", HTTPResponse.Status.unsupportedMediaType),
                ("application/json; charset=utf-16", .unsupportedMediaType), ("application/json;charset=UTF-8", .ok),
                ("application/json; charset=\"utf-8\"", .ok), ("Application/JSON", .ok),
            ] {
                var headers = keys.headers
                headers[.contentType] = contentType
                try await client.execute(uri: "/api/v1/ai/customer_rfm", method: .post, headers: headers, body: Fixture.body(example)) {
                    #expect($0.status == status, "\(contentType)")
                }
            }
        }
    }

    /// SRV-7: nosniff on every answer; an HTML deck also gets a policy that forbids scripts and remote loads.
    @Test func htmlAnswersForbidScriptsAndRemoteLoads() async throws {
        let keys = try TestKeys()
        // A report body is a purchasing_segmentation body with the report's members (REP).
        let example = DocumentedExamples.purchasingSegmentation
        guard case .object(var members) = example else { return }
        members.removeAll { $0.key == "format" }
        members.append(.init("format", .string("html")))
        let body = Fixture.body(.object(members))
        try await Fixture.app(keys: keys).test(.router) { client in
            try await client.execute(uri: "/api/v1/ai/segmentation_report", method: .post, headers: keys.headers, body: body) {
                #expect($0.status == .ok)
                #expect($0.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect($0.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                let policy = try #require($0.headers[.contentSecurityPolicy])
                #expect(policy.contains("default-src 'none'"))
                #expect(!policy.contains("script-src"))
            }
            try await client.execute(uri: "/healthz", method: .get) {
                #expect($0.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect($0.headers[.contentSecurityPolicy] == nil)
            }
        }
    }

    /// VAL-12: a body far over the customer limit is refused by its count, at the pointer the reader would name.
    @Test func countsAreEnforcedWhileTheBodyIsRead() async throws {
        let keys = try TestKeys()
        var limits = Limits.default
        limits.maxCustomers = 1_000
        let zeros = "{\"customers\": [" + Array(repeating: "0", count: 2_000_000).joined(separator: ",") + "]}"
        try await Fixture.app(keys: keys, limits: limits).test(.router) { client in
            try await client.execute(uri: "/api/v1/ai/customer_rfm", method: .post, headers: keys.headers, body: Fixture.body(zeros)) {
                #expect($0.status == .contentTooLarge)
                let error = try Fixture.json($0.body)
                #expect(error[pointer: "/error/code"] == .string("limit_exceeded"))
                #expect(error[pointer: "/error/problems/0/pointer"] == .string("/customers"))
            }
        }
    }
}
