import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import Testing

@Suite("Authentication (GEN-3) and the key file")
struct AuthenticationTests {
    static let body = #"{"customers": [{"customer_id": "A", "transactions": [{"date": "2025-01-01", "amount": 5}]}]}"#
    static let idHeader = HTTPField.Name("X-Customer-Api-Id")!
    static let secretHeader = HTTPField.Name("X-Secret")!

    static func post(_ client: some TestClientProtocol, _ headers: HTTPFields) async throws -> (HTTPResponse.Status, ByteBuffer) {
        try await client.execute(uri: "/api/v1/ai/customer_rfm", method: .post, headers: headers, body: Fixture.body(body)) { ($0.status, $0.body) }
    }

    @Test func everyWrongCredentialGetsTheSame401() async throws {
        let keys = try TestKeys()
        try await Fixture.app(keys: keys).test(.router) { client in
            try await Self.checkWrongCredentials(keys) { headers in try await Self.post(client, headers) }
        }
    }

    /// The same over a real socket, with the 300-s client of the concurrency tests: on two cores running the whole
    /// suite, other tests can hold the cores longer than HummingbirdTesting's 20-s read timeout.
    @Test func everyWrongCredentialGetsTheSame401OverTCP() async throws {
        let keys = try TestKeys()
        try await Fixture.withLiveServer(Fixture.configuration(keys: keys)) { port, _ in
            try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(300))) { client in
                try await Self.checkWrongCredentials(keys) { headers in
                    let response = try await client.post("/api/v1/ai/customer_rfm", headers: headers, body: Fixture.body(Self.body))
                    return (response.status, response.body ?? ByteBuffer())
                }
            }
        }
    }

    static func checkWrongCredentials(_ keys: TestKeys, post: (HTTPFields) async throws -> (HTTPResponse.Status, ByteBuffer)) async throws {
        let (ok, _) = try await post(keys.headers)
        #expect(ok == .ok)
        var bodies: [ByteBuffer] = []
        let variants: [HTTPFields] = [
            [.contentType: "application/json"],
            keys.headers.setting(Self.idHeader, UUID().uuidString),
            keys.headers.setting(Self.secretHeader, keys.secret + "x"),
            keys.headers.setting(Self.idHeader, "not-a-uuid"),
            keys.headers.setting(Self.secretHeader, ""),
        ]
        for headers in variants {
            let (status, body) = try await post(headers)
            #expect(status == .unauthorized)
            bodies.append(body)
        }
        // No hint which half was wrong: the bodies are identical.
        #expect(Set(bodies.map { Array(buffer: $0) }).count == 1)
        #expect(try Fixture.json(bodies[0])[pointer: "/error/code"] == .string("unauthorized"))
    }

    @Test func idsAreCaseInsensitiveUUIDs() async throws {
        let keys = try TestKeys()
        try await Fixture.app(keys: keys).test(.router) { client in
            let (status, _) = try await Self.post(client, keys.headers.setting(Self.idHeader, keys.id.uppercased()))
            #expect(status == .ok)
        }
    }

    @Test func revokedAndAddedKeysTakeEffectWithoutARestart() async throws {
        let keys = try TestKeys()
        try await Fixture.app(keys: keys).test(.router) { client in
            #expect(try await Self.post(client, keys.headers).0 == .ok)
            var file = try KeyFile.load(path: keys.path)
            let revoked = file.revoke(id: keys.id)
            #expect(revoked)
            let (newID, newSecret) = file.add(label: "second")
            try file.save(path: keys.path)
            #expect(try await Self.post(client, keys.headers).0 == .unauthorized)
            let fresh = keys.headers.setting(Self.idHeader, newID).setting(Self.secretHeader, newSecret)
            #expect(try await Self.post(client, fresh).0 == .ok)
        }
    }

    @Test func keyFileHoldsOnlySaltedHashes() throws {
        let keys = try TestKeys()
        let text = try String(contentsOfFile: keys.path, encoding: .utf8)
        #expect(!text.contains(keys.secret))
        let file = try KeyFile.load(path: keys.path)
        #expect(file.keys.count == 1)
        #expect(file.keys[0].id == keys.id)
        let attributes = try FileManager.default.attributesOfItem(atPath: keys.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        var copy = file
        let revokedUnknown = copy.revoke(id: UUID().uuidString)
        #expect(!revokedUnknown)
    }

    @Test func keyStoreKeepsPreviousKeysWhenTheFileBreaks() throws {
        let keys = try TestKeys()
        let store = try KeyStore(path: keys.path, logger: Fixture.quietLogger)
        #expect(store.authenticate(id: keys.id, secret: keys.secret))
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: keys.path))
        #expect(store.authenticate(id: keys.id, secret: keys.secret))
        #expect(!store.authenticate(id: keys.id, secret: "wrong"))
    }
}
