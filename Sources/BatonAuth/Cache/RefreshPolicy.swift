/// When a cached token is fetched again, before the endpoint's `expires_in` runs out.
public enum RefreshPolicy {
    /// Tokens shorter-lived than this refresh a tenth of their lifetime early instead of a minute.
    public static let shortLifetime: Duration = .seconds(600)
    public static let margin: Duration = .seconds(60)
    /// Assumed when the endpoint does not say (Salesforce's client-credentials answer has no
    /// `expires_in`): an hour, and a 401 fetches a new token earlier if it expires sooner.
    public static let assumedLifetime: Duration = .seconds(3600)

    /// How long after the token request the token is used before a new one is fetched:
    /// 60 s before expiry (3600 s → 3540 s), or a tenth of the lifetime before when it lives
    /// less than 10 minutes (300 s → 270 s).
    public static func useFor(lifetime: Duration?) -> Duration {
        let lifetime = max(lifetime ?? assumedLifetime, .zero)
        if lifetime >= shortLifetime { return lifetime - margin }
        return lifetime - lifetime / 10
    }
}
