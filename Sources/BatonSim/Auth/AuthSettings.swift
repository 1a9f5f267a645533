/// How the simulated token endpoints and protected resources behave.
///
/// Encoded with snake_case keys, as `GET /_sim/auth` shows it.
public struct AuthSettings: Codable, Sendable, Equatable {
    /// A failure the token endpoints answer every request with.
    public enum TokenFault: String, Codable, Sendable, CaseIterable {
        case none
        /// Accept the request and never answer.
        case hang
        /// `500 {"error":"server_error"}`.
        case serverError = "server_error"
        /// `200` with an HTML page.
        case notJSON = "not_json"
        /// `200 {"token_type":"Bearer","expires_in":…}` without `access_token`.
        case noAccessToken = "no_access_token"
        /// Close the connection without answering.
        case closeConnection = "close_connection"
    }

    /// Accepted client credentials: client_id → client_secret.
    public var clients: [String: String]
    /// `expires_in` of every issued token; tokens stop working when it runs out.
    public var tokenLifetimeSeconds: Double
    /// The static key HubSpot, Braze, Segment, Klaviyo, Shopify and Meta routes accept.
    public var apiKey: String
    public var fault: TokenFault
    /// When true, protected resources answer 401 to every token, valid or not.
    public var rejectTokens: Bool

    public static let defaultClientID = "baton-sim"
    public static let defaultClientSecret = "baton-sim-secret"
    public static let defaultAPIKey = "baton-sim-api-key"

    public init(
        clients: [String: String] = [AuthSettings.defaultClientID: AuthSettings.defaultClientSecret],
        tokenLifetimeSeconds: Double = 60,
        apiKey: String = AuthSettings.defaultAPIKey,
        fault: TokenFault = .none,
        rejectTokens: Bool = false
    ) {
        self.clients = clients
        self.tokenLifetimeSeconds = tokenLifetimeSeconds
        self.apiKey = apiKey
        self.fault = fault
        self.rejectTokens = rejectTokens
    }

    enum CodingKeys: String, CodingKey {
        case clients, fault
        case tokenLifetimeSeconds = "token_lifetime_seconds"
        case apiKey = "api_key"
        case rejectTokens = "reject_tokens"
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        try AuthPatch(from: decoder).apply(to: &self)
    }
}

/// A partial change to ``AuthSettings``, from the control API or a scenario's `auth:`.
///
/// ```yaml
/// auth:
///   token_lifetime: 60s                       # or token_lifetime_seconds: 60
///   clients: { sfdc-client: sfdc-secret }
///   api_key: hubspot-demo-key
///   fault: none                               # hang, server_error, not_json, no_access_token, close_connection
///   reject_tokens: false
///   service_account_keys: [ keys/ga4-sa.json ] # scenario only: trust these keys' public halves
/// ```
public struct AuthPatch: Decodable, Sendable, Equatable {
    public var clients: [String: String]?
    public var tokenLifetimeSeconds: Double?
    public var apiKey: String?
    public var fault: AuthSettings.TokenFault?
    public var rejectTokens: Bool?
    /// Service-account key files whose public keys the JWT-bearer endpoint trusts.
    public var serviceAccountKeys: [String]

    public init(
        clients: [String: String]? = nil,
        tokenLifetimeSeconds: Double? = nil,
        apiKey: String? = nil,
        fault: AuthSettings.TokenFault? = nil,
        rejectTokens: Bool? = nil,
        serviceAccountKeys: [String] = []
    ) {
        self.clients = clients
        self.tokenLifetimeSeconds = tokenLifetimeSeconds
        self.apiKey = apiKey
        self.fault = fault
        self.rejectTokens = rejectTokens
        self.serviceAccountKeys = serviceAccountKeys
    }

    static let knownKeys: Set<String> = [
        "clients", "token_lifetime_seconds", "token_lifetime", "api_key", "fault", "reject_tokens", "service_account_keys",
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let unknown = container.allKeys.map(\.stringValue).filter { !Self.knownKeys.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown auth field\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")); known: \(Self.knownKeys.sorted().joined(separator: ", "))"
            ))
        }
        clients = try container.decodeIfPresent([String: String].self, forKey: "clients")
        if let seconds = try container.decodeDurationIfPresent("token_lifetime_seconds") ?? container.decodeDurationIfPresent("token_lifetime") {
            guard let seconds, seconds >= 0 else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "token_lifetime must be a duration of zero or more"))
            }
            tokenLifetimeSeconds = seconds
        }
        apiKey = try container.decodeIfPresent(String.self, forKey: "api_key")
        fault = try container.decodeIfPresent(AuthSettings.TokenFault.self, forKey: "fault")
        rejectTokens = try container.decodeIfPresent(Bool.self, forKey: "reject_tokens")
        serviceAccountKeys = try container.decodeIfPresent([String].self, forKey: "service_account_keys") ?? []
    }

    public func apply(to settings: inout AuthSettings) {
        if let clients { settings.clients = clients }
        if let tokenLifetimeSeconds { settings.tokenLifetimeSeconds = tokenLifetimeSeconds }
        if let apiKey { settings.apiKey = apiKey }
        if let fault { settings.fault = fault }
        if let rejectTokens { settings.rejectTokens = rejectTokens }
    }
}

extension AuthSettings.TokenFault {
    /// Accepts the Swift spelling too (`serverError`).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let fault = Self.allCases.first(where: { $0.rawValue == text || "\($0)" == text }) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown token fault \(text.debugDescription); expected one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))"
            ))
        }
        self = fault
    }
}
