import BatonAuth
import BatonCore
import BatonHTTP
import BatonSim
import Testing

/// What a probe uses when it does not go through ``TokenCache/token(for:)``: the synchronous
/// look-up of a still-fresh token, the ready-made header, the key worked out at config load,
/// and the one retry after a 401 to a token sent without the cache.
@Suite("Token fast path")
struct TokenFastPathTests {
    /// Nothing before the first fetch; the token up to the instant it is due for a refresh, never at or after it.
    @Test func freshTokenUntilRefresh() async throws {
        try await AuthFixture.with(lifetime: 300) { fixture in
            let credential = TokenCredential(fixture.credential())
            #expect(fixture.cache.freshToken(for: credential.key, at: fixture.clock.now) == nil)

            let token = try await fixture.cache.token(for: credential)
            let start = fixture.clock.now
            let cached = fixture.cache.freshToken(for: credential.key, at: start)
            let justBefore = fixture.cache.freshToken(for: credential.key, at: start.advanced(by: .seconds(270) - .milliseconds(1)))
            let atRefresh = fixture.cache.freshToken(for: credential.key, at: start.advanced(by: .seconds(270)))
            // A probe due in the past is sent now: the token must be fresh now.
            fixture.clock.advance(by: .seconds(270))
            let dueEarlier = fixture.cache.freshToken(for: credential.key, at: start)

            #expect(cached.map { $0.isSameToken(as: token) } == true)
            #expect(justBefore.map { $0.isSameToken(as: token) } == true)
            #expect(atRefresh == nil)
            #expect(dueEarlier == nil)
            #expect(fixture.simulator.tokenRequestCount() == 1)
        }
    }

    /// A token dropped after a 401, and a failed fetch, leave nothing to hand out.
    @Test func noFreshTokenAfter401OrFailure() async throws {
        try await AuthFixture.with { fixture in
            let credential = TokenCredential(fixture.credential())
            let token = try await fixture.cache.token(for: credential)
            fixture.cache.invalidate(after401: token)
            #expect(fixture.cache.freshToken(for: credential.key, at: fixture.clock.now) == nil)

            fixture.simulator.updateAuth(AuthPatch(fault: .serverError))
            _ = await attempt { () async throws(TokenError) in try await fixture.cache.token(for: credential) }
            #expect(fixture.cache.freshToken(for: credential.key, at: fixture.clock.now) == nil)
        }
    }

    /// A 401 to a token sent without the cache: that token is dropped, one new one fetched, and the request sent once more.
    @Test func retryAfterOutside401() async throws {
        try await AuthFixture.with { fixture in
            let credential = TokenCredential(fixture.credential())
            let stale = try await fixture.cache.token(for: credential)
            fixture.simulator.expireTokens()
            let first = await fixture.engine.perform(fixture.protectedRequest().authorized(by: stale))

            let outcome = await fixture.cache.perform(fixture.protectedRequest(), with: credential, engine: fixture.engine, rejected: stale)
            let now = fixture.cache.freshToken(for: credential.key, at: fixture.clock.now)

            #expect(first.success?.status == 401)
            #expect(outcome.response?.status == 200)
            #expect(now.map { !$0.isSameToken(as: stale) } == true)
            #expect(fixture.simulator.tokenRequestCount() == 2)
        }
    }

    /// After an outside 401 only one more attempt is made: a second 401 is a token failure, with one refetch.
    @Test func outside401ThenRejectedAgain() async throws {
        try await AuthFixture.with { fixture in
            let credential = TokenCredential(fixture.credential())
            let stale = try await fixture.cache.token(for: credential)
            fixture.simulator.updateAuth(AuthPatch(rejectTokens: true))

            let outcome = await fixture.cache.perform(fixture.protectedRequest(), with: credential, engine: fixture.engine, rejected: stale)

            #expect(outcome.tokenError == .rejectedTwice(status: 401))
            #expect(fixture.simulator.tokenRequestCount() == 2)
        }
    }

    /// The header is built once with the token, and is what a request carries; the secret-free label is all a key shows.
    @Test func readyMadeHeaderAndKey() async throws {
        try await AuthFixture.with { fixture in
            let plain = fixture.credential()
            let credential = TokenCredential(plain)
            let token = try await fixture.cache.token(for: credential)

            #expect(credential.key == plain.cacheKey)
            #expect(credential.description == plain.cacheKey.label)
            #expect(!String(reflecting: credential).contains(AuthFixture.clientSecret))
            #expect(token.authorizationHeader == HTTPRequest.Header(name: "Authorization", value: "Bearer " + token.revealedValue))
            #expect(!String(describing: token).contains(token.revealedValue))
            var dumped = ""
            dump(token, to: &dumped)
            #expect(!dumped.contains(token.revealedValue))
            // Shared with a credential configured apart: same key, same token, no second request.
            let again = try await fixture.cache.token(for: TokenCredential(fixture.credential()))
            #expect(again.isSameToken(as: token))
            #expect(fixture.simulator.tokenRequestCount() == 1)
        }
    }

    /// Every spelling of `Authorization` is replaced; look-alike names are kept.
    @Test func authorizationNamesReplaced() async throws {
        try await AuthFixture.with { fixture in
            let token = try await fixture.cache.token(for: fixture.credential())
            var request = fixture.protectedRequest()
            request.headers = ["authorization", "AUTHORIZATION", "Authorizatio", "X-Authorization", "Authorizatión", "Accept"].map {
                HTTPRequest.Header(name: $0, value: "x")
            }

            let names = request.authorized(by: token).headers.map(\.name)

            #expect(names == ["Authorizatio", "X-Authorization", "Authorizatión", "Accept", "Authorization"])
        }
    }
}
