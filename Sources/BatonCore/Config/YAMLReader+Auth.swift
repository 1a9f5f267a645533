/// The kinds `check.auth` can name, as written.
enum AuthKind: String, CaseIterable {
    case oauth2, basic
    case awsSigV4 = "aws_sigv4"
    case ssh
}

/// `auth:` as written: its kind and where it was named, even when the kind's settings had
/// errors, so the rules between `auth` and the URL are still checked.
struct AuthDraft {
    var kind: AuthKind
    var keyNode: YAMLNode
    var auth: CheckAuth?
}

extension YAMLReader {
    static let oauth2Keys = ["grant", "token_url", "client_id", "client_secret", "client_auth", "scopes", "audience", "key_file"]
    static let basicAuthKeys = ["username", "password"]
    static let awsSigV4Keys = ["region", "service", "access_key_id", "secret_access_key"]
    static let sshKeys = ["username", "key_file", "public_key_file", "passphrase", "known_hosts"]

    /// `auth:`: exactly one of `oauth2`, `basic`, `aws_sigv4` and `ssh`.
    func checkAuth(_ node: YAMLNode) -> AuthDraft? {
        let kinds = AuthKind.allCases.map(\.rawValue)
        guard let map = mapping(node, "`auth`", allowed: kinds) else { return nil }
        guard let first = map.entries.first, let kind = AuthKind(rawValue: first.key) else {
            // Unknown kinds have been reported with a suggestion; an empty `auth` has not.
            if case .mapping(let written) = node, written.count > 0 { return nil }
            diagnostics.report("`auth` needs one of oauth2, basic, aws_sigv4 or ssh", at: map.location)
            return nil
        }
        for extra in map.entries.dropFirst() {
            report("\(extra.key): `auth` takes one kind; `\(first.key)` is already given", at: extra.keyNode)
        }
        let what = "`\(first.key)`"
        let auth: CheckAuth?
        switch kind {
        case .oauth2: auth = oauth2(first.value).map(CheckAuth.oauth2)
        case .basic: auth = basicAuth(first.value, what)
        case .awsSigV4: auth = awsSigV4(first.value, what).map(CheckAuth.awsSigV4)
        case .ssh: auth = ssh(first.value, what).map(CheckAuth.ssh)
        }
        return AuthDraft(kind: kind, keyNode: first.keyNode, auth: map.entries.count == 1 ? auth : nil)
    }

