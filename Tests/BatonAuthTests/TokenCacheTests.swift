import BatonAuth
import BatonCore
import BatonHTTP
import BatonSim
import Testing

@Suite("Token cache")
struct TokenCacheTests {
    /// 100 callers asking at once for the same credential cause one token request and all get that token.
    @Test func singleFlight() async throws {
        try await AuthFixture.with { fixture in
            let credential = fixture.credential()

            let tokens = try await withThrowingTaskGroup(of: AccessToken.self) { group in
                for _ in 0..<100 {
                    group.addTask { try await fixture.cache.token(for: credential) }
                }
                return try await group.reduce(into: [AccessToken]()) { $0.append($1) }
            }

            #expect(tokens.count == 100)
            #expect(fixture.simulator.tokenRequestCount() == 1)
            #expect(fixture.cache.tokenRequests(for: credential) == 1)
            #expect(tokens.allSatisfy { $0.isSameToken(as: tokens[0]) })
        }
    }

    /// 1,000 integrations sharing one credential cause one token request per token lifetime, not 1,000.
    @Test func oneRequestPerLifetime() async throws {
        try await AuthFixture.with(lifetime: 300) { fixture in
            let credential = fixture.credential(scopes: ["api"])

            for _ in 0..<3 {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<1000 {
                        group.addTask { _ = try await fixture.cache.token(for: credential) }
                    }
                    try await group.waitForAll()
                }
                fixture.clock.advance(by: .seconds(270))
            }

            #expect(fixture.simulator.tokenRequestCount() == 3)
            #expect(fixture.cache.requestCounts == [TokenCache.RequestCount(credential: credential.cacheKey.label, requests: 3, failure: nil)])
        }
    }

    /// Credentials with the same token URL, client id and scopes share a token even when
    /// configured apart (client auth differs); other scopes get their own.
    @Test func sharedByKey() async throws {
        try await AuthFixture.with { fixture in
            let first = try await fixture.cache.token(for: fixture.credential(clientAuth: .basic, scopes: ["api"]))
            let second = try await fixture.cache.token(for: fixture.credential(clientAuth: .post, scopes: ["api"]))
            let other = try await fixture.cache.token(for: fixture.credential(scopes: ["web"]))

            #expect(first.isSameToken(as: second))
            #expect(!first.isSameToken(as: other))
            #expect(fixture.simulator.tokenRequestCount() == 2)
        }
    }

    /// The token is fetched again 60 s before `expires_in` runs out, or a tenth of the
    /// lifetime before when it lives less than 10 minutes, and not a moment earlier.
    @Test(arguments: [(3600.0, 3540), (600, 540), (300, 270), (60, 54)])
    func refreshTiming(_ lifetime: Double, _ refreshAfter: Int64) async throws {
        try await AuthFixture.with(lifetime: lifetime) { fixture in
            let credential = fixture.credential()
            let first = try await fixture.cache.token(for: credential)

            fixture.clock.advance(by: .seconds(refreshAfter) - .milliseconds(1))
            let stillCached = try await fixture.cache.token(for: credential)
            let requestsBefore = fixture.simulator.tokenRequestCount()
            fixture.clock.advance(by: .milliseconds(1))
            let refreshed = try await fixture.cache.token(for: credential)

            #expect(stillCached.isSameToken(as: first))
            #expect(requestsBefore == 1)
            #expect(!refreshed.isSameToken(as: first))
            #expect(fixture.simulator.tokenRequestCount() == 2)
        }
    }

    /// The refresh rule itself, including lifetimes the endpoint did not state or stated absurdly.
    @Test(arguments: [
        (Duration?.some(.seconds(3600)), Duration.seconds(3540)),
        (.seconds(300), .seconds(270)),
        (.seconds(599), .milliseconds(539_100)),
        (.seconds(0), .seconds(0)),
        (.seconds(-5), .seconds(0)),
        (nil, .seconds(3540)),
    ])
    func refreshPolicy(_ lifetime: Duration?, _ useFor: Duration) {
        #expect(RefreshPolicy.useFor(lifetime: lifetime) == useFor)
    }

    /// A 401 from the resource drops the cached token, fetches one more and succeeds.
    @Test func refetchAfter401() async throws {
        try await AuthFixture.with { fixture in
            let credential = fixture.credential()
            let first = await fixture.cache.perform(fixture.protectedRequest(), with: credential, engine: fixture.engine)
            fixture.simulator.expireTokens()

            let second = await fixture.cache.perform(fixture.protectedRequest(), with: credential, engine: fixture.engine)

            #expect(first.response?.status == 200)
            #expect(second.response?.status == 200)
            #expect(fixture.simulator.tokenRequestCount() == 2)
        }
    }

    /// Many integrations rejected with the same expired token cause one new token request, not one each.
    @Test func concurrent401sRefetchOnce() async throws {
        try await AuthFixture.with { fixture in
            let credential = fixture.credential()
            _ = await fixture.cache.perform(fixture.protectedRequest(), with: credential, engine: fixture.engine)
            fixture.simulator.expireTokens()

            let statuses = await withTaskGroup(of: Int?.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        await fixture.cache.perform(fixture.protectedRequest("crm-\(index)"), with: credential, engine: fixture.engine).response?.status
                    }
                }
                return await group.reduce(into: [Int?]()) { $0.append($1) }
            }

            #expect(statuses.allSatisfy { $0 == 200 })
            #expect(fixture.simulator.tokenRequestCount() == 2)
        }
    }

    /// A resource that refuses the fresh token too is a token failure, after exactly one refetch.
    @Test func rejectedTwice() async throws {
        try await AuthFixture.with { fixture in
            fixture.simulator.updateAuth(AuthPatch(rejectTokens: true))

            let outcome = await fixture.cache.perform(fixture.protectedRequest(), with: fixture.credential(), engine: fixture.engine)

            #expect(outcome.tokenError == .rejectedTwice(status: 401))
            #expect(outcome.tokenError?.description == "endpoint answered 401 to a fresh access token too")
            #expect(fixture.simulator.tokenRequestCount() == 2)
        }
    }

    /// The token replaces whatever `Authorization` header the check configured.
    @Test func replacesAuthorizationHeader() async throws {
        try await AuthFixture.with { fixture in
            var request = fixture.protectedRequest()
            request.headers = [.init(name: "authorization", value: "Bearer stale"), .init(name: "Accept", value: "application/json")]

            let outcome = await fixture.cache.perform(request, with: fixture.credential(), engine: fixture.engine)
            let token = try await fixture.cache.token(for: fixture.credential())

            #expect(outcome.response?.status == 200)
            #expect(request.authorized(by: token).headers.map(\.name) == ["Accept", "Authorization"])
        }
    }

    /// Invalidating a token that was already replaced leaves the newer one cached.
    @Test func invalidateOnlyTheRejectedToken() async throws {
        try await AuthFixture.with(lifetime: 60) { fixture in
            let credential = fixture.credential()
            let old = try await fixture.cache.token(for: credential)
            fixture.clock.advance(by: .seconds(54))
            let current = try await fixture.cache.token(for: credential)

            fixture.cache.invalidate(after401: old)
            let after = try await fixture.cache.token(for: credential)

            #expect(after.isSameToken(as: current))
            #expect(fixture.simulator.tokenRequestCount() == 2)
        }
    }

    /// A failed fetch is answered from memory for the hold-off, then the endpoint is asked again.
    @Test func failureHoldoff() async throws {
        try await AuthFixture.with { fixture in
            let credential = fixture.credential()
            fixture.simulator.updateAuth(AuthPatch(fault: .serverError))
            let first = await attempt { () async throws(TokenError) in try await fixture.cache.token(for: credential) }
            let second = await attempt { () async throws(TokenError) in try await fixture.cache.token(for: credential) }
            let requestsDuringHoldoff = fixture.simulator.tokenRequestCount()
            let counted = fixture.cache.requestCounts

            fixture.simulator.updateAuth(AuthPatch(fault: AuthSettings.TokenFault.none))
            fixture.clock.advance(by: .seconds(10))
            let recovered = try await fixture.cache.token(for: credential)

            #expect(first.failure == .rejected(status: 500, oauthError: "server_error"))
            #expect(second.failure == first.failure)
            #expect(requestsDuringHoldoff == 1)
            #expect(counted.first?.failure == first.failure)
            #expect(recovered.tokenType == "Bearer")
            #expect(fixture.simulator.tokenRequestCount() == 2)
        }
    }

    /// After a reload, credentials no longer configured are forgotten.
    @Test func retainOnlyConfigured() async throws {
        try await AuthFixture.with { fixture in
            let kept = fixture.credential(scopes: ["api"])
            let dropped = fixture.credential(scopes: ["web"])
            _ = try await fixture.cache.token(for: kept)
            _ = try await fixture.cache.token(for: dropped)

            fixture.cache.retain(only: [kept])

            #expect(fixture.cache.tokenRequests(for: kept) == 1)
            #expect(fixture.cache.tokenRequests(for: dropped) == 0)
            #expect(fixture.cache.requestCounts.count == 1)
        }
    }
}
