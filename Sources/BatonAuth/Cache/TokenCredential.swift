import BatonCore

/// An OAuth2 credential with its cache key worked out once, when the config is loaded.
///
/// ``OAuth2Credential/cacheKey`` builds the key's strings every time it is read; a probe that
/// runs every few seconds asks the cache with this ready-made key instead.
public struct TokenCredential: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    public let credential: OAuth2Credential
    /// `credential.cacheKey`, as it was when this value was made.
    public let key: OAuth2CacheKey

    public init(_ credential: OAuth2Credential) {
        self.credential = credential
        key = credential.cacheKey
    }

    /// The key's redacted label: never a secret.
    public var description: String { key.label }
    public var customMirror: Mirror { Mirror(self, children: ["key": key]) }
}
