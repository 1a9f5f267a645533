/// How a transfer proves who it is; at most one per request.
///
/// Its descriptions never show a secret, so a request can be logged or printed safely.
public indirect enum Authentication: Sendable, Hashable {
    /// HTTP basic authentication, sent with the first request; for `ftp://`, the login.
    case basic(username: String, password: String)
    /// AWS Signature Version 4, computed by libcurl (`CURLOPT_AWS_SIGV4`).
    case awsSigV4(AWSSignature)
    /// An SSH login with a key file, for `sftp://`.
    case ssh(SSHKeyLogin)
}

/// The inputs of an AWS Signature Version 4.
public struct AWSSignature: Sendable, Hashable {
    /// The region in the credential scope, e.g. `eu-west-1`.
    public var region: String
    /// The service in the credential scope, e.g. `s3`.
    public var service: String
    public var accessKeyID: String
    public var secretAccessKey: String

    public init(region: String, service: String, accessKeyID: String, secretAccessKey: String) {
        self.region = region
        self.service = service
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
    }
}

/// An SSH public-key login, and the known_hosts file the server's host key must be in.
public struct SSHKeyLogin: Sendable, Hashable {
    public var username: String
    /// The private key (OpenSSH or PEM format).
    public var privateKeyFile: String
    /// The public key; when nil, libssh2 derives it from the private key.
    public var publicKeyFile: String?
    /// The passphrase of an encrypted private key.
    public var passphrase: String?
    /// The known_hosts file; when nil, the system's (see ``KnownHosts/systemFile()``).
    public var knownHostsFile: String?

    public init(
        username: String,
        privateKeyFile: String,
        publicKeyFile: String? = nil,
        passphrase: String? = nil,
        knownHostsFile: String? = nil
    ) {
        self.username = username
        self.privateKeyFile = privateKeyFile
        self.publicKeyFile = publicKeyFile
        self.passphrase = passphrase
        self.knownHostsFile = knownHostsFile
    }
}

extension Authentication: CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind and the non-secret parts: user names, key id, files.
    public var description: String {
        switch self {
        case .basic(let username, _): "basic(username: \(username), password: (hidden))"
        case .awsSigV4(let signature): "awsSigV4(\(signature))"
        case .ssh(let login): "ssh(\(login))"
        }
    }

    public var debugDescription: String { description }
}

extension AWSSignature: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        "region: \(region), service: \(service), access key id: \(accessKeyID), secret: (hidden)"
    }

    public var debugDescription: String { description }
}

extension SSHKeyLogin: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        var parts = ["username: \(username)", "key_file: \(privateKeyFile)"]
        if let publicKeyFile { parts.append("public key: \(publicKeyFile)") }
        if passphrase != nil { parts.append("passphrase: (hidden)") }
        if let knownHostsFile { parts.append("known_hosts: \(knownHostsFile)") }
        return parts.joined(separator: ", ")
    }

    public var debugDescription: String { description }
}

// Without these, `dump` and mirrors would walk into the stored secrets.
extension Authentication: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: KeyValuePairs<String, Any>()) }
}

extension AWSSignature: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: KeyValuePairs<String, Any>()) }
}

extension SSHKeyLogin: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: KeyValuePairs<String, Any>()) }
}
