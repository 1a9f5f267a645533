/// How a check proves who it is to the endpoint: `check.auth` in the config, at most one kind.
public indirect enum CheckAuth: Sendable, Equatable {
    /// An OAuth2 access token, fetched and cached per credential (client credentials or JWT bearer).
    case oauth2(OAuth2Credential)
    /// HTTP Basic authentication.
    case basic(username: SecretText, password: SecretText)
    /// AWS Signature Version 4 (S3 and S3-compatible stores).
    case awsSigV4(AWSSigV4Credential)
    /// SSH key authentication for `sftp://`.
    case ssh(SSHCredential)
}

/// The OAuth2 grant used to obtain an access token.
public enum OAuth2Grant: String, Sendable, Equatable, CaseIterable {
    /// RFC 6749 §4.4: the client's own id and secret.
    case clientCredentials = "client_credentials"
    /// RFC 7523: an RS256 assertion signed with a service account's key (Google).
    case jwtBearer = "jwt_bearer"
}

/// How the client id and secret reach the token endpoint (RFC 6749 §2.3.1).
public enum OAuth2ClientAuth: String, Sendable, Equatable, CaseIterable {
    /// HTTP Basic with the form-urlencoded id and secret: the default.
    case basic
    /// `client_id` and `client_secret` in the form body.
    case post
}

/// One OAuth2 credential: where to get a token and with what.
///
/// Every integration whose credential has the same ``cacheKey`` shares one cached token.
public struct OAuth2Credential: Sendable, Equatable {
    public var grant: OAuth2Grant
    /// The token endpoint. For `jwt_bearer` it is also the assertion's `aud` unless ``audience`` is set;
    /// empty means the key file's `token_uri`.
    public var tokenURL: SecretText
    public var clientID: SecretText?
    public var clientSecret: SecretText?
    public var clientAuth: OAuth2ClientAuth
    /// Sent space-separated as `scope` (an assertion claim for `jwt_bearer`).
    public var scopes: [String]
    /// Sent as the `audience` form parameter; for `jwt_bearer` it replaces the token URL as `aud`.
    public var audience: String?
    /// `jwt_bearer` only: path of a Google service-account JSON key file.
    public var keyFile: String?

    public init(
        grant: OAuth2Grant = .clientCredentials,
        tokenURL: SecretText,
        clientID: SecretText? = nil,
        clientSecret: SecretText? = nil,
        clientAuth: OAuth2ClientAuth = .basic,
        scopes: [String] = [],
        audience: String? = nil,
        keyFile: String? = nil
    ) {
        self.grant = grant
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.clientAuth = clientAuth
        self.scopes = scopes
        self.audience = audience
        self.keyFile = keyFile
    }

    /// What identifies the token this credential obtains: grant, token URL, client id (or key
    /// file), scopes and audience. Never the client secret.
    public var cacheKey: OAuth2CacheKey {
        let subject: String
        let shownSubject: String
        switch grant {
        case .clientCredentials:
            subject = clientID?.revealed ?? ""
            shownSubject = "client_id=\(clientID?.redacted ?? "-")"
        case .jwtBearer:
            subject = keyFile ?? ""
            shownSubject = "key_file=\(keyFile ?? "-")"
        }
        return OAuth2CacheKey(
            identity: [grant.rawValue, tokenURL.revealed, subject, audience ?? ""] + scopes,
            shown: [grant.rawValue, tokenURL.redacted, shownSubject],
            scopes: scopes,
            audience: audience
        )
    }
}

/// The key under which a token is cached and counted.
///
/// Compares the revealed values (so two credentials that differ only inside a `${env:…}`
/// reference never share a token) but shows, logs and reflects only the redacted ``label``.
public struct OAuth2CacheKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let identity: [String]
    private let shown: [String]
    private let scopes: [String]
    private let audience: String?

    init(identity: [String], shown: [String], scopes: [String], audience: String?) {
        self.identity = identity
        self.shown = shown
        self.scopes = scopes
        self.audience = audience
    }

    /// `client_credentials https://login.example/oauth2/token client_id=*** scopes=api`: safe to log and to use as a metric label.
    public var label: String {
        var label = shown.joined(separator: " ")
        if !scopes.isEmpty { label += " scopes=\(scopes.joined(separator: ","))" }
        if let audience { label += " audience=\(audience)" }
        return label
    }

    public var description: String { label }
    public var debugDescription: String { "OAuth2CacheKey(\(label))" }
    public var customMirror: Mirror { Mirror(self, children: ["label": label]) }

    public static func == (lhs: OAuth2CacheKey, rhs: OAuth2CacheKey) -> Bool {
        // Bytes, not canonical equivalence: these are protocol values.
        lhs.identity.count == rhs.identity.count
            && zip(lhs.identity, rhs.identity).allSatisfy { $0.utf8.elementsEqual($1.utf8) }
    }

    public func hash(into hasher: inout Hasher) {
        for part in identity {
            hasher.combine(part.utf8.count)
            let hashed: Void? = part.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            if hashed == nil {
                for byte in part.utf8 { hasher.combine(byte) }
            }
        }
    }
}

/// Keys for AWS Signature Version 4.
public struct AWSSigV4Credential: Sendable, Equatable {
    public var region: String
    /// The signing service name: `s3` unless the store says otherwise.
    public var service: String
    public var accessKeyID: SecretText
    public var secretAccessKey: SecretText

    public init(region: String, service: String = "s3", accessKeyID: SecretText, secretAccessKey: SecretText) {
        self.region = region
        self.service = service
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
    }
}

/// An SSH login by key, with the host keys to trust.
public struct SSHCredential: Sendable, Equatable {
    public var username: SecretText
    /// Path of the private key.
    public var keyFile: String
    /// Path of the public key, when libssh2 cannot derive it from the private key.
    public var publicKeyFile: String?
    public var passphrase: SecretText?
    /// Path of a known_hosts file; nil means the system's.
    public var knownHosts: String?

    public init(username: SecretText, keyFile: String, publicKeyFile: String? = nil, passphrase: SecretText? = nil, knownHosts: String? = nil) {
        self.username = username
        self.keyFile = keyFile
        self.publicKeyFile = publicKeyFile
        self.passphrase = passphrase
        self.knownHosts = knownHosts
    }
}
