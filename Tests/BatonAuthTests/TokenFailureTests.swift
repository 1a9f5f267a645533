import BatonAuth
import BatonCore
import BatonHTTP
import BatonSim
import TestSupport
import Testing

@Suite("Token endpoint failures")
struct TokenFailureTests {
    enum Failure: String, CaseIterable, CustomTestStringConvertible {
        case refused, hangs, serverError, notJSON, noAccessToken, wrongSecret, closesConnection
        var testDescription: String { rawValue }
    }

    /// Every way a token endpoint can fail ends in one precise sentence, naming the answer
    /// and never the client secret, the token or the response body.
    @Test(arguments: Failure.allCases)
    func preciseReason(_ failure: Failure) async throws {
        // Short only for the hanging endpoint: on a busy machine a real answer may take longer.
        try await AuthFixture.with(requestTimeout: failure == .hangs ? .seconds(1) : .seconds(10)) { fixture in
            var credential = fixture.credential()
            let closedPort = LoopbackPort.closed()
            let expected: String
            switch failure {
            case .refused:
                credential.tokenURL = SecretText(literal: "http://127.0.0.1:\(closedPort)/oauth2/token")
                expected = "token endpoint refused the connection (127.0.0.1:\(closedPort))"
            case .hangs:
                fixture.simulator.updateAuth(AuthPatch(fault: .hang))
                expected = "token endpoint timed out after 1s"
            case .serverError:
                fixture.simulator.updateAuth(AuthPatch(fault: .serverError))
                expected = "token endpoint answered 500 server_error"
            case .notJSON:
                fixture.simulator.updateAuth(AuthPatch(fault: .notJSON))
                expected = "token endpoint answered non-JSON"
            case .noAccessToken:
                fixture.simulator.updateAuth(AuthPatch(fault: .noAccessToken))
                expected = "token endpoint answer has no access_token"
            case .wrongSecret:
                credential = fixture.credential(secret: "canary-wrong-secret-51b2")
                expected = "token endpoint answered 401 invalid_client"
            case .closesConnection:
                fixture.simulator.updateAuth(AuthPatch(fault: .closeConnection))
                expected = "token endpoint could not be reached: server closed the connection without answering"
            }

            let outcome = await fixture.cache.perform(fixture.protectedRequest(), with: credential, engine: fixture.engine)

            let error = try #require(outcome.tokenError)
            #expect(error.description == expected)
            for canary in [AuthFixture.clientSecret, "canary-wrong-secret-51b2", "invalid client credentials", "<html", "simulated failure"] {
                #expect(!error.description.contains(canary))
                #expect(!String(reflecting: error).contains(canary))
            }
            #expect(fixture.cache.tokenRequests(for: credential) == 1)
        }
    }

    /// A credential missing what its grant needs is refused before any request.
    @Test func incompleteCredential() async throws {
        try await AuthFixture.with { fixture in
            var credential = fixture.credential()
            credential.clientSecret = nil

            let result = await attempt { () async throws(TokenError) in try await fixture.cache.token(for: credential) }

            #expect(result.failure?.description == "oauth2 client_credentials needs a client_id and a client_secret")
            #expect(fixture.simulator.tokenRequestCount() == 0)
        }
    }

    /// The token, the client secret and the client id (a secret reference here) stay out of
    /// every description, reflection and label a token, key, error or count offers.
    @Test func canariesNeverShow() async throws {
        try await AuthFixture.with { fixture in
            var credential = fixture.credential(scopes: ["api"])
            credential.clientID = SecretText(revealed: AuthFixture.clientID, redacted: "***")
            let token = try await fixture.cache.token(for: credential)
            var dumped = ""
            dump(token, to: &dumped)
            var dumpedKey = ""
            dump(credential.cacheKey, to: &dumpedKey)

            let shown = [
                token.description, token.debugDescription, String(describing: token), String(reflecting: token), dumped,
                credential.cacheKey.description, credential.cacheKey.debugDescription, dumpedKey,
                fixture.cache.requestCounts.map(\.credential).joined(), String(describing: fixture.cache.requestCounts),
            ]
            for text in shown {
                #expect(!text.contains(token.revealedValue))
                #expect(!text.contains(AuthFixture.clientSecret))
                #expect(!text.contains(AuthFixture.clientID))
            }
            #expect(credential.cacheKey.label == "client_credentials \(fixture.baseURL)/oauth2/token client_id=*** scopes=api")
        }
    }
}
