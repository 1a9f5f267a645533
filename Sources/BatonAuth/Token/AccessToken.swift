import BatonCore
import BatonHTTP

/// An OAuth2 access token as a token endpoint issued it.
///
/// The value never appears in `description`, `debugDescription` or `dump`: only
/// ``authorizationHeader`` and ``revealedValue`` hand it out, for the wire.
public struct AccessToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let value: Concealed
    /// `token_type` as answered (`Bearer`, `bearer`); nil when the answer had none.
    public let tokenType: String?
    /// `expires_in` as answered; nil when the answer did not say.
    public let lifetime: Duration?
    /// The credential this token was issued for, so a 401 can invalidate the right cache entry.
    public let cacheKey: OAuth2CacheKey
    /// `Authorization: Bearer …` (RFC 6750 §2.1), whatever case the endpoint wrote `token_type` in.
    /// Built once per token: every probe that uses the token sends this same value.
    public let authorizationHeader: HTTPRequest.Header

    init(value: String, tokenType: String?, lifetime: Duration?, cacheKey: OAuth2CacheKey) {
        self.value = Concealed(value)
        self.tokenType = tokenType
        self.lifetime = lifetime
        self.cacheKey = cacheKey
        authorizationHeader = HTTPRequest.Header(name: "Authorization", value: "Bearer " + value)
    }

    /// The token itself, for APIs that want it somewhere else than the `Authorization` header.
    public var revealedValue: String { value.revealed }

    /// Whether both are the same token (compared byte for byte).
    public func isSameToken(as other: AccessToken) -> Bool {
        cacheKey == other.cacheKey && value.matches(other.value)
    }

    public var description: String {
        "access token (\(tokenType ?? "no type")\(lifetime.map { ", expires in \($0.components.seconds)s" } ?? ""))"
    }

    public var debugDescription: String { "AccessToken(\(description), \(cacheKey.label))" }
    public var customMirror: Mirror {
        Mirror(self, children: ["tokenType": tokenType as Any, "lifetime": lifetime as Any, "cacheKey": cacheKey])
    }
}
