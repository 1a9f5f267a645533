import BatonAuth
import BatonCore
import BatonHTTP
import BatonSim
import Testing

@Suite("OAuth2 client credentials")
struct ClientCredentialsTests {
    /// Given either client authentication, the simulator sees the client id and secret where
    /// RFC 6749 §2.3.1 puts them, form-decoded (a space, `:`, `/+=&%` survive), and issues a token.
    @Test(arguments: [(OAuth2ClientAuth.basic, "basic"), (.post, "post")])
    func clientAuthentication(_ clientAuth: OAuth2ClientAuth, _ seenAs: String) async throws {
        try await AuthFixture.with { fixture in
            let token = try await fixture.cache.token(for: fixture.credential(clientAuth: clientAuth))

            let record = try #require(fixture.simulator.tokenRequests.last)
            #expect(record.clientAuth == seenAs)
            #expect(record.clientID == AuthFixture.clientID)
            #expect(record.grantType == "client_credentials")
            #expect(record.answeredStatus == 200)
            #expect(token.tokenType == "Bearer")
            #expect(token.lifetime == .seconds(3600))
        }
    }

    /// Scopes go space-joined as `scope`, the audience as `audience`; without them neither is sent.
    @Test func scopesAndAudience() async throws {
        try await AuthFixture.with { fixture in
            _ = try await fixture.cache.token(for: fixture.credential(scopes: ["api", "refresh_token"], audience: "https://api.example"))
            _ = try await fixture.cache.token(for: fixture.credential())

            let records = fixture.simulator.tokenRequests
            #expect(records.count == 2)
            #expect(records.first?.scope == "api refresh_token")
            #expect(records.first?.audience == "https://api.example")
            #expect(records.last?.scope == nil)
            #expect(records.last?.audience == nil)
        }
    }

    /// Vendor token endpoints work as they answer: Salesforce without `expires_in` (an hour
    /// is assumed), Marketo with a lower-case `bearer` token type.
    @Test(arguments: [
        ("/services/oauth2/token", nil as Duration?, "Bearer"),
        ("/identity/oauth/token", .seconds(3600), "bearer"),
    ])
    func vendorTokenEndpoints(_ path: String, _ lifetime: Duration?, _ tokenType: String) async throws {
        try await AuthFixture.with { fixture in
            let credential = fixture.credential(clientAuth: .post, path: path)

            let token = try await fixture.cache.token(for: credential)
            let resource = await fixture.cache.perform(fixture.protectedRequest(), with: credential, engine: fixture.engine)

            #expect(token.lifetime == lifetime)
            #expect(token.tokenType == tokenType)
            #expect(token.authorizationHeader.value.hasPrefix("Bearer "))
            #expect(resource.response?.status == 200)
        }
    }
}
