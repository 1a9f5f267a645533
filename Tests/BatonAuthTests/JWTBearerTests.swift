@testable import BatonAuth
import BatonCore
import BatonHTTP
import BatonSim
import Testing

@Suite("OAuth2 JWT bearer")
struct JWTBearerTests {
    static let scope = "https://www.googleapis.com/auth/bigquery.readonly"

    func credential(_ fixture: AuthFixture, keyFile: String, tokenURL: String? = nil) -> OAuth2Credential {
        OAuth2Credential(grant: .jwtBearer, tokenURL: SecretText(literal: tokenURL ?? fixture.baseURL + "/token"), scopes: [Self.scope], keyFile: keyFile)
    }

    /// A service-account key signs an RS256 assertion that the simulator verifies with the
    /// public key; the token it issues opens BigQuery's `jobs.query`.
    @Test func signedAssertionAccepted() async throws {
        try await AuthFixture.with(endpoints: ["bigquery": EndpointBehaviour(lastSyncAgeSeconds: 120)]) { fixture in
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let key = try TestKeys.pair("trusted")
            try key.writeKeyFile(to: folder.file("sa.json"), tokenURI: fixture.baseURL + "/token")
            fixture.simulator.trust(key)
            let credential = credential(fixture, keyFile: folder.file("sa.json"))

            let token = try await fixture.cache.token(for: credential)
            let query = HTTPRequest(
                url: "\(fixture.baseURL)/bigquery/v2/projects/demo/queries", method: "POST",
                headers: [.init(name: "Content-Type", value: "application/json")],
                body: Array(#"{"query":"SELECT UNIX_SECONDS(MAX(TIMESTAMP_MICROS(event_timestamp))) AS newest FROM `demo.analytics_1.events_*`","useLegacySql":false}"#.utf8)
            )
            let answer = await fixture.cache.perform(query, with: credential, engine: fixture.engine)

            let record = try #require(fixture.simulator.tokenRequests.last)
            #expect(record.clientAuth == "assertion")
            #expect(record.clientID == key.clientEmail)
            #expect(record.scope == Self.scope)
            #expect(record.audience == fixture.baseURL + "/token")
            #expect(token.lifetime == .seconds(3600))
            let body = try #require(answer.response.map { String(decoding: $0.body, as: UTF8.self) })
            #expect(body.contains(#""name":"newest","type":"INTEGER""#))
            #expect(body.contains(#""rows":[{"f":[{"v":""#))
        }
    }

    /// Without a token URL in the config, the key file's `token_uri` is used (and is the `aud`).
    @Test func tokenURIFromKeyFile() async throws {
        try await AuthFixture.with { fixture in
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let key = try TestKeys.pair("etl", clientEmail: "etl@demo.iam.gserviceaccount.com")
            try key.writeKeyFile(to: folder.file("sa.json"), tokenURI: fixture.baseURL + "/token")
            fixture.simulator.trust(key)

            let token = try await fixture.cache.token(for: credential(fixture, keyFile: folder.file("sa.json"), tokenURL: ""))

            #expect(token.tokenType == "Bearer")
            #expect(fixture.simulator.tokenRequests.last?.clientID == "etl@demo.iam.gserviceaccount.com")
        }
    }

    /// An assertion signed with another key than the one the endpoint knows is refused, as Google does.
    @Test func wrongKeyRejected() async throws {
        try await AuthFixture.with { fixture in
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let trusted = try TestKeys.pair("trusted")
            let impostor = try TestKeys.pair("impostor")
            fixture.simulator.trust(trusted)
            try impostor.writeKeyFile(to: folder.file("sa.json"), tokenURI: fixture.baseURL + "/token")

            let result = await attempt { () async throws(TokenError) in
                try await fixture.cache.token(for: credential(fixture, keyFile: folder.file("sa.json")))
            }

            #expect(result.failure == .rejected(status: 400, oauthError: "invalid_grant"))
            #expect(result.failure?.description == "token endpoint answered 400 invalid_grant")
        }
    }

    /// An assertion for an audience the endpoint is not is refused.
    @Test func wrongAudienceRejected() async throws {
        try await AuthFixture.with { fixture in
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let key = try TestKeys.pair("trusted")
            try key.writeKeyFile(to: folder.file("sa.json"), tokenURI: fixture.baseURL + "/token")
            fixture.simulator.trust(key)
            var credential = credential(fixture, keyFile: folder.file("sa.json"))
            credential.audience = "https://elsewhere.example/token"

            let result = await attempt { () async throws(TokenError) in try await fixture.cache.token(for: credential) }

            #expect(result.failure == .rejected(status: 400, oauthError: "invalid_grant"))
        }
    }
}

@Suite("Simulated JWT-bearer endpoint")
struct SimulatedJWTEndpointTests {
    /// The simulator verifies the RS256 signature over header and claims: a changed header
    /// with the old signature is refused as Google refuses it.
    @Test func tamperedAssertionRejected() async throws {
        try await AuthFixture.with { fixture in
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let key = try TestKeys.pair("trusted")
            try key.writeKeyFile(to: folder.file("sa.json"), tokenURI: fixture.baseURL + "/token")
            fixture.simulator.trust(key)
            let credential = OAuth2Credential(grant: .jwtBearer, tokenURL: SecretText(literal: fixture.baseURL + "/token"), scopes: ["s"], keyFile: folder.file("sa.json"))
            let genuine = try TokenRequest.jwtBearer(credential, issuedAt: fixture.clock.authClock.unixTime(), timeout: .seconds(10))
            let form = String(decoding: genuine.body ?? [], as: UTF8.self)
            let headerStart = try #require(form.range(of: "assertion=")).upperBound
            let originalHeader = form[headerStart...].prefix { $0 != "." }
            var tampered = genuine
            tampered.body = Array(form.replacingOccurrences(of: originalHeader, with: Base64URL.encode(#"{"alg":"RS256","kid":"other","typ":"JWT"}"#)).utf8)

            let accepted = try #require(await fixture.engine.perform(genuine).success)
            let refused = try #require(await fixture.engine.perform(tampered).success)

            #expect(accepted.status == 200)
            #expect(refused.status == 400)
            #expect(String(decoding: refused.body, as: UTF8.self).contains("Invalid JWT Signature."))
        }
    }
}
