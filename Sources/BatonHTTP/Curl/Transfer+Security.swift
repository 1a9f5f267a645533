import CCurl

#if canImport(Glibc)
import Glibc
#endif

extension Transfer {
    func setTLS(_ tls: TLSOptions, target: TransferTarget) throws(TransferSetupError) {
        if let caFile = tls.caFile {
            try requireReadable(caFile, kind: .tls, what: "TLS CA file")
            try set(CURLOPT_CAINFO, string: caFile)
            // Debian's libcurl also trusts /etc/ssl/certs by default; a private CA replaces both.
            try check(baton_easy_setopt_null_string(easy, CURLOPT_CAPATH), CURLOPT_CAPATH)
        }
        if let certificate = tls.clientCertificateFile {
            try requireReadable(certificate, kind: .tls, what: "TLS client certificate")
            try set(CURLOPT_SSLCERT, string: certificate)
            try set(CURLOPT_SSLCERTTYPE, string: "PEM")
        }
        if let key = tls.clientKeyFile {
            try requireReadable(key, kind: .tls, what: "TLS client key")
            try set(CURLOPT_SSLKEY, string: key)
            try set(CURLOPT_SSLKEYTYPE, string: "PEM")
        }
        if let passphrase = tls.clientKeyPassphrase {
            try set(CURLOPT_KEYPASSWD, string: passphrase)
        }
        if target.kind == .ftp && (tls.required || target.requiresTLS) {
            try set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        }
        if tls.captureCertificate {
            try set(CURLOPT_CERTINFO, 1)
        }
    }

    func setAuthentication(_ authentication: Authentication?, target: TransferTarget) throws(TransferSetupError) {
        switch authentication {
        case nil:
            return
        case .basic(let username, let password):
            try set(CURLOPT_USERNAME, string: username)
            try set(CURLOPT_PASSWORD, string: password)
            if target.kind == .http {
                // Basic alone makes libcurl send the credentials with the first request.
                try set(CURLOPT_HTTPAUTH, baton_curlauth_basic())
            }
        case .awsSigV4(let signature):
            guard target.kind == .http else {
                throw TransferSetupError(message: "AWS signatures need an http or https URL, not \(target.scheme)")
            }
            for (name, value) in [("region", signature.region), ("service", signature.service)] {
                guard !value.isEmpty, !value.contains(":") else {
                    throw TransferSetupError(message: "AWS signature \(name) \(value.debugDescription) is not valid")
                }
            }
            try set(CURLOPT_AWS_SIGV4, string: "aws:amz:\(signature.region):\(signature.service)")
            // USERNAME/PASSWORD rather than USERPWD: a secret may contain a colon.
            try set(CURLOPT_USERNAME, string: signature.accessKeyID)
            try set(CURLOPT_PASSWORD, string: signature.secretAccessKey)
        case .ssh(let login):
            guard target.kind == .sftp else {
                throw TransferSetupError(message: "an SSH key login needs an sftp URL, not \(target.scheme)")
            }
            try requireReadable(login.privateKeyFile, kind: .loginDenied, what: "SSH key file")
            try set(CURLOPT_USERNAME, string: login.username)
            try set(CURLOPT_SSH_AUTH_TYPES, baton_curlssh_auth_publickey())
            try set(CURLOPT_SSH_PRIVATE_KEYFILE, string: login.privateKeyFile)
            if let publicKey = login.publicKeyFile {
                try requireReadable(publicKey, kind: .loginDenied, what: "SSH public key file")
            }
            // Unset, libcurl 7.88 would look for ~/.ssh/id_dsa.pub; empty lets libssh2 derive it.
            try set(CURLOPT_SSH_PUBLIC_KEYFILE, string: login.publicKeyFile ?? "")
            if let passphrase = login.passphrase {
                try set(CURLOPT_KEYPASSWD, string: passphrase)
            }
        }
    }

    /// Every sftp transfer checks the host key, whatever its login: against the login's
    /// known_hosts file, else the system's, and never trusting a key on first use.
    func setHostKeyCheck(_ authentication: Authentication?) throws(TransferSetupError) {
        guard let knownHosts = KnownHosts.file(for: authentication) else {
            let tried = KnownHosts.candidates.joined(separator: " or ")
            throw TransferSetupError(kind: .hostKeyRejected, message: "no known_hosts file to check the SFTP host key against (none configured, no \(tried))")
        }
        try requireReadable(knownHosts, kind: .hostKeyRejected, what: "known_hosts file")
        knownHostsFile = knownHosts
        try set(CURLOPT_SSH_KNOWNHOSTS, string: knownHosts)
        try check(baton_easy_setopt_sshkey_callback(easy, transferHostKeyCallback), CURLOPT_SSH_KEYFUNCTION)
        try set(CURLOPT_SSH_KEYDATA, pointer: opaque)
        // libssh2's reason for a refused key ("Username/PublicKey combination invalid", a bad
        // passphrase, an unreadable key format) only reaches libcurl's verbose lines.
        try set(CURLOPT_VERBOSE, 1)
        try check(baton_easy_setopt_debug_callback(easy, transferDebugCallback), CURLOPT_DEBUGFUNCTION)
        try set(CURLOPT_DEBUGDATA, pointer: opaque)
    }

    /// S3 refuses a signed request without `x-amz-content-sha256`, which libcurl 7.88 does not add;
    /// it does sign the header and use its value as the payload hash.
    func signingHeaders(_ request: HTTPRequest) -> [HTTPRequest.Header] {
        guard case .awsSigV4(let signature) = request.authentication, signature.service.lowercased() == "s3",
              !request.headers.contains(where: { $0.name.lowercased() == "x-amz-content-sha256" })
        else { return [] }
        return [HTTPRequest.Header(name: "x-amz-content-sha256", value: "UNSIGNED-PAYLOAD")]
    }

    private func requireReadable(_ path: String, kind: TransferError.Kind, what: String) throws(TransferSetupError) {
        guard access(path, R_OK) != 0 else { return }
        let reason: String
        switch errno {
        case ENOENT: reason = "no such file"
        case EACCES, EPERM: reason = "permission denied"
        default: reason = String(cString: strerror(errno))
        }
        throw TransferSetupError(kind: kind, message: "\(what) \(path) cannot be read (\(reason))")
    }
}
