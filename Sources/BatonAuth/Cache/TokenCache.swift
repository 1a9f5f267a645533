import BatonCore
import BatonHTTP
import Synchronization

/// Access tokens shared by every integration that uses the same OAuth2 credential.
///
/// Keyed by ``OAuth2Credential/cacheKey``. A token is handed out until ``RefreshPolicy``
/// says to fetch a new one; at most one token request per credential is in flight, and
/// every caller that arrives meanwhile waits for that one answer (single flight). A
/// failed fetch is remembered for ``failureHoldoff`` so a broken endpoint is not asked
/// once per integration; callers in that window get the same error.
///
/// Time comes from an injected ``AuthClock``; token requests go through the engine of
/// the ``OAuth2TokenSource`` and never block its thread.
public final class TokenCache: Sendable {
    struct Entry {
        var label: String
        var token: AccessToken?
        /// When the token stops being handed out and a new one is fetched.
        var refreshAt = MonotonicInstant(nanoseconds: 0)
        var fetch: Task<Result<AccessToken, TokenError>, Never>?
        var failure: TokenError?
        var failureUntil = MonotonicInstant(nanoseconds: 0)
        var requests = 0
    }

    /// One credential's token requests so far, for metrics and the benchmark.
    public struct RequestCount: Sendable, Equatable {
        /// The credential's redacted label (``OAuth2CacheKey/label``).
        public var credential: String
        public var requests: Int
        /// The last fetch's error while it is remembered; nil when the last one succeeded.
        public var failure: TokenError?

        public init(credential: String, requests: Int, failure: TokenError? = nil) {
            self.credential = credential
            self.requests = requests
            self.failure = failure
        }
    }

    private let entries = Mutex<[OAuth2CacheKey: Entry]>([:])
    public let source: OAuth2TokenSource
    public let failureHoldoff: Duration
    private let clock: AuthClock

    /// - Parameters:
    ///   - source: Performs the token requests (and owns their timeout).
    ///   - failureHoldoff: How long a failed fetch is answered from memory before the endpoint is asked again.
    ///   - clock: The same clock as `source`'s in tests, so lifetimes and assertions agree.
    public init(source: OAuth2TokenSource, failureHoldoff: Duration = .seconds(10), clock: AuthClock = .system) {
        self.source = source
        self.failureHoldoff = failureHoldoff
        self.clock = clock
    }

    /// A cache whose token requests go through `engine`.
    public convenience init(engine: HTTPEngine, requestTimeout: Duration = .seconds(10), failureHoldoff: Duration = .seconds(10), clock: AuthClock = .system) {
        self.init(source: OAuth2TokenSource(engine: engine, timeout: requestTimeout, clock: clock), failureHoldoff: failureHoldoff, clock: clock)
    }

    private enum Step {
        case use(AccessToken)
        case wait(Task<Result<AccessToken, TokenError>, Never>)
        case fail(TokenError)
    }

    /// A token for `credential`: the cached one while it is fresh, else the answer of the
    /// one token request in flight (started here when there is none).
    public func token(for credential: OAuth2Credential) async throws(TokenError) -> AccessToken {
        try await token(for: TokenCredential(credential))
    }

    /// The cached token for `key` when it is still handed out at `instant` (or now, if that
    /// is later); nil when there is none, it is due for a refresh by then, or the last fetch failed.
    ///
    /// Synchronous and read-only: one lock, no task. A probe that gets nil asks ``token(for:)``
    /// when it is due, which fetches (once per credential) or waits for the fetch in flight.
    public func freshToken(for key: OAuth2CacheKey, at instant: MonotonicInstant) -> AccessToken? {
        let at = max(instant, clock.now())
        return entries.withLock { entries in
            guard let cached = entries[key], let token = cached.token, at < cached.refreshAt else { return nil }
            return token
        }
    }

    /// ``token(for:)`` with the cache key worked out beforehand.
    public func token(for prepared: TokenCredential) async throws(TokenError) -> AccessToken {
        let (credential, key) = (prepared.credential, prepared.key)
        let now = clock.now()
        let step = entries.withLock { entries -> Step in
            // The common case, read-only: a fresh token.
            if let cached = entries[key], let token = cached.token, now < cached.refreshAt { return .use(token) }
            var entry = entries[key] ?? Entry(label: key.label)
            defer { entries[key] = entry }
            if let fetch = entry.fetch { return .wait(fetch) }
            if let failure = entry.failure, now < entry.failureUntil { return .fail(failure) }
            entry.requests += 1
            let fetch = Task { await self.fetch(credential, key: key) }
            entry.fetch = fetch
            return .wait(fetch)
        }
        switch step {
        case .use(let token):
            return token
        case .fail(let error):
            throw error
        case .wait(let fetch):
            return try await fetch.value.get()
        }
    }

    private func fetch(_ credential: OAuth2Credential, key: OAuth2CacheKey) async -> Result<AccessToken, TokenError> {
        let startedAt = clock.now()
        let result = await source.fetch(credential)
        let finishedAt = clock.now()
        entries.withLock { entries in
            var entry = entries[key] ?? Entry(label: key.label)
            entry.fetch = nil
            switch result {
            case .success(let token):
                entry.token = token
                // Counted from the request, not the answer: the endpoint's clock started then at the latest.
                entry.refreshAt = startedAt.advanced(by: RefreshPolicy.useFor(lifetime: token.lifetime))
                entry.failure = nil
            case .failure(.cancelled):
                // The engine is shutting down: nothing to remember about the endpoint.
                break
            case .failure(let error):
                entry.token = nil
                entry.failure = error
                entry.failureUntil = finishedAt.advanced(by: failureHoldoff)
            }
            entries[key] = entry
        }
        return result
    }

    /// Drops `token` after the resource answered 401 to it, so the next ``token(for:)``
    /// fetches a new one. A token that was already replaced is left alone: many integrations
    /// rejected with the same old token cause one new token request, not one each.
    public func invalidate(after401 token: AccessToken) {
        entries.withLock { entries in
            guard var entry = entries[token.cacheKey], let cached = entry.token, cached.isSameToken(as: token) else { return }
            entry.token = nil
            entries[token.cacheKey] = entry
        }
    }

    /// Forgets credentials that are no longer configured (after a reload); fetches in flight finish first.
    public func retain(only credentials: some Sequence<OAuth2Credential>) {
        let kept = Set(credentials.map(\.cacheKey))
        entries.withLock { entries in
            entries = entries.filter { kept.contains($0.key) || $0.value.fetch != nil }
        }
    }

    /// Token requests made for `credential` since the cache was created.
    public func tokenRequests(for credential: OAuth2Credential) -> Int {
        entries.withLock { $0[credential.cacheKey]?.requests ?? 0 }
    }

    /// Every credential's token requests, sorted by label.
    public var requestCounts: [RequestCount] {
        let now = clock.now()
        return entries.withLock { entries in
            entries.values.map { entry in
                RequestCount(credential: entry.label, requests: entry.requests, failure: now < entry.failureUntil ? entry.failure : nil)
            }
        }.sorted { $0.credential < $1.credential }
    }
}