    /// `oauth2:` for `client_credentials` (the default) or `jwt_bearer`.
    private func oauth2(_ node: YAMLNode) -> OAuth2Credential? {
        let what = "`oauth2`"
        guard let map = mapping(node, what, allowed: Self.oauth2Keys) else { return nil }
        let before = diagnostics.errors.count
        var grant: OAuth2Grant? = .clientCredentials
        if let value = map["grant"], let text = string(value, "grant") {
            grant = OAuth2Grant(rawValue: text)
            if grant == nil {
                let known = OAuth2Grant.allCases.map(\.rawValue)
                report("grant: unknown grant `\(text)`; expected client_credentials or jwt_bearer\(DidYouMean.hint(for: text, among: known))", at: value)
            }
        }
        var tokenURL = SecretText(literal: "")
        // jwt_bearer may leave the token URL to the key file's `token_uri`.
        let tokenNode = grant == .clientCredentials ? required("token_url", in: map, what) : map["token_url"]
        if let tokenNode, let text = text(tokenNode, "token_url") {
            if HTTPURLCheck.isValid(text.revealed) {
                tokenURL = text
            } else {
                report(HTTPURLCheck.problem("token_url", written: tokenNode.scalar?.string ?? text.redacted), at: tokenNode)
            }
        }
        var clientID: SecretText?
        var clientSecret: SecretText?
        var clientAuth = OAuth2ClientAuth.basic
        var keyFile: String?
        switch grant {
        case .clientCredentials?:
            clientID = required("client_id", in: map, what).flatMap { text($0, "client_id") }
            clientSecret = required("client_secret", in: map, what).flatMap { text($0, "client_secret") }
            if let value = map["client_auth"], let text = string(value, "client_auth") {
                if let parsed = OAuth2ClientAuth(rawValue: text) {
                    clientAuth = parsed
                } else {
                    report("client_auth: unknown client_auth `\(text)`; expected basic or post", at: value)
                }
            }
            if let entry = map.entry("key_file") {
                report("key_file: only a jwt_bearer grant signs with a key file; client_credentials sends client_id and client_secret", at: entry.keyNode)
            }
        case .jwtBearer?:
            for key in ["client_id", "client_secret", "client_auth"] {
                if let entry = map.entry(key) {
                    report("\(key): a jwt_bearer grant signs with `key_file` and takes no \(key)", at: entry.keyNode)
                }
            }
            keyFile = required("key_file", in: map, what).flatMap { readableFile($0, "key_file") }
        case nil:
            break
        }
        let scopes = map["scopes"].map { names($0, "scopes") } ?? []
        for scope in scopes where scope.value.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "\\" }) {
            diagnostics.report("scopes: `\(scope.value)` is not one scope; list each scope separately", at: scope.location)
        }
        let audience = map["audience"].flatMap { name($0, "audience") }?.value
        guard diagnostics.errors.count == before, let grant else { return nil }
        return OAuth2Credential(
            grant: grant, tokenURL: tokenURL, clientID: clientID, clientSecret: clientSecret, clientAuth: clientAuth,
            scopes: scopes.map(\.value), audience: audience, keyFile: keyFile
        )
    }

    /// `basic:`: a user name and a password (`""` for none).
    private func basicAuth(_ node: YAMLNode, _ what: String) -> CheckAuth? {
        guard let map = mapping(node, what, allowed: Self.basicAuthKeys) else { return nil }
        let before = diagnostics.errors.count
        let usernameNode = required("username", in: map, what)
        let username = usernameNode.flatMap { text($0, "username") }
        if let usernameNode, let username, username.revealed.contains(":") {
            // RFC 7617: the first colon ends the user name.
            report("username: a basic-auth user name cannot contain `:`", at: usernameNode)
        }
        let password = required("password", in: map, what).flatMap { text($0, "password") }
        guard diagnostics.errors.count == before, let username, let password else { return nil }
        return .basic(username: username, password: password)
    }

    /// `aws_sigv4:`: the region and keys to sign with; the service is `s3` unless given.
    private func awsSigV4(_ node: YAMLNode, _ what: String) -> AWSSigV4Credential? {
        guard let map = mapping(node, what, allowed: Self.awsSigV4Keys) else { return nil }
        let before = diagnostics.errors.count
        let region = required("region", in: map, what).flatMap { signingName($0, "region", "an AWS region like eu-west-1") }
        var service: String? = "s3"
        if let value = map["service"] { service = signingName(value, "service", "a signing service name like s3") }
        let keyNode = required("access_key_id", in: map, what)
        let accessKeyID = keyNode.flatMap { text($0, "access_key_id") }
        if let keyNode, let accessKeyID, accessKeyID.revealed.contains(":") {
            // libcurl passes the keys as `id:secret`.
            report("access_key_id: an access key id cannot contain `:`", at: keyNode)
        }
        let secret = required("secret_access_key", in: map, what).flatMap { text($0, "secret_access_key") }
        guard diagnostics.errors.count == before, let region, let service, let accessKeyID, let secret else { return nil }
        return AWSSigV4Credential(region: region, service: service, accessKeyID: accessKeyID, secretAccessKey: secret)
    }

    /// A region or service name: it becomes part of libcurl's `aws:amz:REGION:SERVICE`, so only `[a-z0-9-]`.
    private func signingName(_ node: YAMLNode, _ key: String, _ expected: String) -> String? {
        guard let text = string(node, key) else { return nil }
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }) else {
            report("\(key): expected \(expected), found \(describe(node))", at: node)
            return nil
        }
        return text
    }

    /// `ssh:`: a user name and a key file; host keys from `known_hosts` or the system's.
    private func ssh(_ node: YAMLNode, _ what: String) -> SSHCredential? {
        guard let map = mapping(node, what, allowed: Self.sshKeys) else { return nil }
        let before = diagnostics.errors.count
        let username = required("username", in: map, what).flatMap { text($0, "username") }
        let keyFile = required("key_file", in: map, what).flatMap { readableFile($0, "key_file") }
        let publicKeyFile = map["public_key_file"].flatMap { readableFile($0, "public_key_file") }
        let passphrase = map["passphrase"].flatMap { text($0, "passphrase") }
        let knownHosts = map["known_hosts"].flatMap { readableFile($0, "known_hosts") }
        guard diagnostics.errors.count == before, let username, let keyFile else { return nil }
        return SSHCredential(username: username, keyFile: keyFile, publicKeyFile: publicKeyFile, passphrase: passphrase, knownHosts: knownHosts)
    }
}
