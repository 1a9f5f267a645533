import BatonCore
import BatonHTTP

/// Fetches access tokens from token endpoints through the shared ``HTTPEngine``.
///
/// Stateless: every call is one token request. ``TokenCache`` decides when to call.
public struct OAuth2TokenSource: Sendable {
    public let engine: HTTPEngine
    /// The limit for one token request, connecting included.
    public let timeout: Duration
    let clock: AuthClock

    public init(engine: HTTPEngine, timeout: Duration = .seconds(10), clock: AuthClock = .system) {
        self.engine = engine
        self.timeout = timeout
        self.clock = clock
    }

    /// One token request for `credential`, by its grant.
    public func fetch(_ credential: OAuth2Credential) async -> Result<AccessToken, TokenError> {
        let request: HTTPRequest
        do {
            switch credential.grant {
            case .clientCredentials:
                request = try TokenRequest.clientCredentials(credential, timeout: timeout)
            case .jwtBearer:
                request = try TokenRequest.jwtBearer(credential, issuedAt: clock.unixTime(), timeout: timeout)
            }
        } catch {
            return .failure(error)
        }
        switch await engine.perform(request) {
        case .success(let response):
            return TokenResponse.read(response, cacheKey: credential.cacheKey)
        case .failure(let error):
            return .failure(TokenError(error))
        }
    }
}
