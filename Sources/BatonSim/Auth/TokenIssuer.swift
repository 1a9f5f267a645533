import Synchronization
import _CryptoExtras

/// One token request the simulator received, for tests to see what a client sent.
public struct TokenRequestRecord: Codable, Sendable, Equatable {
    /// The path it was sent to (`/oauth2/token`, `/services/oauth2/token`, …).
    public var path: String
    public var method: String
    public var grantType: String?
    /// `basic`, `post`, `assertion` (JWT bearer) or `none`.
    public var clientAuth: String
    /// The client id, or the assertion's `iss`.
    public var clientID: String?
    public var scope: String?
    public var audience: String?
    /// The status it was answered with; 0 when it was never answered (hang, closed).
    public var answeredStatus: Int

    enum CodingKeys: String, CodingKey {
        case path, method, scope, audience
        case grantType = "grant_type"
        case clientAuth = "client_auth"
        case clientID = "client_id"
        case answeredStatus = "answered_status"
    }
}

/// The simulator's authorization server: settings, trusted service accounts, issued tokens.
final class TokenIssuer: Sendable {
    struct Issued {
        var subject: String
        var expiresAt: ContinuousClock.Instant
    }

    struct State {
        var settings: AuthSettings
        var serviceAccounts: [String: _RSA.Signing.PublicKey] = [:]
        var tokens: [String: Issued] = [:]
        var requests: [TokenRequestRecord] = []
    }

    /// Why a bearer token is refused.
    enum Refusal: Error {
        case missing, unknown, expired
    }

    let state: Mutex<State>

    init(settings: AuthSettings) {
        state = Mutex(State(settings: settings))
    }

    var settings: AuthSettings {
        state.withLock { $0.settings }
    }

    func record(_ request: TokenRequestRecord) {
        state.withLock { $0.requests.append(request) }
    }

    var requests: [TokenRequestRecord] {
        state.withLock { $0.requests }
    }

    func trust(clientEmail: String, publicKey: _RSA.Signing.PublicKey) {
        state.withLock { $0.serviceAccounts[clientEmail] = publicKey }
    }

    var serviceAccounts: [String: _RSA.Signing.PublicKey] {
        state.withLock { $0.serviceAccounts }
    }

    /// A new random token for `subject`, valid for the configured lifetime; `prefix` and `suffix` mimic the vendor's look.
    func issue(to subject: String, prefix: String, suffix: String = "") -> (token: String, lifetime: Double) {
        var random = SystemRandomNumberGenerator()
        let token = prefix + (0..<24).map { _ in hex(random.next() as UInt8) }.joined() + suffix
        let now = ContinuousClock.now
        let lifetime = state.withLock { state -> Double in
            state.tokens = state.tokens.filter { $0.value.expiresAt > now }
            let lifetime = state.settings.tokenLifetimeSeconds
            state.tokens[token] = Issued(subject: subject, expiresAt: now.advanced(by: .milliseconds(Int64((lifetime * 1000).rounded()))))
            return lifetime
        }
        return (token, lifetime)
    }

    /// The subject of a valid token, or why it is refused.
    func check(_ token: String?) -> Result<String, Refusal> {
        guard let token, !token.isEmpty else { return .failure(.missing) }
        return state.withLock { state in
            guard let issued = state.tokens[token] else { return .failure(.unknown) }
            guard !state.settings.rejectTokens else { return .failure(.unknown) }
            guard issued.expiresAt > ContinuousClock.now else { return .failure(.expired) }
            return .success(issued.subject)
        }
    }

    /// Makes every token issued so far expired, as if their lifetime had run out.
    func expireAll() {
        let past = ContinuousClock.now.advanced(by: .seconds(-1))
        state.withLock { state in
            for key in state.tokens.keys { state.tokens[key]?.expiresAt = past }
        }
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
